import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel.full.mjs';
import type { CellValue, GridSheet } from '../../shared/import/grid';
import { CellBudget, SheetBuilder, isoFromUtc, serialToIso } from './sheet-builder';
import type { PackageEntry } from './zip-package';

/**
 * Legacy .xls (BIFF2–8), OpenDocument .ods, and the .xlsx files exceljs cannot read (Strict
 * OOXML, backslash part names, prefixed namespaces), through SheetJS. Cells come back in dense
 * mode and are reduced to the neutral CellValue; dates are recognised from the number format
 * and converted from the serial ourselves so no time zone can shift them.
 */

// The ESM build ships without code pages; BIFF5 files from Chinese Excel 95 are in CP936.
XLSX.set_cptable(cptable);

/** BIFF error codes, for cells whose formatted text was not kept. */
const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!', 0x07: '#DIV/0!', 0x0f: '#VALUE!', 0x17: '#REF!', 0x1d: '#NAME?',
  0x24: '#NUM!', 0x2a: '#N/A', 0x2b: '#GETTING_DATA',
};

function formatOf(cell: XLSX.CellObject): string {
  return typeof cell.z === 'string' ? cell.z : '';
}

function reduceCell(cell: XLSX.CellObject, date1904: boolean): CellValue {
  const v = cell.v;
  switch (cell.t) {
    case 'n': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return { kind: 'empty' };
      const format = formatOf(cell);
      if (format && XLSX.SSF.is_date(format)) return { kind: 'date', value: serialToIso(v, date1904) };
      return { kind: 'number', value: v };
    }
    case 's':
      return { kind: 'text', value: v == null ? '' : String(v) };
    case 'b':
      return { kind: 'bool', value: Boolean(v) };
    case 'e':
      return {
        kind: 'error',
        value: cell.w?.startsWith('#') ? cell.w : (ERROR_TEXT[Number(v)] ?? '#VALUE!'),
      };
    case 'd':
      if (v instanceof Date) return { kind: 'date', value: isoFromUtc(v) };
      return typeof v === 'string' && v !== '' ? { kind: 'date', value: v } : { kind: 'empty' };
    default:
      return { kind: 'empty' };
  }
}

function stateOf(hidden: number | undefined): GridSheet['state'] {
  return hidden === 1 ? 'hidden' : hidden === 2 ? 'veryHidden' : 'visible';
}

function readSheet(
  worksheet: XLSX.WorkSheet,
  name: string,
  state: GridSheet['state'],
  date1904: boolean,
  budget: CellBudget,
): GridSheet {
  const sheet = new SheetBuilder(name, state, budget);
  const data = (worksheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  data.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!cell) return;
      sheet.addCell(r, c, reduceCell(cell, date1904), formatOf(cell), typeof cell.f === 'string');
    });
  });
  for (const m of worksheet['!merges'] ?? []) {
    sheet.addMerge({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c });
  }
  (worksheet['!rows'] ?? []).forEach((info, r) => info?.hidden && sheet.hideRow(r));
  (worksheet['!cols'] ?? []).forEach((info, c) => info?.hidden && sheet.hideCol(c));
  return sheet.build();
}

/**
 * SheetJS reports what it only approximates (an ODS number style with conditions, as LibreOffice
 * writes for accounting formats) on console.error; in the CLI that is a stray stderr line on a
 * good import. XLSX.read is synchronous, so muting the console around it mutes nothing else.
 */
function quietly<T>(read: () => T): T {
  const { error, warn } = console;
  console.error = () => undefined;
  console.warn = () => undefined;
  try {
    return read();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

const READ_OPTIONS: XLSX.ParsingOptions = {
  dense: true,
  cellNF: true,
  cellFormula: true,
  cellStyles: true,
  cellDates: false,
  cellHTML: false,
};

/** A legacy .xls (or anything not a zip package) from its bytes. */
export function readWithSheetJS(bytes: Uint8Array, budget: CellBudget): GridSheet[] {
  return sheetsOf(quietly(() => XLSX.read(bytes, { type: 'array', ...READ_OPTIONS })), budget);
}

/** A web page turned into one table (html-page.ts): every cell kept as its text, read as CSV cells are. */
export function readHtmlWithSheetJS(html: string, budget: CellBudget): GridSheet[] {
  return sheetsOf(quietly(() => XLSX.read(html, { type: 'string', dense: true, raw: true })), budget);
}

/** What SheetJS exports but does not declare: its reader of a zip package already opened. */
const sheetjs = XLSX as unknown as {
  parse_zip(zip: unknown, options: XLSX.ParsingOptions): XLSX.WorkBook;
  CFB: { utils: { cfb_new(): unknown; cfb_add(cfb: unknown, name: string, content: Buffer, options: { unsafe: true }): unknown } };
};

/**
 * An .xlsx or .ods from the entries the zip guard inflated (zip-package.ts), never from the
 * file: SheetJS gets them as the container its own zip reader would have built, one entry each
 * under its name in the archive, and reads them as XLSX.read would (cellStyles implies cellNF
 * and sheetStubs there).
 */
export function readPackageWithSheetJS(entries: readonly PackageEntry[], budget: CellBudget): GridSheet[] {
  const container = sheetjs.CFB.utils.cfb_new();
  for (const entry of entries) {
    const bytes = entry.bytes();
    sheetjs.CFB.utils.cfb_add(container, entry.rawName, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { unsafe: true });
  }
  return sheetsOf(quietly(() => sheetjs.parse_zip(container, { type: 'array', ...READ_OPTIONS, sheetStubs: true })), budget);
}

function sheetsOf(workbook: XLSX.WorkBook, budget: CellBudget): GridSheet[] {
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const info = workbook.Workbook?.Sheets ?? [];
  const sheets: GridSheet[] = [];
  workbook.SheetNames.forEach((name, index) => {
    const worksheet = workbook.Sheets[name];
    // Chart and macro sheets hold no cells of their own.
    if (!worksheet || (worksheet as { '!type'?: string })['!type'] === 'chart') return;
    sheets.push(readSheet(worksheet, name, stateOf(info[index]?.Hidden), date1904, budget));
  });
  return sheets;
}
