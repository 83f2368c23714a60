import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../read/load-exceljs';
import type { TableCell, TableLayout, TableMerge } from '../../../shared/tables/table-layout';
import { NO_DATA, safeSheetName } from '../../../shared/tables/table-layout';

/**
 * Renders table layouts (shared/tables/) as one .xlsx workbook, a sheet per layout, ready to
 * print: A4 landscape, fitted to the page width, header rows repeated on every page, panes
 * frozen below the header. Fonts are named, never embedded: 宋体 for cells, 黑体 for titles and
 * headers, as government tables are set; charset 134 (GB2312) so that Excel and WPS on a
 * Chinese system pick the installed font.
 */

const BODY_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10.5, charset: 134 };
const TITLE_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 16, charset: 134 };
const HEADER_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 10.5, charset: 134 };
const SUBTITLE_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10.5, charset: 134 };
const DRAFT_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 10.5, charset: 134, color: { argb: 'FFC00000' } };
const NOTE_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 9, charset: 134 };

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** Where each block of a layout lands on the sheet (1-based Excel rows). */
export interface SheetRows {
  titleRow: number;
  headerFirst: number;
  headerLast: number;
  bodyFirst: number;
  notesFirst: number;
}

export function sheetRowsOf(layout: TableLayout): SheetRows {
  const headerFirst = 2 + layout.subtitles.length;
  const headerLast = headerFirst + layout.header.length - 1;
  const bodyFirst = headerLast + 1;
  return { titleRow: 1, headerFirst, headerLast, bodyFirst, notesFirst: bodyFirst + layout.body.length };
}

/** One .xlsx holding every layout as a sheet, in order. */
export async function writeTableWorkbook(layouts: readonly TableLayout[]): Promise<Uint8Array> {
  const workbook = new (await loadExcelJS()).Workbook();
  const taken = new Set<string>();
  for (const layout of layouts) {
    const name = safeSheetName(layout.sheetName, taken);
    taken.add(name);
    writeSheet(workbook.addWorksheet(name), layout);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function writeSheet(sheet: ExcelJS.Worksheet, layout: TableLayout): void {
  const width = Math.max(1, layout.columns.length);
  const rows = sheetRowsOf(layout);
  sheet.columns = layout.columns.map((c) => ({ width: c.width }));

  const title = layout.draft ? `${layout.title}（初稿）` : layout.title;
  fullWidthLine(sheet, rows.titleRow, width, title, TITLE_FONT, 'center', 30);
  layout.subtitles.forEach((line, i) => {
    const font = line.startsWith('初稿') ? DRAFT_FONT : SUBTITLE_FONT;
    fullWidthLine(sheet, rows.titleRow + 1 + i, width, line, font, 'left', 18);
  });

  layout.header.forEach((cells, r) => {
    const row = sheet.getRow(rows.headerFirst + r);
    row.height = 30;
    for (let c = 0; c < width; c++) {
      const cell = row.getCell(c + 1);
      const text = cells[c] ?? '';
      if (text !== '') setText(cell, text);
      cell.font = HEADER_FONT;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
    }
  });
  mergeAll(sheet, layout.headerMerges, rows.headerFirst);

  layout.body.forEach((cells, r) => {
    const row = sheet.getRow(rows.bodyFirst + r);
    for (let c = 0; c < width; c++) {
      const cell = row.getCell(c + 1);
      writeCell(cell, cells[c] ?? { kind: 'none' }, layout.columns[c]?.align ?? 'left');
      cell.border = THIN;
    }
  });
  mergeAll(sheet, layout.bodyMerges, rows.bodyFirst);

  layout.notes.forEach((note, i) => {
    fullWidthLine(sheet, rows.notesFirst + i, width, note, NOTE_FONT, 'left', noteHeight(note, layout));
  });

  sheet.views = [
    {
      state: 'frozen',
      xSplit: layout.frozenColumns,
      ySplit: rows.headerLast,
      topLeftCell: `${columnLetter(layout.frozenColumns + 1)}${rows.headerLast + 1}`,
      activeCell: `${columnLetter(layout.frozenColumns + 1)}${rows.headerLast + 1}`,
    },
  ];
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    // 0: as many pages down as the table needs; only the width is fitted.
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${rows.headerFirst}:${rows.headerLast}`,
    margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  sheet.headerFooter = {
    oddHeader: layout.draft ? '&R&"黑体,常规"初稿' : '',
    oddFooter: '&C第 &P 页，共 &N 页',
  };
}

/**
 * Numbers go in as numbers with a format showing the published decimals; text goes in as a
 * string cell, which Excel never evaluates whatever its first character, with the Text format
 * so that a later edit in Excel keeps it text. exceljs 4.4 writes no quotePrefix style.
 */
function writeCell(cell: ExcelJS.Cell, value: TableCell, align: 'left' | 'center' | 'right'): void {
  cell.font = BODY_FONT;
  switch (value.kind) {
    case 'number':
      cell.value = value.value;
      cell.numFmt = numberFormat(value.decimals);
      cell.alignment = { horizontal: align === 'left' ? 'right' : align, vertical: 'middle' };
      break;
    case 'text':
      setText(cell, value.value);
      cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
      break;
    case 'none':
      setText(cell, NO_DATA);
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
      break;
  }
}

function setText(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  cell.numFmt = '@';
}

/** '0', '0.0', '0.00' …: the published decimals. */
export function numberFormat(decimals: number): string {
  const d = Math.max(0, Math.min(10, Math.floor(decimals)));
  return d === 0 ? '0' : `0.${'0'.repeat(d)}`;
}

function fullWidthLine(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  width: number,
  text: string,
  font: Partial<ExcelJS.Font>,
  horizontal: 'left' | 'center',
  height: number,
): void {
  const row = sheet.getRow(rowNumber);
  row.height = height;
  const cell = row.getCell(1);
  setText(cell, text);
  cell.font = font;
  cell.alignment = { horizontal, vertical: 'middle', wrapText: true };
  if (width > 1) sheet.mergeCells(rowNumber, 1, rowNumber, width);
}

function mergeAll(sheet: ExcelJS.Worksheet, merges: readonly TableMerge[], firstRow: number): void {
  for (const m of merges) {
    if (m.bottom === m.top && m.right === m.left) continue;
    sheet.mergeCells(firstRow + m.top, m.left + 1, firstRow + m.bottom, m.right + 1);
  }
}

/** A wrapped note's height: about one line per table width of characters (a CJK character counts twice). */
function noteHeight(note: string, layout: TableLayout): number {
  const widthChars = layout.columns.reduce((sum, c) => sum + c.width, 0);
  const units = [...note].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return Math.max(1, Math.ceil(units / Math.max(20, widthChars))) * 14;
}

function columnLetter(col: number): string {
  let name = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}
