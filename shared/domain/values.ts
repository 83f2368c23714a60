/** Where a number came from: file, sheet and A1 cell (no `$`). */
export interface SourceRef {
  file: string;
  sheet: string;
  cell: string;
  bureau: string;
}

export type MatchMethod = 'key' | 'exact' | 'alias' | 'normalized' | 'fuzzy' | 'manual';

export const VALUE_STATUSES = ['ok', 'conflict', 'missing', 'resolved'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

/** Where a consolidated value sits: one (indicator, region, year). */
export interface ValueKey {
  indicator: string;
  region: string;
  year: number;
}

/** The text a (indicator, region, year) is indexed by: one spelling for every map of values. */
export function valueKey(indicator: string, region: string, year: number): string {
  return `${indicator}\u001f${region}\u001f${year}`;
}

/** A consolidated value and its status at one moment: what an audit entry records before and after. */
export interface ValueState {
  value: number | null;
  status: ValueStatus;
}

/** A consolidated value an operation changed, with both states. */
export interface ValueChange extends ValueKey {
  before: ValueState;
  after: ValueState;
}

/** One consolidated (indicator, region, year): always derived, never hand-edited. */
export interface Value {
  indicator: string;
  name: string;
  unit: string;
  region: string;
  year: number;
  value: number | null;
  status: ValueStatus;
  sources: SourceRef[];
  /** A city value rolled up from its sub-regions: the parts, and the sub-regions missing from it. */
  rollup?: { method: string; parts: { region: string; value: number | null }[]; missingRegions: string[]; note: string };
}
