import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../electron/read/decode-text';
import { encodeGbk, encodeUtf16le } from './make-files';

describe('decodeText', () => {
  it('uses a UTF-8 BOM and drops it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('指标,值')]);
    expect(decodeText(bytes)).toEqual({ text: '指标,值', encoding: 'utf-8' });
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode 文本")', () => {
    expect(decodeText(encodeUtf16le('指标\t完成值\r\n'))).toEqual({ text: '指标\t完成值\r\n', encoding: 'utf-16le' });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(new TextEncoder().encode('常住人口,万人'))).toEqual({ text: '常住人口,万人', encoding: 'utf-8' });
  });

  it('detects GBK from the bytes when they are not valid UTF-8', () => {
    const bytes = encodeGbk('指标名称,单位,完成值\r\n城镇化率,％,65.2\r\n');
    expect(decodeText(bytes)).toEqual({ text: '指标名称,单位,完成值\r\n城镇化率,％,65.2\r\n', encoding: 'gb18030' });
  });

  it('falls back to Windows-1252 for Latin-1 text rather than inventing Chinese', () => {
    const bytes = Uint8Array.from([0x22, 0x55, 0x6e, 0x67, 0xfc, 0x6c, 0x74, 0x69, 0x67, 0x22]);
    expect(decodeText(bytes)).toEqual({ text: '"Ungültig"', encoding: 'windows-1252' });
  });

  it('recognises Shift-JIS kana instead of reading them as GBK', () => {
    // 名前,テスト in Shift-JIS
    const bytes = Uint8Array.from([0x96, 0xbc, 0x91, 0x4f, 0x2c, 0x83, 0x65, 0x83, 0x58, 0x83, 0x67]);
    expect(decodeText(bytes)).toEqual({ text: '名前,テスト', encoding: 'shift_jis' });
  });
});
