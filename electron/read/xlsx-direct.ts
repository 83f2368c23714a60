import { isUserError } from '../../shared/api/errors';
import type { CellValue, GridSheet } from '../../shared/import/grid';
import { CellBudget, SheetBuilder, isoFromUtc } from './sheet-builder';
import type { ZipReport } from './zip-guard';

/**
 * .xlsx straight from the XML texts the zip guard has already inflated, without a second
 * inflate and without exceljs. It reproduces what the exceljs path (xlsx-exceljs.ts) makes of
 * the same file — including exceljs's own quirks, so that a return reads the same whichever way
 * it went — and only for plain transitional SpreadsheetML. Anything else (prefixed element
 * names, Strict OOXML, odd part names, drawings, hyperlinks, structures exceljs would fail on)
 * gives null and the caller reads the file the usual way.
 */

/** Thrown inside the reader whenever the package is not one it vouches for; becomes null. */
class Unsupported extends Error {}

function unsupported(why: string): never {
  throw new Unsupported(why);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const MAX_COLUMN = 16384;
const MAX_MERGES = 2000;

// ---------------------------------------------------------------------------------------------
// XML: a small pull cursor with the same text, attribute and entity handling as saxes (which
// exceljs parses with), and refusing what exceljs would trip over (CDATA, unknown entities,
// mismatched tags, characters XML does not allow).

const enum Ev {
  Open,
  Close,
  Text,
  End,
}

const NOT_XML_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;

function entityValue(ref: string): string {
  switch (ref) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  let code = NaN;
  if (/^#x[0-9a-fA-F]+$/.test(ref)) code = parseInt(ref.slice(2), 16);
  else if (/^#[0-9]+$/.test(ref)) code = parseInt(ref.slice(1), 10);
  const allowed = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  if (!allowed) unsupported(`entity &${ref};`);
  return String.fromCodePoint(code);
}

function decodeEntities(raw: string): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp);
    if (semi < 0) unsupported('bare &');
    out += raw.slice(from, amp) + entityValue(raw.slice(amp + 1, semi));
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

/** Text content: line ends normalised to \n as the XML spec (and saxes) does. */
function decodeText(raw: string): string {
  if (raw.indexOf('\r') >= 0) raw = raw.replace(/\r\n?/g, '\n');
  return decodeEntities(raw);
}

/** Attribute values: line ends and tabs become spaces before references are expanded. */
function decodeAttribute(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x26 /* & */ || c < 0x20) {
      if (/[\t\n\r]/.test(raw)) raw = raw.replace(/\r\n?/g, ' ').replace(/[\t\n]/g, ' ');
      return decodeEntities(raw);
    }
  }
  return raw;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

class XmlCursor {
  private pos = 0;
  private readonly stack: string[] = [];
  private closePending = false;
  private rootSeen = false;
  private attrStart = 0;
  private attrEnd = 0;
  /** Parsed attributes of the element just opened; count -1 until asked for. */
  private attrCount = -1;
  private readonly attrNames: string[] = [];
  private readonly attrValues: string[] = [];
  name = '';
  text = '';

  constructor(private readonly xml: string) {
    if (NOT_XML_CHAR.test(xml)) unsupported('character not allowed in XML');
  }

  /** Whether event `ev` closed the element that was open at `depth`+1, back to `depth`. */
  closes(ev: Ev, depth: number): boolean {
    return ev === Ev.Close && this.stack.length === depth;
  }

  get depth(): number {
    return this.stack.length;
  }

  next(): Ev {
    if (this.closePending) {
      this.closePending = false;
      this.stack.pop();
      return Ev.Close;
    }
    const xml = this.xml;
    for (;;) {
      if (this.pos >= xml.length) {
        if (this.stack.length) unsupported('unclosed element');
        return Ev.End;
      }
      if (xml.charCodeAt(this.pos) !== 0x3c /* < */) {
        let lt = xml.indexOf('<', this.pos);
        if (lt < 0) lt = xml.length;
        const raw = xml.slice(this.pos, lt);
        this.pos = lt;
        if (this.stack.length === 0) {
          if (raw.trim()) unsupported('text outside the root');
          continue;
        }
        this.text = decodeText(raw);
        return Ev.Text;
      }
      const second = xml.charCodeAt(this.pos + 1);
      if (second === 0x2f /* / */) {
        const gt = xml.indexOf('>', this.pos);
        if (gt < 0) unsupported('unterminated tag');
        const name = xml.slice(this.pos + 2, gt).trimEnd();
        if (this.stack.pop() !== name) unsupported('mismatched tag');
        this.name = name;
        this.pos = gt + 1;
        return Ev.Close;
      }
      if (second === 0x21 /* ! */) {
        if (!xml.startsWith('<!--', this.pos)) unsupported('CDATA or declaration');
        const end = xml.indexOf('-->', this.pos + 4);
        if (end < 0) unsupported('unterminated comment');
        this.pos = end + 3;
        continue;
      }
      if (second === 0x3f /* ? */) {
        const end = xml.indexOf('?>', this.pos + 2);
        if (end < 0) unsupported('unterminated processing instruction');
        this.pos = end + 2;
        continue;
      }
      return this.readOpen();
    }
  }

  private readOpen(): Ev {
    const xml = this.xml;
    let p = this.pos + 1;
    const start = p;
    while (p < xml.length) {
      const c = xml.charCodeAt(p);
      if (isSpace(c) || c === 0x2f || c === 0x3e) break;
      p++;
    }
    const name = xml.slice(start, p);
    if (!name) unsupported('empty tag name');
    if (this.stack.length === 0) {
      if (this.rootSeen) unsupported('second root element');
      this.rootSeen = true;
    }
    // Find the tag's end, stepping over quoted values (a '>' may stand in one); the attributes
    // themselves are parsed only if asked for.
    const attrStart = p;
    let quote = 0;
    for (; p < xml.length; p++) {
      const c = xml.charCodeAt(p);
      if (quote) {
        if (c === quote) quote = 0;
        else if (c === 0x3c) unsupported('< in attribute');
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
      } else if (c === 0x3e) {
        break;
      }
    }
    if (p >= xml.length) unsupported('unterminated tag');
    const selfClosing = xml.charCodeAt(p - 1) === 0x2f && p - 1 >= attrStart;
    this.attrStart = attrStart;
    this.attrEnd = selfClosing ? p - 1 : p;
    this.attrCount = -1;
    this.closePending = selfClosing;
    this.pos = p + 1;
    this.name = name;
    this.stack.push(name);
    return Ev.Open;
  }

  /** An attribute of the element just opened (the attributes are parsed on first use). */
  attr(name: string): string | undefined {
    if (this.attrCount < 0) this.parseAttributes();
    const names = this.attrNames;
    for (let i = 0; i < this.attrCount; i++) if (names[i] === name) return this.attrValues[i];
    return undefined;
  }

  private parseAttributes(): void {
    const xml = this.xml;
    const end = this.attrEnd;
    let count = 0;
    let p = this.attrStart;
    for (;;) {
      while (p < end && isSpace(xml.charCodeAt(p))) p++;
      if (p >= end) break;
      const nameStart = p;
      while (p < end) {
        const c = xml.charCodeAt(p);
        if (c === 0x3d /* = */ || isSpace(c)) break;
        p++;
      }
      const attrName = xml.slice(nameStart, p);
      while (p < end && isSpace(xml.charCodeAt(p))) p++;
      if (xml.charCodeAt(p) !== 0x3d || !attrName) unsupported('attribute without value');
      p++;
      while (p < end && isSpace(xml.charCodeAt(p))) p++;
      const quote = xml[p];
      if (quote !== '"' && quote !== "'") unsupported('unquoted attribute');
      const close = xml.indexOf(quote, p + 1);
      if (close < 0 || close >= end) unsupported('unterminated attribute');
      for (let i = 0; i < count; i++) if (this.attrNames[i] === attrName) unsupported('duplicate attribute');
      this.attrNames[count] = attrName;
      this.attrValues[count] = decodeAttribute(xml.slice(p + 1, close));
      count++;
      p = close + 1;
      if (p < end && !isSpace(xml.charCodeAt(p))) unsupported('attributes run together');
    }
    this.attrCount = count;
  }

  /**
   * The common shape of a cell, `<v>text</v>` straight after the element just opened and then
   * its close: consumes all of it and returns the text ('' when empty), or returns undefined
   * and consumes nothing when the element holds anything else.
   */
  takeValueOnly(): string | undefined {
    if (this.closePending) return undefined;
    const xml = this.xml;
    const from = this.pos + 3;
    if (!xml.startsWith('<v>', this.pos)) return undefined;
    const lt = xml.indexOf('<', from);
    const close = this.name === 'c' ? '</v></c>' : `</v></${this.name}>`;
    if (lt < 0 || !xml.startsWith(close, lt)) return undefined;
    this.pos = lt + close.length;
    this.stack.pop();
    return decodeText(xml.slice(from, lt));
  }

  /** Skips the rest of the element just opened (its close included). */
  skipElement(): void {
    const depth = this.stack.length;
    for (let ev = this.next(); ; ev = this.next()) {
      if (ev === Ev.End) unsupported('unclosed element');
      if (ev === Ev.Close && this.stack.length === depth - 1) return;
    }
  }
}

/** Opens a part's root element, which must be the unprefixed transitional one. */
function openRoot(xml: string | undefined, root: string, ns: string): XmlCursor {
  if (xml === undefined) unsupported(`missing ${root}`);
  // Strict OOXML declares its own namespaces (purl.oclc.org), so the check below declines it.
  const cursor = new XmlCursor(xml);
  for (let ev = cursor.next(); ev !== Ev.Open; ev = cursor.next()) {
    if (ev === Ev.End) unsupported('no root');
  }
  if (cursor.name !== root || cursor.attr('xmlns') !== ns) unsupported(`root ${cursor.name}`);
  return cursor;
}

/** exceljs's utils.xmlDecode, which it applies a second time to sheet names and 'str' cells. */
function xmlDecodeAgain(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

/** exceljs's text-xform: `_xHHHH_` escapes (upper-case hex only) in shared-string text. */
function unescapeOoxml(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function parseBoolean(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

// ---------------------------------------------------------------------------------------------
// Package parts.

interface Relationship {
  type: string;
  target: string;
}

function readRelationships(xml: string | undefined): Map<string, Relationship> {
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

interface SheetEntry {
  name: string;
  id: number;
  state: GridSheet['state'];
  rId: string | undefined;
}

interface WorkbookPart {
  date1904: boolean;
  sheets: SheetEntry[];
  /** `_xlnm.Print_Area` names: exceljs fails on one whose text holds no valid range. */
  printAreas: { localSheetId: number; text: string }[];
}

function readWorkbook(xml: string | undefined): WorkbookPart {
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
type SharedString = string | null;

function readSharedStrings(xml: string): SharedString[] {
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
function readRun(cursor: XmlCursor): string | undefined {
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

interface Styles {
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

function stylesOf(xml: string): Styles {
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
function isDateFormat(format: string): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** exceljs's utils.excelToDate (JavaScript's own coercion of strings and booleans included). */
function excelToDate(value: unknown, date1904: boolean): Date {
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
function hasValidRange(text: string): boolean {
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
    // exceljs's formula value keeps only truthy fields: a cached 0 or FALSE reads as empty,
    // and a shared formula whose master it never met is no formula at all.
    if (!raw.formula && !master) return { kind: 'value', value: EMPTY, formula: false, format };
    return { kind: 'value', value: result ? reduce(result) : EMPTY, formula: true, format };
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
    for (let r = a.top; r <= a.bottom; r++) {
      const cells = rows.get(r)?.cells;
      if (!cells) continue;
      for (let c = a.left; c <= a.right; c++) if (r > a.top || c > a.left) cells.delete(c);
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
