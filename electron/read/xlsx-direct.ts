import { isUserError } from '../../shared/api/errors';
import type { CellValue, GridSheet } from '../../shared/import/grid';
import { CellBudget, SheetBuilder, isoFromUtc } from './sheet-builder';
import type { ZipReport } from './zip-guard';
import { Ev, type XmlCursor, openRoot, parseBoolean, xmlDecodeAgain } from './xml-cursor';
import {
  MAIN_NS,
  MAX_COLUMN,
  REL_TYPE,
  type SharedString,
  type SheetEntry,
  excelToDate,
  hasValidRange,
  isDateFormat,
  readRelationships,
  readRun,
  readSharedStrings,
  readWorkbook,
  stylesOf,
} from './xlsx-parts';
import { unsupported } from './xlsx-unsupported';

/**
 * .xlsx straight from the XML texts the zip guard has already inflated, without a second
 * inflate and without exceljs. It reproduces what the exceljs path (xlsx-exceljs.ts) makes of
 * the same file — including exceljs's own quirks, so that a return reads the same whichever way
 * it went — and only for plain transitional SpreadsheetML. Anything else (prefixed element
 * names, Strict OOXML, odd part names, drawings, hyperlinks, structures exceljs would fail on)
 * gives null and the caller reads the file the usual way.
 */

const MAX_MERGES = 2000;

// ---------------------------------------------------------------------------------------------
// Worksheets.

interface Context {
  strings: SharedString[] | undefined;
  formats: (string | null)[] | undefined;
  hasStyles: boolean;
  date1904: boolean;
}

/** What one `<c>` leaves in exceljs: nothing (a skipped element), an empty styled cell, a value. */
type CellResult = { kind: 'skip' } | { kind: 'null' } | { kind: 'value'; value: CellValue; formula: boolean; format: string };

const EMPTY: CellValue = { kind: 'empty' };
const SKIP: CellResult = { kind: 'skip' };
const NULL_CELL: CellResult = { kind: 'null' };

/** xlsx-exceljs.ts's reducePlain over the value shapes exceljs produces here. */
function reduce(value: unknown): CellValue {
  if (value === undefined) return EMPTY;
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : EMPTY;
  if (typeof value === 'string') return { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? EMPTY : { kind: 'date', value: isoFromUtc(value) };
  }
  return { kind: 'error', value: String((value as { error: string }).error) };
}

interface RawCell {
  address: string | undefined;
  t: string | undefined;
  styleId: number;
  formula: string | undefined;
  shareType: string | undefined;
  si: string | undefined;
  ref: string | undefined;
  value: string | undefined;
  runs: string[] | undefined;
}

function formatOf(styleId: number, context: Context): string {
  if (!styleId || !context.hasStyles) return '';
  // exceljs indexes a styles part without cellXfs and fails.
  if (!context.formats) unsupported('style without cellXfs');
  const format = context.formats[styleId];
  if (format === null) unsupported('style exceljs fails on');
  return format ?? '';
}

/** exceljs's cell-xform parseClose and reconcile, reduced as xlsx-exceljs.ts reduces them. */
function settleCell(raw: RawCell, context: Context, sharedMasters: Map<string, string | undefined>): CellResult {
  const format = formatOf(raw.styleId, context);
  if (raw.formula || raw.shareType) {
    if (raw.runs) unsupported('rich text in a formula cell');
    let result: unknown;
    if (raw.value) {
      if (raw.t === 'str') result = xmlDecodeAgain(raw.value);
      else if (raw.t === 'b') result = parseInt(raw.value, 10) !== 0;
      else if (raw.t === 'e') result = { error: raw.value };
      else result = parseFloat(raw.value);
    }
    if (result !== undefined && isDateFormat(format)) result = excelToDate(result, context.date1904);
    let master: string | undefined;
    if (raw.shareType === 'shared') {
      if (raw.ref) sharedMasters.set(String(raw.si), raw.address);
      else master = sharedMasters.get(String(raw.si));
    }
    // A shared formula whose master exceljs never met is no formula at all. A cached 0 or FALSE
    // is a result like any other (xlsx-exceljs.ts reads it past exceljs's truthy copy).
    if (!raw.formula && !master) return { kind: 'value', value: EMPTY, formula: false, format };
    return { kind: 'value', value: result !== undefined ? reduce(result) : EMPTY, formula: true, format };
  }
  if (raw.runs) {
    if (raw.t !== 'inlineStr' || raw.value !== undefined) unsupported('rich text outside an inline string');
    return { kind: 'value', value: reduce(raw.runs.join('')), formula: false, format };
  }
  if (raw.value === undefined) return raw.styleId ? NULL_CELL : SKIP;
  const v = raw.value;
  let value: CellValue;
  switch (raw.t) {
    case 's': {
      if (!context.strings) unsupported('shared string without a string table');
      const shared = context.strings[parseInt(v, 10)];
      if (shared === undefined) unsupported('shared string index out of range');
      value = shared === null ? EMPTY : reduce(shared);
      break;
    }
    case 'str':
      value = reduce(xmlDecodeAgain(v));
      break;
    case 'inlineStr':
      value = reduce(v);
      break;
    case 'b':
      value = reduce(parseInt(v, 10) !== 0);
      break;
    case 'e':
      value = reduce({ error: v });
      break;
    default: {
      const n = parseFloat(v);
      value = reduce(isDateFormat(format) ? excelToDate(n, context.date1904) : n);
    }
  }
  return { kind: 'value', value, formula: false, format };
}

function columnOf(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

const CELL_REF = /^\$?([A-Z]{1,3})\$?(\d+)$/;
const RANGE_REF = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/;

/** Reads one `<c>` just opened. */
function readCell(cursor: XmlCursor): RawCell {
  const r = cursor.attr('r');
  const t = cursor.attr('t');
  const s = cursor.attr('s');
  const raw: RawCell = {
    address: r,
    t,
    styleId: s ? parseInt(s, 10) : 0,
    formula: undefined,
    shareType: undefined,
    si: undefined,
    ref: undefined,
    value: undefined,
    runs: undefined,
  };
  const only = cursor.takeValueOnly();
  if (only !== undefined) {
    // exceljs sees no text at all in an empty <v></v>.
    if (only) raw.value = only;
    return raw;
  }
  const depth = cursor.depth;
  let into: 'f' | 'v' | undefined;
  let inString = false;
  for (let ev = cursor.next(); !cursor.closes(ev, depth - 1); ev = cursor.next()) {
    if (ev === Ev.Text) {
      if (into === 'f') raw.formula = (raw.formula ?? '') + cursor.text;
      else if (into === 'v') raw.value = (raw.value ?? '') + cursor.text;
      continue;
    }
    if (ev === Ev.Close) {
      into = undefined;
      if (cursor.name === 'is') inString = false;
      continue;
    }
    switch (cursor.name) {
      case 'f':
        raw.si = cursor.attr('si');
        raw.shareType = cursor.attr('t');
        raw.ref = cursor.attr('ref');
        into = 'f';
        break;
      case 'v':
        into = 'v';
        break;
      case 'is':
        inString = true;
        break;
      case 't':
        // An inline string's `<t>` is taken as written: exceljs does not undo `_xHHHH_` here.
        if (!inString) unsupported('<t> outside <is>');
        into = 'v';
        break;
      case 'r':
        if (!inString) unsupported('<r> outside <is>');
        (raw.runs ??= []).push(readRun(cursor) ?? '');
        break;
      default:
        // Phonetic runs in an inline string would be appended to the text by exceljs.
        unsupported(`cell ${cursor.name}`);
    }
  }
  return raw;
}

interface RowCells {
  hidden: boolean;
  cells: Map<number, CellResult>;
}

interface ColumnSpec {
  min: number;
  max: number;
  hidden: boolean;
}

function readRow(cursor: XmlCursor, context: Context, masters: Map<string, string | undefined>): RowCells {
  const row: RowCells = { hidden: parseBoolean(cursor.attr('hidden')), cells: new Map() };
  const depth = cursor.depth;
  let previous = 0;
  for (let ev = cursor.next(); !cursor.closes(ev, depth - 1); ev = cursor.next()) {
    if (ev !== Ev.Open) continue;
    if (cursor.name !== 'c') unsupported(`row ${cursor.name}`);
    const raw = readCell(cursor);
    const cell = settleCell(raw, context, masters);
    if (cell.kind === 'skip') continue;
    let col: number;
    if (raw.address !== undefined) {
      const m = CELL_REF.exec(raw.address);
      if (!m) unsupported(`cell reference ${raw.address}`);
      col = columnOf(m[1]!);
      if (col > MAX_COLUMN) unsupported('column out of range');
    } else {
      // exceljs puts a cell without r next to the previous one it kept; with none it fails.
      if (!previous) unsupported('first cell without r');
      col = previous + 1;
    }
    previous = col;
    row.cells.set(col, cell);
  }
  return row;
}

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseMerge(ref: string | undefined): Merge {
  const m = ref === undefined ? null : RANGE_REF.exec(ref);
  if (!m) unsupported(`merge ${ref}`);
  const [, c1, r1, c2 = c1, r2 = r1] = m;
  const a = { row: Number(r1), col: columnOf(c1!) };
  const b = { row: Number(r2), col: columnOf(c2!) };
  if (a.row < 1 || b.row < 1 || a.col > MAX_COLUMN || b.col > MAX_COLUMN) unsupported('merge range');
  return {
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** Worksheet elements exceljs follows to other parts, and can fail on; left to it. */
const LINKED_ELEMENTS = new Set(['drawing', 'legacyDrawing', 'picture', 'tableParts']);

function readWorksheet(xml: string, name: string, state: GridSheet['state'], context: Context, budget: CellBudget): GridSheet {
  const cursor = openRoot(xml, 'worksheet', MAIN_NS);
  const rows = new Map<number, RowCells>();
  const columns: ColumnSpec[] = [];
  const merges: Merge[] = [];
  const masters = new Map<string, string | undefined>();
  let seenData = false;
  for (let ev = cursor.next(); ev !== Ev.End; ev = cursor.next()) {
    if (ev !== Ev.Open || cursor.depth !== 2) continue;
    const element = cursor.name;
    if (LINKED_ELEMENTS.has(element)) unsupported(element);
    switch (element) {
      case 'sheetData':
        if (seenData) unsupported('second sheetData');
        seenData = true;
        for (let e = cursor.next(); !cursor.closes(e, 1); e = cursor.next()) {
          if (e !== Ev.Open) continue;
          if (cursor.name !== 'row') unsupported(`sheetData ${cursor.name}`);
          const r = cursor.attr('r');
          if (r === undefined || !/^\d+$/.test(r) || Number(r) < 1) unsupported('row without a number');
          const number = Number(r);
          if (rows.has(number)) unsupported('row twice');
          rows.set(number, readRow(cursor, context, masters));
        }
        break;
      case 'cols':
        for (let e = cursor.next(); !cursor.closes(e, 1); e = cursor.next()) {
          if (e !== Ev.Open) continue;
          if (cursor.name !== 'col') unsupported(`cols ${cursor.name}`);
          const min = parseInt(cursor.attr('min') || '0', 10);
          const max = parseInt(cursor.attr('max') || '0', 10);
          if (max > MAX_COLUMN) unsupported('column out of range');
          columns.push({ min, max, hidden: parseBoolean(cursor.attr('hidden')) });
          cursor.skipElement();
        }
        break;
      case 'mergeCells':
        for (let e = cursor.next(); !cursor.closes(e, 1); e = cursor.next()) {
          if (e !== Ev.Open) continue;
          if (cursor.name !== 'mergeCell') unsupported(`mergeCells ${cursor.name}`);
          // exceljs checks each merge against all earlier ones; past this many it is not used.
          if (merges.length >= MAX_MERGES) unsupported('too many merges');
          merges.push(parseMerge(cursor.attr('ref')));
          cursor.skipElement();
        }
        break;
      case 'hyperlinks':
        for (let e = cursor.next(); !cursor.closes(e, 1); e = cursor.next()) {
          // A link to a file or web page turns the cell into exceljs's hyperlink value.
          if (e === Ev.Open && cursor.attr('r:id') !== undefined) unsupported('hyperlink');
        }
        break;
      default:
        cursor.skipElement();
    }
  }
  return buildSheet(name, state, rows, columns, merges, budget);
}

function buildSheet(
  name: string,
  state: GridSheet['state'],
  rows: Map<number, RowCells>,
  columns: ColumnSpec[],
  merges: Merge[],
  budget: CellBudget,
): GridSheet {
  // exceljs refuses overlapping merges, and a merged range's other cells only point at its master.
  for (let i = 0; i < merges.length; i++) {
    const a = merges[i]!;
    for (let j = 0; j < i; j++) {
      const b = merges[j]!;
      if (a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom) {
        unsupported('overlapping merges');
      }
    }
    // Over the rows and cells there are when the merge names more (`A1:XFD1048576` on a short sheet).
    const covered = (r: number, cells: Map<number, CellResult>) => {
      if (a.right - a.left < cells.size) {
        for (let c = a.left; c <= a.right; c++) if (r > a.top || c > a.left) cells.delete(c);
      } else {
        for (const c of [...cells.keys()]) if (c >= a.left && c <= a.right && (r > a.top || c > a.left)) cells.delete(c);
      }
    };
    if (a.bottom - a.top < rows.size) {
      for (let r = a.top; r <= a.bottom; r++) {
        const cells = rows.get(r)?.cells;
        if (cells) covered(r, cells);
      }
    } else {
      for (const [r, { cells }] of rows) if (r >= a.top && r <= a.bottom) covered(r, cells);
    }
  }
  const sheet = new SheetBuilder(name, state, budget);
  for (const number of [...rows.keys()].sort((x, y) => x - y)) {
    const row = rows.get(number)!;
    if (row.hidden) sheet.hideRow(number - 1);
    for (const col of [...row.cells.keys()].sort((x, y) => x - y)) {
      const cell = row.cells.get(col)!;
      if (cell.kind === 'value') sheet.addCell(number - 1, col - 1, cell.value, cell.format, cell.formula);
    }
  }
  // exceljs's Column.fromModel: sorted by min, a range never reaching back over an earlier one.
  let count = 1;
  for (const spec of [...columns].sort((a, b) => a.min - b.min)) {
    if (count < spec.min) count = spec.min;
    for (; count <= spec.max; count++) if (spec.hidden) sheet.hideCol(count - 1);
  }
  for (const m of merges) sheet.addMerge({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
  return sheet.build();
}

// ---------------------------------------------------------------------------------------------

const WORKSHEET_ENTRY = /xl\/worksheets\/sheet(\d+)[.]xml/;

/** exceljs's worksheet-name rules; a name it would refuse or change is left to it. */
function checkSheetNames(names: string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (!name || name === 'History' || /[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name) ||
        name.length > 31 || seen.has(name.toLowerCase())) {
      unsupported(`sheet name ${name}`);
    }
    seen.add(name.toLowerCase());
  }
}

function readPackage(report: ZipReport, budget: CellBudget): GridSheet[] {
  if (report.kind !== 'xlsx' || report.backslashNames) unsupported('not a plain xlsx');
  const names = new Set<string>();
  for (const entry of report.entries) {
    if (entry.name.startsWith('/') || names.has(entry.name)) unsupported('odd entry name');
    names.add(entry.name);
  }
  const parts = report.parts;
  const root = [...readRelationships(parts.get('_rels/.rels')).values()]
    .filter((rel) => rel.type === `${REL_TYPE}officeDocument`);
  // exceljs reads xl/workbook.xml whatever the package relationships say.
  if (root.length !== 1 || root[0]!.target.replace(/^\//, '') !== 'xl/workbook.xml') {
    unsupported('workbook part');
  }
  const book = readWorkbook(parts.get('xl/workbook.xml'));
  const rels = readRelationships(parts.get('xl/_rels/workbook.xml.rels'));
  for (const rel of rels.values()) {
    const target = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (rel.type === `${REL_TYPE}sharedStrings` && target !== 'xl/sharedStrings.xml') unsupported('sst path');
    if (rel.type === `${REL_TYPE}styles` && target !== 'xl/styles.xml') unsupported('styles path');
  }
  const ids = new Set<number>();
  const chosen: { entry: SheetEntry; part: string }[] = [];
  for (const entry of book.sheets) {
    if (entry.id < 1 || ids.has(entry.id)) unsupported('sheet id');
    ids.add(entry.id);
    const rel = entry.rId === undefined ? undefined : rels.get(entry.rId);
    if (!rel) continue;
    const part = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (rel.type === `${REL_TYPE}chartsheet` && !WORKSHEET_ENTRY.test(part)) continue;
    if (rel.type !== `${REL_TYPE}worksheet` || !/^xl\/worksheets\/sheet\d+\.xml$/.test(part) ||
        !parts.has(part) || chosen.some((c) => c.part === part)) {
      unsupported(`sheet part ${part}`);
    }
    chosen.push({ entry, part });
  }
  // exceljs also loads worksheet parts no sheet points at, and can fail on them.
  for (const name of names) {
    if (WORKSHEET_ENTRY.test(name) && !chosen.some((c) => c.part === name)) unsupported('orphan worksheet');
  }
  checkSheetNames(chosen.map((c) => c.entry.name));
  for (const area of book.printAreas) {
    if (chosen[area.localSheetId] && !hasValidRange(area.text)) unsupported('print area');
  }
  const stylesXml = parts.get('xl/styles.xml');
  const stringsXml = parts.get('xl/sharedStrings.xml');
  const context: Context = {
    strings: stringsXml === undefined ? undefined : readSharedStrings(stringsXml),
    formats: undefined,
    hasStyles: stylesXml !== undefined,
    date1904: book.date1904,
  };
  if (stylesXml !== undefined) context.formats = stylesOf(stylesXml).formats;
  return chosen.map(({ entry, part }) =>
    readWorksheet(parts.get(part)!, entry.name, entry.state, context, budget));
}

/**
 * The workbook's sheets read from the zip guard's texts, or null when the package is not one
 * this reader vouches for. Never throws except the budget's too_many_cells refusal.
 */
export function readXlsxDirect(report: ZipReport, budget: CellBudget): GridSheet[] | null {
  try {
    return readPackage(report, budget);
  } catch (error) {
    if (isUserError(error)) throw error;
    return null;
  }
}
