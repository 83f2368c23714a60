import { describe, expect, it } from 'vitest';
import { detectReturn } from '../../../shared/import/detect-layout';
import { buildMatcher } from '../../../shared/import/match';
import { readReturnValues } from '../../../shared/import/read-return-values';
import { buildGrid, linyiContext } from '../../support/grid-builder';
import { makeIndicator } from '../../support/schema-fixture';

/** Cells turned into figures: a unit nobody stated is the indicator's, unless the size says otherwise. */
describe('readReturnValues: a figure whose unit nobody stated', () => {
  const gdp = makeIndicator({ code: 'G1', name: '地区生产总值', unit: '亿元', baselineValue: 4805.25, targetValue: 6500 });
  const people = makeIndicator({ code: 'P1', name: '常住人口', unit: '万人', baselineValue: 1101.8, targetValue: null });
  const read = (rows: (string | number | null)[][]) => {
    const grid = buildGrid('2023年主要指标.xlsx', [{ rows }]);
    const parsed = detectReturn(grid, linyiContext({ fileName: grid.fileName })).parsed!;
    return readReturnValues(parsed, { indicators: [gdp, people], matcher: buildMatcher([gdp, people], []), bureau: null, region: '临沂市', year: 2023 }).values;
  };

  it('takes the indicator’s unit when the figure is of its size', () => {
    const values = read([['指标名称', '2023年'], ['地区生产总值', 5465.5], ['常住人口', 1099]]);
    expect(values.map((v) => [v.indicator, v.value, v.problem])).toEqual([
      ['G1', 5465.5, null],
      ['P1', 1099, null],
    ]);
  });

  it('asks, rather than stores, a figure a thousand times off its baseline and target', () => {
    const values = read([['指标名称', '2023年'], ['地区生产总值', 54655000], ['常住人口', 10990000]]);
    expect(values.map((v) => [v.indicator, v.value, v.problem?.kind])).toEqual([
      ['G1', null, 'unit_mismatch'],
      ['P1', null, 'unit_mismatch'],
    ]);
    expect(values[0]!.problem).toMatchObject({ reason: expect.stringContaining('未注明单位') });
  });

  it('converts a stated unit whatever the size', () => {
    const values = read([['指标名称', '单位', '2023年'], ['地区生产总值', '万元', 54655000], ['常住人口', '人', 10990000]]);
    expect(values.map((v) => [v.indicator, v.value, v.problem?.kind])).toEqual([
      ['G1', 5465.5, 'unit_converted'],
      ['P1', 1099, 'unit_converted'],
    ]);
  });
});
