import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/api/errors';
import { decodeBase64, decodeWire, encodeBase64, encodeWire, settle, unwrapOutcome } from '../../../shared/api/wire';

describe('base64 on the wire', () => {
  it('agrees with Node’s Buffer for every length around a block boundary', () => {
    for (let length = 0; length <= 10; length += 1) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 97 + 13) & 255);
      const encoded = encodeBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(encoded)).toEqual(bytes);
    }
  });

  it('refuses text that is not padded base64', () => {
    for (const bad of ['abc', 'ab=c', '====', 'a===', '表格数据', 'YWJj\nZA==']) expect(decodeBase64(bad)).toBeNull();
  });

  it('carries files inside any argument and leaves other data alone', () => {
    const arg = { files: [{ name: '罗庄区卫健局.xlsx', bytes: new Uint8Array([1, 2, 3]) }], year: 2023, note: null };
    const json = JSON.parse(JSON.stringify(encodeWire(arg))) as unknown;
    expect(json).toEqual({ files: [{ name: '罗庄区卫健局.xlsx', bytes: { $bytes: 'AQID' } }], year: 2023, note: null });
    expect(decodeWire(json)).toEqual(arg);
  });

  it('keeps a JSON "__proto__" key as a plain member instead of a prototype', () => {
    const decoded = decodeWire(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toEqual(['__proto__']);
    expect((decoded as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('long lists on the wire', () => {
  const rows = Array.from({ length: 300 }, (_, i) => ({
    id: i + 1,
    source: { file: `兰山区民政局（${i % 7}）.xlsx`, sheet: '2023年', cell: `C${i + 4}` },
    indicator: i % 5 === 0 ? null : `B0${i % 9}`,
    value: i % 11 === 0 ? null : i * 1.5,
    region: ['兰山区', '罗庄区', '河东区'][i % 3]!,
    tags: [i, 'x'],
  }));

  it('sends like rows as columns and repeated strings once, and reads back the same rows', () => {
    const text = JSON.stringify(encodeWire({ ok: true, value: rows }));
    expect(text).toContain('"$table"');
    expect(text).toContain('"$strings"');
    // Each file name is written once, not once per row.
    expect(text.split('兰山区民政局（3）.xlsx').length - 1).toBe(1);
    expect(text.length).toBeLessThan(JSON.stringify(rows).length / 2);
    expect(decodeWire(JSON.parse(text))).toEqual({ ok: true, value: rows });
  });

  it('leaves short lists, unlike rows and rows with an undefined member as they are', () => {
    const short = rows.slice(0, 10);
    expect(encodeWire(short)).toEqual(short);
    const unlike = rows.map((row, i) => (i === 150 ? { ...row, extra: 1 } : row));
    expect(JSON.stringify(encodeWire(unlike))).not.toContain('"$table":{"keys":["id"');
    expect(decodeWire(JSON.parse(JSON.stringify(encodeWire(unlike))))).toEqual(unlike);
    const gap = rows.map((row, i) => (i === 7 ? { ...row, value: undefined } : row));
    expect(decodeWire(JSON.parse(JSON.stringify(encodeWire(gap))))).toEqual(JSON.parse(JSON.stringify(gap)));
  });

  it('carries files in a long list of them', () => {
    const files = Array.from({ length: 70 }, (_, i) => ({ name: `第${i}个.xlsx`, bytes: new Uint8Array([i, 1, 2]) }));
    expect(decodeWire(JSON.parse(JSON.stringify(encodeWire({ files }))))).toEqual({ files });
  });

  it('keeps a table or string list that does not hold together as an object, for the validator to refuse', () => {
    for (const bad of [
      '{"$table":{"keys":["a","b"],"columns":[[1,2]]}}',
      '{"$table":{"keys":["a"],"columns":[[1,2],[3]]}}',
      '{"$table":{"keys":[1],"columns":[[1]]}}',
      '{"$table":{"keys":[],"columns":[]}}',
      '{"$strings":{"values":["a"],"at":[0,1]}}',
      '{"$strings":{"values":["a"],"at":["length"]}}',
      '{"$strings":{"values":[{}],"at":[0]}}',
    ]) {
      const decoded = decodeWire(JSON.parse(bad)) as Record<string, unknown>;
      expect(Array.isArray(decoded), bad).toBe(false);
    }
  });

  it('keeps a "__proto__" column a plain member of each row', () => {
    const decoded = decodeWire(JSON.parse('{"$table":{"keys":["__proto__","a"],"columns":[[{"polluted":true}],[1]]}}')) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(decoded[0])).toBe(Object.prototype);
    expect(Object.keys(decoded[0]!)).toEqual(['__proto__', 'a']);
    expect((decoded[0] as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('outcomes', () => {
  it('rebuilds the UserError on the calling side', async () => {
    const outcome = await settle(async () => {
      throw new UserError('encrypted', '“民政局.xlsx”设有打开密码，无法读取。', { file: '民政局.xlsx' });
    }, () => undefined);
    expect(() => unwrapOutcome(outcome)).toThrow(UserError);
    try {
      unwrapOutcome(outcome);
    } catch (error) {
      expect(error).toMatchObject({ code: 'encrypted', where: { file: '民政局.xlsx' } });
    }
  });
});
