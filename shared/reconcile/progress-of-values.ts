import type { Indicator } from '../domain';
import { assessProgress, type ProgressAssessment } from './progress';

interface YearValue {
  indicator: string;
  region: string;
  year: number;
  value: number | null;
}

/**
 * Progress of every published indicator of one region in one year, each judged with the
 * history of its earlier years (for the ESCAP variant).
 */
export function progressOfValues(indicators: readonly Indicator[], values: readonly YearValue[], region: string, year: number): Map<string, ProgressAssessment> {
  const byIndicator = new Map<string, YearValue[]>();
  for (const v of values) {
    if (v.region !== region) continue;
    const list = byIndicator.get(v.indicator) ?? [];
    list.push(v);
    byIndicator.set(v.indicator, list);
  }
  const progress = new Map<string, ProgressAssessment>();
  for (const indicator of indicators) {
    if (indicator.auxiliary) continue;
    const own = byIndicator.get(indicator.code) ?? [];
    const current = own.find((v) => v.year === year)?.value ?? null;
    const history = own
      .filter((v) => v.year <= year && v.value !== null)
      .map((v) => ({ year: v.year, value: v.value as number }))
      .sort((a, b) => a.year - b.year);
    progress.set(indicator.code, assessProgress(indicator, year, current, { history }));
  }
  return progress;
}
