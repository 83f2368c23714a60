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

/**
 * A published table (regions or years down the rows) speaks in its own units, not the plan's:
 * where it names none, only a baseline or target can say whether a figure is in the plan's unit.
 */
describe('readReturnValues: a published table that names no unit', () => {
  const spending = makeIndicator({ code: 'R1', name: '研发经费', unit: '万元' });
  const gdp = makeIndicator({ code: 'G1', name: '地区生产总值', unit: '亿元', baselineValue: 4805.25, targetValue: 6500 });
  const read = (rows: (string | number | null)[][]) => {
    const grid = buildGrid('区县表.xlsx', [{ rows }]);
    const parsed = detectReturn(grid, linyiContext({ fileName: grid.fileName })).parsed!;
    return readReturnValues(parsed, { indicators: [spending, gdp], matcher: buildMatcher([spending, gdp], []), bureau: null, region: '临沂市', year: 2023 }).values;
  };

  it('asks about each figure of an indicator with nothing to weigh it against, and stores one its baseline and target confirm', () => {
    const values = read([[null, '研发经费', '地区生产总值'], [null, 2023, 2023], ['兰山区', 197.34, 1870.4], ['罗庄区', 255.87, 701.2]]);
    expect(values.map((v) => [v.indicator, v.region, v.value, v.problem?.kind ?? null])).toEqual([
      ['R1', '兰山区', null, 'unit_mismatch'],
      ['R1', '罗庄区', null, 'unit_mismatch'],
      ['G1', '兰山区', 1870.4, null],
      ['G1', '罗庄区', 701.2, null],
    ]);
    expect(values[0]!.problem).toMatchObject({ reason: '表中没有写明单位，指标也没有基期值或目标值可核对量级，无法确认 197.34 是否以“万元”计' });
  });

  it('reads the unit the table states, and a return on the plan’s form in the plan’s units', () => {
    const stated = read([['各区县研发经费'], ['单位：万元'], [null, '研发经费', '地区生产总值'], [null, 2023, 2023], ['兰山区', 1973442.3, 18704000], ['罗庄区', 2558684.6, 7012000]]);
    expect(stated.map((v) => [v.indicator, v.value, v.problem?.kind ?? null])).toEqual([
      ['R1', 1973442.3, null],
      ['R1', 2558684.6, null],
      ['G1', 1870.4, 'unit_converted'],
      ['G1', 701.2, 'unit_converted'],
    ]);
    const form = read([['指标名称', '2023年'], ['研发经费', 197.34]]);
    expect(form.map((v) => [v.indicator, v.value, v.problem])).toEqual([['R1', 197.34, null]]);
  });
});

/** A 完成值 written as a bound or an estimate says only roughly what was done: asked, not stored. */
describe('readReturnValues: a figure that is a bound or an estimate', () => {
  const facilities = makeIndicator({ code: 'B01', name: '全市养老服务设施', unit: '处', baselineValue: 971, targetValue: 1000 });
  const read = (rows: (string | number | null)[][]) => {
    const grid = buildGrid('2023年兰山区.xlsx', [{ rows }]);
    const parsed = detectReturn(grid, linyiContext({ fileName: grid.fileName })).parsed!;
    return readReturnValues(parsed, { indicators: [facilities], matcher: buildMatcher([facilities], []), bureau: null, region: '兰山区', year: 2023 }).values;
  };

  it.each(['≥95', '95以上', '约95', '95左右', '力争95', '不低于95'])('asks about the 完成值 “%s”, and keeps it as the target it restates', (written) => {
    const values = read([['指标名称', '单位', '2025年目标值', '2023年完成值'], ['全市养老服务设施', '处', written, written]]);
    expect(values.map((v) => [v.role, v.value, v.problem])).toEqual([
      ['target', 95, null],
      ['value', null, { kind: 'unparseable_value', text: written, why: 'inexact' }],
    ]);
  });

  it('stores a figure the bureau counted, whatever words stand around it', () => {
    const values = read([['指标名称', '单位', '2023年完成值'], ['全市养老服务设施', '处', '达到95']]);
    expect(values.map((v) => [v.value, v.problem])).toEqual([[95, null]]);
  });
});

describe('readReturnValues: a row that states its unit twice', () => {
  const places = makeIndicator({ code: 'B04', name: '托位总数', unit: '万个', baselineValue: 0.6, targetValue: 5 });
  const beds = makeIndicator({ code: 'X02', name: '养老机构床位数', unit: '张' });
  const read = (rows: (string | number | null)[][]) => {
    const grid = buildGrid('2023年兰山区.xlsx', [{ rows }]);
    const parsed = detectReturn(grid, linyiContext({ fileName: grid.fileName })).parsed!;
    return readReturnValues(parsed, { indicators: [places, beds], matcher: buildMatcher([places, beds], []), bureau: null, region: '兰山区', year: 2023 }).values;
  };

  it('asks when the name’s unit and the unit column differ in scale, and reads them when they agree', () => {
    const values = read([['指标名称', '单位', '2023年完成值'], ['托位总数（个）', '万个', 1.2], ['养老机构床位数（张）', '张', 3200]]);
    expect(values.map((v) => [v.indicator, v.value, v.problem?.kind ?? null])).toEqual([
      ['B04', null, 'unit_mismatch'],
      ['X02', 3200, null],
    ]);
    expect(values[0]!.problem).toMatchObject({ reason: '名称中的单位“个”与单位列的“万个”不一致，不能确定数值的单位' });
  });
});
