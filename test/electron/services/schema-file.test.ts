import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../shared/api/errors';
import type { Indicator } from '../../../shared/domain/indicator';
import type { Schema } from '../../../shared/domain/schema';
import { loadSchemaFile } from '../../../electron/services/schema-file';
import { writeSchemaWorkbook } from '../../../electron/services/xlsx/write-schema';
import { readGrid } from '../../../electron/read/read-grid';
import { schemaFromGrid } from '../../../shared/schema/schema-from-grid';
import { makeIndicator, makeSchema } from '../../support/schema-fixture';

function indicator(fields: Partial<Indicator> & Pick<Indicator, 'code' | 'name'>): Indicator {
  return makeIndicator({ aggregation: 'sum', ...fields });
}

/** Every field of every indicator away from its default, and the awkward values besides. */
function richSchema(): Schema {
  return {
    id: 'xuanhan-2023',
    name: '宣汉县促进养老托育服务健康发展主要指标',
    region: '宣汉县',
    baseYear: 2022,
    targetYear: 2027,
    source: '宣府办〔2023〕13号',
    indicators: [
      indicator({
        code: 'TY01',
        name: '每千人口拥有3岁以下婴幼儿托位数',
        area: '托育服务',
        category: '托育',
        unit: '个',
        unitSynonyms: ['人', '个/千人'],
        decimals: 2,
        baselineYear: 2021,
        baselineValue: 1.75,
        targetYear: 2026,
        targetValue: 4.5,
        targetOp: '>=',
        targetText: '每个乡镇至少一所',
        attribute: '约束性',
        direction: 'higher',
        scope: 'stock',
        aggregation: 'recompute',
        formula: 'TY02 / AUX1 * 1000',
        auxiliary: false,
        allowAbove100: true,
        changeFactor: 2.5,
        aliases: ['每千人口托位数', '千人口托位数（含普惠）'],
        responsibility: {
          leadBureaus: ['县卫生健康局', '县民政局'],
          coBureaus: ['县发改局', '县财政局'],
          jointBureaus: ['县教育局'],
          localGovernments: ['各乡镇人民政府', '街道办事处'],
          text: '县卫生健康局、县民政局牵头，县发改局、县财政局配合',
          citation: '宣府办〔2023〕13号 附件 第12条',
        },
        reporter: '县卫生健康局',
        reporterProposed: true,
        notes: '=原文：到2025年，全县每千人口拥有3岁以下婴幼儿托位数达到4.5个',
      }),
      indicator({
        code: 'TY02',
        name: '托位总数',
        area: '托育服务',
        category: '托育',
        unit: '万个',
        decimals: 2,
        baselineValue: 0.17,
        targetValue: 0.45,
        reporter: '县卫生健康局',
      }),
      indicator({
        code: 'YL_02',
        name: '护理型养老床位占比',
        area: '养老服务',
        category: '养老',
        unit: '%',
        decimals: 1,
        baselineYear: 2022,
        baselineValue: null,
        targetYear: 2027,
        targetValue: 5,
        targetOp: '<=',
        attribute: '预期性',
        direction: 'lower',
        scope: 'annual',
        aggregation: 'none',
        reporter: '县民政局',
        notes: '-- 无基期数据',
      }),
      indicator({
        code: 'YL_03',
        name: '基本养老服务覆盖面',
        area: '养老服务',
        unit: '%',
        baselineValue: 0,
        targetValue: null,
        targetText: '全覆盖',
        scope: 'cumulative',
        aggregation: 'none',
        changeFactor: 4,
      }),
      indicator({
        code: '04',
        name: '养老床位',
        unit: '张',
        baselineValue: 5230,
        targetValue: 7000,
        targetOp: '=',
        reporter: '县民政局',
      }),
      indicator({
        code: 'AUX1',
        name: '常住人口',
        area: '辅助指标',
        unit: '万人',
        decimals: 2,
        baselineValue: 97.05,
        targetValue: null,
        auxiliary: true,
        notes: '+用于计算每千人口托位数',
      }),
    ],
    rules: [
      { id: 'R01', name: '托位数与常住人口一致', left: 'TY01', op: '=', right: 'TY02 / AUX1 * 1000', tolerance: null, note: '' },
      { id: 'R02', name: '护理型床位不超过总床位', left: 'YL_02', op: '<=', right: '100', tolerance: 0.05, note: '@口径见说明' },
      { id: 'R03', name: '严格小于', left: 'TY02', op: '<', right: 'AUX1 * 100', tolerance: 0, note: '' },
      { id: 'R04', name: '严格大于', left: 'AUX1', op: '>', right: '0', tolerance: null, note: '' },
      { id: 'R05', name: '不小于', left: 'TY02 * 10000', op: '>=', right: '5000', tolerance: null, note: '' },
    ],
    bureaus: [
      { name: '县卫生健康局', aliases: ['县卫健局', '宣汉县卫生健康局'] },
      { name: '县民政局', aliases: [] },
      { name: '县发改局', aliases: ['县发展改革局'] },
    ],
  };
}

/** Export, then import through the app's way in: reader, sheet parser and validation. */
async function roundTrip(schema: Schema): Promise<Schema> {
  const bytes = await writeSchemaWorkbook(schema);
  return loadSchemaFile({ name: `${schema.id}.xlsx`, bytes });
}

/** Export, then read and parse only: identity must hold even for a schema validation refuses. */
async function exportThenParse(schema: Schema): Promise<Schema | null> {
  const name = `${schema.id}.xlsx`;
  const grid = await readGrid({ name, bytes: await writeSchemaWorkbook(schema) });
  const { schema: parsed, problems } = schemaFromGrid(grid, { fileName: name });
  expect(problems.filter((problem) => problem.level !== 'notice')).toEqual([]);
  return parsed;
}

async function xlsxBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('export → import of a schema', () => {
  it('gives back the same Schema, every field of every indicator, rule and bureau', async () => {
    const schema = richSchema();
    expect(await roundTrip(schema)).toEqual(schema);
  });

  it('gives back the shared Linyi fixture, with its empty fields and auxiliary indicator', async () => {
    const schema = makeSchema();
    expect(await exportThenParse(schema)).toEqual(schema);
  });

  it('keeps a blank region and source blank instead of guessing them from the title', async () => {
    const schema = { ...richSchema(), region: '', source: '', bureaus: [] };
    expect(await roundTrip(schema)).toEqual(schema);
  });

  // Every built-in schema (resources/schemas/*.json, linyi-2022 among them) must survive it too.
  const builtInDir = fileURLToPath(new URL('../../../resources/schemas/', import.meta.url));
  const builtIns = existsSync(builtInDir) ? readdirSync(builtInDir).filter((file) => file.endsWith('.json')) : [];
  for (const file of builtIns) {
    it(`gives back the built-in schema ${file}`, async () => {
      const schema = JSON.parse(readFileSync(join(builtInDir, file), 'utf8')) as Schema;
      expect(await exportThenParse(schema)).toEqual(schema);
    });
  }

  it('writes the three sheets with a frozen header, numbers as numbers and text never as formulas', async () => {
    const bytes = await writeSchemaWorkbook(richSchema());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['指标体系', '校验规则', '说明']);

    const sheet = workbook.getWorksheet('指标体系')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 20)).toEqual([
      '指标编码', '领域', '类别', '指标名称', '单位', '基期年', '基期值', '目标年', '目标值', '指标属性',
      '方向', '口径', '汇总方式', '牵头单位', '配合单位', '共同负责单位', '填报单位', '别名', '小数位', '备注',
    ]);
    const column = (header: string) => headers.indexOf(header) + 1;
    const first = sheet.getRow(2);
    expect(first.getCell(column('基期值')).value).toBe(1.75);
    expect(first.getCell(column('基期值')).numFmt).toBe('0.00');
    expect(first.getCell(column('目标值')).value).toBe('≥4.50');
    expect(first.getCell(column('方向')).value).toBe('越大越好');
    expect(first.getCell(column('牵头单位')).value).toBe('县卫生健康局、县民政局');
    expect(first.getCell(column('填报单位待确认')).value).toBe('是');
    const notes = first.getCell(column('备注'));
    expect(notes.type).toBe(ExcelJS.ValueType.String);
    expect(notes.formula).toBeUndefined();
    expect(notes.numFmt).toBe('@');
    expect(sheet.getRow(4).getCell(column('基期值')).value).toBe('—');
    expect(sheet.getRow(4).getCell(column('目标值')).value).toBe('≤5.0');
    expect(sheet.getRow(4).getCell(column('口径')).value).toBe('当年');
    expect(sheet.getRow(5).getCell(column('目标值')).value).toBe('全覆盖');
    expect(sheet.getRow(6).getCell(column('指标编码')).value).toBe('04');
    expect(sheet.getRow(6).getCell(column('目标值')).value).toBe('＝7000');
  });
});

describe('loadSchemaFile', () => {
  it('imports an officer’s messy sheet: title rows, 指标（单位） names, year headers, merged areas', async () => {
    const bytes = await xlsxBytes((workbook) => {
      const sheet = workbook.addWorksheet('具体指标');
      sheet.addRow(['附件2']);
      sheet.addRow(['临沂市“十四五”养老托育服务具体指标']);
      sheet.addRow([]);
      sheet.addRow(['领 域', '类别', '指  标', '2020年', '2025年', '属性', '牵头部门', '报送单位']);
      sheet.addRow(['社会保障情况', null, '基本养老保险参保率（%）', 93.5, 95, '约束性', '市人力资源社会保障局', '市人社局']);
      sheet.addRow([null, null, '长期护理保险参保率(%)', 13, 50, '预期性', '市医保局', '市医保局']);
      sheet.addRow(['服务资源总量', '养老', '全市养老服务设施（处）', 971, '≥1000', '预期性', '市民政局', '市民政局']);
      sheet.addRow([null, '托育', '托位总数（万个）', 0.6, 5, '预期性', '市卫生健康委、市教育局', '市卫生健康委']);
      sheet.addRow([null, null, '乡镇区域性综合养老服务中心覆盖率 (%)', '--', '60%以上', null, '市民政局', null]);
      sheet.addRow([null, null, '人均预期寿命（岁）', '77.90', '78.40', null, '市卫生健康委', null]);
      sheet.addRow(['注：“--”为无2020年基础数据。']);
      sheet.mergeCells('A5:A6');
      sheet.mergeCells('A7:A10');
      sheet.mergeCells('A11:H11');
      sheet.getCell('D5').numFmt = '0.0';
    });
    const schema = await loadSchemaFile({ name: '临沂市指标.xlsx', bytes });

    expect(schema.name).toBe('临沂市“十四五”养老托育服务具体指标');
    expect(schema.region).toBe('临沂市');
    expect([schema.baseYear, schema.targetYear]).toEqual([2020, 2025]);
    expect(schema.indicators.map((i) => [i.code, i.area, i.category, i.name, i.unit])).toEqual([
      ['I001', '社会保障情况', '', '基本养老保险参保率', '%'],
      ['I002', '社会保障情况', '', '长期护理保险参保率', '%'],
      ['I003', '服务资源总量', '养老', '全市养老服务设施', '处'],
      ['I004', '服务资源总量', '托育', '托位总数', '万个'],
      ['I005', '服务资源总量', '托育', '乡镇区域性综合养老服务中心覆盖率', '%'],
      ['I006', '服务资源总量', '托育', '人均预期寿命', '岁'],
    ]);
    const byName = new Map(schema.indicators.map((i) => [i.name, i]));
    expect(byName.get('基本养老保险参保率')).toMatchObject({ baselineValue: 93.5, targetValue: 95, targetOp: null, decimals: 1, attribute: '约束性', reporter: '市人社局' });
    expect(byName.get('全市养老服务设施')).toMatchObject({ baselineValue: 971, targetValue: 1000, targetOp: '>=' });
    expect(byName.get('托位总数')?.responsibility.leadBureaus).toEqual(['市卫生健康委', '市教育局']);
    expect(byName.get('乡镇区域性综合养老服务中心覆盖率')).toMatchObject({ baselineValue: null, targetValue: 60, targetOp: '>=', reporter: null });
    expect(byName.get('人均预期寿命')).toMatchObject({ baselineValue: 77.9, targetValue: 78.4, decimals: 2, baselineYear: 2020, targetYear: 2025 });
    expect(schema.bureaus.map((b) => b.name)).toContain('市医保局');
  });

  it('exports an imported messy sheet and reads the export back unchanged', async () => {
    const bytes = await xlsxBytes((workbook) => {
      const sheet = workbook.addWorksheet('指标');
      sheet.addRow(['某县“十四五”养老服务主要指标']);
      sheet.addRow(['指标', '计量单位', '2020年', '2025年目标', '责任单位']);
      sheet.addRow(['养老机构护理型床位占比（%）', null, 50, '≥60', '县民政局、各乡镇人民政府']);
      sheet.addRow(['婴儿死亡率', '‰', 3.5, '≤3', '县卫生健康局']);
      sheet.addRow(['基本养老服务', null, '--', '全覆盖', null]);
    });
    const imported = await loadSchemaFile({ name: '某县指标.xlsx', bytes });
    expect(imported.indicators.map((i) => [i.name, i.unit, i.direction, i.targetText])).toEqual([
      ['养老机构护理型床位占比', '%', 'higher', null],
      ['婴儿死亡率', '‰', 'lower', null],
      ['基本养老服务', '', 'higher', '全覆盖'],
    ]);
    expect(imported.indicators[0]!.responsibility.localGovernments).toEqual(['各乡镇人民政府']);
    expect(await roundTrip(imported)).toEqual(imported);
  });

  it('refuses a sheet without a recognisable header, naming the file and saying what to add', async () => {
    const bytes = await xlsxBytes((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.addRow(['养老床位', 5230, 7000]);
      sheet.addRow(['护理型床位占比', 50, 60]);
    });
    const failure = await loadSchemaFile({ name: '指标.xlsx', bytes }).catch((error: unknown) => error);
    expect(isUserError(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'schema_invalid', where: { file: '指标.xlsx', sheet: 'Sheet1' } });
    expect((failure as Error).message).toContain('“指标.xlsx”不能作为指标体系导入');
    expect((failure as Error).message).toContain('指标名称');
  });

  it('refuses bad cells with their addresses', async () => {
    const bytes = await xlsxBytes((workbook) => {
      const sheet = workbook.addWorksheet('指标');
      sheet.addRow(['指标编码', '指标名称', '单位', '基期年', '基期值', '目标年', '目标值', '方向']);
      sheet.addRow(['A1', '养老床位', '张', 2020, '五千', 2025, 7000, '越大越好']);
      sheet.addRow(['A1', '护理型床位占比', '%', 2020, 50, 2025, '≥60', '偏高']);
    });
    const failure = (await loadSchemaFile({ name: '指标.xlsx', bytes }).catch((error: unknown) => error)) as Error;
    expect(isUserError(failure)).toBe(true);
    expect(failure.message).toContain('“指标”表 E2：基期值“五千”不是数字');
    expect(failure.message).toContain('“指标”表 H3：“方向”应填');
    expect(failure.message).toContain('“指标”表 A3：指标编码“A1”重复');
  });

  it('refuses a readable sheet whose schema does not validate, quoting the indicator', async () => {
    const schema = richSchema();
    schema.indicators[0]!.formula = 'TY09 / AUX1 * 1000';
    const failure = (await roundTrip(schema).catch((error: unknown) => error)) as Error;
    expect(isUserError(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'schema_invalid', where: { file: 'xuanhan-2023.xlsx' } });
    expect(failure.message).toContain('“TY09”');
  });

  it('reads the exported file through the same reader the app uses', async () => {
    const grid = await readGrid({ name: 'x.xlsx', bytes: await writeSchemaWorkbook(richSchema()) });
    expect(grid.sheets.map((sheet) => sheet.name)).toEqual(['指标体系', '校验规则', '说明']);
  });
});
