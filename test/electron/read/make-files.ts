import { crc32, deflateRawSync } from 'node:zlib';

/** Test-only builders for the bytes the readers meet: zips by hand, GBK from a code table. */

export interface ZipInput {
  name: string;
  data: string | Uint8Array;
  /** Overrides the uncompressed size written in the central directory (a lying archive). */
  declaredSize?: number;
}

export function makeZip(inputs: ZipInput[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const data = typeof input.data === 'string' ? Buffer.from(input.data, 'utf8') : Buffer.from(input.data);
    const compressed = deflateRawSync(data);
    const name = Buffer.from(input.name, 'utf8');
    const size = input.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
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
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** GBK codes of the characters our CSV fixtures use (GB2312 rows, as Chinese Windows writes). */
const GBK: Record<string, [number, number]> = {
  指: [0xd6, 0xb8], 标: [0xb1, 0xea], 名: [0xc3, 0xfb], 称: [0xb3, 0xc6], 单: [0xb5, 0xa5],
  位: [0xce, 0xbb], 完: [0xcd, 0xea], 成: [0xb3, 0xc9], 值: [0xd6, 0xb5], 万: [0xcd, 0xf2],
  人: [0xc8, 0xcb], 常: [0xb3, 0xa3], 住: [0xd7, 0xa1], 口: [0xbf, 0xda], 城: [0xb3, 0xc7],
  镇: [0xd5, 0xf2], 化: [0xbb, 0xaf], 率: [0xc2, 0xca], '％': [0xa3, 0xa5],
};

export function encodeGbk(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (GBK[ch]) bytes.push(...GBK[ch]);
    else throw new Error(`no GBK code for ${ch} in the test table`);
  }
  return Uint8Array.from(bytes);
}

export function encodeUtf16le(text: string, bom = true): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
}
