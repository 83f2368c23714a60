/**
 * The package parts xlsx-direct.ts reads before any worksheet: relationships, workbook.xml,
 * shared strings and styles (with the recent-styles cache), exceljs's date checks, and its
 * defined-name range check.
 */

import type { GridSheet } from '../../shared/import/grid';
import { Ev, type XmlCursor, openRoot, unescapeOoxml, xmlDecodeAgain } from './xml-cursor';
import { unsupported } from './xlsx-unsupported';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
export const MAX_COLUMN = 16384;

// ---------------------------------------------------------------------------------------------
// Package parts.

export interface Relationship {
  type: string;
  target: string;
}

export function readRelationships(xml: string | undefined): Map<string, Relationship> {
  const cursor = openRoot(xml, 'Relationships', RELS_NS);
  const rels = new Map<string, Relationship>();
  for (let ev = cursor.next(); ev !== Ev.End; ev = cursor.next()) {
    if (ev !== Ev.Open) continue;
    if (cursor.name !== 'Relationship' || cursor.depth !== 2) unsupported(`rels ${cursor.name}`);
    const [Id, Type, Target] = [cursor.attr('Id'), cursor.attr('Type'), cursor.attr('Target')];
    if (Id === undefined || Type === undefined || Target === undefined || rels.has(Id)) {
      unsupported('relationship');
    }
    if (cursor.attr('TargetMode') === 'External' && Type.startsWith(REL_TYPE) &&
        /\/(worksheet|officeDocument)$/.test(Type)) {
      unsupported('external part');
    }
    rels.set(Id, { type: Type, target: Target });
  }
  return rels;
}

export interface SheetEntry {
  name: string;
  id: number;
  state: GridSheet['state'];
  rId: string | undefined;
}

export interface WorkbookPart {
  date1904: boolean;
  sheets: SheetEntry[];
  /** `_xlnm.Print_Area` names: exceljs fails on one whose text holds no valid range. */
  printAreas: { localSheetId: number; text: string }[];
}

export function readWorkbook(xml: string | undefined): WorkbookPart {
  const cursor = openRoot(xml, 'workbook', MAIN_NS);
  const book: WorkbookPart = { date1904: false, sheets: [], printAreas: [] };
  for (let ev = cursor.next(); ev !== Ev.End; ev = cursor.next()) {
    if (ev !== Ev.Open || cursor.depth !== 2) continue;
    const element = cursor.name;
    switch (element) {
      case 'workbookPr':
        book.date1904 = cursor.attr('date1904') === '1';
        cursor.skipElement();
        break;
      case 'sheets':
        for (let e = cursor.next(); !cursor.closes(e, 1); e = cursor.next()) {
          if (e !== Ev.Open) continue;
          if (cursor.name !== 'sheet') unsupported(`sheets ${cursor.name}`);
          const [name, sheetId, state] = [cursor.attr('name'), cursor.attr('sheetId'), cursor.attr('state')];
          if (name === undefined || sheetId === undefined || !/^\d+$/.test(sheetId)) unsupported('sheet');
          book.sheets.push({
            name: xmlDecodeAgain(name),
            id: Number(sheetId),
            state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
            rId: cursor.attr('r:id'),
          });
          cursor.skipElement();
        }
        break;
      case 'definedNames':
        for (let e = cursor.next(); !cursor.closes(e, 1); e = cursor.next()) {
          if (e !== Ev.Open) continue;
          if (cursor.name !== 'definedName') unsupported(`definedNames ${cursor.name}`);
          const [name, localSheetId] = [cursor.attr('name'), cursor.attr('localSheetId')];
          let text = '';
          for (let t = cursor.next(); !cursor.closes(t, 2); t = cursor.next()) {
            if (t === Ev.Text) text += cursor.text;
            else if (t === Ev.Open) unsupported('element in definedName');
          }
          if (name === '_xlnm.Print_Area' && localSheetId !== undefined) {
            book.printAreas.push({ localSheetId: parseInt(localSheetId, 10), text });
          }
        }
        break;
      default:
        cursor.skipElement();
    }
  }
  return book;
}

/** A shared string as exceljs reduces it: its text, or null for an `<si>` with no text at all. */
export type SharedString = string | null;

export function readSharedStrings(xml: string): SharedString[] {
  const cursor = openRoot(xml, 'sst', MAIN_NS);
  const strings: SharedString[] = [];
  for (let ev = cursor.next(); ev !== Ev.End; ev = cursor.next()) {
    if (ev !== Ev.Open) continue;
    if (cursor.name !== 'si' || cursor.depth !== 2) unsupported(`sst ${cursor.name}`);
    strings.push(readStringItem(cursor));
  }
  return strings;
}

/** Reads the text of a `<t>` just opened (exceljs's text-xform). */
function readT(cursor: XmlCursor): string {
  const depth = cursor.depth;
  let text = '';
  for (let ev = cursor.next(); !cursor.closes(ev, depth - 1); ev = cursor.next()) {
    if (ev === Ev.Text) text += cursor.text;
    else if (ev === Ev.Open) unsupported('element in <t>');
  }
  return unescapeOoxml(text);
}

/** Reads one rich-text run `<r>` just opened; undefined when it has no `<t>`. */
export function readRun(cursor: XmlCursor): string | undefined {
  const depth = cursor.depth;
  let text: string | undefined;
  for (let ev = cursor.next(); !cursor.closes(ev, depth - 1); ev = cursor.next()) {
    if (ev !== Ev.Open) continue;
    if (cursor.name.includes(':')) unsupported(`run ${cursor.name}`);
    if (cursor.name === 't') text = readT(cursor);
    else cursor.skipElement();
  }
  return text;
}

/**
 * One `<si>`: a plain `<t>`, or rich runs joined; phonetic `<rPh>` runs are left out, as
 * exceljs leaves them out.
 */
function readStringItem(cursor: XmlCursor): SharedString {
  const depth = cursor.depth;
  let plain: string | undefined;
  let runs: string[] | undefined;
  for (let ev = cursor.next(); !cursor.closes(ev, depth - 1); ev = cursor.next()) {
    if (ev !== Ev.Open) continue;
    switch (cursor.name) {
      case 't':
        plain = readT(cursor);
        break;
      case 'r':
        // exceljs cannot add a run to an item that already holds plain text.
        if (plain !== undefined) unsupported('run after text');
        (runs ??= []).push(readRun(cursor) ?? '');
        break;
      case 'rPh':
      case 'phoneticPr':
        cursor.skipElement();
        break;
      default:
        unsupported(`si ${cursor.name}`);
    }
  }
  if (plain !== undefined) return plain;
  return runs ? runs.join('') : null;
}

/** exceljs's built-in number formats (defaultnumformats.js, the entries with a format code). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%',
  11: '0.00E+00', 12: '# ?/?', 13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm',
  17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss',
  47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

export interface Styles {
  /**
   * Number format per cellXfs index, '' where exceljs gives none, null where exceljs fails on
   * the style; undefined when there are no cellXfs at all.
   */
  formats: (string | null)[] | undefined;
}

function readStyles(xml: string): Styles {
  const cursor = openRoot(xml, 'styleSheet', MAIN_NS);
  const custom = new Map<number, string>();
  const xfs: { numFmtId: number; parts: Record<string, number> }[] = [];
  const listed = new Set<string>();
  for (let ev = cursor.next(); ev !== Ev.End; ev = cursor.next()) {
    if (ev !== Ev.Open || cursor.depth !== 2) continue;
    const list = cursor.name;
    if (list !== 'numFmts' && list !== 'cellXfs' && list !== 'fonts' && list !== 'fills' && list !== 'borders') {
      cursor.skipElement();
      continue;
    }
    for (let e = cursor.next(); !cursor.closes(e, 1); e = cursor.next()) {
      if (e !== Ev.Open) continue;
      if (list === 'numFmts') {
        if (cursor.name !== 'numFmt') unsupported(`numFmts ${cursor.name}`);
        const [numFmtId, formatCode] = [cursor.attr('numFmtId'), cursor.attr('formatCode')];
        if (formatCode === undefined) unsupported('numFmt without code');
        custom.set(parseInt(numFmtId ?? '', 10), formatCode.replace(/[\\](.)/g, '$1'));
      } else if (list === 'cellXfs') {
        if (cursor.name !== 'xf') unsupported(`cellXfs ${cursor.name}`);
        const id = (key: string) => parseInt(cursor.attr(key) ?? '', 10);
        xfs.push({ numFmtId: id('numFmtId'), parts: { fonts: id('fontId'), fills: id('fillId'), borders: id('borderId') } });
      } else {
        listed.add(list);
      }
      cursor.skipElement();
    }
  }
  if (xfs.length === 0) return { formats: undefined };
  // exceljs's styles-xform getStyleModel: custom code first, then its built-in table; and it
  // fails on a style naming a font, fill or border when the part has none of them.
  const formats = xfs.map(({ numFmtId: id, parts }) => {
    if (Object.entries(parts).some(([list, n]) => !Number.isNaN(n) && !listed.has(list))) return null;
    return id ? custom.get(id) || BUILTIN_FORMATS[id] || '' : '';
  });
  return { formats };
}

/**
 * Returns made from one template share their styles part to the byte; the last few parsed are
 * kept (keyed by the whole text, so a part that differs in anything is parsed afresh).
 */
const recentStyles = new Map<string, Styles>();
const RECENT_STYLES = 8;
const MAX_CACHED_STYLES_LENGTH = 256 * 1024;

export function stylesOf(xml: string): Styles {
  let styles = recentStyles.get(xml);
  if (!styles) {
    styles = readStyles(xml);
    if (xml.length > MAX_CACHED_STYLES_LENGTH) return styles;
    if (recentStyles.size >= RECENT_STYLES) recentStyles.delete(recentStyles.keys().next().value!);
    recentStyles.set(xml, styles);
  }
  return styles;
}

/** exceljs's utils.isDateFmt. */
export function isDateFormat(format: string): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** exceljs's utils.excelToDate (JavaScript's own coercion of strings and booleans included). */
export function excelToDate(value: unknown, date1904: boolean): Date {
  const v = typeof value === 'number' ? value : Number(value);
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

// ---------------------------------------------------------------------------------------------
// exceljs's defined-name range check: a print area with no valid range makes its load fail.

function addressThrows(value: string): boolean {
  let hasCol = false;
  let hasRow = false;
  let col = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!hasRow && c >= 65 && c <= 90) {
      hasCol = true;
      col = col * 26 + c - 64;
    } else if (c >= 48 && c <= 57) {
      hasRow = true;
    } else if (hasRow && hasCol && c !== 36) {
      break;
    }
  }
  return hasCol && col > MAX_COLUMN;
}

function isValidRange(range: string): boolean {
  const reference = /(?:(?:(?:'((?:[^']|'')*)')|([^'^ !]*))!)?(.*)/.exec(range)?.[3] ?? '';
  const parts = reference.split(':');
  if (parts.length > 1) return !addressThrows(parts[0]!) && !addressThrows(parts[1]!);
  if (reference.startsWith('#')) return true;
  return !addressThrows(reference);
}

/** Whether exceljs's extractRanges finds at least one range in a defined name's text. */
export function hasValidRange(text: string): boolean {
  let quotesOpened = false;
  let last = '';
  for (const item of text.split(',')) {
    if (!item) continue;
    const quotes = (item.match(/'/g) ?? []).length;
    if (!quotes) {
      if (quotesOpened) last += `${item},`;
      else if (isValidRange(item)) return true;
      continue;
    }
    const even = quotes % 2 === 0;
    if (!quotesOpened && even && isValidRange(item)) return true;
    if (quotesOpened && !even) {
      quotesOpened = false;
      if (isValidRange(last + item)) return true;
      last = '';
    } else {
      quotesOpened = true;
      last += `${item},`;
    }
  }
  return false;
}
