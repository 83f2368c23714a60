import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadExcelJS } from './load-exceljs';
import type { CellValue } from '../../shared/import/grid';
import type { GridSheet } from '../../shared/import/grid';
import { CellBudget, SheetBuilder, isoFromUtc } from './sheet-builder';
import type { PackageEntry } from './zip-package';

/**
 * .xlsx/.xlsm through exceljs. exceljs hands back a cell's value in several shapes (number,
 * string, Date, rich text, formula with cached result, shared formula, error, hyperlink) and
 * leaves number formats unapplied; both are reduced here to the neutral CellValue, keeping the
 * format string as written.
 */

interface ReducedValue {
  value: CellValue;
  formula: boolean;
}

const EMPTY: CellValue = { kind: 'empty' };

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) {
    const runs = (value as ExcelJS.CellRichTextValue).richText ?? [];
    return runs.map((run) => run.text ?? '').join('');
  }
  return value == null ? '' : String(value);
}

/** A plain (non-formula) value or a formula's cached result. */
function reducePlain(value: unknown): CellValue {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : EMPTY;
  if (typeof value === 'string') return { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? EMPTY : { kind: 'date', value: isoFromUtc(value) };
  }
  if (typeof value === 'object') {
    if ('error' in value) return { kind: 'error', value: String((value as ExcelJS.CellErrorValue).error) };
    if ('richText' in value) return { kind: 'text', value: textOf(value) };
    // A hyperlink's display text may itself be rich text.
    if ('hyperlink' in value || 'text' in value) {
      return { kind: 'text', value: textOf((value as { text?: unknown }).text) };
    }
  }
  return EMPTY;
}

/**
 * A cell's value as read: a formula's cached result, or the plain value. `cached` is the cell
 * model's result: exceljs's formula value copies only truthy fields, so a formula whose cached
 * result is 0 or FALSE has none there (exceljs issue #2943) while its model keeps it.
 */
export function reduceExcelValue(value: ExcelJS.CellValue, cached?: unknown): ReducedValue {
  if (value && typeof value === 'object' && !(value instanceof Date) &&
      ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as ExcelJS.CellFormulaValue).result ?? cached;
    return { value: reducePlain(result as ExcelJS.CellFormulaValue['result']), formula: true };
  }
  return { value: reducePlain(value), formula: false };
}

interface MergeModel {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** exceljs keeps merges in a private map; its public `model` getter would rebuild every row. */
function mergesOf(worksheet: ExcelJS.Worksheet): MergeModel[] {
  const merges = (worksheet as unknown as { _merges?: Record<string, { model: MergeModel }> })._merges;
  return Object.values(merges ?? {}).map((range) => range.model);
}

function readSheet(worksheet: ExcelJS.Worksheet, budget: CellBudget, mergeType: ExcelJS.ValueType): GridSheet {
  const state = worksheet.state === 'hidden' || worksheet.state === 'veryHidden' ? worksheet.state : 'visible';
  const sheet = new SheetBuilder(worksheet.name, state, budget);
  worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (row.hidden) sheet.hideRow(rowNumber - 1);
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // A merged range's value sits on its master; the others only point at it.
      if (cell.type === mergeType) return;
      const { value, formula } = reduceExcelValue(cell.value, (cell.model as { result?: unknown }).result);
      const format = typeof cell.numFmt === 'string' ? cell.numFmt : '';
      sheet.addCell(rowNumber - 1, colNumber - 1, value, format, formula);
    });
  });
  for (const column of worksheet.columns ?? []) {
    if (column.hidden && column.number) sheet.hideCol(column.number - 1);
  }
  for (const m of mergesOf(worksheet)) {
    sheet.addMerge({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  }
  return sheet.build();
}

/**
 * exceljs opens the package itself (JSZip.loadAsync in its workbook.xlsx.load) and inflates
 * each entry again. Handed a key it was prepared for, the loader gives back the entries the zip
 * guard already inflated instead, shaped as exceljs reads a JSZip archive: `files` in archive
 * order, each with `name`, `dir` and `async('string' | 'nodebuffer')`. Any other buffer goes to
 * JSZip as before. Keyed by the buffer, so reads on one thread never meet.
 */
const prepared = new WeakMap<object, { files: Record<string, JSZipEntry> }>();
let loaderWrapped = false;

interface JSZipEntry {
  name: string;
  dir: false;
  async(type: string): Promise<string | Buffer>;
}

function wrapLoader(): void {
  if (loaderWrapped) return;
  loaderWrapped = true;
  const zip = JSZip as unknown as { loadAsync(data: unknown, options?: unknown): Promise<unknown> };
  const load = zip.loadAsync.bind(JSZip);
  zip.loadAsync = (data, options) => {
    const entries = typeof data === 'object' && data !== null ? prepared.get(data) : undefined;
    return entries ? Promise.resolve(entries) : load(data, options);
  };
}

function archiveOf(entries: readonly PackageEntry[]): { files: Record<string, JSZipEntry> } {
  const files: Record<string, JSZipEntry> = {};
  for (const entry of entries) {
    files[entry.rawName] = {
      name: entry.rawName,
      dir: false,
      async: (type) => {
        const bytes = entry.bytes();
        return Promise.resolve(type === 'string' && entry.text !== null ? entry.text : type === 'string' ? new TextDecoder().decode(bytes) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
    };
  }
  return { files };
}

/**
 * Reads every worksheet (chart sheets have no cells and are left out by exceljs) from the entries
 * the zip guard inflated (zip-package.ts). `key` is the file's bytes: should exceljs reach JSZip
 * by another way than the one prepared (a bundle holding two copies of it), it reads the file.
 */
export async function readXlsxWithExcelJS(
  entries: readonly PackageEntry[],
  key: Uint8Array,
  budget: CellBudget,
): Promise<GridSheet[]> {
  const excel = await loadExcelJS();
  wrapLoader();
  const workbook = new excel.Workbook();
  // exceljs declares its own `Buffer` (an ArrayBuffer); a Node Buffer is what it really reads.
  const data = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  prepared.set(data, archiveOf(entries));
  try {
    await workbook.xlsx.load(data as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } finally {
    prepared.delete(data);
  }
  return workbook.worksheets.map((worksheet) => readSheet(worksheet, budget, excel.ValueType.Merge));
}
