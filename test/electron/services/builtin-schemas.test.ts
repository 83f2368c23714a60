import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countPublishedIndicators,
  listBuiltinSchemas,
  loadBuiltinSchema,
  loadSchemaJson,
} from '../../../electron/services/builtin-schemas';
import { createWorkbook } from '../../../electron/store/open';
import { readSchemaCopy } from '../../../electron/store/schema-copy';
import { makeSchema } from '../../support/schema-fixture';
import { makeTempDir } from '../../support/temp-dir';

function writeSchema(dir: string, name: string, data: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
}

describe('built-in schemas', () => {
  it('loads every file of a folder, ordered by id', () => {
    const dir = makeTempDir();
    writeSchema(dir, 'b.json', makeSchema({ id: 'xianning-2022', region: '咸宁市' }));
    writeSchema(dir, 'a.json', makeSchema({ id: 'linyi-fixture' }));
    writeSchema(dir, 'notes.txt', 'not a schema');
    expect(listBuiltinSchemas(dir).map((s) => s.id)).toEqual(['linyi-fixture', 'xianning-2022']);
    expect(loadBuiltinSchema('xianning-2022', dir).region).toBe('咸宁市');
  });

  it('reads a complete schema file back unchanged', () => {
    const file = writeSchema(makeTempDir(), 's.json', makeSchema());
    expect(loadSchemaJson(file)).toEqual(makeSchema());
  });

  it('fills the fields a hand-written file may leave out', () => {
    const file = writeSchema(makeTempDir(), 's.json', {
      id: 'mini',
      name: '最小指标体系',
      region: '临沂市',
      baseYear: 2020,
      targetYear: 2025,
      indicators: [{ code: 'A1', name: '托位总数', unit: '万个', baselineYear: 2020, baselineValue: 0.6, targetYear: 2025, targetValue: 5 }],
    });
    const schema = loadSchemaJson(file);
    expect(schema).toMatchObject({ source: '', rules: [], bureaus: [] });
    expect(schema.indicators[0]).toMatchObject({
      targetOp: null,
      targetText: null,
      auxiliary: false,
      attribute: '',
      direction: 'higher',
      reporter: null,
      responsibility: { leadBureaus: [], coBureaus: [], jointBureaus: [] },
    });
  });

  it('refuses a malformed file, naming the file and the field', () => {
    const dir = makeTempDir();
    const good = makeSchema();
    const cases: [unknown, RegExp][] = [
      ['{ "id": ', /“x\.json”格式有误：不是有效的 JSON/],
      [{ ...good, baseYear: '2020年' }, /字段 baseYear 应为四位年份/],
      [{ ...good, targetYear: good.baseYear }, /字段 targetYear 应晚于 baseYear/],
      [{ ...good, indicators: [] }, /字段 indicators 不能为空/],
      [{ ...good, indicators: [good.indicators[0], good.indicators[0]] }, /字段 indicators\[1\]\.code 重复的指标代码 LY01/],
      [{ ...good, indicators: [{ ...good.indicators[0], baselineValue: '93.5' }] }, /字段 indicators\[0\]\.baselineValue 应为数字或 null/],
      [{ ...good, indicators: [{ ...good.indicators[0], attribute: '约束' }] }, /字段 indicators\[0\]\.attribute/],
    ];
    for (const [data, message] of cases) {
      const file = writeSchema(dir, 'x.json', data);
      expect(() => loadSchemaJson(file)).toThrow(expect.objectContaining({ code: 'schema_invalid', message: expect.stringMatching(message) }));
    }
  });

  it('refuses an unknown id, listing the ids there are', () => {
    const dir = makeTempDir();
    writeSchema(dir, 'a.json', makeSchema());
    expect(() => loadBuiltinSchema('linyi-2099', dir)).toThrow(
      expect.objectContaining({ code: 'schema_not_found', message: '没有编号为“linyi-2099”的内置指标体系。可用的内置指标体系：linyi-fixture。' }),
    );
  });

  it('finds resources/schemas from the module, and every shipped schema passes the checks', () => {
    const schemas = listBuiltinSchemas();
    const linyi = schemas.find((s) => s.id === 'linyi-2022');
    expect(linyi).toBeDefined();
    // 临发改社会〔2022〕316号 prints 31 indicators in its table.
    expect(countPublishedIndicators(linyi!)).toBe(31);
    expect(countPublishedIndicators(makeSchema())).toBe(6);
  });

  it('every shipped schema goes into a workbook and comes back unchanged', () => {
    const dir = makeTempDir();
    for (const schema of listBuiltinSchemas()) {
      const workbook = createWorkbook(path.join(dir, `${schema.id}.tzdb`), { schema, region: schema.region || '测试市' });
      expect(readSchemaCopy(workbook.db)).toEqual(schema);
      workbook.close();
    }
  });
});
