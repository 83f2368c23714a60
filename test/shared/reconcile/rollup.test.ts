import { describe, expect, it } from 'vitest';
import { makeIndicator } from '../../support/schema-fixture';
import type { Indicator } from '../../../shared/domain/indicator';
import { compareRollup, rollUp, type RollupValue } from '../../../shared/reconcile/rollup';

const indicator = makeIndicator;

const CITY = '临沂市';
const SUBREGIONS = ['兰山区', '罗庄区', '河东区', '临沂高新区'];

const INDICATORS: Indicator[] = [
  indicator({ code: 'LY06', name: '托位总数', unit: '个', aggregation: 'sum' }),
  indicator({ code: 'AUX01', name: '常住人口', unit: '万人', decimals: 2, aggregation: 'sum', auxiliary: true }),
  // 托位 (个) over 常住人口 (万人) per thousand people.
  indicator({ code: 'LY14', name: '每千人口托位数', unit: '个', decimals: 1, aggregation: 'recompute', formula: 'LY06 / (AUX01 * 10000) * 1000' }),
  indicator({ code: 'AUX02', name: '养老机构护理型床位数', unit: '张', aggregation: 'sum', auxiliary: true }),
  indicator({ code: 'AUX03', name: '养老机构床位数', unit: '张', aggregation: 'sum', auxiliary: true }),
  indicator({ code: 'LY17', name: '养老机构护理型养老床位占比', unit: '%', decimals: 1, aggregation: 'recompute', formula: 'AUX02÷AUX03×100' }),
  indicator({ code: 'LY01', name: '基本养老保险参保率', unit: '%', decimals: 1, aggregation: 'none' }),
  indicator({ code: 'LY21', name: '特殊困难老年人适老化改造数量', unit: '户', aggregation: 'sum', scope: 'cumulative' }),
];

type Table = Record<string, Record<string, number | null>>;

const FIGURES_2023: Table = {
  LY06: { 兰山区: 6200, 罗庄区: 2100, 河东区: 2500, 临沂高新区: 600 },
  AUX01: { 兰山区: 179.86, 罗庄区: 63.02, 河东区: 70.63, 临沂高新区: 20.75 },
  LY14: { 兰山区: 3.4, 罗庄区: 3.3, 河东区: 3.5, 临沂高新区: 2.9 },
  AUX02: { 兰山区: 3100, 罗庄区: 820, 河东区: 960, 临沂高新区: 150 },
  AUX03: { 兰山区: 5000, 罗庄区: 1600, 河东区: 1700, 临沂高新区: 400 },
  LY01: { 兰山区: 95.2, 罗庄区: 94.8, 河东区: 96.1, 临沂高新区: 93.9 },
  LY21: { 兰山区: 4200, 罗庄区: 1500, 河东区: 1800, 临沂高新区: 300 },
};

function valuesOf(table: Table) {
  return (code: string, region: string): number | null => table[code]?.[region] ?? null;
}

function rolled(table: Table, code: string): RollupValue {
  const value = rollUp(INDICATORS, CITY, SUBREGIONS, valuesOf(table), 2023).get(code);
  if (!value) throw new Error(`no roll-up for ${code}`);
  return value;
}

describe('rollUp', () => {
  it('sums counts and lists every part', () => {
    const r = rolled(FIGURES_2023, 'LY06');
    expect(r.method).toBe('sum');
    expect(r.value).toBe(6200 + 2100 + 2500 + 600);
    expect(r.parts).toEqual([
      { region: '兰山区', value: 6200 },
      { region: '罗庄区', value: 2100 },
      { region: '河东区', value: 2500 },
      { region: '临沂高新区', value: 600 },
    ]);
    expect(r.missingRegions).toEqual([]);
    expect(r.note).toContain('4个县区合计');
  });

  it('recomputes a ratio from its components, which averaging the counties would not give', () => {
    const r = rolled(FIGURES_2023, 'LY14');
    // 11400 托位 / (334.26 万人 × 10000) × 1000 = 3.41052 per thousand
    expect(r.method).toBe('recompute');
    expect(r.value).toBeCloseTo(3.41052, 5);
    expect(r.components?.LY06?.value).toBe(11400);
    expect(r.components?.AUX01?.value).toBeCloseTo(334.26, 8);
    // The counties' own ratios: 3.44718 3.33228 3.53957 2.89157, mean 3.30263 — 3.3, not 3.4.
    const ownRatios = SUBREGIONS.map((s) => (FIGURES_2023.LY06?.[s] as number) / ((FIGURES_2023.AUX01?.[s] as number) * 10));
    const mean = ownRatios.reduce((a, b) => a + b, 0) / ownRatios.length;
    expect(mean).toBeCloseTo(3.30263, 5);
    expect((r.value as number).toFixed(1)).toBe('3.4');
    expect(mean.toFixed(1)).toBe('3.3');
    expect(r.note).toContain('不取县区比率的平均');
    // The counties' reported ratios stay visible as parts.
    expect(r.parts.map((p) => p.value)).toEqual([3.4, 3.3, 3.5, 2.9]);
  });

  it('reads × and ÷ in a formula (护理型床位占比)', () => {
    // (3100 + 820 + 960 + 150) / (5000 + 1600 + 1700 + 400) × 100 = 5030 / 8700 × 100 = 57.816
    const r = rolled(FIGURES_2023, 'LY17');
    expect(r.value).toBeCloseTo(57.816, 3);
    // Mean of the county shares (62, 51.25, 56.47, 37.5) would be 51.8.
    expect(r.value).not.toBeCloseTo((62 + 51.25 + (960 / 1700) * 100 + 37.5) / 4, 1);
  });

  it('keeps a partial sum but names the sub-region that is missing', () => {
    const table: Table = { ...FIGURES_2023, LY06: { 兰山区: 6200, 罗庄区: 2100, 河东区: 2500, 临沂高新区: null } };
    const sum = rolled(table, 'LY06');
    expect(sum.value).toBe(10800);
    expect(sum.missingRegions).toEqual(['临沂高新区']);
    expect(sum.note).toContain('缺少临沂高新区');
    expect(sum.note).toContain('不完整');

    // The ratio uses the three counties with both components, population included: 10800 / 3135.1
    const ratio = rolled(table, 'LY14');
    expect(ratio.value).toBeCloseTo(10800 / ((179.86 + 63.02 + 70.63) * 10), 8);
    expect(ratio.missingRegions).toEqual(['临沂高新区']);
    expect(ratio.components?.AUX01?.value).toBeCloseTo(313.51, 8);
    expect(ratio.note).toContain('缺少临沂高新区');
  });

  it('never aggregates a rate without components', () => {
    const r = rolled(FIGURES_2023, 'LY01');
    expect(r.method).toBe('none');
    expect(r.value).toBeNull();
    expect(r.parts).toHaveLength(4);
    expect(r.note).toContain('不能由各县区数值汇总或平均');
  });

  it('sums a cumulative indicator across regions only, and says so', () => {
    const r = rolled(FIGURES_2023, 'LY21');
    expect(r.value).toBe(7800);
    expect(r.note).toContain('不跨年份相加');
  });

  it('asks for the data when no sub-region reported', () => {
    const r = rolled({}, 'LY06');
    expect(r.value).toBeNull();
    expect(r.missingRegions).toEqual(SUBREGIONS);
    const ratio = rolled({}, 'LY14');
    expect(ratio.value).toBeNull();
    expect(ratio.note).toContain('不以县区比率平均代替');
  });

  it('refuses to recompute over a non-aggregable component, an unknown code or a missing formula', () => {
    const extra = [
      ...INDICATORS,
      indicator({ code: 'R1', name: '参保人数占比', aggregation: 'recompute', formula: 'LY01 * AUX01' }),
      indicator({ code: 'R2', name: '普惠性托位占比', aggregation: 'recompute', formula: 'LY99 / LY06 * 100' }),
      indicator({ code: 'R3', name: '托育从业人员持证率', aggregation: 'recompute', formula: null }),
    ];
    const map = rollUp(extra, CITY, SUBREGIONS, valuesOf(FIGURES_2023), 2023);
    expect(map.get('R1')?.value).toBeNull();
    expect(map.get('R1')?.note).toContain('“基本养老保险参保率”不能汇总');
    expect(map.get('R2')?.note).toContain('LY99');
    expect(map.get('R3')?.note).toContain('未填写计算公式');
  });

  it('recomputes a ratio of a ratio through its components', () => {
    // 托位数每千人口 × 100: nested recompute rests on LY06 and AUX01.
    const extra = [...INDICATORS, indicator({ code: 'R4', name: '每十万人口托位数', aggregation: 'recompute', formula: 'LY14 * 100' })];
    const r = rollUp(extra, CITY, SUBREGIONS, valuesOf(FIGURES_2023), 2023).get('R4');
    expect(r?.value).toBeCloseTo(341.052, 3);
  });
});

describe('compareRollup', () => {
  it('is silent when the city agrees with its sub-regions', () => {
    expect(compareRollup(11400, rolled(FIGURES_2023, 'LY06'), 0)).toBeNull();
    // 3.4 published against 3.41052 recomputed: within half a unit of one decimal
    expect(compareRollup(3.4, rolled(FIGURES_2023, 'LY14'), 1)).toBeNull();
  });

  it('states the disagreement with both figures', () => {
    const message = compareRollup(11800, rolled(FIGURES_2023, 'LY06'), 0, { region: CITY, name: '托位总数', year: 2023 });
    expect(message).toContain('临沂市2023年“托位总数”');
    expect(message).toContain('11800');
    expect(message).toContain('11400');
    expect(message).toContain('相差400');
    const ratio = compareRollup(3.6, rolled(FIGURES_2023, 'LY14'), 1);
    expect(ratio).toContain('按各县区分项重算为3.4');
  });

  it('on an incomplete sum only objects when the parts already exceed the city', () => {
    const table: Table = { ...FIGURES_2023, LY06: { 兰山区: 6200, 罗庄区: 2100, 河东区: 2500, 临沂高新区: null } };
    const partial = rolled(table, 'LY06');
    expect(compareRollup(11400, partial, 0)).toBeNull();
    const message = compareRollup(10000, partial, 0);
    expect(message).toContain('尚缺临沂高新区');
    expect(message).toContain('10800');
  });

  it('has nothing to compare for a non-aggregable rate', () => {
    expect(compareRollup(95.0, rolled(FIGURES_2023, 'LY01'), 1)).toBeNull();
  });
});
