/** Where a number came from: file, sheet and A1 cell (no `$`). */
export interface SourceRef {
  file: string;
  sheet: string;
  cell: string;
  bureau: string;
}

export type MatchMethod = 'key' | 'exact' | 'alias' | 'normalized' | 'fuzzy' | 'manual';

export type ValueStatus = 'ok' | 'conflict' | 'missing' | 'resolved';

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
