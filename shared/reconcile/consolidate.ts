import type { Finding, Indicator, ReportedRecord, ResolutionRecord, ReturnRecord, Schema, SourceRef, ValueStatus } from '../domain';
import { valueKey } from '../domain';
import { yearsNeededFor } from '../domain';
import { type Draft, finalizeFindings, sourceOf } from './finding-draft';
import { missingFindings, notResponsibleFindings } from './findings/assignment';
import { cellFindings, unknownRegionFindings } from './findings/cells';
import { changeFindings } from './findings/changes';
import { ruleFindings } from './findings/rules';
import { statedFigureFindings } from './findings/stated-figures';
import { bureauLabel, formatNumber } from './messages';
import { applyMapping, overrideOnly, yearsOfRows } from './resolution-lookup';
import { compareRollup, rollUp } from './rollup';
import { findingId, stableHash } from './stable-id';

export interface ReconcileInput {
  schema: Pick<Schema, 'indicators' | 'rules'>;
  /** The workbook's own region and its sub-regions, in display order. */
  regions: string[];
  workbookRegion: string;
  /** Years to consolidate; years present in the records are added. */
  years: number[];
  records: ReportedRecord[];
  returns: ReturnRecord[];
  resolutions: ResolutionRecord[];
  /** Consolidate the values only and leave `findings` empty (an audit snapshot needs no findings). */
  valuesOnly?: boolean;
  /**
   * Answer these years only, as the whole workbook's reconciliation would answer them. The
   * records may then be any superset of what those years need (see yearsNeededFor); values and
   * findings of other years are left out.
   */
  scope?: readonly number[];
}
/** A consolidated (indicator, region, year) with what decided it. */
export interface ConsolidatedValue {
  indicator: string;
  name: string;
  unit: string;
  auxiliary: boolean;
  region: string;
  year: number;
  value: number | null;
  status: ValueStatus;
  sources: SourceRef[];
  /** Set when a resolution decided the value. */
  resolution: { action: string; note: string; findingId: string } | null;
  /** Set when the value is the sub-regions' roll-up: which are in it and which are missing. */
  rollup?: { method: string; parts: { region: string; value: number | null }[]; missingRegions: string[]; note: string };
}
/** A finding with the hash of the data under it; a resolution applies while the two agree. */
export interface ReconciledFinding extends Finding {
  basis: string;
}
export interface ReconcileResult {
  values: ConsolidatedValue[];
  findings: ReconciledFinding[];
}
/**
 * Consolidates reported values into one value per indicator × region × year and derives every
 * finding from them and the officer's resolutions. Pure: the same input gives the same output,
 * so values and findings never drift from the reported cells under them.
 */
export function reconcile(input: ReconcileInput): ReconcileResult {
  const indicators = new Map(input.schema.indicators.map((i) => [i.code, i]));
  const resolutions = new Map(input.resolutions.map((r) => [r.findingId, r]));
  const drafts: Draft[] = [];
  const counted = input.returns.filter((r) => r.state === 'counted');
  const countedIds = new Set(counted.map((r) => r.id));

  // A mapped row counts under the indicator the officer chose.
  const returnYears = new Map(counted.map((r) => [r.id, r.year]));
  const counting = input.records.filter((r) => countedIds.has(r.returnId));
  const rowYears = resolutions.size === 0 ? null : yearsOfRows(counting);
  const records = rowYears === null ? counting : counting.map((r) => applyMapping(r, resolutions, rowYears, returnYears.get(r.returnId) ?? null));

  const years = new Set(input.years);
  if (input.scope) for (const year of yearsNeededFor(input.scope)) years.add(year);
  // Restated baselines and targets speak of other years; only reported figures open a year.
  else for (const r of records) if (r.role === 'value') years.add(r.year);
  const regionsOf = regionsByYear(input.regions, counted, records);
  const regions = [...new Set([...years].flatMap(regionsOf))];

  if (!input.valuesOnly) {
    // A cell's finding has one id and one year, so leaving out other years' cells changes no winner.
    drafts.push(...cellFindings(records, indicators, returnYears, input.scope ? new Set(input.scope) : undefined));
    drafts.push(...unknownRegionFindings(counted, records, input.regions));
  }

  const byKey = new Map<string, ReportedRecord[]>();
  for (const r of records) {
    if (!speaksForValue(r)) continue;
    const key = valueKey(r.indicator!, r.region, r.year);
    const list = byKey.get(key) ?? [];
    list.push(r);
    byKey.set(key, list);
  }

  const values: ConsolidatedValue[] = [];
  const valueIndex = new Map<string, ConsolidatedValue>();
  const sortedYears = [...years].sort((a, b) => a - b);
  for (const year of sortedYears) {
    for (const region of regionsOf(year)) {
      for (const indicator of input.schema.indicators) {
        const key = valueKey(indicator.code, region, year);
        const consolidated = consolidateOne(indicator, region, year, byKey.get(key) ?? [], resolutions, input.valuesOnly ? null : drafts);
        values.push(consolidated);
        valueIndex.set(key, consolidated);
      }
    }
  }

  drafts.push(...rollUpRegions(input, values, valueIndex, sortedYears));
  // Every step below only adds findings; none changes a value.
  if (input.valuesOnly) return inScope({ values, findings: [] }, input.scope);
  drafts.push(...missingFindings(values, indicators, counted.filter((r) => input.regions.includes(r.region)), input.workbookRegion));
  drafts.push(...statedFigureFindings(records, indicators, new Map(counted.map((r) => [r.id, r.year]))));
  drafts.push(...changeFindings(values, valueIndex, records, indicators));
  // 填报单位 are assigned for the workbook's own region; a county bureau reporting its county's
  // figure is not reporting in another bureau's place.
  drafts.push(...notResponsibleFindings(records.filter((r) => r.region === input.workbookRegion), indicators));
  drafts.push(...ruleFindings(input.schema.rules, valueIndex, indicators, regions, sortedYears));

  return inScope({ values, findings: finalizeFindings(drafts, resolutions, input.scope ? new Set(input.scope) : undefined) }, input.scope);
}
/** A cell that speaks for its key's value: a reported figure of a matched indicator. */
function speaksForValue(r: ReportedRecord): boolean {
  return r.role === 'value' && r.indicator !== null && r.value !== null;
}

const NO_RESOLUTIONS = new Map<string, ResolutionRecord>();

/**
 * One key's value and status from its own cells, as reconcile answers them for a key that no
 * decision touches and that nothing rolls up into (a 县区's figure in a workbook without
 * resolutions): what an import's audit records before and after each file, without reconciling
 * around the key. `cells` are the key's cells in the order they were stored, of returns in any
 * state.
 */
export function consolidateKeyAlone(indicator: Indicator, region: string, year: number, cells: readonly ReportedRecord[]): { value: number | null; status: ValueStatus } {
  const counting = cells.filter((r) => r.returnState === 'counted' && speaksForValue(r));
  const { value, status } = consolidateOne(indicator, region, year, counting, NO_RESOLUTIONS, null);
  return { value, status };
}
/**
 * The regions consolidated in a year: the workbook's, those of counted returns, and any other a
 * figure of that year names (a 全市 column, an unlisted 县区) — in that year only, so that one
 * year's stray column does not put an empty row in every other year.
 */
function regionsByYear(declared: readonly string[], counted: readonly ReturnRecord[], records: readonly ReportedRecord[]): (year: number) => string[] {
  const base = [...declared];
  for (const r of counted) if (!base.includes(r.region)) base.push(r.region);
  const extra = new Map<number, string[]>();
  for (const r of records) {
    if (r.role !== 'value' || base.includes(r.region)) continue;
    const list = extra.get(r.year) ?? [];
    if (!list.includes(r.region)) list.push(r.region);
    extra.set(r.year, list);
  }
  return (year) => [...base, ...(extra.get(year) ?? [])];
}
function inScope(result: ReconcileResult, scope: readonly number[] | undefined): ReconcileResult {
  if (!scope) return result;
  const years = new Set(scope);
  return { values: result.values.filter((v) => years.has(v.year)), findings: result.findings.filter((f) => f.year !== null && years.has(f.year)) };
}
function consolidateOne(
  indicator: Indicator,
  region: string,
  year: number,
  reported: ReportedRecord[],
  resolutions: Map<string, ResolutionRecord>,
  /** Where this key's findings go; null when only values are wanted (none is drafted). */
  drafts: Draft[] | null,
): ConsolidatedValue {
  const base: ConsolidatedValue = {
    indicator: indicator.code,
    name: indicator.name,
    unit: indicator.unit,
    auxiliary: indicator.auxiliary,
    region,
    year,
    value: null,
    status: 'missing',
    sources: [],
    resolution: null,
  };

  const current = reported.length === 1 ? reported : latestOfEachBureau(indicator, region, year, reported, drafts);
  if (current.length === 0) return overrideOnly(base, indicator, region, year, resolutions);

  const distinct = [...new Set(current.map((r) => r.value as number))];
  if (distinct.length > 1) {
    const conflictId = () => findingId('conflict', [indicator.code, region, year]);
    const resolution = resolutions.size === 0 ? undefined : resolutions.get(conflictId());
    // Hashed only where a finding is drafted or a decision is checked against it.
    const basis = drafts || resolution ? stableHash(current.map((r) => `${r.bureau}:${r.value}`).sort()) : '';
    drafts?.push({
      kind: 'conflict',
      idParts: [indicator.code, region, year],
      basis,
      indicator: indicator.code,
      name: indicator.name,
      // Every bureau in the conflict, in the order of the message (the cited cell is the first's).
      bureau: [...new Set(current.map((r) => bureauLabel(r.bureau)))].join('、'),
      region,
      year,
      file: current[0]!.file,
      sheet: current[0]!.sheet,
      cell: current[0]!.cell,
      message: current.map((r) => `${bureauLabel(r.bureau)} 报 ${formatNumber(r.value)}`).join('，'),
      sides: current.map((r) => ({ source: sourceOf(r), value: r.value })),
      // Each figure names the bureaus that sent it, so a decision reads 已采用 95 · 市卫生健康委.
      candidates: distinct.map((v) => ({
        code: indicator.code,
        name: formatNumber(v),
        score: 1,
        reason: [...new Set(current.filter((r) => r.value === v).map((r) => bureauLabel(r.bureau)))].join('、'),
      })),
    });
    if (resolution && resolution.basis === basis && resolution.value !== null) {
      const chosen = current.filter((r) => r.value === resolution.value);
      return {
        ...base,
        value: resolution.value,
        status: 'resolved',
        sources: chosen.map(sourceOf),
        resolution: { action: resolution.action, note: resolution.note, findingId: conflictId() },
      };
    }
    return { ...base, value: null, status: 'conflict', sources: current.map(sourceOf) };
  }
  const settled = { ...base, value: distinct[0]!, status: 'ok' as ValueStatus, sources: current.map(sourceOf) };
  return overrideOnly(settled, indicator, region, year, resolutions);
}
/**
 * Per bureau, its latest return speaks: those figures, with a finding for each earlier figure
 * that differs (a revision).
 */
function latestOfEachBureau(indicator: Indicator, region: string, year: number, reported: readonly ReportedRecord[], drafts: Draft[] | null): ReportedRecord[] {
  // The usual key: every figure from one return (so one bureau), all of them its latest, none revised.
  const seq = reported[0]?.returnSeq;
  if (reported.every((r) => r.returnSeq === seq)) return [...reported];
  const byBureau = new Map<string, ReportedRecord[]>();
  for (const r of reported) {
    const list = byBureau.get(r.bureau ?? '') ?? [];
    list.push(r);
    byBureau.set(r.bureau ?? '', list);
  }
  const current: ReportedRecord[] = [];
  for (const list of byBureau.values()) {
    const latestSeq = Math.max(...list.map((r) => r.returnSeq));
    const latest = list.filter((r) => r.returnSeq === latestSeq);
    current.push(...latest);
    if (!drafts) continue;
    const earlier = list.filter((r) => r.returnSeq !== latestSeq);
    const newest = latest[0]!;
    for (const old of earlier) {
      if (old.value === newest.value) continue;
      drafts.push({
        kind: 'revised',
        idParts: [indicator.code, region, year, old.bureau, old.returnId, newest.returnId],
        basis: stableHash([old.value, newest.value]),
        indicator: indicator.code,
        name: indicator.name,
        bureau: newest.bureau,
        region,
        year,
        file: newest.file,
        sheet: newest.sheet,
        cell: newest.cell,
        message: `${bureauLabel(newest.bureau)} 更正：${formatNumber(old.value)} → ${formatNumber(newest.value)}（原报表“${old.file}”）`,
      });
    }
  }
  return current;
}
/**
 * A city's value from its sub-regions' returns where the city has none of its own, as each
 * indicator aggregates (sum, recompute from components, or not at all); where the city has its
 * own figure and the sub-regions add up to something else, that is a finding.
 */
function rollUpRegions(input: ReconcileInput, values: ConsolidatedValue[], index: Map<string, ConsolidatedValue>, years: number[]): Draft[] {
  const city = input.workbookRegion;
  const subregions = input.regions.filter((r) => r !== city);
  // Consolidating a few 县区 keys alone (an audit snapshot) has no city value to fill or check.
  if (subregions.length === 0 || !input.regions.includes(city)) return [];
  const drafts: Draft[] = [];
  for (const year of years) {
    const hasSubregionData = values.some((v) => v.year === year && subregions.includes(v.region) && v.value !== null);
    if (!hasSubregionData) continue;
    const rolled = rollUp(input.schema.indicators, city, subregions, (code, region) => index.get(valueKey(code, region, year))?.value ?? null, year);
    for (const indicator of input.schema.indicators) {
      const own = index.get(valueKey(indicator.code, city, year));
      const r = rolled.get(indicator.code);
      if (!own || !r || r.value === null) continue;
      if (own.status === 'missing' && own.value === null) {
        const rollup = { method: r.method, parts: r.parts, missingRegions: r.missingRegions, note: r.note };
        // A sum with sub-regions missing is not the city's figure: it stays missing, showing its parts.
        if (r.missingRegions.length > 0) {
          own.rollup = rollup;
          continue;
        }
        const sources = subregions.flatMap((region) => index.get(valueKey(indicator.code, region, year))?.sources ?? []);
        Object.assign(own, { value: r.value, status: 'ok' as ValueStatus, sources, rollup });
        continue;
      }
      const disagreement = compareRollup(own.value, r, indicator.decimals, { region: city, name: indicator.name, year });
      if (!disagreement) continue;
      const first = own.sources[0];
      drafts.push({
        kind: 'rule_violation',
        idParts: ['rollup', indicator.code, city, year],
        basis: stableHash([own.value, r.value]),
        indicator: indicator.code,
        name: indicator.name,
        bureau: first?.bureau ?? null,
        region: city,
        year,
        file: first?.file ?? null,
        sheet: first?.sheet ?? null,
        cell: first?.cell ?? null,
        message: disagreement,
      });
    }
  }
  return drafts;
}
