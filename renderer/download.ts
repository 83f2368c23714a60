import type { FileBytes } from '../shared/api/contract';

const MIME_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * Saves a file the API returned through the browser's own download (a Blob URL on an
 * `<a download>`): the page never writes to disk itself, in Electron or in browser mode.
 */
export function downloadFile(file: FileBytes): void {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  // A copy: the Blob must own bytes that no later transfer can detach.
  const blob = new Blob([file.bytes.slice()], { type: MIME_TYPES[extension] ?? 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has handed the URL to the download manager.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Files chosen in an `<input type=file>` or dropped on a zone, read as name and bytes. */
export async function readChosenFiles(list: FileList | null): Promise<FileBytes[]> {
  if (!list) return [];
  return Promise.all([...list].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}
