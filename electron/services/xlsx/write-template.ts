import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../read/load-exceljs';
import { printDecimals } from '../../../shared/format/figures';
import { TEMPLATE_CODE_HEADERS, TEMPLATE_KEY_SHEET } from '../../../shared/import/template-key';
import { templateKeyRows, type TemplatePlan, type TemplateRow } from '../../../shared/tables/template-plan';
import { NO_DATA, yearLabel } from '../../../shared/tables/table-layout';
import { numberFormat } from './write-table';
import { distinctFileNames, safeFileName } from '../export-tables';

/**
 * A return template as .xlsx (DESIGN "Template key"): title, 填报单位 and contact lines, one row
 * per indicator with its code in a hidden 指标编码 column, and a veryHidden `_taizhang` sheet
 * holding the key. The data sheet is protected without a password so that a bureau does not
 * overwrite names by accident; the import never relies on it (rows are matched by code).
 */

/** 1-based columns of the data sheet. */
export const TEMPLATE_COLUMNS = {
  seq: 1,
  code: 2,
  area: 3,
  category: 4,
  name: 5,
  unit: 6,
  baseline: 7,
  target: 8,
  previous: 9,
  value: 10,
  note: 11,
} as const;

/** 1-based rows of the fixed parts. */
export const TEMPLATE_ROWS = { title: 1, bureau: 2, contacts: 3, header: 5, firstData: 6 } as const;

const WIDTHS = [6, 10, 14, 8, 36, 9, 12, 12, 14, 16, 26];
const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10.5, charset: 134 };
const HEADER_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 10.5, charset: 134 };
const TITLE_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 16, charset: 134 };
const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

/**
 * The file names of a batch of templates: year, region, bureau and subject, made safe for every
 * file system and distinct from one another, so that no template overwrites another of the
 * batch (regions `a/b` and `a:b` used to become one `a_b`).
 */
export function templateFileNames(plans: readonly Pick<TemplatePlan, 'year' | 'region' | 'bureau'>[], subject: string): string[] {
  return distinctFileNames(plans.map((plan) => safeFileName(`${yearLabel(plan.year)}_${plan.region}_${plan.bureau}_${subject}报表`, 'xlsx')));
}

export function templateHeaders(plan: Pick<TemplatePlan, 'year' | 'baseYear' | 'targetYear'>): string[] {
  return [
    '序号',
    TEMPLATE_CODE_HEADERS[0],
    '领域',
    '类别',
    '指标名称',
    '计量单位',
    `基期值（${yearLabel(plan.baseYear)}）`,
    `目标值（${yearLabel(plan.targetYear)}）`,
    `上年值（${yearLabel(plan.year - 1)}）`,
    `${yearLabel(plan.year)}完成值`,
    '备注',
  ];
}

export async function writeTemplate(plan: TemplatePlan): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  const sheet = workbook.addWorksheet(plan.sheetName, {
    views: [{ state: 'frozen', xSplit: TEMPLATE_COLUMNS.name, ySplit: TEMPLATE_ROWS.header }],
  });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  sheet.getColumn(TEMPLATE_COLUMNS.code).hidden = true;
  const lastCol = WIDTHS.length;

  const title = sheet.getCell(TEMPLATE_ROWS.title, 1);
  text(title, plan.title);
  title.font = TITLE_FONT;
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(TEMPLATE_ROWS.title).height = 30;
  sheet.mergeCells(TEMPLATE_ROWS.title, 1, TEMPLATE_ROWS.title, lastCol);

  const bureau = sheet.getCell(TEMPLATE_ROWS.bureau, 1);
  text(bureau, `填报单位：${plan.bureau}　　地区：${plan.region}`);
  bureau.font = FONT;
  sheet.mergeCells(TEMPLATE_ROWS.bureau, 1, TEMPLATE_ROWS.bureau, TEMPLATE_COLUMNS.name);
  writeContactLine(sheet);

  const header = sheet.getRow(TEMPLATE_ROWS.header);
  header.height = 30;
  templateHeaders(plan).forEach((label, i) => {
    const cell = header.getCell(i + 1);
    text(cell, label);
    cell.font = HEADER_FONT;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
  });

  plan.rows.forEach((row, i) => writeRow(sheet, TEMPLATE_ROWS.firstData + i, i + 1, row, plan.year));

  const notesFirst = TEMPLATE_ROWS.firstData + plan.rows.length + 1;
  plan.instructions.forEach((line, i) => {
    const cell = sheet.getCell(notesFirst + i, 1);
    text(cell, line);
    cell.font = { ...FONT, size: 9 };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    sheet.mergeCells(notesFirst + i, 1, notesFirst + i, lastCol);
  });

  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${TEMPLATE_ROWS.header}:${TEMPLATE_ROWS.header}`,
  };
  // No password: protection guards against slips, and the import reads by key, never by it.
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
  });

  const keySheet = workbook.addWorksheet(TEMPLATE_KEY_SHEET, { state: 'veryHidden' });
  for (const [key, value] of templateKeyRows(plan.key)) {
    const row = keySheet.addRow([key, value]);
    row.eachCell((cell) => (cell.numFmt = '@'));
  }
  await keySheet.protect('', { selectLockedCells: false, selectUnlockedCells: false });

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function writeContactLine(sheet: ExcelJS.Worksheet): void {
  const r = TEMPLATE_ROWS.contacts;
  // label column, first and last column of the input cell(s)
  const fields: [string, number, number, number][] = [
    ['填报人：', TEMPLATE_COLUMNS.area, TEMPLATE_COLUMNS.category, TEMPLATE_COLUMNS.name],
    ['联系电话：', TEMPLATE_COLUMNS.unit, TEMPLATE_COLUMNS.baseline, TEMPLATE_COLUMNS.target],
    ['审核人：', TEMPLATE_COLUMNS.value, TEMPLATE_COLUMNS.note, TEMPLATE_COLUMNS.note],
  ];
  for (const [label, labelCol, first, last] of fields) {
    const labelCell = sheet.getCell(r, labelCol);
    text(labelCell, label);
    labelCell.font = FONT;
    labelCell.alignment = { horizontal: 'right', vertical: 'middle' };
    const input = sheet.getCell(r, first);
    input.numFmt = '@';
    input.font = FONT;
    input.fill = INPUT_FILL;
    input.protection = { locked: false };
    input.border = { bottom: { style: 'thin' } };
    if (last > first) sheet.mergeCells(r, first, r, last);
  }
}

function writeRow(sheet: ExcelJS.Worksheet, r: number, seq: number, row: TemplateRow, year: number): void {
  const cells = sheet.getRow(r);
  const put = (col: number, value: string | number | null, decimals?: number) => {
    const cell = cells.getCell(col);
    if (value === '') {
      cell.value = null;
    } else if (typeof value === 'number') {
      cell.value = value;
      cell.numFmt = numberFormat(decimals ?? 0);
    } else {
      text(cell, value ?? NO_DATA);
    }
    cell.font = FONT;
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: typeof value === 'number' ? 'right' : col === TEMPLATE_COLUMNS.name ? 'left' : 'center', wrapText: col === TEMPLATE_COLUMNS.name };
    return cell;
  };
  put(TEMPLATE_COLUMNS.seq, seq);
  put(TEMPLATE_COLUMNS.code, row.code);
  put(TEMPLATE_COLUMNS.area, row.area);
  put(TEMPLATE_COLUMNS.category, row.category);
  put(TEMPLATE_COLUMNS.name, row.name);
  put(TEMPLATE_COLUMNS.unit, row.unit);
  // The row's figures as printed: never fewer decimals than they carry (a 上年值 of 38.2 is not 38).
  const target = row.target.kind === 'none' ? null : row.target.value;
  const decimals = printDecimals(row.decimals, [row.baseline, typeof target === 'number' ? target : null, row.previous]);
  put(TEMPLATE_COLUMNS.baseline, row.baseline, decimals);
  put(TEMPLATE_COLUMNS.target, target, decimals);
  put(TEMPLATE_COLUMNS.previous, row.previous, decimals);

  const input = cells.getCell(TEMPLATE_COLUMNS.value);
  input.font = FONT;
  input.border = THIN;
  input.fill = INPUT_FILL;
  input.protection = { locked: false };
  input.alignment = { horizontal: 'right', vertical: 'middle' };
  input.dataValidation = {
    type: 'decimal',
    operator: row.max === null ? 'greaterThanOrEqual' : 'between',
    formulae: row.max === null ? [row.min] : [row.min, row.max],
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '数值不符合要求',
    error:
      row.max === null
        ? `请填写不小于 ${row.min} 的数字（单位：${row.unit}），不带单位。`
        : `请填写 ${row.min} 至 ${row.max} 之间的数字（单位：${row.unit}），百分比不带 % 号，如 93.5。`,
    showInputMessage: true,
    promptTitle: `${row.name}（${row.unit}）`,
    prompt: `${yearLabel(year)}完成值，只填数字。`,
  };

  const note = cells.getCell(TEMPLATE_COLUMNS.note);
  if (row.note !== '') text(note, row.note);
  else note.numFmt = '@';
  note.font = FONT;
  note.border = THIN;
  note.fill = INPUT_FILL;
  note.protection = { locked: false };
  note.alignment = { wrapText: true, vertical: 'middle' };
}

/** Text cells as strings with the Text format: never evaluated, whatever their first character. */
function text(cell: ExcelJS.Cell, value: string): void {
  cell.value = value;
  cell.numFmt = '@';
}
