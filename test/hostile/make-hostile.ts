import * as XLSX from '@e965/xlsx';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Builders for hostile and faulty files, made in code so that no large file is committed: each
 * is small on disk (or made sparse) and asks a reader for far more than it holds. Sizes are
 * parameters so that unit tests can build small ones and the hostile suite the real thing.
 */

export interface RawZipEntry {
  name: string;
  /** Stored deflated. */
  data?: string | Uint8Array;
  /** Already-deflated bytes, with the size and CRC the directory should claim. */
  deflated?: Uint8Array;
  declaredSize?: number;
  crc?: number;
}

/** A zip written by hand, so that names, sizes and contents can lie. */
export function zip(entries: RawZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = entry.data === undefined ? undefined : typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const compressed = entry.deflated ? Buffer.from(entry.deflated) : deflateRawSync(data!, { level: 1 });
    const size = entry.declaredSize ?? data?.length ?? 0;
    const crc = entry.crc ?? (data ? crc32(data) : 0);
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** A raw deflate stream of `bytes` zeros, made without ever holding them: 1 MB blocks repeated. */
export function deflatedZeros(bytes: number): Uint8Array {
  const mb = 1 << 20;
  // A full flush ends each block on a byte boundary with no back-reference across it.
  const block = deflateRawSync(Buffer.alloc(mb), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const blocks = Math.ceil(bytes / mb);
  return new Uint8Array(Buffer.concat([...Array.from({ length: blocks }, () => block), deflateRawSync(Buffer.alloc(0))]));
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts of a one-sheet .xlsx around a worksheet's XML; `sheetPath` is where the workbook points. */
function xlsxParts(sheetXml: string, options: { sheetPath?: string; entryName?: string; sharedStrings?: string } = {}): RawZipEntry[] {
  const sheetPath = options.sheetPath ?? 'worksheets/sheet1.xml';
  const entries: RawZipEntry[] = [
    { name: '[Content_Types].xml', data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${options.sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>` },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="${sheetPath}"/>${options.sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>` },
    { name: options.entryName ?? 'xl/worksheets/sheet1.xml', data: sheetXml },
  ];
  if (options.sharedStrings) entries.push({ name: 'xl/sharedStrings.xml', data: options.sharedStrings });
  return entries;
}

function worksheet(body: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${body}</sheetData>${after}</worksheet>`;
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** Rows of `perRow` numeric cells without addresses, `cells` in all. */
function manyCells(cells: number, perRow = 100): string {
  const row = '<c><v>1</v></c>'.repeat(perRow);
  const rows = Math.ceil(cells / perRow);
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}">${row}</row>`);
  return parts.join('');
}

/** An .xlsx whose worksheet entry is named with a leading '/', holding `cells` cells. */
export function slashNamedSheet(cells: number): Uint8Array {
  return zip(xlsxParts(worksheet(manyCells(cells)), { sheetPath: '/xl/worksheets/sheet1.xml', entryName: '/xl/worksheets/sheet1.xml' }));
}

/** One shared string of `length` characters used by `uses` cells. */
export function hugeSharedString(length: number, uses: number): Uint8Array {
  const perRow = 100;
  const row = '<c t="s"><v>0</v></c>'.repeat(perRow);
  const parts: string[] = [`<row r="1">${inline('A1', '指标名称')}</row>`];
  for (let r = 2; r <= Math.ceil(uses / perRow) + 1; r++) parts.push(`<row r="${r}">${row}</row>`);
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${uses}" uniqueCount="1"><si><t>${'统'.repeat(length)}</t></si></sst>`;
  return zip(xlsxParts(worksheet(parts.join('')), { sharedStrings: sst }));
}

/** A small .xlsx with one merge over the rest of the sheet, E1:XFD1048576. */
export function wholeSheetMerge(): Uint8Array {
  const body = `<row r="1">${inline('A1', '说明')}${inline('E1', '本表合并了整张工作表')}</row><row r="2">${inline('A2', '备注')}</row>`;
  return zip(xlsxParts(worksheet(body, '<mergeCells count="1"><mergeCell ref="E1:XFD1048576"/></mergeCells>')));
}

/** Two cells at opposite corners of Excel's sheet. */
export function farCorners(): Uint8Array {
  return zip(xlsxParts(worksheet(`<row r="1">${inline('A1', '左上')}</row><row r="1048576">${inline('XFD1048576', '右下')}</row>`)));
}

/** A real .xlsx with an image entry that declares 1 000 bytes and inflates to `inflated`. */
export function imageBomb(base: Uint8Array, inflated: number): Uint8Array {
  const entries = listEntries(base).map((e): RawZipEntry => ({ name: e.name, deflated: e.deflated, declaredSize: e.size, crc: e.crc }));
  entries.push({ name: 'xl/media/image1.png', deflated: deflatedZeros(inflated), declaredSize: 1000, crc: 0 });
  return zip(entries);
}

/** A package with `count` tiny entries beside a workbook part. */
export function manyEntries(count: number): Uint8Array {
  const entries = xlsxParts(worksheet(`<row r="1">${inline('A1', '指标名称')}</row>`));
  for (let i = 0; i < count; i++) entries.push({ name: `xl/media/x${i}.bin`, data: '' });
  return zip(entries);
}

/** An entity-expansion bomb in the shared strings. */
export function entityBomb(): Uint8Array {
  const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`).join('');
  const sst = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY e0 "统计统计统计">${levels}]><sst xmlns="${MAIN}"><si><t>&e9;</t></si></sst>`;
  return zip(xlsxParts(worksheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), { sharedStrings: sst }));
}

/** An OpenDocument sheet whose one cell repeats `cols` across and `rows` down: about 7 KB. */
export function odsRepeated(cols: number, rows: number): Uint8Array {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-column table:number-columns-repeated="${cols}"/><table:table-row table:number-rows-repeated="${rows}"><table:table-cell table:number-columns-repeated="${cols}" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
  return odsPackage(content);
}

/** An OpenDocument sheet with one cell spanning `cols` × `rows` (a merge SheetJS keeps as a range). */
export function odsHugeSpan(cols: number, rows: number): Uint8Array {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row><table:table-cell table:number-columns-spanned="${cols}" table:number-rows-spanned="${rows}" office:value-type="string"><text:p>合并</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
  return odsPackage(content);
}

function odsPackage(content: string): Uint8Array {
  return zip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
    { name: 'META-INF/manifest.xml', data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>' },
    { name: 'content.xml', data: content },
    { name: 'styles.xml', data: '<?xml version="1.0" encoding="UTF-8"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>' },
  ]);
}

function record(type: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + body.length);
  const dv = new DataView(out.buffer);
  dv.setUint16(0, type, true);
  dv.setUint16(2, body.length, true);
  out.set(body, 4);
  return out;
}

/** A BIFF8 .xls whose one sheet holds `cells` numbers in MULRK records (1 369 a record). */
export function xlsManyCells(cells: number): Uint8Array {
  const bof = (kind: number) => record(0x0809, Uint8Array.of(0x00, 0x06, kind, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  const eof = record(0x000a, new Uint8Array());
  const perRecord = 1369;
  const chunks: Uint8Array[] = [bof(0x05), eof, bof(0x10)];
  for (let done = 0, row = 0; done < cells; row++) {
    const n = Math.min(perRecord, cells - done, 256);
    const body = new Uint8Array(6 + n * 6);
    const dv = new DataView(body.buffer);
    dv.setUint16(0, row % 65536, true);
    dv.setUint16(2, 0, true);
    for (let i = 0; i < n; i++) dv.setUint32(4 + i * 6 + 2, 0x3ff00000 | 0, true); // RK 1.0
    dv.setUint16(4 + n * 6, n - 1, true);
    chunks.push(record(0x00bd, body));
    done += n;
  }
  chunks.push(eof);
  const stream = new Uint8Array(Buffer.concat(chunks));
  const CFB = XLSX.CFB as { utils: { cfb_new(): unknown; cfb_add(c: unknown, p: string, d: Uint8Array): void }; write(c: unknown, o: object): ArrayLike<number> };
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, 'Workbook', stream);
  return Uint8Array.from(CFB.write(container, { type: 'array' }));
}

/** An Excel 4.0 worksheet (a raw BIFF4 stream, no OLE container) of `cells` RK numbers. */
export function biff4ManyCells(cells: number): Uint8Array {
  const chunks: Uint8Array[] = [record(0x0409, Uint8Array.of(0x00, 0x00, 0x10, 0x00, 0x00, 0x00))];
  for (let i = 0; i < cells; i++) {
    const body = new Uint8Array(10);
    const dv = new DataView(body.buffer);
    dv.setUint16(0, Math.floor(i / 256) % 65536, true);
    dv.setUint16(2, i % 256, true);
    dv.setUint32(6, 0x3ff00000, true);
    chunks.push(record(0x027e, body));
  }
  chunks.push(record(0x000a, new Uint8Array()));
  return new Uint8Array(Buffer.concat(chunks));
}

/** odsRepeated with the table namespace bound to another prefix (t:), as a hand-made file may. */
export function odsRepeatedOtherPrefix(cols: number, rows: number): Uint8Array {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><t:table t:name="Sheet1"><t:table-row t:number-rows-repeated="${rows}"><t:table-cell t:number-columns-repeated="${cols}" office:value-type="float" office:value="1"><text:p>1</text:p></t:table-cell></t:table-row></t:table></office:spreadsheet></office:body></office:document-content>`;
  return odsPackage(content);
}

/** A CSV of `bytes` bytes holding only commas (and a line end every 1 000). */
export function commasCsv(bytes: number): Uint8Array {
  const out = Buffer.alloc(bytes, ',');
  for (let i = 1000; i < bytes; i += 1001) out[i] = 0x0a;
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

interface ListedEntry {
  name: string;
  deflated: Uint8Array;
  size: number;
  crc: number;
}

/** The entries of a deflated zip as written, for rebuilding it with one entry more. */
function listEntries(bytes: Uint8Array): ListedEntry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const out: ListedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = dv.getUint16(p + 10, true);
    const crc = dv.getUint32(p + 16, true);
    const compressed = dv.getUint32(p + 20, true);
    const size = dv.getUint32(p + 24, true);
    const nameLength = dv.getUint16(p + 28, true);
    const extra = dv.getUint16(p + 30, true);
    const comment = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + compressed);
    out.push({ name, deflated: method === 8 ? data : deflateRawSync(data), size, crc });
    p += 46 + nameLength + extra + comment;
  }
  return out;
}
