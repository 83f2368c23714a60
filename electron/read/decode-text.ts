/**
 * Decodes a text file's bytes. Chinese Windows Excel saves CSV in GBK (GB18030 is its
 * superset), "Unicode 文本" in UTF-16LE with a BOM, and everything newer in UTF-8 with or
 * without a BOM. The order is: BOM, then strict UTF-8, then GB18030 if the result reads like
 * Chinese, then Shift-JIS and finally Windows-1252, which accepts any byte. The file name is
 * never consulted.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'shift_jis' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

function tryDecode(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Share of two-byte sequences that fall in GB2312's hanzi and punctuation rows (lead A1–F7,
 * trail A1–FE). Real Chinese text stays above 90%; Latin-1 or Shift-JIS bytes that happen to
 * decode as GB18030 land in GBK's extension rows instead.
 */
function gb2312Share(bytes: Uint8Array): number {
  let pairs = 0;
  let common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x81) continue;
    const trail = bytes[i + 1] ?? 0;
    pairs++;
    if (lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe) common++;
    // Four-byte GB18030 sequences carry a digit as their second byte.
    i += trail >= 0x30 && trail <= 0x39 ? 3 : 1;
  }
  return pairs === 0 ? 0 : common / pairs;
}

/** Share of Shift-JIS lead bytes followed by a kana or common kanji trail. */
function shiftJisShare(bytes: Uint8Array): number {
  let pairs = 0;
  let common = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x81 || (lead >= 0xa1 && lead <= 0xdf)) continue;
    pairs++;
    if ((lead >= 0x81 && lead <= 0x84) || (lead >= 0x88 && lead <= 0x9f)) common++;
    i++;
  }
  return pairs === 0 ? 0 : common / pairs;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode('gb18030', bytes);
  if (gb !== undefined && gb2312Share(bytes) >= 0.8) return { text: gb, encoding: 'gb18030' };
  const sjis = tryDecode('shift_jis', bytes);
  if (sjis !== undefined && shiftJisShare(bytes) >= 0.8) return { text: sjis, encoding: 'shift_jis' };
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
}
