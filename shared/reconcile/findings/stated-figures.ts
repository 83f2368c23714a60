/** Baselines and targets a return restates differently from the schema. */
import type { Indicator, ReportedRecord } from '../../domain';
import type { Draft } from '../finding-draft';
import { formatNumber } from '../messages';
import { stableHash } from '../stable-id';

/**
 * Latest record per (indicator, region, year, bureau, role): what a bureau last said. With
 * `returnYears`, per return year as well: what it last said in each year's returns.
 */
export function latestPerBureau(records: ReportedRecord[], role: ReportedRecord['role'], returnYears?: Map<number, number>): ReportedRecord[] {
  const latest = new Map<string, ReportedRecord>();
  for (const r of records) {
    if (r.role !== role || r.indicator === null || r.value === null) continue;
    const key = `${r.indicator}|${r.region}|${r.year}|${r.bureau}|${returnYears?.get(r.returnId) ?? ''}`;
    const seen = latest.get(key);
    if (!seen || r.returnSeq > seen.returnSeq) latest.set(key, r);
  }
  return [...latest.values()];
}
function sameAtDecimals(a: number, b: number, decimals: number): boolean {
  return Math.abs(a - b) < 0.5 * 10 ** -decimals + 1e-9;
}
/**
 * A restated baseline or target is filed under the year of the return that restates it, as that
 * year's returns last stated it: a later year's returns do not move or close an earlier year's
 * finding, so a year's findings rest on that year's returns alone (and a signed-off year keeps
 * its own). Until each year was its own, the finding was one for all years; that id is kept as
 * the former one, so a decision taken on it still holds.
 */
export function statedFigureFindings(records: ReportedRecord[], indicators: Map<string, Indicator>, returnYears: Map<number, number>): Draft[] {
  const drafts: Draft[] = [];
  const checks = [
    { role: 'baseline' as const, kind: 'baseline_mismatch' as const, label: '基期值', pick: (i: Indicator) => i.baselineValue },
    { role: 'target' as const, kind: 'target_mismatch' as const, label: '目标值', pick: (i: Indicator) => i.targetValue },
  ];
  for (const check of checks) {
    for (const r of latestPerBureau(records, check.role, returnYears)) {
      const indicator = indicators.get(r.indicator!);
      const expected = indicator ? check.pick(indicator) : null;
      if (!indicator || expected === null || sameAtDecimals(r.value!, expected, indicator.decimals)) continue;
      drafts.push({
        kind: check.kind,
        idParts: [r.indicator, r.region, r.bureau, returnYears.get(r.returnId) ?? r.year],
        formerIdParts: [r.indicator, r.region, r.bureau],
        basis: stableHash([r.value]),
        indicator: r.indicator,
        name: indicator.name,
        bureau: r.bureau,
        region: r.region,
        year: returnYears.get(r.returnId) ?? r.year,
        file: r.file,
        sheet: r.sheet,
        cell: r.cell,
        message: `报表所列${check.label} ${formatNumber(r.value)} 与指标体系的 ${formatNumber(expected, indicator.decimals)} 不一致`,
      });
    }
  }
  return drafts;
}
