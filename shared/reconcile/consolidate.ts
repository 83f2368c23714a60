import type { Finding, FindingKind, Indicator, Rule, Schema, Severity, SourceRef, ValueStatus } from '../domain';
import { evaluate, parseExpression, referencedCodes } from '../schema/expression';
import { compareRollup, rollUp } from './rollup';
import type { ReportedRecord, ResolutionRecord, ReturnRecord } from '../domain';
import { bureauLabel, formatNumber } from './messages';
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

export const DEFAULT_CHANGE_FACTOR = 3;

const SEVERITY: Record<FindingKind, Severity> = {
  unmatched_row: 'warning',
  ambiguous_match: 'warning',
  unparseable_value: 'error',
  formula_error: 'error',
  unit_mismatch: 'error',
  unit_converted: 'info',
  conflict: 'error',
  revised: 'info',
  missing: 'warning',
  out_of_range: 'error',
  baseline_mismatch: 'warning',
  target_mismatch: 'warning',
  suspicious_change: 'warning',
  rule_violation: 'error',
  not_responsible: 'info',
  unknown_region: 'warning',
  duplicate_file: 'info',
};

/** Info findings need no decision; they are never "open" work. */
function isActionable(kind: FindingKind): boolean {
  return SEVERITY[kind] !== 'info';
}

type Draft = Omit<Finding, 'id' | 'severity' | 'status' | 'candidates'> & {
  idParts: (string | number | null)[];
  basis: string;
  candidates?: Finding['candidates'];
};

function sourceOf(record: ReportedRecord): SourceRef {
  return { file: record.file, sheet: record.sheet, cell: record.cell, bureau: bureauLabel(record.bureau) };
}

function keyOf(indicator: string, region: string, year: number): string {
  return `${indicator}\u001f${region}\u001f${year}`;
}

/**
 * Row-level findings use the same id before and after a mapping, so `map` can find its rows. A
 * row carrying several years files one finding per year, so each year's 核对 shows it: the
 * return's own year keeps the id it always had, the others add their year.
 */
export function rowFindingId(
  kind: 'unmatched_row' | 'ambiguous_match',
  record: Pick<ReportedRecord, 'returnId' | 'sheet' | 'rowName' | 'year'>,
  returnYear: number | null = null,
): string {
  const parts: (string | number)[] = [record.returnId, record.sheet, record.rowName];
  if (returnYear !== null && record.year !== returnYear) parts.push(record.year);
  return findingId(kind, parts);
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
  const rowYears = yearsOfRows(counting);
  const records = counting.map((r) => applyMapping(r, resolutions, rowYears, returnYears.get(r.returnId) ?? null));

  const years = new Set(input.years);
  // Restated baselines and targets speak of other years; only reported figures open a year.
  for (const r of records) if (r.role === 'value') years.add(r.year);
  const regions = [...input.regions];
  for (const r of counted) if (!regions.includes(r.region)) regions.push(r.region);
  for (const r of records) if (r.role === 'value' && !regions.includes(r.region)) regions.push(r.region);

  if (!input.valuesOnly) {
    drafts.push(...cellFindings(records, indicators, returnYears));
    drafts.push(...unknownRegionFindings(counted, records, input.regions));
  }

  const byKey = new Map<string, ReportedRecord[]>();
  for (const r of records) {
    if (r.role !== 'value' || r.indicator === null || r.value === null) continue;
    const key = keyOf(r.indicator, r.region, r.year);
    const list = byKey.get(key) ?? [];
    list.push(r);
    byKey.set(key, list);
  }

  const values: ConsolidatedValue[] = [];
  const valueIndex = new Map<string, ConsolidatedValue>();
  const sortedYears = [...years].sort((a, b) => a - b);
  for (const year of sortedYears) {
    for (const region of regions) {
      for (const indicator of input.schema.indicators) {
        const key = keyOf(indicator.code, region, year);
        const consolidated = consolidateOne(indicator, region, year, byKey.get(key) ?? [], resolutions, drafts);
        values.push(consolidated);
        valueIndex.set(key, consolidated);
      }
    }
  }

  drafts.push(...rollUpRegions(input, values, valueIndex, sortedYears));
  // Every step below only adds findings; none changes a value.
  if (input.valuesOnly) return { values, findings: [] };
  drafts.push(...missingFindings(values, indicators, counted.filter((r) => input.regions.includes(r.region)), input.workbookRegion));
  drafts.push(...statedFigureFindings(records, indicators, new Map(counted.map((r) => [r.id, r.year]))));
  drafts.push(...changeFindings(values, valueIndex, records, indicators));
  // 填报单位 are assigned for the workbook's own region; a county bureau reporting its county's
  // figure is not reporting in another bureau's place.
  drafts.push(...notResponsibleFindings(records.filter((r) => r.region === input.workbookRegion), indicators));
  drafts.push(...ruleFindings(input.schema.rules, valueIndex, indicators, regions, sortedYears));

  return { values, findings: finalizeFindings(drafts, resolutions) };
}

/** The years each row of a return carries, for finding a mapping made on any year's finding. */
function yearsOfRows(records: readonly ReportedRecord[]): Map<string, number[]> {
  const years = new Map<string, Set<number>>();
  for (const r of records) {
    if (r.problem?.kind !== 'unmatched_row' && r.problem?.kind !== 'ambiguous_match') continue;
    const key = rowKeyOf(r);
    const set = years.get(key) ?? new Set<number>();
    set.add(r.year);
    years.set(key, set);
  }
  return new Map([...years].map(([key, set]) => [key, [...set].sort((a, b) => b - a)]));
}

function rowKeyOf(r: Pick<ReportedRecord, 'returnId' | 'sheet' | 'rowName'>): string {
  return `${r.returnId}\u001f${r.sheet}\u001f${r.rowName}`;
}

/** A row mapped on any of its years' findings counts under that indicator in every year. */
function applyMapping(record: ReportedRecord, resolutions: Map<string, ResolutionRecord>, rowYears: Map<string, number[]>, returnYear: number | null): ReportedRecord {
  const problem = record.problem;
  if (!problem || (problem.kind !== 'unmatched_row' && problem.kind !== 'ambiguous_match')) return record;
  const years = rowYears.get(rowKeyOf(record)) ?? [record.year];
  for (const year of [record.year, ...years.filter((y) => y !== record.year)]) {
    const resolution = resolutions.get(rowFindingId(problem.kind, { ...record, year }, returnYear));
    if (resolution?.action === 'map' && resolution.code) return { ...record, indicator: resolution.code };
  }
  return record;
}

function consolidateOne(
  indicator: Indicator,
  region: string,
  year: number,
  reported: ReportedRecord[],
  resolutions: Map<string, ResolutionRecord>,
  drafts: Draft[],
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

  // Per bureau, its latest return speaks; earlier figures that differ are revisions.
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
  if (current.length === 0) return overrideOnly(base, indicator, region, year, resolutions);

  const distinct = [...new Set(current.map((r) => r.value as number))];
  const conflictId = findingId('conflict', [indicator.code, region, year]);
  if (distinct.length > 1) {
    const basis = stableHash(current.map((r) => `${r.bureau}:${r.value}`).sort());
    drafts.push({
      kind: 'conflict',
      idParts: [indicator.code, region, year],
      basis,
      indicator: indicator.code,
      name: indicator.name,
      bureau: null,
      region,
      year,
      file: current[0]!.file,
      sheet: current[0]!.sheet,
      cell: current[0]!.cell,
      message: current.map((r) => `${bureauLabel(r.bureau)} 报 ${formatNumber(r.value)}`).join('，'),
      candidates: distinct.map((v) => ({ code: indicator.code, name: formatNumber(v), score: 1 })),
    });
    const resolution = resolutions.get(conflictId);
    if (resolution && resolution.basis === basis && resolution.value !== null) {
      const chosen = current.filter((r) => r.value === resolution.value);
      return {
        ...base,
        value: resolution.value,
        status: 'resolved',
        sources: chosen.map(sourceOf),
        resolution: { action: resolution.action, note: resolution.note, findingId: conflictId },
      };
    }
    return { ...base, value: null, status: 'conflict', sources: current.map(sourceOf) };
  }
  const settled = { ...base, value: distinct[0]!, status: 'ok' as ValueStatus, sources: current.map(sourceOf) };
  return overrideOnly(settled, indicator, region, year, resolutions);
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
    const rolled = rollUp(input.schema.indicators, city, subregions, (code, region) => index.get(keyOf(code, region, year))?.value ?? null, year);
    for (const indicator of input.schema.indicators) {
      const own = index.get(keyOf(indicator.code, city, year));
      const r = rolled.get(indicator.code);
      if (!own || !r || r.value === null) continue;
      if (own.status === 'missing' && own.value === null) {
        const rollup = { method: r.method, parts: r.parts, missingRegions: r.missingRegions, note: r.note };
        // A sum with sub-regions missing is not the city's figure: it stays missing, showing its parts.
        if (r.missingRegions.length > 0) {
          own.rollup = rollup;
          continue;
        }
        const sources = subregions.flatMap((region) => index.get(keyOf(indicator.code, region, year))?.sources ?? []);
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

/** Kinds whose `override` resolution replaces the consolidated value. */
const OVERRIDABLE: FindingKind[] = ['missing', 'out_of_range', 'suspicious_change'];

const overrideKindsCache = new WeakMap<Map<string, ResolutionRecord>, Set<FindingKind>>();

/** The overridable kinds that some `override` resolution is filed under (ids start with the kind). */
function overrideKinds(resolutions: Map<string, ResolutionRecord>): Set<FindingKind> {
  let kinds = overrideKindsCache.get(resolutions);
  if (!kinds) {
    kinds = new Set();
    for (const [id, resolution] of resolutions) {
      if (resolution.action !== 'override') continue;
      for (const kind of OVERRIDABLE) if (id.startsWith(`${kind}-`)) kinds.add(kind);
    }
    overrideKindsCache.set(resolutions, kinds);
  }
  return kinds;
}

function overrideOnly(
  value: ConsolidatedValue,
  indicator: Indicator,
  region: string,
  year: number,
  resolutions: Map<string, ResolutionRecord>,
): ConsolidatedValue {
  // Most workbooks hold few overrides: hash a value's finding ids only for kinds that have one.
  const kinds = overrideKinds(resolutions);
  if (kinds.size === 0) return value;
  for (const kind of OVERRIDABLE) {
    if (!kinds.has(kind)) continue;
    const id = valueFindingId(kind, indicator.code, region, year);
    const resolution = resolutions.get(id);
    if (resolution?.action === 'override' && resolution.basis === valueBasis(kind, value.value)) {
      return {
        ...value,
        value: resolution.value,
        status: 'resolved',
        resolution: { action: 'override', note: resolution.note, findingId: id },
      };
    }
  }
  return value;
}

export function valueFindingId(kind: FindingKind, indicator: string, region: string, year: number): string {
  return findingId(kind, [indicator, region, year]);
}

/** The data under a value finding is the value it was raised on. */
function valueBasis(kind: FindingKind, value: number | null): string {
  return stableHash([kind, value]);
}

function cellFindings(records: ReportedRecord[], indicators: Map<string, Indicator>, returnYears: Map<number, number>): Draft[] {
  const drafts: Draft[] = [];
  const seenRows = new Set<string>();
  // A row's question goes on the worklist of each year it reports; a 上年值 or a restated
  // target alone does not put it on that year's.
  const reportsValues = new Set(records.filter((r) => r.role === 'value').map((r) => rowKeyOf(r)));
  for (const r of records) {
    const p = r.problem;
    if (!p) continue;
    if ((p.kind === 'unmatched_row' || p.kind === 'ambiguous_match') && r.role !== 'value' && reportsValues.has(rowKeyOf(r))) continue;
    const common = {
      indicator: r.indicator,
      name: r.indicator ? (indicators.get(r.indicator)?.name ?? r.rowName) : r.rowName,
      bureau: r.bureau,
      region: r.region,
      year: r.year,
      file: r.file,
      sheet: r.sheet,
      cell: r.cell,
    };
    if (p.kind === 'unmatched_row' || p.kind === 'ambiguous_match') {
      if (r.indicator !== null) continue; // mapped by the officer
      const rowKey = `${p.kind}|${r.returnId}|${r.sheet}|${r.rowName}|${r.year}`;
      if (seenRows.has(rowKey)) continue;
      seenRows.add(rowKey);
      const returnYear = returnYears.get(r.returnId) ?? null;
      drafts.push({
        ...common,
        cell: p.nameCell ?? r.cell,
        kind: p.kind,
        idParts: returnYear !== null && r.year !== returnYear ? [r.returnId, r.sheet, r.rowName, r.year] : [r.returnId, r.sheet, r.rowName],
        basis: stableHash([r.rowName]),
        candidates: p.candidates,
        message:
          p.kind === 'unmatched_row'
            ? `“${r.rowName}”未能对应到指标体系中的指标`
            : `“${r.rowName}”未自动对应，可能是：${p.candidates.slice(0, 3).map((c) => (c.reason ? `${c.name}（${c.reason}）` : c.name)).join('；')}`,
      });
      continue;
    }
    const messages = {
      unparseable_value: () => `“${r.rawText}”不是可识别的数值`,
      formula_error: () => `公式计算出错（${p.kind === 'formula_error' ? p.code : ''}），请填报单位核实`,
      unit_mismatch: () => (p.kind === 'unit_mismatch' ? (p.reason ?? `单位“${p.from}”无法换算为指标单位“${p.to}”`) : ''),
      unit_converted: () =>
        p.kind === 'unit_converted' ? `已将 ${formatNumber(p.original)}${p.from} 换算为 ${formatNumber(r.value)}${p.to}` : '',
    } as const;
    drafts.push({
      ...common,
      kind: p.kind,
      idParts: [r.returnId, r.sheet, r.cell, r.role],
      basis: stableHash([r.rawText, r.value]),
      message: messages[p.kind](),
    });
  }
  return drafts;
}

/** A region the workbook does not list, whether the whole return's or one column's (兰陵县 …). */
function unknownRegionFindings(returns: ReturnRecord[], records: ReportedRecord[], regions: string[]): Draft[] {
  const seen = new Map<string, { returnId: number; region: string; year: number; bureau: string | null; file: string; sheet: string | null; cell: string | null }>();
  for (const r of returns) {
    if (!regions.includes(r.region)) seen.set(`${r.id}|${r.region}`, { returnId: r.id, region: r.region, year: r.year, bureau: r.bureau, file: r.file, sheet: null, cell: null });
  }
  for (const r of records) {
    const key = `${r.returnId}|${r.region}`;
    if (r.role === 'value' && !regions.includes(r.region) && !seen.has(key)) {
      seen.set(key, { returnId: r.returnId, region: r.region, year: r.year, bureau: r.bureau, file: r.file, sheet: r.sheet, cell: r.cell });
    }
  }
  return [...seen.values()].map((u) => ({
    kind: 'unknown_region' as const,
    idParts: [u.returnId, u.region],
    basis: stableHash([u.region]),
    indicator: null,
    name: null,
    bureau: u.bureau,
    region: u.region,
    year: u.year,
    file: u.file,
    sheet: u.sheet,
    cell: u.cell,
    message: `报表中的地区“${u.region}”不在本工作簿的地区列表中，其数据按该地区单列`,
  }));
}

function missingFindings(
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
    if (v.value !== null || v.status !== 'missing' || !activeRegions.has(v.region)) continue;
    const indicator = indicators.get(v.indicator)!;
    // A proposed 填报单位 is not an assignment until the officer confirms it.
    if (!indicator.reporter || indicator.reporterProposed) continue;
    const fromReporter = returns.filter((r) => r.bureau === indicator.reporter && r.year === v.year && r.region === v.region);
    drafts.push({
      kind: 'missing',
      idParts: [v.indicator, v.region, v.year],
      basis: valueBasis('missing', null),
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

/** Latest record per (indicator, region, year, bureau, role): what a bureau last said. */
function latestPerBureau(records: ReportedRecord[], role: ReportedRecord['role']): ReportedRecord[] {
  const latest = new Map<string, ReportedRecord>();
  for (const r of records) {
    if (r.role !== role || r.indicator === null || r.value === null) continue;
    const key = `${r.indicator}|${r.region}|${r.year}|${r.bureau}`;
    const seen = latest.get(key);
    if (!seen || r.returnSeq > seen.returnSeq) latest.set(key, r);
  }
  return [...latest.values()];
}

function sameAtDecimals(a: number, b: number, decimals: number): boolean {
  return Math.abs(a - b) < 0.5 * 10 ** -decimals + 1e-9;
}

/** A restated baseline or target is filed under the year of the return that restates it. */
function statedFigureFindings(records: ReportedRecord[], indicators: Map<string, Indicator>, returnYears: Map<number, number>): Draft[] {
  const drafts: Draft[] = [];
  const checks = [
    { role: 'baseline' as const, kind: 'baseline_mismatch' as const, label: '基期值', pick: (i: Indicator) => i.baselineValue },
    { role: 'target' as const, kind: 'target_mismatch' as const, label: '目标值', pick: (i: Indicator) => i.targetValue },
  ];
  for (const check of checks) {
    for (const r of latestPerBureau(records, check.role)) {
      const indicator = indicators.get(r.indicator!);
      const expected = indicator ? check.pick(indicator) : null;
      if (!indicator || expected === null || sameAtDecimals(r.value!, expected, indicator.decimals)) continue;
      drafts.push({
        kind: check.kind,
        idParts: [r.indicator, r.region, r.bureau],
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

function changeFindings(
  values: ConsolidatedValue[],
  index: Map<string, ConsolidatedValue>,
  records: ReportedRecord[],
  indicators: Map<string, Indicator>,
): Draft[] {
  const drafts: Draft[] = [];
  const previousStated = new Map<string, number>();
  for (const r of latestPerBureau(records, 'previous')) {
    previousStated.set(keyOf(r.indicator!, r.region, r.year), r.value!);
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
    const earlier = index.get(keyOf(v.indicator, v.region, v.year - 1))?.value ?? previousStated.get(keyOf(v.indicator, v.region, v.year)) ?? null;
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

function notResponsibleFindings(records: ReportedRecord[], indicators: Map<string, Indicator>): Draft[] {
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

/** Compares with a tolerance: a rule holds when the sides differ by no more than it. */
function ruleHolds(left: number, op: Rule['op'], right: number, tolerance: number): boolean {
  switch (op) {
    case '=':
      return Math.abs(left - right) <= tolerance;
    case '<=':
      return left <= right + tolerance;
    case '>=':
      return left + tolerance >= right;
    case '<':
      return left < right + tolerance;
    case '>':
      return left + tolerance > right;
  }
}

/** Half a unit in the last published decimal of the left side's indicators (DESIGN). */
function defaultTolerance(codes: string[], indicators: Map<string, Indicator>): number {
  const decimals = Math.max(0, ...codes.map((c) => indicators.get(c)?.decimals ?? 0));
  return 0.5 * 10 ** -decimals + 1e-9;
}

function ruleFindings(
  rules: Schema['rules'],
  index: Map<string, ConsolidatedValue>,
  indicators: Map<string, Indicator>,
  regions: string[],
  years: number[],
): Draft[] {
  const drafts: Draft[] = [];
  for (const rule of rules) {
    const left = parseExpression(rule.left);
    const right = parseExpression(rule.right);
    if (!left.ok || !right.ok) continue; // rules are validated when saved
    const leftCodes = referencedCodes(left.expr);
    const tolerance = rule.tolerance ?? defaultTolerance(leftCodes, indicators);
    const allCodes = [...leftCodes, ...referencedCodes(right.expr)];
    for (const year of years) {
      for (const region of regions) {
        const lookup = (code: string) => index.get(keyOf(code, region, year))?.value ?? null;
        const l = evaluate(left.expr, lookup);
        const r = evaluate(right.expr, lookup);
        if (l === null || r === null || ruleHolds(l, rule.op, r, tolerance)) continue;
        const sides = allCodes.map((code) => index.get(keyOf(code, region, year))!).filter(Boolean);
        const first = sides.find((v) => v.sources.length > 0)?.sources[0];
        const described = sides
          .map((v) => `${v.name} ${formatNumber(v.value)}${v.unit}${v.sources[0] ? `（${v.sources[0].file} ${v.sources[0].sheet}!${v.sources[0].cell}）` : ''}`)
          .join('；');
        const leftIndicator = indicators.get(leftCodes[0] ?? '');
        drafts.push({
          kind: 'rule_violation',
          idParts: [rule.id, region, year],
          basis: stableHash(sides.map((v) => `${v.indicator}:${v.value}`)),
          indicator: leftCodes.length === 1 ? leftCodes[0]! : null,
          name: leftIndicator?.name ?? rule.name,
          bureau: first?.bureau ?? null,
          region,
          year,
          file: first?.file ?? null,
          sheet: first?.sheet ?? null,
          cell: first?.cell ?? null,
          message: `不符合校验规则“${rule.name}”：左边 ${formatNumber(l)}，右边 ${formatNumber(r)}。${described}`,
        });
      }
    }
  }
  return drafts;
}

function finalizeFindings(drafts: Draft[], resolutions: Map<string, ResolutionRecord>): ReconciledFinding[] {
  const findings = new Map<string, ReconciledFinding>();
  for (const d of drafts) {
    const id = findingId(d.kind, d.idParts);
    if (findings.has(id)) continue;
    const resolution = resolutions.get(id);
    const resolved = !isActionable(d.kind) || (resolution !== undefined && resolution.basis === d.basis);
    // A plain copy rather than `{ idParts, candidates, ...rest }`: object rest is several times
    // slower in V8, and a workbook can hold tens of thousands of findings. Same keys, same order.
    const finding: Record<string, unknown> = {};
    for (const key in d) if (key !== 'idParts' && key !== 'candidates') finding[key] = d[key as keyof Draft];
    finding.id = id;
    finding.severity = SEVERITY[d.kind];
    finding.status = resolved ? 'resolved' : 'open';
    finding.candidates = d.candidates ?? [];
    findings.set(id, finding as unknown as ReconciledFinding);
  }
  return [...findings.values()];
}

