import { describe, expect, it } from 'vitest';
import type { TargetOp } from '../../../shared/domain/indicator';
import { beginsWithComparator, isTargetInWords, readFigureText } from '../../../shared/import/figure-words';
import { readValue } from '../../../shared/import/read-value';
import { unitFromName } from '../../../shared/import/units';
import { readFigureCell } from '../../../shared/schema/figure-cell';
import { parsePastedIndicatorTable } from '../../../shared/schema/parse-pasted-table';
import { describeSheetProblem, schemaFromGrid } from '../../../shared/schema/schema-from-grid';
import { buildGrid } from '../../support/grid-builder';

/**
 * Every written form of a figure the three readers accepted before — a bureau's return, a schema
 * sheet, an indicator table pasted from a document — with its one reading, checked in all three.
 * [written, unit of the indicator, reading]. A reading is the value in the indicator's unit after
 * its comparator (≥60, ≤5, =100, 93.5), or: none (no figure), error (a formula's error value),
 * words (a target stated in words).
 */
const FORMS: [string, string, string][] = [
  // Figures: full width, thousands separators, signs, exponents, decimals as printed.
  ['93.5', '%', '93.5'],
  ['９３．５', '%', '93.5'],
  ['77.90', '%', '77.9'],
  ['.5', '%', '0.5'],
  ['+5', '%', '5'],
  ['-3.2', '%', '-3.2'],
  ['−3.2', '%', '-3.2'],
  ['﹣3.2', '%', '-3.2'],
  ['1,012', '处', '1012'],
  ['1，012', '处', '1012'],
  ['1 012', '处', '1012'],
  ['1.2e4', '处', '12000'],
  ['1.2E+04', '处', '12000'],
  // A unit after the figure, read in the indicator's unit.
  ['93.5%', '%', '93.5'],
  ['93.5 %', '%', '93.5'],
  ['5‰', '‰', '5'],
  ['5‰', '%', '0.5'],
  ['95%', '‰', '950'],
  ['2.8万', '个', '28000'],
  ['2.8万', '万个', '2.8'],
  ['２.８万', '人', '28000'],
  ['2.8亿', '元', '280000000'],
  ['2.8亿', '万元', '28000'],
  ['3.5万人', '万人', '3.5'],
  ['3.5万人', '人', '35000'],
  ['28000户', '万户', '2.8'],
  ['1000处', '处', '1000'],
  // Comparators before the figure; a strict sign names the threshold, ≥ or ≤.
  ['≥60', '%', '≥60'],
  ['≧60', '%', '≥60'],
  ['⩾60', '%', '≥60'],
  ['>=60', '%', '≥60'],
  ['=>60', '%', '≥60'],
  ['>60', '%', '≥60'],
  ['＞60', '%', '≥60'],
  ['≥ 60', '%', '≥60'],
  ['≤5', '%', '≤5'],
  ['≦5', '%', '≤5'],
  ['⩽5', '%', '≤5'],
  ['<=5', '%', '≤5'],
  ['=<5', '%', '≤5'],
  ['<5', '%', '≤5'],
  ['＜5', '%', '≤5'],
  ['=100', '%', '=100'],
  ['＝100', '%', '=100'],
  ['等于100', '%', '=100'],
  ['大于或等于60', '%', '≥60'],
  ['大于等于60', '%', '≥60'],
  ['不低于95', '%', '≥95'],
  ['不低于95%', '%', '≥95'],
  ['不少于1000', '处', '≥1000'],
  ['不小于60', '%', '≥60'],
  ['至少60', '%', '≥60'],
  ['超过60', '%', '≥60'],
  ['大于60', '%', '≥60'],
  ['高于60', '%', '≥60'],
  ['小于或等于5', '%', '≤5'],
  ['小于等于5', '%', '≤5'],
  ['不高于5', '%', '≤5'],
  ['不超过5', '%', '≤5'],
  ['不多于5', '%', '≤5'],
  ['不大于5', '%', '≤5'],
  ['最多5', '%', '≤5'],
  ['小于5', '%', '≤5'],
  ['低于5', '%', '≤5'],
  // Words before the figure that name no comparator.
  ['约5000', '张', '5000'],
  ['达60', '%', '60'],
  ['达到60', '%', '60'],
  ['力争60', '%', '60'],
  ['力争达到60', '%', '60'],
  ['保持60', '%', '60'],
  ['保持在60', '%', '60'],
  // Comparators after the figure and its unit.
  ['60以上', '%', '≥60'],
  ['60及以上', '%', '≥60'],
  ['60%以上', '%', '≥60'],
  ['1000处以上', '处', '≥1000'],
  ['达到55%以上', '%', '≥55'],
  ['5以下', '%', '≤5'],
  ['5及以下', '%', '≤5'],
  ['5%以内', '%', '≤5'],
  ['80左右', '岁', '80'],
  // No figure.
  ['--', '%', 'none'],
  ['---', '%', 'none'],
  ['-', '%', 'none'],
  ['－', '%', 'none'],
  ['—', '%', 'none'],
  ['——', '%', 'none'],
  ['–', '%', 'none'],
  ['––', '%', 'none'],
  ['―', '%', 'none'],
  ['~', '%', 'none'],
  ['～', '%', 'none'],
  ['_', '%', 'none'],
  ['/', '%', 'none'],
  ['／', '%', 'none'],
  ['\\', '%', 'none'],
  ['.', '%', 'none'],
  ['。', '%', 'none'],
  ['…', '%', 'none'],
  ['...', '%', 'none'],
  ['·', '%', 'none'],
  ['×', '%', 'none'],
  ['*', '%', 'none'],
  ['＊', '%', 'none'],
  ['无', '%', 'none'],
  ['空', '%', 'none'],
  ['缺', '%', 'none'],
  ['暂无', '%', 'none'],
  ['无数据', '%', 'none'],
  ['暂无数据', '%', 'none'],
  ['不适用', '%', 'none'],
  ['未统计', '%', 'none'],
  ['无统计', '%', 'none'],
  ['n/a', '%', 'none'],
  ['N/A', '%', 'none'],
  ['na', '%', 'none'],
  ['NA', '%', 'none'],
  ['null', '%', 'none'],
  ['NULL', '%', 'none'],
  // A formula's error value, as a CSV export writes it. #N/A is a failed lookup, not "no figure".
  ['#DIV/0!', '%', 'error'],
  ['#REF!', '%', 'error'],
  ['#VALUE!', '%', 'error'],
  ['#N/A', '%', 'error'],
  ['#n/a', '%', 'error'],
  ['#NAME?', '%', 'error'],
  ['#NUM!', '%', 'error'],
  ['#NULL!', '%', 'error'],
  ['#SPILL!', '%', 'error'],
  ['#CALC!', '%', 'error'],
  ['#GETTING_DATA', '%', 'error'],
  ['#FIELD!', '%', 'error'],
  ['#BLOCKED!', '%', 'error'],
  ['#CONNECT!', '%', 'error'],
  ['#BUSY!', '%', 'error'],
  ['#UNKNOWN!', '%', 'error'],
  // A target in words.
  ['持续提高', '%', 'words'],
  ['稳步提升', '%', 'words'],
  ['逐步下降', '%', 'words'],
  ['全覆盖', '%', 'words'],
  ['基本实现', '%', 'words'],
  ['巩固提升', '%', 'words'],
];

/** A FORMS reading as a figure: { value, op }; null for none, error and words. */
function figureOf(reading: string): { value: number; op: TargetOp | null } | null {
  if (reading === 'none' || reading === 'error' || reading === 'words') return null;
  const sign = reading[0] === '≥' ? '>=' : reading[0] === '≤' ? '<=' : reading[0] === '=' ? '=' : null;
  return { value: Number(sign === null ? reading : reading.slice(1)), op: sign };
}

const RETURN_KINDS: Record<string, string> = { none: 'blank', error: 'formula_error', words: 'qualitative' };
const VOCABULARY_KINDS: Record<string, string> = { none: 'none', error: 'error', words: 'qualitative' };

describe('figure words: one reading', () => {
  it.each(FORMS)('%s under %s reads as %s', (written, _unit, reading) => {
    const figure = figureOf(reading);
    const read = readFigureText(written);
    if (figure) expect(read).toMatchObject({ kind: 'number', op: figure.op });
    else expect(read.kind).toBe(VOCABULARY_KINDS[reading]);
  });

  it.each(FORMS)('a return reads %s under %s as %s', (written, unit, reading) => {
    const figure = figureOf(reading);
    const cell = { row: 0, col: 0, value: { kind: 'text' as const, value: written }, format: '', formula: false };
    const read = readValue(cell, { role: 'target', schemaUnit: unit, unitSynonyms: [], rowUnit: unit, tableUnit: null });
    if (figure) expect(read).toMatchObject({ kind: 'number', ...figure });
    else expect(read.kind).toBe(RETURN_KINDS[reading]);
  });

  it.each(FORMS)('a schema sheet reads the target %s under %s as %s', (written, unit, reading) => {
    const grid = buildGrid('指标表.xlsx', [{ rows: [['指标名称', '单位', '2020年', '2025年'], ['某指标', unit, '--', written]] }]);
    const { schema, problems } = schemaFromGrid(grid, { fileName: grid.fileName });
    if (reading === 'error') {
      expect(schema).toBeNull();
      expect(problems.map((p) => p.message).join('\n')).toContain('公式的错误值');
      return;
    }
    expect(schema, problems.map(describeSheetProblem).join('\n')).not.toBeNull();
    const figure = figureOf(reading);
    const text = reading === 'words' ? written : null;
    expect(schema!.indicators.map((i) => [i.targetValue, i.targetOp, i.targetText])).toEqual([[figure?.value ?? null, figure?.op ?? null, text]]);
  });

  it.each(FORMS)('a pasted table reads the target %s under %s as %s', (written, unit, reading) => {
    const table = parsePastedIndicatorTable(['指标\t2020年\t2025年', `某指标(${unit})\t--\t${written}`].join('\n'));
    if (reading === 'error') {
      expect(table.problems.map((p) => p.reason).join('\n')).toContain('公式的错误值');
      return;
    }
    expect(table.problems).toEqual([]);
    const figure = figureOf(reading);
    const text = reading === 'words' ? written : null;
    expect(table.rows.map((row) => [row.targetValue, row.targetOp, row.targetText])).toEqual([[figure?.value ?? null, figure?.op ?? null, text]]);
  });
});

/**
 * Texts that are no figure, read by where they stand: in a target cell (a return's or a schema
 * sheet's 目标值) a text with a Chinese word is a target in words; on a pasted line, where a name
 * may stand too, only the verbs of FORMS' words are. [written, in a target cell, on a pasted line].
 */
const TEXTS: [string, 'words' | 'refused', 'words' | 'refused'][] = [
  ['持续提高', 'words', 'words'],
  ['完成省下达任务', 'words', 'refused'],
  ['达到国家标准', 'words', 'refused'],
  ['不低于全国平均', 'words', 'refused'],
  ['abc', 'refused', 'refused'],
  ['≥abc', 'refused', 'refused'],
];

describe('texts that are no figure, by where they stand', () => {
  it.each(TEXTS)('%s: %s in a target cell, %s on a pasted line', (written, inCell, onLine) => {
    expect(isTargetInWords(written, 'target cell')).toBe(inCell === 'words');
    expect(isTargetInWords(written, 'shared line')).toBe(onLine === 'words');

    const cell = { row: 0, col: 0, value: { kind: 'text' as const, value: written }, format: '', formula: false };
    const read = readValue(cell, { role: 'target', schemaUnit: '%', unitSynonyms: [], rowUnit: '%', tableUnit: null });
    expect(read.kind).toBe(inCell === 'words' ? 'qualitative' : 'unparseable');

    const grid = buildGrid('指标表.xlsx', [{ rows: [['指标名称', '单位', '2020年', '2025年'], ['某指标', '%', '--', written]] }]);
    const { schema } = schemaFromGrid(grid, { fileName: grid.fileName });
    expect(schema?.indicators[0]?.targetText ?? null).toBe(inCell === 'words' ? written : null);

    const table = parsePastedIndicatorTable(['指标\t2020年\t2025年', `某指标(%)\t--\t${written}`].join('\n'));
    if (onLine === 'words') expect(table.rows.map((row) => row.targetText)).toEqual([written]);
    else expect(table.problems).not.toEqual([]);
  });

  it('a schema sheet refuses a target whose unit cannot be the indicator’s', () => {
    const grid = buildGrid('指标表.xlsx', [{ rows: [['指标名称', '单位', '2020年', '2025年'], ['某指标', '万人', '--', '95%']] }]);
    const { schema, problems } = schemaFromGrid(grid, { fileName: grid.fileName });
    expect(schema).toBeNull();
    expect(problems.map(describeSheetProblem)).toContain('“Sheet1”表 D2：目标值“95%”：数值单位“%”与指标单位“万人”不能换算。');
  });
});

/**
 * Units inside names, as returns, schema sheets and pasted tables print them: [written, name,
 * unit (null: the bracket is part of the name)]. All three read them through unitFromName.
 */
const NAMES: [string, string, string | null][] = [
  ['常住人口（万人）', '常住人口', '万人'],
  ['常住人口(万人)', '常住人口', '万人'],
  ['常住人口 (万人)', '常住人口', '万人'],
  ['常住人口[万人]', '常住人口', '万人'],
  ['常住人口【万人】', '常住人口', '万人'],
  ['常住人口〔万人〕', '常住人口', '万人'],
  ['常住人口【单位：万人】', '常住人口', '万人'],
  ['常住人口（单位:万人）', '常住人口', '万人'],
  ['托位总数(万个)', '托位总数', '万个'],
  ['每千人口托位数（人）', '每千人口托位数', '人'],
  ['乡镇区域性综合养老服务中心覆盖率 (%)', '乡镇区域性综合养老服务中心覆盖率', '%'],
  ['护理型床位占比（%）', '护理型床位占比', '%'],
  ['护理型床位占比（％）', '护理型床位占比', '%'],
  ['护理型床位占比【%】', '护理型床位占比', '%'],
  ['护理型床位占比(百分比)', '护理型床位占比', '%'],
  ['婴儿死亡率（‰）', '婴儿死亡率', '‰'],
  ['孕产妇死亡率（1/10万）', '孕产妇死亡率', '1/10万'],
  ['人均GDP(元/人)', '人均GDP', '元/人'],
  ['每千人口床位数（张/千人）', '每千人口床位数', '张/千人'],
  ['每万人口全科医生数（人/万人）', '每万人口全科医生数', '人/万人'],
  ['每千人口执业医师数（人/千人口）', '每千人口执业医师数', '人/千人口'],
  ['城镇化率提高（百分点）', '城镇化率提高', '百分点'],
  ['群众满意度（分）', '群众满意度', '分'],
  ['地区能源消费总量(万吨标准煤)', '地区能源消费总量', '万吨标准煤'],
  ['全社会用电量(亿千瓦小时)', '全社会用电量', '亿千瓦小时'],
  ['发电量(亿千瓦时)', '发电量', '亿千瓦时'],
  ['进出口总额(万美元)', '进出口总额', '万美元'],
  ['国内生产总值指数(1978年=100)', '国内生产总值指数', '1978年=100'],
  ['地区生产总值指数(上年=100)', '地区生产总值指数', '上年=100'],
  ['(万人)', '', '万人'],
  ['养老服务设施（含农村幸福院）', '养老服务设施（含农村幸福院）', null],
  ['城镇新增就业（其中）', '城镇新增就业（其中）', null],
  ['地区生产总值（现价）', '地区生产总值（现价）', null],
  ['调查失业率（城镇）', '调查失业率（城镇）', null],
  ['规划目标（2021—2025年）', '规划目标（2021—2025年）', null],
  ['人均预期寿命', '人均预期寿命', null],
];

describe('units inside names: one reading', () => {
  it.each(NAMES)('%s is %s in %s', (written, name, unit) => {
    expect(unitFromName(written)).toEqual({ name, unit });
  });

  it.each(NAMES.filter(([, name]) => name !== ''))('a schema sheet reads %s as %s in %s', (written, name, unit) => {
    const grid = buildGrid('指标表.xlsx', [{ rows: [['指标名称', '单位', '2020年', '2025年'], [written, null, 1, 2]] }]);
    const { schema, problems } = schemaFromGrid(grid, { fileName: grid.fileName });
    expect(schema, problems.map(describeSheetProblem).join('\n')).not.toBeNull();
    expect(schema!.indicators.map((i) => [i.name, i.unit])).toEqual([[name, unit ?? '']]);
  });

  it.each(NAMES.filter(([, name]) => name !== ''))('a pasted table reads %s as %s in %s', (written, name, unit) => {
    const table = parsePastedIndicatorTable(['指标\t2020年\t2025年', `${written}\t1\t2`].join('\n'));
    expect(table.problems).toEqual([]);
    expect(table.rows.map((row) => [row.name, row.unit])).toEqual([[name.normalize('NFKC').replace(/\s+/g, ''), unit ?? '']]);
  });
});

/**
 * Number cells as a return or a schema sheet stores them: [stored, number format, value shown].
 * A quoted or escaped % prints a sign after the number; only a bare % scales it.
 */
const NUMBER_CELLS: [number, string, number][] = [
  [93.5, 'General', 93.5],
  [93.5, '0.0', 93.5],
  [1012, '#,##0', 1012],
  [0.935, '0.0%', 93.5],
  [0.935, '0%', 93.5],
  [0.935, '[Red]0.0%', 93.5],
  [0.0935, '0.00%;-0.00%', 9.35],
  [93.5, '0.0"%"', 93.5],
  [93.5, '0.0\\%', 93.5],
  [93.50000000000001, 'General', 93.5],
];

describe('number cells: one reading', () => {
  it.each(NUMBER_CELLS)('a return reads %s shown through %s as %s', (stored, format, value) => {
    const cell = { row: 0, col: 0, value: { kind: 'number' as const, value: stored }, format, formula: false };
    expect(readValue(cell, { role: 'target', schemaUnit: '%', unitSynonyms: [], rowUnit: '%', tableUnit: null })).toMatchObject({ kind: 'number', value });
  });

  it.each(NUMBER_CELLS)('a schema sheet reads %s shown through %s as %s', (stored, format, value) => {
    const grid = buildGrid('指标表.xlsx', [{ rows: [['指标名称', '单位', '2020年', '2025年'], ['某指标', '%', stored, stored]], formats: { C2: format, D2: format } }]);
    const { schema, problems } = schemaFromGrid(grid, { fileName: grid.fileName });
    expect(schema, problems.map(describeSheetProblem).join('\n')).not.toBeNull();
    expect(schema!.indicators.map((i) => [i.baselineValue, i.targetValue])).toEqual([[value, value]]);
  });
});

describe('a comparator with no figure after it', () => {
  it.each(['≥abc', '>=abc', '不低于全国平均', '高于全国平均', '最多若干'])('%s begins with a comparator: a pasted cell is refused', (written) => {
    expect(beginsWithComparator(written)).toBe(true);
    expect(readFigureCell(written)).toMatchObject({ kind: 'invalid' });
  });

  it.each(['达到国家标准', '约若干', '养老机构数'])('%s begins with none: a pasted cell is text', (written) => {
    expect(beginsWithComparator(written)).toBe(false);
    expect(readFigureCell(written)).toBeNull();
  });
});

describe('a schema sheet’s comparator column', () => {
  it('reads 目标类型 by its header, and a column of comparators unheaded or under an unknown header by its content', () => {
    for (const header of ['目标类型', '比较符', '', '符号']) {
      const grid = buildGrid('指标表.xlsx', [
        {
          rows: [
            ['指标名称', '单位', '2020年', '2025年', header],
            ['养老机构护理型床位占比', '%', 45, 60, '≥'],
            ['婴幼儿死亡率', '‰', 3.2, 3, '不高于'],
            ['托位数', '个', 600, 5000, null],
            ['人均预期寿命', '岁', 79.4, 80, '左右'],
            ['城镇调查失业率', '%', 5.1, 5.5, '以内'],
            ['普惠性托位数', '个', 300, 2000, '以上'],
          ],
        },
      ]);
      const { schema, problems } = schemaFromGrid(grid, { fileName: grid.fileName });
      expect(schema, problems.map(describeSheetProblem).join('\n')).not.toBeNull();
      expect(schema!.indicators.map((i) => [i.name, i.targetValue, i.targetOp]), header || '（无表头）').toEqual([
        ['养老机构护理型床位占比', 60, '>='],
        ['婴幼儿死亡率', 3, '<='],
        ['托位数', 5000, null],
        // 左右 (about) is no comparator, as in the figure “80左右”.
        ['人均预期寿命', 80, null],
        ['城镇调查失业率', 5.5, '<='],
        ['普惠性托位数', 2000, '>='],
      ]);
    }
  });
});
