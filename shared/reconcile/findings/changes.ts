/** Values out of their possible range, and year-on-year changes too large to pass unasked. */
import type { Indicator, ReportedRecord } from '../../domain';
import type { ConsolidatedValue } from '../consolidate';
import { valueKey } from '../../domain';
import { DEFAULT_CHANGE_FACTOR, type Draft } from '../finding-draft';
import { formatNumber } from '../messages';
import { valueBasis } from '../resolution-lookup';
import { latestPerBureau } from './stated-figures';

/** A human's life expectancy outside this range is a typing error, not a statistic. */
const LIFE_EXPECTANCY_RANGE = [20, 120] as const;
function outOfRangeReason(indicator: Indicator, value: number): string | null {
  if (value < 0) return `数值 ${formatNumber(value)} 为负数`;
  if ((indicator.unit === '%' || indicator.unit === '‰') && !indicator.allowAbove100) {
    const limit = indicator.unit === '%' ? 100 : 1000;
    if (value > limit) return `比率 ${formatNumber(value)}${indicator.unit} 超过 ${limit}`;
  }
  if (indicator.unit === '岁' && (value < LIFE_EXPECTANCY_RANGE[0] || value > LIFE_EXPECTANCY_RANGE[1])) {
    return `${formatNumber(value)} 岁超出合理范围`;
  }
  return null;
}
export function changeFindings(
  values: ConsolidatedValue[],
  index: Map<string, ConsolidatedValue>,
  records: ReportedRecord[],
  indicators: Map<string, Indicator>,
): Draft[] {
  const drafts: Draft[] = [];
  const previousStated = new Map<string, number>();
  for (const r of latestPerBureau(records, 'previous')) {
    previousStated.set(valueKey(r.indicator!, r.region, r.year), r.value!);
  }
  for (const v of values) {
    const reportedValue = v.sources.length > 0 && v.status !== 'conflict' ? sourceValue(v) : null;
    if (reportedValue === null) continue;
    const indicator = indicators.get(v.indicator)!;
    const first = v.sources[0]!;
    const where = { file: first.file, sheet: first.sheet, cell: first.cell };
    const reason = outOfRangeReason(indicator, reportedValue);
    if (reason) {
      drafts.push({
        kind: 'out_of_range',
        idParts: [v.indicator, v.region, v.year],
        basis: valueBasis('out_of_range', reportedValue),
        indicator: v.indicator,
        name: v.name,
        bureau: first.bureau,
        region: v.region,
        year: v.year,
        ...where,
        message: reason,
      });
    }
    const earlier = index.get(valueKey(v.indicator, v.region, v.year - 1))?.value ?? previousStated.get(valueKey(v.indicator, v.region, v.year)) ?? null;
    if (earlier === null || earlier === 0) continue;
    const factor = indicator.changeFactor ?? DEFAULT_CHANGE_FACTOR;
    const ratio = reportedValue / earlier;
    if (ratio > factor || ratio < 1 / factor) {
      drafts.push({
        kind: 'suspicious_change',
        idParts: [v.indicator, v.region, v.year],
        basis: valueBasis('suspicious_change', reportedValue),
        indicator: v.indicator,
        name: v.name,
        bureau: first.bureau,
        region: v.region,
        year: v.year,
        ...where,
        message: `${v.year - 1}年 ${formatNumber(earlier)} → ${v.year}年 ${formatNumber(reportedValue)}，变动超过 ${factor} 倍`,
      });
    }
  }
  return drafts;
}
/** The value the sources gave, before any override (a chosen conflict value counts as given). */
function sourceValue(v: ConsolidatedValue): number | null {
  if (v.resolution?.action === 'override') return null;
  return v.value;
}
