/**
 * Where the officer's resolutions meet the data: a mapped row counts under its indicator in every
 * year it carries, and an override replaces the value it was made on, while that value stands.
 */
import type { FindingKind, Indicator, ReportedRecord, ResolutionRecord } from '../domain';
import type { ConsolidatedValue } from './consolidate';
import { findingId, kindOfFindingId, stableHash } from './stable-id';

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
/** The years each row of a return carries, for finding a mapping made on any year's finding. */
export function yearsOfRows(records: readonly ReportedRecord[]): Map<string, number[]> {
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
export function rowKeyOf(r: Pick<ReportedRecord, 'returnId' | 'sheet' | 'rowName'>): string {
  return `${r.returnId}\u001f${r.sheet}\u001f${r.rowName}`;
}
/** A row mapped on any of its years' findings counts under that indicator in every year. */
export function applyMapping(record: ReportedRecord, resolutions: Map<string, ResolutionRecord>, rowYears: Map<string, number[]>, returnYear: number | null): ReportedRecord {
  const problem = record.problem;
  if (!problem || (problem.kind !== 'unmatched_row' && problem.kind !== 'ambiguous_match')) return record;
  const years = rowYears.get(rowKeyOf(record)) ?? [record.year];
  for (const year of [record.year, ...years.filter((y) => y !== record.year)]) {
    const resolution = resolutions.get(rowFindingId(problem.kind, { ...record, year }, returnYear));
    if (resolution?.action === 'map' && resolution.code) return { ...record, indicator: resolution.code };
  }
  return record;
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
      const kind = kindOfFindingId(id) as FindingKind;
      if (OVERRIDABLE.includes(kind)) kinds.add(kind);
    }
    overrideKindsCache.set(resolutions, kinds);
  }
  return kinds;
}
export function overrideOnly(
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
export function valueBasis(kind: FindingKind, value: number | null): string {
  return stableHash([kind, value]);
}
