/**
 * What a file is, judged from its bytes: a zip package, an OLE compound file (.xls, WPS .et,
 * encrypted OOXML), a raw BIFF2–4 stream (Excel 2.x–4.0), text, or none of these. The file name
 * only breaks the tie between a WPS .et and an .xls, whose OLE streams are alike (sniff-ole.ts).
 */
export type Container = 'zip' | 'ole' | 'biff-raw' | 'text' | 'binary';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * Text is anything with a UTF-16 BOM, or with few control characters (NUL among them) in its
 * first 64 KB. A stray NUL does not make a CSV binary: the text reader refuses it with its line,
 * the same wherever in the file it sits.
 */
function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return true;
  const sample = bytes.subarray(0, 64 * 1024);
  let controls = 0;
  for (const b of sample) {
    // Tab, LF, VT (Mac Excel's in-cell break), FF and CR are tolerated.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d) controls++;
  }
  // A couple are allowed whatever the length: one stray NUL in a 40-byte CSV is still a CSV.
  return controls <= sample.length / 100 + 2;
}

export function sniffContainer(bytes: Uint8Array): Container {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'zip';
  if (startsWith(bytes, OLE_MAGIC)) return 'ole';
  // BIFF2/3/4 BOF records (0x0009, 0x0209, 0x0409) followed by a small record length.
  if (bytes.length >= 8 && bytes[0] === 0x09 && (bytes[1] === 0x00 || bytes[1] === 0x02 ||
      bytes[1] === 0x04) && bytes[3] === 0x00 && bytes[2]! >= 4 && bytes[2]! <= 16) {
    return 'biff-raw';
  }
  return looksLikeText(bytes) ? 'text' : 'binary';
}
