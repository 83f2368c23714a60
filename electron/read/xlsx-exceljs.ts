import type ExcelJS from 'exceljs';
import { loadExcelJS } from './load-exceljs';
import type { CellValue } from '../../shared/import/grid';
import type { GridSheet } from '../../shared/import/grid';
import { CellBudget, SheetBuilder, isoFromUtc } from './sheet-builder';

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

export function reduceExcelValue(value: ExcelJS.CellValue): ReducedValue {
  if (value && typeof value === 'object' && !(value instanceof Date) &&
      ('formula' in value || 'sharedFormula' in value)) {
    return { value: reducePlain((value as ExcelJS.CellFormulaValue).result), formula: true };
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
      const { value, formula } = reduceExcelValue(cell.value);
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

/** Reads every worksheet (chart sheets have no cells and are left out by exceljs). */
export async function readXlsxWithExcelJS(
  bytes: Uint8Array,
  budget: CellBudget,
): Promise<GridSheet[]> {
  const excel = await loadExcelJS();
  const workbook = new excel.Workbook();
  // exceljs declares its own `Buffer` (an ArrayBuffer); a Node Buffer is what it really reads.
  const data = Buffer.from(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0];
  await workbook.xlsx.load(data);
  return workbook.worksheets.map((worksheet) => readSheet(worksheet, budget, excel.ValueType.Merge));
}
