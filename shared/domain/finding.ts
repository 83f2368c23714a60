/** DESIGN's finding kinds; the ids are stable and appear in the CLI's JSON. */
export const FINDING_KINDS = [
  'unmatched_row',
  'ambiguous_match',
  'unparseable_value',
  'formula_error',
  'unit_mismatch',
  'unit_converted',
  'conflict',
  'revised',
  'missing',
  'out_of_range',
  'baseline_mismatch',
  'target_mismatch',
  'suspicious_change',
  'rule_violation',
  'not_responsible',
  'unknown_region',
  'duplicate_file',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];
export type Severity = 'error' | 'warning' | 'info';
export type FindingStatus = 'open' | 'resolved';

export interface MatchCandidate {
  code: string;
  name: string;
  score: number;
  /** Why it was not taken on its own, in Chinese: which words or units differ. */
  reason?: string;
}

export interface Finding {
  /** Stable: derived from the kind and the data under it, so a resolution sticks. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  status: FindingStatus;
  indicator: string | null;
  name: string | null;
  bureau: string | null;
  region: string | null;
  year: number | null;
  file: string | null;
  sheet: string | null;
  cell: string | null;
  message: string;
  candidates: MatchCandidate[];
}
