import type { FileBytes } from '../../shared/api/contract';

/** Files dropped on the window, read as name and bytes (the page never sees a path). */
export async function readDroppedFiles(list: FileList): Promise<FileBytes[]> {
  return Promise.all([...list].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
}

/**
 * Files dropped anywhere on the window go to 导入报表. Without this, a file dropped outside a drop
 * zone would make the browser (or Electron) navigate to it.
 */
export function listenForDroppedFiles(target: Window, onFiles: (files: FileBytes[]) => void): () => void {
  const onDragOver = (event: DragEvent) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const files = event.dataTransfer?.files;
    if (files && files.length > 0) void readDroppedFiles(files).then(onFiles);
  };
  target.addEventListener('dragover', onDragOver);
  target.addEventListener('drop', onDrop);
  return () => {
    target.removeEventListener('dragover', onDragOver);
    target.removeEventListener('drop', onDrop);
  };
}
