import * as XLSX from '@e965/xlsx';
import { refuse } from './refusals';
import { extensionOf } from './sniff';

/**
 * OLE compound files (D0 CF 11 E0) told apart by their streams: EncryptionInfo and
 * EncryptedPackage wrap an encrypted .xlsx; Workbook (BIFF8) or Book (BIFF5) is an .xls, unless
 * its FILEPASS record says it is password-protected; anything else is another Office document.
 */
export type OleKind = 'xls' | 'encrypted' | 'wps_et' | 'other';

/** The part of SheetJS's bundled CFB reader we use; its published type is `any`. */
interface CfbApi {
  read(data: Uint8Array, options: { type: 'array' | 'buffer' }): CfbContainer;
  find(container: CfbContainer, path: string): { content?: Uint8Array | number[] } | null;
}
type CfbContainer = { readonly FullPaths: string[] };
const CFB = XLSX.CFB as CfbApi;

const FILEPASS = 0x002f;
const BOF_RECORDS = new Set([0x0009, 0x0209, 0x0409, 0x0809]);
const EOF_RECORD = 0x000a;

/** Whether the workbook globals of a BIFF stream carry a FILEPASS (password) record. */
export function hasFilePass(stream: Uint8Array): boolean {
  const dv = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  for (let p = 0; p + 4 <= stream.length; ) {
    const type = dv.getUint16(p, true);
    const length = dv.getUint16(p + 2, true);
    if (type === FILEPASS) return true;
    if (type === EOF_RECORD || (p > 0 && BOF_RECORDS.has(type))) return false;
    p += 4 + length;
  }
  return false;
}

function streamContent(cfb: CfbContainer, path: string): Uint8Array | undefined {
  const entry = CFB.find(cfb, path);
  const content = entry?.content as Uint8Array | number[] | undefined;
  if (!content || content.length === 0) return undefined;
  return content instanceof Uint8Array ? content : Uint8Array.from(content);
}

/** Tells the OLE compound files apart by their streams; throws 'unreadable' on a broken one. */
export function classifyOle(bytes: Uint8Array, name: string): OleKind {
  return inspectOle(bytes, name).kind;
}

/** The kind of an OLE file and, for an .xls, its BIFF workbook stream (for counting its cells). */
export function inspectOle(bytes: Uint8Array, name: string): { kind: OleKind; workbook?: Uint8Array } {
  let cfb: CfbContainer;
  try {
    // As a Buffer: from a plain array SheetJS builds each stream as an array of numbers, 1.2 GB
    // and six seconds for a 40 MB .xls before a single record could be counted.
    cfb = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  } catch {
    throw refuse('unreadable', name, 'OLE 复合文档结构损坏');
  }
  // Agile and Standard encryption both wrap the real .xlsx as an EncryptedPackage stream.
  if (CFB.find(cfb, 'EncryptedPackage') || CFB.find(cfb, 'EncryptionInfo')) {
    return { kind: 'encrypted' };
  }
  const workbook = streamContent(cfb, 'Workbook') ?? streamContent(cfb, 'Book');
  if (!workbook) return { kind: 'other' };
  // Excel 2002's RC4 CryptoAPI also leaves an 'encryption' stream beside the FILEPASS record.
  if (hasFilePass(workbook) || CFB.find(cfb, 'encryption')) return { kind: 'encrypted' };
  // WPS writes an ETExtData stream into both its .et files and the .xls it saves, so only
  // the name tells them apart; the .et's BIFF part may leave out what only WPS understands.
  const extension = extensionOf(name);
  if (extension === 'et' || extension === 'ett') return { kind: 'wps_et' };
  return { kind: 'xls', workbook };
}
