/** Findings that follow the 填报单位 assignments: figures still owed, and figures from a bureau that does not report them. */
import type { Indicator, ReportedRecord, ReturnRecord } from '../../domain';
import type { ConsolidatedValue } from '../consolidate';
import type { Draft } from '../finding-draft';
import { valueBasis, valueFindingId } from '../resolution-lookup';
import { stableHash } from '../stable-id';
import { latestPerBureau } from './stated-figures';

export function missingFindings(
  values: ConsolidatedValue[],
  indicators: Map<string, Indicator>,
  returns: ReturnRecord[],
  workbookRegion: string,
): Draft[] {
  const drafts: Draft[] = [];
  // 填报单位 are the workbook's own bureaus: they owe the workbook region's figures. A county's
  // figures come from the county's bureaus, which the completeness view shows per region.
  const activeRegions = new Set([workbookRegion]);
  for (const v of values) {
    // A figure filled in by hand for a missing one keeps its finding, resolved, so the decision stays in view.
    const filledIn = v.resolution?.action === 'override' && v.resolution.findingId === valueFindingId('missing', v.indicator, v.region, v.year);
    if ((!filledIn && (v.value !== null || v.status !== 'missing')) || !activeRegions.has(v.region)) continue;
    const indicator = indicators.get(v.indicator)!;
    // A proposed 填报单位 is not an assignment until the officer confirms it.
    if (!indicator.reporter || indicator.reporterProposed) continue;
    const fromReporter = returns.filter((r) => r.bureau === indicator.reporter && r.year === v.year && r.region === v.region);
    drafts.push({
      kind: 'missing',
      idParts: [v.indicator, v.region, v.year],
      basis: valueBasis('missing', null),
      ...(filledIn ? { decidedOnly: true as const } : {}),
      indicator: v.indicator,
      name: v.name,
      bureau: indicator.reporter,
      region: v.region,
      year: v.year,
      file: fromReporter.at(-1)?.file ?? null,
      sheet: null,
      cell: null,
      message:
        fromReporter.length === 0
          ? `尚未收到${indicator.reporter}${v.year}年的报表`
          : `${indicator.reporter}的报表中缺少该指标`,
    });
  }
  return drafts;
}
export function notResponsibleFindings(records: ReportedRecord[], indicators: Map<string, Indicator>): Draft[] {
  const drafts: Draft[] = [];
  for (const r of latestPerBureau(records, 'value')) {
    const indicator = indicators.get(r.indicator!);
    if (!indicator?.reporter || indicator.reporterProposed || !r.bureau || r.bureau === indicator.reporter) continue;
    drafts.push({
      kind: 'not_responsible',
      idParts: [r.indicator, r.region, r.year, r.bureau],
      basis: stableHash([r.value]),
      indicator: r.indicator,
      name: indicator.name,
      bureau: r.bureau,
      region: r.region,
      year: r.year,
      file: r.file,
      sheet: r.sheet,
      cell: r.cell,
      message: `${r.bureau}报送了该指标，其填报单位为${indicator.reporter}`,
    });
  }
  return drafts;
}
