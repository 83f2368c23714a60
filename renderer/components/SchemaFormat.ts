import type { Indicator, Schema } from '../../shared/domain';
import { formatNumber, targetShown } from '../../shared/format/figures';

/** 目标值 as the document prints it: ≥95, 持续提高, or a bare figure (95, not 95.0). */
export function targetText(indicator: Indicator): string {
  const shown = targetShown(indicator);
  if (shown.kind === 'none') return '—';
  if (shown.kind === 'text') return shown.value;
  return formatNumber(shown.value);
}


/** Indicators still lacking a confirmed 填报单位: none named, or only proposed. */
export function undecidedReporters(indicators: readonly Indicator[]): Indicator[] {
  return indicators.filter((indicator) => !indicator.reporter || indicator.reporterProposed);
}

/** 领域 in the order the document lists them. */
export function areasOf(schema: Pick<Schema, 'indicators'>): string[] {
  return [...new Set(schema.indicators.map((indicator) => indicator.area))];
}

/** How many indicators each bureau reports (confirmed or proposed), in the schema's bureau order. */
export function reporterCounts(schema: Pick<Schema, 'indicators' | 'bureaus'>): { bureau: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const indicator of schema.indicators) {
    if (indicator.reporter) counts.set(indicator.reporter, (counts.get(indicator.reporter) ?? 0) + 1);
  }
  const ordered = schema.bureaus.map((bureau) => bureau.name).filter((name) => counts.has(name));
  const others = [...counts.keys()].filter((name) => !ordered.includes(name));
  return [...ordered, ...others].map((bureau) => ({ bureau, count: counts.get(bureau)! }));
}
