import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** 文件 → 最近打开 shows this many. */
export const RECENT_LIMIT = 10;

export function readRecentWorkbooks(file: string): string[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string').slice(0, RECENT_LIMIT) : [];
  } catch {
    return [];
  }
}

/** The opened workbook first; an earlier entry for the same file is dropped. */
export function rememberRecentWorkbook(list: readonly string[], opened: string, sameFile: (a: string, b: string) => boolean): string[] {
  return [opened, ...list.filter((entry) => !sameFile(entry, opened))].slice(0, RECENT_LIMIT);
}

export function writeRecentWorkbooks(file: string, list: readonly string[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(list, null, 2));
}
