import { isUserError } from '../../shared/api/errors';
import type { Grid, GridSheet } from '../../shared/import/grid';
import { countBiffCells } from './biff-count';
import { detectDelimiter, scanDelimited } from './csv';
import { decodeText } from './decode-text';
import { isHtmlTablePage, pageAsOneTable } from './html-page';
import { type ReadLimits, resolveLimits } from './limits';
import { applyHiddenSheets, hiddenOdsSheets } from './ods-hidden';
import { formatBytes, refuse } from './refusals';
import { CellBudget, SheetBuilder } from './sheet-builder';
import { extensionOf, sniffContainer } from './sniff';
import { readXlsxDirect } from './xlsx-direct';
import { inspectZip, type ZipReport } from './zip-guard';
import { packageEntries, type PackageEntry } from './zip-package';

/**
 * Reads one file's bytes into the neutral Grid, choosing the reader by what the bytes are, not
 * by the extension. A file we cannot or will not read throws a UserError naming it and saying
 * what to do; a library failing on a damaged file becomes 'unreadable', never a stack trace.
 */

/** Extensions that promise a binary workbook; text behind one of them is not a spreadsheet. */
const WORKBOOK_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xltx', 'xltm', 'xls', 'xlt', 'xlsb', 'et', 'ett', 'ods', 'numbers']);

/** Above this many merges exceljs slows to a crawl (it checks each new merge against all). */
const EXCELJS_MAX_MERGES = 2000;
/** exceljs touches every cell of a merged range; a sheet-sized merge would never finish. */
const EXCELJS_MAX_MERGE_AREA = 100_000;

type Reader = (budget: CellBudget) => Promise<GridSheet[]> | GridSheet[];

// The libraries load on first use: a CSV or a refused file never pays for them. A zip package
// reaches them as the entries the zip guard inflated (zip-package.ts): it is unzipped once,
// whichever reader ends up reading it.
const sheetjsReader = (bytes: Uint8Array): Reader => async (budget) =>
  (await import('./sheetjs')).readWithSheetJS(bytes, budget);
const sheetjsPackageReader = (entries: readonly PackageEntry[]): Reader => async (budget) =>
  (await import('./sheetjs')).readPackageWithSheetJS(entries, budget);
const exceljsReader = (entries: readonly PackageEntry[], bytes: Uint8Array): Reader => async (budget) =>
  (await import('./xlsx-exceljs')).readXlsxWithExcelJS(entries, bytes, budget);

export async function readGrid(
  file: { name: string; bytes: Uint8Array },
  limits?: Partial<ReadLimits>,
): Promise<Grid> {
  const { name, bytes } = file;
  const bounds = resolveLimits(limits);
  if (bytes.length === 0) throw refuse('empty_file', name);
  if (bytes.length > bounds.maxFileBytes) {
    throw refuse('too_large', name,
      `文件 ${formatBytes(bytes.length)}，上限 ${formatBytes(bounds.maxFileBytes)}`);
  }
  switch (sniffContainer(bytes)) {
    case 'zip':
      return readZipPackage(name, bytes, bounds);
    case 'ole':
      return readOle(name, bytes, bounds);
    case 'biff-raw':
      checkBiffCells(bytes, name, bounds);
      return grid(name, 'xls', await runReader(sheetjsReader(bytes), name, bounds));
    case 'text':
      return readText(name, bytes, bounds);
    case 'binary':
      throw refuse('not_spreadsheet', name);
  }
}

/** The budget every reader of one file counts against. */
function budgetFor(name: string, bounds: ReadLimits): CellBudget {
  return new CellBudget(name, bounds.maxCells, bounds);
}

function tooManyCells(name: string, count: number, bounds: ReadLimits): Error {
  return refuse('too_many_cells', name,
    `约 ${count.toLocaleString('en-US')} 个，上限 ${bounds.maxCells.toLocaleString('en-US')} 个`);
}

/**
 * An .xls's cells counted from its records before SheetJS builds them all. Formatted empty
 * cells cost SheetJS only a walk; they get ten times the room.
 */
function checkBiffCells(stream: Uint8Array, name: string, bounds: ReadLimits): void {
  const { cells, blanks } = countBiffCells(stream);
  if (cells > bounds.maxCells) throw tooManyCells(name, cells, bounds);
  if (blanks > bounds.maxCells * 10) throw tooManyCells(name, cells + blanks, bounds);
}

async function readOle(name: string, bytes: Uint8Array, bounds: ReadLimits): Promise<Grid> {
  const ole = (await import('./sniff-ole')).inspectOle(bytes, name);
  switch (ole.kind) {
    case 'encrypted':
      throw refuse('encrypted', name);
    case 'wps_et':
      throw refuse('wps_et', name);
    case 'other':
      throw refuse('not_spreadsheet', name, '是其他 Office 文档');
    case 'xls':
      checkBiffCells(ole.workbook!, name, bounds);
      return grid(name, 'xls', await runReader(sheetjsReader(bytes), name, bounds));
  }
}

/**
 * An .xlsx or .ods: the zip guard inflates and checks every entry, and each reader after it
 * (ours, exceljs, SheetJS) reads those entries, never the file. `bytes` only for exceljs to fall
 * back on (xlsx-exceljs.ts).
 */
export async function readZipPackage(name: string, bytes: Uint8Array, bounds: ReadLimits): Promise<Grid> {
  const report = inspectZip(bytes, name, bounds);
  switch (report.kind) {
    case 'numbers':
      throw refuse('numbers', name);
    case 'other':
      throw refuse('not_spreadsheet', name, describeOtherPackage(report));
    case 'ods':
      return grid(name, 'ods', applyHiddenSheets(await runReader(sheetjsPackageReader(packageEntries(report)), name, bounds),
        hiddenOdsSheets(report.parts)));
    case 'xlsx': {
      const entries = packageEntries(report);
      return grid(name, 'xlsx', await readXlsx(report, exceljsReader(entries, bytes), sheetjsPackageReader(entries), name, bounds));
    }
  }
}

/**
 * Our direct reader first, straight from the XML the zip guard already inflated: it gives what
 * exceljs would, several times faster, and declines (null) anything but plain SpreadsheetML.
 * Then exceljs, for its fidelity on ordinary Excel and WPS files; SheetJS where exceljs is
 * known to fail (backslash part names, huge merges), throws (Strict OOXML), or finds far fewer
 * cells than the sheets hold (prefixed namespaces such as WPS's x: or Tencent Docs' ns2:).
 */
async function readXlsx(
  report: ZipReport,
  exceljs: Reader,
  sheetjs: Reader,
  name: string,
  bounds: ReadLimits,
): Promise<GridSheet[]> {
  const avoidExcelJS = report.backslashNames || report.mergeCount > EXCELJS_MAX_MERGES ||
    report.largestMergeArea > EXCELJS_MAX_MERGE_AREA;
  if (avoidExcelJS) return runReader(sheetjs, name, bounds);
  const direct = readDirect(report, name, bounds);
  if (direct && direct.length > 0 && cellCount(direct) >= report.valueCellCount / 2) return direct;
  let first: GridSheet[] | undefined;
  try {
    first = await runReader(exceljs, name, bounds);
  } catch (error) {
    if (isUserError(error) && error.code !== 'unreadable' && error.code !== 'no_sheets') throw error;
  }
  if (first && cellCount(first) >= report.valueCellCount / 2) return first;
  try {
    const second = await runReader(sheetjs, name, bounds);
    return first && cellCount(first) >= cellCount(second) ? first : second;
  } catch (error) {
    if (first) return first;
    throw error;
  }
}

/** The direct reader's sheets, or null; a fault of its own must never reach the officer. */
function readDirect(report: ZipReport, name: string, bounds: ReadLimits): GridSheet[] | null {
  try {
    return readXlsxDirect(report, budgetFor(name, bounds));
  } catch (error) {
    if (isUserError(error) && (error.code === 'too_many_cells' || error.code === 'too_much_text')) throw error;
    return null;
  }
}

/** Runs a library reader; its own exceptions on a damaged file become 'unreadable'. */
async function runReader(reader: Reader, name: string, bounds: ReadLimits): Promise<GridSheet[]> {
  let sheets: GridSheet[];
  try {
    sheets = await reader(budgetFor(name, bounds));
  } catch (error) {
    if (isUserError(error)) throw error;
    if (/password/i.test(String((error as Error)?.message))) throw refuse('encrypted', name);
    throw refuse('unreadable', name);
  }
  if (sheets.length === 0) throw refuse('no_sheets', name);
  return sheets;
}

function describeOtherPackage(report: ZipReport): string {
  const names = report.entries.map((e) => e.name.toLowerCase());
  if (names.includes('word/document.xml')) return '是 Word 文档';
  if (names.some((n) => n.startsWith('ppt/'))) return '是 PowerPoint 演示文稿';
  return '压缩包中没有工作簿';
}

/**
 * Text: a web page saved as a workbook (html-page.ts), or delimited text. Any other text behind
 * a workbook's extension is no spreadsheet.
 */
async function readText(name: string, bytes: Uint8Array, bounds: ReadLimits): Promise<Grid> {
  const { text } = decodeText(bytes);
  if (isHtmlTablePage(text)) return readHtmlPage(name, text, bounds);
  if (WORKBOOK_EXTENSIONS.has(extensionOf(name))) {
    throw refuse('not_spreadsheet', name, '内容是纯文本，扩展名与内容不符');
  }
  return readDelimitedText(name, text, bounds);
}

/** Spans wider than a sheet has columns are no table's: SheetJS would fill them cell by cell. */
const MAX_HTML_SPAN = 16_384;

/** A web page's tables as the one sheet Excel shows, its cells counted before SheetJS builds them. */
async function readHtmlPage(name: string, text: string, bounds: ReadLimits): Promise<Grid> {
  const page = pageAsOneTable(text);
  if (!page) throw refuse('not_spreadsheet', name, '是网页，但其中没有表格');
  if (page.cells > bounds.maxCells) throw tooManyCells(name, page.cells, bounds);
  if (page.widestSpan > MAX_HTML_SPAN) throw refuse('unreadable', name);
  const html = page.html;
  return grid(name, 'html', await runReader(async (budget) => (await import('./sheetjs')).readHtmlWithSheetJS(html, budget), name, bounds));
}

function readDelimitedText(name: string, text: string, bounds: ReadLimits): Grid {
  // A NUL is no character of any table: a file padded or damaged in copying. Refused wherever
  // it sits, with its line, rather than read as far as it happens to go.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw refuse('nul_in_text', name, String(lineOf(text, nul)));
  const scan = scanDelimited(text, detectDelimiter(text), bounds.maxCells);
  if (scan.tooMany) {
    throw refuse('too_many_cells', name, `连同空白栏超过 ${bounds.maxCells.toLocaleString('en-US')} 个`);
  }
  if (scan.unclosedQuoteLine !== null) throw refuse('unclosed_quote', name, String(scan.unclosedQuoteLine));
  const records = unpadTabComma(scan.records);
  const sheet = new SheetBuilder(sheetNameOf(name), 'visible', budgetFor(name, bounds));
  records.forEach((fields, r) => {
    fields.forEach((field, c) => sheet.addCell(r, c, { kind: 'text', value: field }, '', false));
  });
  return grid(name, 'csv', [sheet.build()]);
}

/** The 1-based line of a position, CRLF, LF and CR each ending one. */
function lineOf(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) line++;
  }
  return line;
}

/**
 * 国家数据's newer CSV writes each field followed by a tab and the comma ("北京市\t,521.91\t,"):
 * split on either, the fields carry the other as padding, which is no part of the figure.
 */
function unpadTabComma(records: string[][]): string[][] {
  let padded = 0;
  let fields = 0;
  for (const record of records.slice(0, 50)) {
    for (const field of record.slice(1)) {
      if (field === '') continue;
      fields++;
      if (field.startsWith(',') || field.endsWith('\t')) padded++;
    }
  }
  if (fields === 0 || padded < fields * 0.8) return records;
  return records.map((record) => record.map((field) => field.replace(/^,/, '').replace(/\t+$/, '')).filter((field, i, all) => !(i === all.length - 1 && field === '')));
}

/** A CSV has no sheet name; Excel shows the file name without its extension. */
function sheetNameOf(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function cellCount(sheets: GridSheet[]): number {
  let n = 0;
  for (const sheet of sheets) for (const row of sheet.rows) for (const cell of row) if (cell) n++;
  return n;
}

function grid(fileName: string, format: string, sheets: GridSheet[]): Grid {
  return { fileName, format, sheets };
}
