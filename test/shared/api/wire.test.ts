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
