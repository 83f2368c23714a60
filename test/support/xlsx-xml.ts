import { inflateRawSync } from 'node:zlib';

/**
 * Reads an .xlsx by a route independent of exceljs: the zip's central directory walked by hand,
 * entries inflated with node:zlib, and the sheet, workbook, shared-string and style XML read
 * with regular expressions. Tests of our writers read their output back with this, so that a
 * bug shared by exceljs's writer and reader cannot hide.
 */

export function unzipEntries(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory: not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry at ${p}`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    if (buf.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    const data = buf.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) entries.set(name, Buffer.from(data));
    else if (method === 8) entries.set(name, inflateRawSync(data));
    else throw new Error(`unsupported compression ${method} for ${name}`);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export function decodeXml(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The attributes of one start tag, `<pageSetup orientation="landscape" …>` → {orientation: …}. */
export function attributesOf(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]!] = decodeXml(m[2]!);
  return out;
}

/** Every start tag of an element in the XML, as attribute maps. */
export function tagsOf(xml: string, element: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${element}(?=[\\s/>])[^>]*>`, 'g'))].map((m) => attributesOf(m[0]));
}

export interface XlsxCell {
  ref: string;
  /** The t attribute: null for a number, 's' shared string, 'str', 'inlineStr', 'b', 'e'. */
  type: string | null;
  style: number;
  formula: string | null;
  /** The <v> text (the shared-string index for t="s"). */
  raw: string | null;
  /** The value as a person sees it: the shared string resolved. */
  text: string;
}

export interface XlsxSheet {
  name: string;
  state: string;
  xml: string;
  cells: Map<string, XlsxCell>;
  merges: string[];
}

export interface XlsxStyles {
  fonts: { name: string; bold: boolean }[];
  xfs: { numFmtId: number; fontId: number; locked: boolean }[];
  numFmts: Map<number, string>;
}

export interface XlsxBook {
  entries: Map<string, Buffer>;
  sheets: XlsxSheet[];
  definedNames: { name: string; localSheetId: string | null; value: string }[];
  styles: XlsxStyles;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1]!)).join(''),
  );
}

function readCells(xml: string, strings: string[]): Map<string, XlsxCell> {
  const cells = new Map<string, XlsxCell>();
  for (const m of xml.matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = attributesOf(`<c ${m[1]}>`);
    const inner = m[2] ?? '';
    const formula = /<f[^>]*>([\s\S]*?)<\/f>/.exec(inner)?.[1] ?? (/<f[^>]*\/>/.test(inner) ? '' : null);
    const raw = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? null;
    const type = attrs.t ?? null;
    let text = '';
    if (type === 's' && raw !== null) text = strings[Number(raw)] ?? '';
    else if (type === 'inlineStr') text = [...inner.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1]!)).join('');
    else if (raw !== null) text = decodeXml(raw);
    cells.set(attrs.r!, { ref: attrs.r!, type, style: Number(attrs.s ?? 0), formula: formula === null ? null : decodeXml(formula), raw, text });
  }
  return cells;
}

function readStyles(xml: string | undefined): XlsxStyles {
  const styles: XlsxStyles = { fonts: [], xfs: [], numFmts: new Map() };
  if (!xml) return styles;
  for (const f of tagsOf(xml, 'numFmt')) styles.numFmts.set(Number(f.numFmtId), f.formatCode!);
  const fontsBlock = /<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(xml)?.[1] ?? '';
  for (const m of fontsBlock.matchAll(/<font>([\s\S]*?)<\/font>|<font\/>/g)) {
    const inner = m[1] ?? '';
    styles.fonts.push({ name: tagsOf(inner, 'name')[0]?.val ?? '', bold: /<b\/>|<b\s/.test(inner) });
  }
  const xfBlock = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  for (const m of xfBlock.matchAll(/<xf\s([^>]*?)(?:\/>|>([\s\S]*?)<\/xf>)/g)) {
    const attrs = attributesOf(`<xf ${m[1]}>`);
    const protection = tagsOf(m[2] ?? '', 'protection')[0];
    styles.xfs.push({
      numFmtId: Number(attrs.numFmtId ?? 0),
      fontId: Number(attrs.fontId ?? 0),
      // Excel's default: a cell is locked unless its style says locked="0".
      locked: protection?.locked !== '0' && protection?.locked !== 'false',
    });
  }
  return styles;
}

function resolveTarget(target: string): string {
  const t = target.replace(/^\//, '');
  return t.startsWith('xl/') ? t : `xl/${t}`;
}

export function readXlsxXml(bytes: Uint8Array): XlsxBook {
  const entries = unzipEntries(bytes);
  const text = (name: string) => entries.get(name)?.toString('utf8');
  const workbook = text('xl/workbook.xml') ?? '';
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const targets = new Map(tagsOf(rels, 'Relationship').map((r) => [r.Id!, resolveTarget(r.Target!)]));
  const strings = sharedStrings(text('xl/sharedStrings.xml'));
  const sheets = tagsOf(workbook, 'sheet').map((s) => {
    const xml = text(targets.get(s['r:id']!)!) ?? '';
    return {
      name: s.name!,
      state: s.state ?? 'visible',
      xml,
      cells: readCells(xml, strings),
      merges: tagsOf(xml, 'mergeCell').map((m) => m.ref!),
    };
  });
  const definedNames = [...workbook.matchAll(/<definedName\s([^>]*)>([\s\S]*?)<\/definedName>/g)].map((m) => {
    const attrs = attributesOf(`<d ${m[1]}>`);
    return { name: attrs.name!, localSheetId: attrs.localSheetId ?? null, value: decodeXml(m[2]!) };
  });
  return { entries, sheets, definedNames, styles: readStyles(text('xl/styles.xml')) };
}

export function sheetByName(book: XlsxBook, name: string): XlsxSheet {
  const sheet = book.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`no sheet ${name}; sheets: ${book.sheets.map((s) => s.name).join(', ')}`);
  return sheet;
}

export function fontOf(book: XlsxBook, cell: XlsxCell): string {
  return book.styles.fonts[book.styles.xfs[cell.style]?.fontId ?? 0]?.name ?? '';
}

export function numFmtOf(book: XlsxBook, cell: XlsxCell): string {
  const id = book.styles.xfs[cell.style]?.numFmtId ?? 0;
  return book.styles.numFmts.get(id) ?? BUILTIN_FORMATS[id] ?? `builtin:${id}`;
}

/** The built-in number formats ECMA-376 numbers without writing them out. */
const BUILTIN_FORMATS: Record<number, string> = { 0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 49: '@' };

/** Column widths, one per column: a <col min max> covering several columns is spread out. */
export function columnWidths(sheet: XlsxSheet): Map<number, number> {
  const widths = new Map<number, number>();
  for (const col of tagsOf(sheet.xml, 'col')) {
    for (let c = Number(col.min); c <= Number(col.max); c++) widths.set(c, Number(col.width));
  }
  return widths;
}

export function isLocked(book: XlsxBook, cell: XlsxCell | undefined): boolean {
  if (!cell) return true;
  return book.styles.xfs[cell.style]?.locked ?? true;
}

/** A1 reference of a 0-based (row, col). */
export function ref(row: number, col: number): string {
  let name = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return `${name}${row + 1}`;
}
