/**
 * The small XML reader behind xlsx-direct.ts: a pull cursor over a part's text, with the entity,
 * text and attribute decoding saxes applies, and exceljs's own second decodings of text.
 */

import { unsupported } from './xlsx-unsupported';

// ---------------------------------------------------------------------------------------------
// XML: a small pull cursor with the same text, attribute and entity handling as saxes (which
// exceljs parses with), and refusing what exceljs would trip over (CDATA, unknown entities,
// mismatched tags, characters XML does not allow).

export const enum Ev {
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

export class XmlCursor {
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
export function openRoot(xml: string | undefined, root: string, ns: string): XmlCursor {
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
export function xmlDecodeAgain(text: string): string {
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
export function unescapeOoxml(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function parseBoolean(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}
