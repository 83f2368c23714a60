import type { MatchCandidate } from '../domain';

/** Why a reported cell could not simply be counted; set at import. */
export type CellProblem =
  /** `nameCell`: where the row's name stands, which the finding points at. */
  | { kind: 'unmatched_row'; candidates: MatchCandidate[]; nameCell?: string }
  | { kind: 'ambiguous_match'; candidates: MatchCandidate[]; nameCell?: string }
  | { kind: 'unparseable_value'; text: string }
  | { kind: 'formula_error'; code: string }
  /** `reason` when the unit was not stated and the figure's size puts it in doubt. */
  | { kind: 'unit_mismatch'; from: string; to: string; reason?: string }
  | { kind: 'unit_converted'; from: string; to: string; original: number };

/** One stored reported cell with the facts of its return, as consolidation needs them. */
export interface ReportedRecord {
  id: number;
  returnId: number;
  /** Import order: a larger number is a later return. */
  returnSeq: number;
  returnState: 'counted' | 'superseded' | 'withdrawn' | 'duplicate';
  bureau: string | null;
  file: string;
  sheet: string;
  cell: string;
  indicator: string | null;
  rowName: string;
  region: string;
  year: number;
  role: 'value' | 'baseline' | 'target' | 'previous';
  value: number | null;
  rawText: string;
  unit: string;
  problem: CellProblem | null;
}

export type ResolutionAction = 'choose' | 'confirm' | 'override' | 'map';

/** What the officer decided about one finding; `basis` ties it to the data it was made on. */
export interface ResolutionRecord {
  findingId: string;
  action: ResolutionAction;
  value: number | null;
  code: string | null;
  note: string;
  basis: string;
  operator: string;
  at: string;
}

/** A return as consolidation needs it (for `missing` and `unknown_region`). */
export interface ReturnRecord {
  id: number;
  seq: number;
  file: string;
  bureau: string | null;
  region: string;
  year: number;
  state: 'counted' | 'superseded' | 'withdrawn' | 'duplicate';
  contactPerson: string | null;
  contactPhone: string | null;
}
