import type { ZipReport } from './zip-guard';

/**
 * A package's entries as the zip guard inflated them, in the archive's order: what a library
 * reader that falls back from ours (exceljs, SheetJS) is handed instead of the file, so that an
 * .xlsx or .ods is unzipped once, by the guard, whichever reader ends up reading it.
 */
export interface PackageEntry {
  /** The entry's path with '/' separators; `rawName` as the archive writes it. */
  name: string;
  rawName: string;
  /** The decoded text of an XML part, null for any other entry. */
  text: string | null;
  /** The entry's content; XML parts as UTF-8. */
  bytes(): Uint8Array;
}

const encoder = new TextEncoder();

export function packageEntries(report: ZipReport): PackageEntry[] {
  const entries: PackageEntry[] = [];
  for (const entry of report.entries) {
    const text = report.parts.get(entry.name);
    const binary = report.binaries.get(entry.name);
    if (text !== undefined) entries.push({ name: entry.name, rawName: entry.rawName, text, bytes: () => encoder.encode(text) });
    else if (binary !== undefined) entries.push({ name: entry.name, rawName: entry.rawName, text: null, bytes: () => binary });
  }
  return entries;
}
