import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../../shared/domain/indicator';
import type { Schema } from '../../../shared/domain/schema';
import { describeSheetProblem, schemaFromGrid, type SchemaSheetProblem } from '../../../shared/schema/schema-from-grid';
import { buildGrid, type CellInput, type SheetSpec } from '../../support/grid-builder';
import { linyiIndicators } from '../../support/linyi-indicators';

function read(sheets: SheetSpec[], fileName = '指标体系.xlsx') {
  return schemaFromGrid(buildGrid(fileName, sheets), { fileName });
}

function readSchema(sheets: SheetSpec[], fileName?: string): { schema: Schema; problems: SchemaSheetProblem[] } {
  const { schema, problems } = read(sheets, fileName);
  if (!schema) throw new Error(problems.map(describeSheetProblem).join('\n'));
  return { schema, problems };
}

function named(schema: Schema, name: string): Indicator {
  const found = schema.indicators.find((indicator) => indicator.name === name);
  if (!found) throw new Error(`没有“${name}”：${schema.indicators.map((i) => i.name).join('、')}`);
  return found;
}

function errors(problems: SchemaSheetProblem[]): SchemaSheetProblem[] {
  return problems.filter((problem) => problem.level === 'error');
}

/** A1 ranges merging each run of equal values in a column, as the document's table does. */
function runMerges(values: string[], column: string, firstRow: number): string[] {
  const merges: string[] = [];
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i === values.length || values[i] !== values[start]) {
      if (i - start > 1 && values[start] !== '') merges.push(`${column}${firstRow + start}:${column}${firstRow + i - 1}`);
      start = i;
    }
  }
  return merges;
}

/** How the document prints a figure: 77.90 keeps its zero, -- where there is none. */
function printed(value: number | null, decimals: number): CellInput {
  if (value === null) return '--';
  const text = value.toFixed(decimals);
  return Number(text).toString() === text ? value : text;
}

describe('schemaFromGrid on the Linyi table as the document lays it out', () => {
  const expected = linyiIndicators();
  const areas = expected.map((indicator) => indicator.area);
  const categories = expected.map((indicator, i) =>
    i > 0 && expected[i - 1]!.area === indicator.area && expected[i - 1]!.category === indicator.category ? '' : indicator.category,
  );
  const rows: CellInput[][] = [
    ['临沂市养老托育服务具体指标'],
    [],
    ['指 标', null, null, '2020年', '2025年'],
    ...expected.map((indicator, i) => [
      i === 0 || areas[i - 1] !== indicator.area ? indicator.area : null,
      categories[i] || null,
      // Half- and full-width brackets, with and without a space, as the pasted table varies.
      i % 3 === 0 ? `${indicator.name}（${indicator.unit}）` : i % 3 === 1 ? `${indicator.name}(${indicator.unit})` : `${indicator.name} (${indicator.unit})`,
      printed(indicator.baselineValue, indicator.decimals),
      indicator.targetOp === '>=' ? `≥${indicator.targetValue}` : indicator.targetValue,
    ]),
    ['注:“-”为无2020年基础数据或该指标无统计'],
  ];
  const merges = ['A3:C3', ...runMerges(areas, 'A', 4)];
  const { schema, problems } = readSchema([{ name: '具体指标', rows, merges }], '临沂指标.xlsx');

  it('reads all 31 indicators with the unit taken out of the name’s brackets', () => {
    expect(schema.indicators.map((i) => [i.name, i.unit])).toEqual(expected.map((i) => [i.name, i.unit]));
  });

  it('spreads the merged 指 标 header over area, category and name, and fills merged areas down', () => {
    expect(schema.indicators.map((i) => [i.area, i.category])).toEqual(expected.map((i) => [i.area, i.category]));
  });

  it('takes the years from the 2020年 / 2025年 headers, -- as no baseline, ≥ as a comparator', () => {
    const pick = (i: Indicator) => [i.baselineYear, i.baselineValue, i.targetYear, i.targetValue, i.targetOp, i.decimals];
    expect(schema.indicators.map(pick)).toEqual(expected.map(pick));
    expect([schema.baseYear, schema.targetYear]).toEqual([2020, 2025]);
  });

  it('names the schema and its region from the title and generates codes from positions, saying so', () => {
    expect(schema.name).toBe('临沂市养老托育服务具体指标');
    expect(schema.region).toBe('临沂市');
    expect(schema.indicators.map((i) => i.code).slice(0, 3)).toEqual(['I001', 'I002', 'I003']);
    expect(problems).toContainEqual(
      expect.objectContaining({ level: 'notice', sheet: '具体指标', message: expect.stringContaining('已按行序为 31 个指标生成编码') }),
    );
    expect(errors(problems)).toEqual([]);
  });

  it('leaves rates unsummed and counts summed over sub-regions when the sheet does not say', () => {
    expect(named(schema, '基本养老保险参保率').aggregation).toBe('none');
    expect(named(schema, '养老护理专业人才数').aggregation).toBe('sum');
    expect(named(schema, '每千人口托位数').aggregation).toBe('none');
  });
});

describe('schemaFromGrid header variations', () => {
  it('maps synonyms, a year inside brackets, 2025年目标, and ignores columns it does not know', () => {
    const { schema, problems } = readSchema([
      {
        name: '指标',
        rows: [
          ['宣汉县养老托育主要指标'],
          ['单位：个、%'],
          ['指标代码', '指标', '计量单位', '基期值（2020年）', '2025年目标', '极性', '统计口径', '牵头部门', '配合部门', '按职责分工负责', '数据来源单位', '其他名称', '保留小数', '附注', '完成情况'],
          ['TY01', '每千人口托位数（个）', '个', 1.2, '4.5以上', '正向', '年末存量', '县卫生健康局', '县发改局，县财政局', null, '县卫生健康局', '千人口托位数；每千人托位数', 1, '原文第二条', '进展顺利'],
          ['YL02', '失能特困人员集中供养率', null, '50', '不低于60', null, '当年', '县民政局', null, null, null, null, null, null, null],
          ['YL03', '养老机构安全事故数（起）', null, 3, '不高于1', '逆向', null, null, null, '县民政局、县应急管理局', null, null, null, null, null],
        ],
      },
    ]);
    const ty = named(schema, '每千人口托位数');
    expect(ty).toMatchObject({
      code: 'TY01',
      unit: '个',
      baselineYear: 2020,
      baselineValue: 1.2,
      targetYear: 2025,
      targetValue: 4.5,
      targetOp: '>=',
      direction: 'higher',
      scope: 'stock',
      reporter: '县卫生健康局',
      aliases: ['千人口托位数', '每千人托位数'],
      decimals: 1,
      notes: '原文第二条',
    });
    expect(ty.responsibility).toMatchObject({ leadBureaus: ['县卫生健康局'], coBureaus: ['县发改局', '县财政局'] });
    expect(named(schema, '失能特困人员集中供养率')).toMatchObject({ unit: '', targetValue: 60, targetOp: '>=', scope: 'annual' });
    const accidents = named(schema, '养老机构安全事故数');
    expect(accidents).toMatchObject({ unit: '起', targetValue: 1, targetOp: '<=', direction: 'lower' });
    expect(accidents.responsibility.jointBureaus).toEqual(['县民政局', '县应急管理局']);
    expect(schema.name).toBe('宣汉县养老托育主要指标');
    expect(problems).toContainEqual(expect.objectContaining({ level: 'notice', message: expect.stringContaining('“完成情况”') }));
  });

  it('reads two-row headers whose years sit under 基期值 and 目标值', () => {
    const { schema } = readSchema([
      {
        rows: [
          ['序号', '指标名称', '单位', '基期值', '目标值'],
          [null, null, null, '2025年', '2030年'],
          [1, '养老床位', '张', 5230, 7000],
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:C2'],
      },
    ]);
    expect(schema.indicators[0]).toMatchObject({ name: '养老床位', baselineYear: 2025, baselineValue: 5230, targetYear: 2030, targetValue: 7000 });
  });

  it('takes the plan period from a “十五五” title when no header carries a year', () => {
    const { schema } = readSchema([
      {
        rows: [['某市“十五五”养老服务发展规划主要指标'], ['指标名称', '单位', '基期值', '目标值'], ['养老床位', '张', 5230, 7000]],
      },
    ]);
    expect(schema.indicators[0]).toMatchObject({ baselineYear: 2025, targetYear: 2030 });
  });

  it('reports the years as missing when nothing in the sheet names them', () => {
    const { schema, problems } = read([{ rows: [['指标名称', '单位', '基期值', '目标值'], ['养老床位', '张', 5230, 7000]] }]);
    expect(schema).toBeNull();
    expect(errors(problems)[0]?.message).toContain('无法确定基期年或目标年');
  });

  it('makes section headings the area when there is no 领域 column, and skips footnotes', () => {
    const { schema } = readSchema([
      {
        rows: [
          ['指标名称', '单位', '2020年', '2025年'],
          ['一、养老服务'],
          ['养老床位', '张', 5230, 7000],
          ['（二）托育服务'],
          ['托位数', '个', 300, 1200],
          ['填表人：张三'],
          ['联系电话：0539-1234567'],
        ],
      },
    ]);
    expect(schema.indicators.map((i) => [i.area, i.name])).toEqual([
      ['养老服务', '养老床位'],
      ['托育服务', '托位数'],
    ]);
  });
});

describe('schemaFromGrid figures', () => {
  const header = ['指标编码', '指标名称', '单位', '基期年', '基期值', '目标年', '目标值'];
  const rowsWith = (cells: [string, CellInput, CellInput][]) => [
    header,
    ...cells.map(([unit, baseline, target], i) => [`T${i + 1}`, `指标${i + 1}`, unit, 2020, baseline, 2025, target]),
  ];

  it('reads every comparator form of a target', () => {
    const forms: [CellInput, number | null, string | null][] = [
      ['≥60', 60, '>='],
      ['>=60', 60, '>='],
      ['≧60', 60, '>='],
      ['60以上', 60, '>='],
      ['60%以上', 60, '>='],
      ['60及以上', 60, '>='],
      ['不低于95', 95, '>='],
      ['不少于1000', 1000, '>='],
      ['达到55%以上', 55, '>='],
      ['不高于5', 5, '<='],
      ['≤5', 5, '<='],
      ['<=5', 5, '<='],
      ['不超过5', 5, '<='],
      ['5以下', 5, '<='],
      ['＝100', 100, '='],
      ['100', 100, null],
      [100, 100, null],
      ['1000处以上', 1000, '>='],
      ['≥ 1,000', 1000, '>='],
      [null, null, null],
    ];
    const { schema } = readSchema([{ rows: rowsWith(forms.map(([target]) => ['%', 1, target])) }]);
    expect(schema.indicators.map((i) => [i.targetValue, i.targetOp, i.targetText])).toEqual(
      forms.map(([, value, op]) => [value, op, null]),
    );
  });

  it('keeps qualitative targets as text, never as an invented number', () => {
    const texts = ['持续提高', '全覆盖', '稳步提升', '提高5个百分点', '应保尽保'];
    const { schema } = readSchema([{ rows: rowsWith(texts.map((text) => ['%', 1, text])) }]);
    expect(schema.indicators.map((i) => [i.targetValue, i.targetOp, i.targetText])).toEqual(texts.map((text) => [null, null, text]));
  });

  it('reads no-data baselines as null and numbers in their printed forms', () => {
    const forms: [string, CellInput, number | null, number][] = [
      ['%', '--', null, 0],
      ['%', '—', null, 0],
      ['%', '-', null, 0],
      ['%', '/', null, 0],
      ['%', '无', null, 0],
      ['%', null, null, 0],
      ['处', '1,012', 1012, 0],
      ['%', '９３.５', 93.5, 1],
      ['%', '93.5%', 93.5, 1],
      ['岁', '77.90', 77.9, 2],
      ['户', '2.8万', 28000, 0],
      ['万人', '2.8万', 2.8, 1],
    ];
    const { schema } = readSchema([{ rows: rowsWith(forms.map(([unit, baseline]) => [unit, baseline, null])) }]);
    expect(schema.indicators.map((i) => [i.baselineValue, i.decimals])).toEqual(forms.map(([, , value, decimals]) => [value, decimals]));
  });

  it('reads a percent-formatted number cell as the percentage it shows', () => {
    const { schema } = readSchema([{ rows: rowsWith([['%', 0.935, 0.95]]), formats: { E2: '0.0%', G2: '0%' } }]);
    expect(schema.indicators[0]).toMatchObject({ baselineValue: 93.5, targetValue: 95, decimals: 1 });
  });

  it('refuses a baseline that is no figure, naming the cell', () => {
    const { schema, problems } = read([{ name: '指标', rows: rowsWith([['张', '五千', 7000]]) }]);
    expect(schema).toBeNull();
    expect(errors(problems)).toEqual([
      { level: 'error', sheet: '指标', cell: 'E2', message: '基期值“五千”不是数字；没有基期数据请填“--”或留空。' },
    ]);
    expect(describeSheetProblem(errors(problems)[0]!)).toBe('“指标”表 E2：基期值“五千”不是数字；没有基期数据请填“--”或留空。');
  });
});

describe('schemaFromGrid marks, bureaus and codes', () => {
  it('recognises auxiliary indicators by column, by 属性 and by a （辅助） mark in the name', () => {
    const { schema } = readSchema([
      {
        rows: [
          ['指标名称', '单位', '2020年', '2025年', '指标属性', '辅助指标'],
          ['常住人口', '万人', 1101.8, null, null, '是'],
          ['户籍人口', '万人', 1180, null, null, '√'],
          ['护理型床位数', '张', 9000, null, '辅助', null],
          ['60岁及以上人口（辅助）', '万人', 216.3, null, null, null],
          ['养老床位', '张', 5230, 7000, '约束性', '否'],
        ],
      },
    ]);
    expect(schema.indicators.map((i) => [i.name, i.auxiliary, i.attribute])).toEqual([
      ['常住人口', true, ''],
      ['户籍人口', true, ''],
      ['护理型床位数', true, ''],
      ['60岁及以上人口', true, ''],
      ['养老床位', false, '约束性'],
    ]);
  });

  it('keeps local governments apart from bureaus and lists the bureaus named', () => {
    const { schema } = readSchema([
      {
        rows: [
          ['指标名称', '单位', '2020年', '2025年', '责任单位', '填报单位'],
          ['社区养老服务设施覆盖率', '%', 71, 100, '市民政局、市住房城乡建设局、各县区人民政府、管委会', '市民政局'],
        ],
      },
    ]);
    expect(schema.indicators[0]!.responsibility).toMatchObject({
      jointBureaus: ['市民政局', '市住房城乡建设局'],
      localGovernments: ['各县区人民政府', '管委会'],
    });
    expect(schema.bureaus).toEqual([
      { name: '市民政局', aliases: [] },
      { name: '市住房城乡建设局', aliases: [] },
    ]);
  });

  it('reads the human words for direction, 口径 and 汇总方式, and refuses unknown ones', () => {
    const { schema, problems } = read([
      {
        name: '指标',
        rows: [
          ['指标编码', '指标名称', '单位', '2020年', '2025年', '方向', '口径', '汇总方式'],
          ['A', '婴儿死亡率', '‰', 3.5, 3, '低', '当年', '不汇总'],
          ['B', '累计改造户数', '户', 0, 28000, '高', '规划期累计', '求和'],
          ['C', '每千人口托位数', '个', 0.6, 4.6, '越大越好', '年末存量', '按分量重算'],
          ['D', '养老床位', '张', 5230, 7000, '越多越好', '年底', '求和'],
        ],
      },
    ]);
    expect(schema).toBeNull();
    expect(errors(problems).map((p) => p.cell)).toEqual(['F5', 'G5']);
    expect(errors(problems)[0]!.message).toBe('“方向”应填“越大越好”、“越小越好”之一，这里是“越多越好”。');
    const fixed = readSchema([
      {
        rows: [
          ['指标编码', '指标名称', '单位', '2020年', '2025年', '方向', '口径', '汇总方式'],
          ['A', '婴儿死亡率', '‰', 3.5, 3, '低', '当年', '不汇总'],
          ['B', '累计改造户数', '户', 0, 28000, '高', '规划期累计', '求和'],
          ['C', '每千人口托位数', '个', 0.6, 4.6, '越大越好', '年末存量', '按分量重算'],
        ],
      },
    ]).schema;
    expect(fixed.indicators.map((i) => [i.direction, i.scope, i.aggregation])).toEqual([
      ['lower', 'annual', 'none'],
      ['higher', 'cumulative', 'sum'],
      ['higher', 'stock', 'recompute'],
    ]);
  });

  it('generates a code for a blank code cell with a notice there, and refuses duplicate codes', () => {
    const { schema, problems } = readSchema([
      { name: '指标', rows: [['编码', '指标名称', '2020年', '2025年'], ['A01', '养老床位', 1, 2], [null, '托位数', 3, 4]] },
    ]);
    expect(schema.indicators.map((i) => i.code)).toEqual(['A01', 'I002']);
    expect(problems).toContainEqual({ level: 'notice', sheet: '指标', cell: 'A3', message: '“托位数”未填指标编码，已按位置生成“I002”。' });

    const duplicate = read([{ name: '指标', rows: [['编码', '指标名称', '2020年', '2025年'], ['A01', '养老床位', 1, 2], ['A01', '托位数', 3, 4]] }]);
    expect(duplicate.schema).toBeNull();
    expect(errors(duplicate.problems)).toEqual([
      expect.objectContaining({ cell: 'A3', message: expect.stringContaining('指标编码“A01”重复') }),
    ]);
  });
});

describe('schemaFromGrid 校验规则', () => {
  const indicators: SheetSpec = {
    name: '指标',
    rows: [['指标编码', '指标名称', '单位', '2020年', '2025年'], ['A05', '托位总数', '万个', 0.6, 5], ['A20', '常住人口', '万人', 1101.8, null]],
  };

  it('reads rules with their relation words, tolerance and generated ids', () => {
    const { schema, problems } = readSchema([
      indicators,
      {
        name: '校验规则',
        rows: [
          ['名称', '左边', '关系', '右边', '容差', '说明'],
          ['托位数不超过人口', 'A05', '不大于', 'A20', null, null],
          ['托位总数一致', 'A05 * 10', '＝', 'A05 * 10', 0.05, '示例'],
          ['大于零', 'A20', '>', '0', null, null],
        ],
      },
    ]);
    expect(schema.rules).toEqual([
      { id: 'R01', name: '托位数不超过人口', left: 'A05', op: '<=', right: 'A20', tolerance: null, note: '' },
      { id: 'R02', name: '托位总数一致', left: 'A05 * 10', op: '=', right: 'A05 * 10', tolerance: 0.05, note: '示例' },
      { id: 'R03', name: '大于零', left: 'A20', op: '>', right: '0', tolerance: null, note: '' },
    ]);
    expect(problems.filter((p) => p.sheet === '校验规则').map((p) => p.level)).toEqual(['notice', 'notice', 'notice']);
    expect(schema.indicators).toHaveLength(2);
  });

  it('reads a tolerance typed as text as 指标体系 reads a typed figure, and refuses one that is no figure', () => {
    const rules = (tolerance: string) =>
      read([indicators, { name: '校验规则', rows: [['名称', '左边', '关系', '右边', '容差'], ['一致', 'A05', '=', 'A05', tolerance]] }]);
    expect(rules('０.０５').schema?.rules[0]!.tolerance).toBe(0.05);
    for (const typed of ['0x10', '-1', '半个单位']) {
      const { schema, problems } = rules(typed);
      expect(schema, typed).toBeNull();
      expect(errors(problems).map((p) => [p.sheet, p.cell]), typed).toEqual([['校验规则', 'E2']]);
    }
  });

  it('refuses a rule with an unknown relation or a missing side, naming the cells', () => {
    const { schema, problems } = read([
      indicators,
      {
        name: '校验规则',
        rows: [
          ['规则编号', '名称', '左边', '关系', '右边'],
          ['R1', '坏关系', 'A05', '约等于', 'A20'],
          ['R2', '缺右边', 'A05', '≤', null],
        ],
      },
    ]);
    expect(schema).toBeNull();
    expect(errors(problems).map((p) => [p.sheet, p.cell])).toEqual([
      ['校验规则', 'D2'],
      ['校验规则', 'E3'],
    ]);
  });
});

describe('schemaFromGrid without a usable sheet', () => {
  it('says no header was found when the sheet has only figures', () => {
    const { schema, problems } = read([{ name: 'Sheet1', rows: [['养老床位', 5230, 7000], ['托位数', 300, 1200]] }]);
    expect(schema).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ level: 'error', sheet: 'Sheet1', message: expect.stringContaining('没有找到指标表的表头') }),
    ]);
  });

  it('says so for an empty workbook sheet too', () => {
    const { schema, problems } = read([{ name: '空表', rows: [] }]);
    expect(schema).toBeNull();
    expect(errors(problems)).toHaveLength(1);
  });

  it('warns about a row with figures but no name instead of dropping it silently', () => {
    const { schema, problems } = readSchema([
      { name: '指标', rows: [['指标名称', '单位', '2020年', '2025年'], ['养老床位', '张', 1, 2], [null, '个', 3, 4]] },
    ]);
    expect(schema.indicators).toHaveLength(1);
    expect(problems).toContainEqual(expect.objectContaining({ level: 'warning', cell: 'A3' }));
  });
});

describe('year headers, read with the returns’ year words', () => {
  it.each([
    ['2020年', '2025年'],
    ['2020年末', '2025年底'],
    ['2020年基期值', '2025年目标值'],
    ['2020年基数', '2025年规划目标'],
    ['2020年现状值', '2025年预期值'],
    ['2020年实际', '2025年目标任务'],
    ['2020（基准值）', '2025（期末目标）'],
  ])('%s is the baseline of 2020, %s the target of 2025', (baseline, target) => {
    const { schema } = readSchema([{ rows: [['指标名称', '单位', baseline, target], ['托位数', '个', 600, 5000]] }]);
    expect(schema.indicators.map((i) => [i.baselineYear, i.baselineValue, i.targetYear, i.targetValue])).toEqual([[2020, 600, 2025, 5000]]);
  });

  it('ignores a column of growth rates beside the years', () => {
    const { schema } = readSchema([{ rows: [['指标名称', '单位', '2020年', '2025年', '2021—2025年年均增长'], ['托位数', '个', 600, 5000, 52.8]] }]);
    expect(schema.indicators.map((i) => [i.baselineValue, i.targetValue])).toEqual([[600, 5000]]);
  });
});
