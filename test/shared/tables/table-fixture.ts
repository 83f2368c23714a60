import { readFileSync } from 'node:fs';
import type { Indicator, Schema } from '../../../shared/domain';
import { assessProgress } from '../../../shared/reconcile/progress';
import type { ProgressLike, TableValue } from '../../../shared/tables/table-inputs';

/**
 * 临沂市养老托育服务具体指标 (resources/schemas/linyi-2022.json) with every indicator given a
 * 填报单位 as a Linyi officer would assign them, and two years of figures that satisfy the
 * schema's rules (每千人口托位数 = 托位总数 ÷ 常住人口 × 1000 and so on).
 */
export const linyi = JSON.parse(readFileSync(new URL('../../../resources/schemas/linyi-2022.json', import.meta.url), 'utf8')) as Schema;

const REPORTERS: Record<string, string> = {
  A01: '市人力资源社会保障局',
  A02: '市医保局',
  D03: '市卫生健康委',
  D08: '市卫生健康委',
  X01: '市发展改革委',
};

function reporterOf(indicator: Indicator): string {
  const fixed = REPORTERS[indicator.code];
  if (fixed) return fixed;
  if (indicator.category === '托育' || indicator.code === 'X04') return '市卫生健康委';
  return '市民政局';
}

export function assignedLinyi(): Schema {
  return { ...linyi, indicators: linyi.indicators.map((i) => ({ ...i, reporter: reporterOf(i), reporterProposed: false })) };
}

export const byCode = (code: string): Indicator => linyi.indicators.find((i) => i.code === code)!;

/** Figures for 2022 and 2023, in the schema's units; null where nothing arrived. */
export const FIGURES: Record<string, [number | null, number | null]> = {
  A01: [94.02, 94.36],
  A02: [21, 28],
  B01: [985, 1012],
  B02: [6, 11],
  B03: [38, 61],
  B04: [1.5, 2.1],
  C01: [88, 95],
  C02: [41, 52],
  C03: [80, 86],
  C04: [82, 90],
  C05: [7.7, 7.9],
  C06: [0.7, 0.8],
  C07: [100, 100],
  C08: [1.4, 1.9],
  C09: [19, 27],
  C10: [26, 34],
  D01: [53, 56],
  D02: [90, 94],
  D03: [null, 58.6],
  D04: [100, 100],
  D05: [9500, 16800],
  D06: [52, 55],
  D07: [100, 100],
  D08: [78.05, 78.21],
  D09: [4, 8],
  D10: [45, 58],
  D11: [12, 15],
  E01: [12, 14],
  E02: [5100, 5600],
  E03: [14, 23],
  E04: [120, 210],
  X01: [1101.8, 1099.4],
  X02: [51000, 52000],
  X03: [27030, 29120],
  X04: [0.18, 0.32],
};

/** Consolidated values for the workbook's region; 人均预期寿命 2023 overridden with a note. */
export function linyiValues(years: readonly number[] = [2022, 2023]): TableValue[] {
  const out: TableValue[] = [];
  for (const [code, pair] of Object.entries(FIGURES)) {
    years.forEach((year, i) => {
      const value = pair[i] ?? null;
      out.push({ indicator: code, region: '临沂市', year, value, status: value === null ? 'missing' : 'ok', resolution: null });
    });
  }
  const life = out.find((v) => v.indicator === 'D08' && v.year === years[years.length - 1]);
  if (life) Object.assign(life, { status: 'resolved', resolution: { action: 'override', note: '采用市卫生健康委年报口径' } });
  return out;
}

export function progressFor(values: readonly TableValue[], year: number): Map<string, ProgressLike> {
  const map = new Map<string, ProgressLike>();
  for (const indicator of linyi.indicators) {
    const v = values.find((x) => x.indicator === indicator.code && x.year === year && x.region === '临沂市');
    const history = values
      .filter((x) => x.indicator === indicator.code && x.region === '临沂市' && x.year < year && x.value !== null)
      .map((x) => ({ year: x.year, value: x.value! }));
    map.set(indicator.code, assessProgress(indicator, year, v?.value ?? null, { history }));
  }
  return map;
}
