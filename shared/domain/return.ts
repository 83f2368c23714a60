import type { MatchCandidate } from './finding';
import type { ReportedValue } from './values';

/**
 * A return (报表): one imported file, its state, and the cells read from it. Reader, store,
 * consolidation and screens all speak of them in these words.
 */

/** counted: its figures count; superseded: a later return of the bureau replaced it; withdrawn:
 *  撤销导入; duplicate: the same bytes again. */
export const RETURN_STATES = ['counted', 'superseded', 'withdrawn', 'duplicate'] as const;
export type ReturnState = (typeof RETURN_STATES)[number];

/** Which figure of a row a cell holds: the year's 完成值, or a restated 基期值/目标值/上年值. */
export const CELL_ROLES = ['value', 'baseline', 'target', 'previous'] as const;
export type CellRole = (typeof CELL_ROLES)[number];

/**
 * Roles whose figure a return restates (基期值, 目标值): what it says about them, and any doubt
 * about such a cell, is filed under the return's own year, not the year the figure is for.
 */
export const RESTATED_ROLES = ['baseline', 'target'] as const satisfies readonly CellRole[];

/** The year a cell's findings are filed under: its own, or for a restated figure its return's. */
export function filingYear(role: CellRole, cellYear: number, returnYear: number | undefined): number {
  return (RESTATED_ROLES as readonly CellRole[]).includes(role) && returnYear !== undefined ? returnYear : cellYear;
}

/**
 * The years whose cells an answer for `years` reads: each year and the one before (a
 * year-on-year change looks one year back). A store hands over every cell of each return with a
 * reported (not restated) cell in these years or filed under one of them: a return's restated
 * 基期值 and 目标值 are judged in its own year, and a row mapped on one year's finding counts in
 * every year it carries.
 */
export function yearsNeededFor(years: readonly number[]): number[] {
  return [...new Set(years.flatMap((year) => [year - 1, year]))].sort((a, b) => a - b);
}

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
  returnState: ReturnState;
  bureau: string | null;
  file: string;
  sheet: string;
  cell: string;
  indicator: string | null;
  rowName: string;
  region: string;
  year: number;
  role: CellRole;
  value: number | null;
  rawText: string;
  unit: string;
  problem: CellProblem | null;
}

/** A return as consolidation needs it (for `missing` and `unknown_region`). */
export interface ReturnRecord {
  id: number;
  seq: number;
  file: string;
  bureau: string | null;
  region: string;
  year: number;
  state: ReturnState;
  contactPerson: string | null;
  contactPhone: string | null;
}

export interface ReturnSummary {
  id: number;
  file: string;
  bureau: string | null;
  region: string | null;
  year: number | null;
  state: ReturnState;
  importedAt: string;
  contactPerson: string | null;
  contactPhone: string | null;
  values: number;
  matched: number;
  unmatched: number;
  sha256: string;
}

/**
 * One stored reported cell, as 核对's 报送明细 lists it: the cell as read from the return (value in
 * the schema's unit when matched), the indicator it was matched to, and where it stands.
 */
export interface ReportedValueRow extends ReportedValue {
  /** The stored cell's id: a stable row id for the grid while its return is kept. */
  id: number;
  returnId: number;
  /** The indicator's name in the schema; null when the row matched no indicator. */
  name: string | null;
  /** The indicator's published decimals; null when the row matched no indicator. */
  decimals: number | null;
  /** The row's label as the return has it, which may differ from the indicator's name. */
  rowName: string;
  /** Which figure of the row the cell holds: the year's 完成值, or a 基期值/目标值/上年值 column. */
  role: CellRole;
}
