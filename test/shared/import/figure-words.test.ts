import { describe, expect, it } from 'vitest';
import type { TargetOp } from '../../../shared/domain/indicator';
import { beginsWithComparator, readFigureText } from '../../../shared/import/figure-words';
import { readCellNumber } from '../../../shared/import/parse-cell';
import { readValue } from '../../../shared/import/read-value';
import { readFigureCell } from '../../../shared/schema/figure-cell';
import { parsePastedIndicatorTable } from '../../../shared/schema/parse-pasted-table';
import { describeSheetProblem, schemaFromGrid } from '../../../shared/schema/schema-from-grid';
import { buildGrid } from '../../support/grid-builder';

/**
 * Every written form of a figure the three readers accepted before — a bureau's return, a schema
 * sheet, an indicator table pasted from a document — with its one reading, checked in all three.
 * [written, unit of the indicator, value in that unit (null: no figure), comparator].
 */
const FORMS: [string, string, number | null, TargetOp | null][] = [
  ['93.5', '%', 93.5, null],
  ['93.5%', '%', 93.5, null],
  ['９３．５', '%', 93.5, null],
  ['1,012', '处', 1012, null],
  ['1 012', '处', 1012, null],
  ['2.8万', '个', 28000, null],
  ['2.8万', '万个', 2.8, null],
  ['1000处', '处', 1000, null],
  ['≥60', '%', 60, '>='],
  ['≧60', '%', 60, '>='],
  ['>=60', '%', 60, '>='],
  ['>60', '%', 60, '>='],
  ['＞60', '%', 60, '>='],
  ['≥ 60', '%', 60, '>='],
  ['60以上', '%', 60, '>='],
  ['60%以上', '%', 60, '>='],
  ['60及以上', '%', 60, '>='],
  ['1000处以上', '处', 1000, '>='],
  ['不低于95', '%', 95, '>='],
  ['不少于1000', '处', 1000, '>='],
  ['大于等于60', '%', 60, '>='],
  ['至少60', '%', 60, '>='],
  ['≤5', '%', 5, '<='],
  ['<=5', '%', 5, '<='],
  ['<5', '%', 5, '<='],
  ['不高于5', '%', 5, '<='],
  ['不超过5', '%', 5, '<='],
  ['5以下', '%', 5, '<='],
  ['5%以内', '%', 5, '<='],
  ['＝100', '%', 100, '='],
  ['达到55%以上', '%', 55, '>='],
  ['约5000', '张', 5000, null],
  ['--', '%', null, null],
  ['-', '%', null, null],
  ['—', '%', null, null],
  ['——', '%', null, null],
  ['/', '%', null, null],
  ['无', '%', null, null],
  ['暂无', '%', null, null],
];

describe('figure words: one reading', () => {
  it.each(FORMS)('%s under %s reads as %s %s', (written, unit, value, op) => {
    const figure = readFigureText(written);
    if (value === null) {
      expect(figure.kind).toBe('none');
      return;
    }
    expect(figure).toMatchObject({ kind: 'number', op });
  });

  it.each(FORMS)('a return reads %s under %s as %s', (written, unit, value, op) => {
    const cell = { row: 0, col: 0, value: { kind: 'text' as const, value: written }, format: '', formula: false };
    const reading = readValue(cell, { role: 'target', schemaUnit: unit, unitSynonyms: [], rowUnit: unit, tableUnit: null });
    if (value === null) expect(reading.kind).toBe('blank');
    else expect(reading).toMatchObject({ kind: 'number', value, op });
    expect(readCellNumber(cell, { role: 'target', percentIndicator: unit === '%' }).kind).toBe(value === null ? 'blank' : 'number');
  });

  it.each(FORMS)('a schema sheet reads the target %s under %s as %s', (written, unit, value, op) => {
    const grid = buildGrid('指标表.xlsx', [{ rows: [['指标名称', '单位', '2020年', '2025年'], ['某指标', unit, '--', written]] }]);
    const { schema, problems } = schemaFromGrid(grid, { fileName: grid.fileName });
    expect(schema, problems.map(describeSheetProblem).join('\n')).not.toBeNull();
    expect(schema!.indicators.map((i) => [i.targetValue, i.targetOp])).toEqual([[value, value === null ? null : op]]);
  });

  it.each(FORMS)('a pasted table reads the target %s under %s as %s', (written, unit, value, op) => {
    const table = parsePastedIndicatorTable(['指标\t2020年\t2025年', `某指标(${unit})\t--\t${written}`].join('\n'));
    expect(table.problems).toEqual([]);
    expect(table.rows.map((row) => [row.targetValue, row.targetOp])).toEqual([[value, value === null ? null : op]]);
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
  it('reads 目标类型 by its header, and an unheaded column of comparators by its content', () => {
    for (const header of ['目标类型', '']) {
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
