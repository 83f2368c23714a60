import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { GridSheet } from '../../shared/import/grid';
import { resolveLimits } from '../../electron/read/limits';
import { CellBudget } from '../../electron/read/sheet-builder';
import { readXlsxDirect } from '../../electron/read/xlsx-direct';
import { packageEntries } from '../../electron/read/zip-package';
import { readXlsxWithExcelJS } from '../../electron/read/xlsx-exceljs';
import { inspectZip } from '../../electron/read/zip-guard';

/** One file read by the direct reader and by exceljs, for the tests that hold them equal. */

const limits = resolveLimits();

/** Plain data, as a deep comparison should see it (sparse rows become explicit nulls). */
export function plain(sheets: GridSheet[]): unknown {
  return JSON.parse(JSON.stringify(sheets));
}

export type Comparison =
  | { outcome: 'refused' | 'not-xlsx' | 'left-to-sheetjs' | 'null' }
  | { outcome: 'exceljs-failed'; error: string }
  | { outcome: 'compared'; direct: unknown; exceljs: unknown };

export async function compare(name: string, bytes: Uint8Array): Promise<Comparison> {
  let report;
  try {
    report = inspectZip(bytes, name, limits);
  } catch {
    return { outcome: 'refused' };
  }
  if (report.kind !== 'xlsx') return { outcome: 'not-xlsx' };
  // read-grid.ts never asks exceljs (nor the direct reader) about these.
  if (report.backslashNames || report.mergeCount > 2000 || report.largestMergeArea > 100_000) {
    return { outcome: 'left-to-sheetjs' };
  }
  const direct = readXlsxDirect(report, new CellBudget(name, limits.maxCells));
  if (direct === null) return { outcome: 'null' };
  try {
    const exceljs = await readXlsxWithExcelJS(packageEntries(report), bytes, new CellBudget(name, limits.maxCells));
    return { outcome: 'compared', direct: plain(direct), exceljs: plain(exceljs) };
  } catch (error) {
    return { outcome: 'exceljs-failed', error: String(error) };
  }
}

export function spreadsheetsUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...spreadsheetsUnder(full));
    else if (/\.xls[xm]$/i.test(entry)) found.push(full);
  }
  return found.sort();
}
