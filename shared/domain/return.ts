import type { MatchCandidate } from './finding';
import type { MatchMethod } from './values';

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

/**
 * Why a cell with a figure in it is not read as one: `inexact`, a bound or an estimate (≥95, 约5)
 * where a 完成值 stands; `scaled`, a number format that shows another number than the cell holds
 * (12000 shown as 12 or 1.2万), so that the unit beside it may be the shown one's.
 */
export type UnreadableWhy = 'inexact' | 'scaled';

/** Why a reported cell could not simply be counted; set at import. */
export type CellProblem =
  /** `nameCell`: where the row's name stands, which the finding points at. */
  | { kind: 'unmatched_row'; candidates: MatchCandidate[]; nameCell?: string }
  | { kind: 'ambiguous_match'; candidates: MatchCandidate[]; nameCell?: string }
  /** `why` when the cell holds a figure that still is not the year's: see UnreadableWhy. */
  | { kind: 'unparseable_value'; text: string; why?: UnreadableWhy }
  | { kind: 'formula_error'; code: string }
  /** `reason` when the unit was not stated and the figure's size puts it in doubt. */
  | { kind: 'unit_mismatch'; from: string; to: string; reason?: string }
  | { kind: 'unit_converted'; from: string; to: string; original: number };

/**
 * One cell read from a return (填报值), the same shape from the reader through the store to the
 * screen: where it stands, the row it is on, what it says, and the indicator it was matched to.
 * A layer that knows more extends it.
 */
export interface ReportedCell {
  sheet: string;
  /** A1 address, without `$`. */
  cell: string;
  /** The row's label as the return has it, which may differ from the indicator's name. */
  rowName: string;
  /** The matched indicator's code; null when the row matched no indicator. */
  indicator: string | null;
  region: string;
  year: number;
  /** Which figure of the row the cell holds: the year's 完成值, or a 基期值/目标值/上年值 column. */
  role: CellRole;
  /** In the schema's unit when matched; null when the cell holds no number. */
  value: number | null;
  /** The cell as written, kept whatever it was read as. */
  rawText: string;
  unit: string;
}

/** How a cell's row was matched to its indicator. */
export interface CellMatch {
  matchMethod: MatchMethod | null;
  matchScore: number;
}

/** A reported cell as it is stored: with what reading found wrong with it. */
export interface StoredCell extends ReportedCell {
  problem: CellProblem | null;
}

/** One stored reported cell with the facts of its return, as consolidation needs them. */
export interface ReportedRecord extends StoredCell {
  id: number;
  returnId: number;
  /** Import order: a larger number is a later return. */
  returnSeq: number;
  returnState: ReturnState;
  bureau: string | null;
  file: string;
}

/** What each record of a stored return's cells carries of the return. */
export interface RecordedReturn {
  returnId: number;
  state: ReturnState;
  bureau: string | null;
  file: string;
}

/**
 * A stored cell as consolidation reads it: its id, its return's facts and the cell, with its
 * value and problem as the store holds them (by default as the cell has them).
 */
export function reportedRecord(id: number, of: RecordedReturn, cell: StoredCell, value = cell.value, problem = cell.problem): ReportedRecord {
  return {
    id,
    returnId: of.returnId,
    // Return ids follow import order.
    returnSeq: of.returnId,
    returnState: of.state,
    bureau: of.bureau,
    file: of.file,
    sheet: cell.sheet,
    cell: cell.cell,
    indicator: cell.indicator,
    rowName: cell.rowName,
    region: cell.region,
    year: cell.year,
    role: cell.role,
    value,
    rawText: cell.rawText,
    unit: cell.unit,
    problem,
  };
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
 * One stored reported cell, as 核对's 报送明细 lists it: the cell as read from the return, how it
 * was matched, and the return's file and bureau (the row is a SourceRef too).
 */
export interface ReportedValueRow extends ReportedCell, CellMatch {
  /** The stored cell's id: a stable row id for the grid while its return is kept. */
  id: number;
  returnId: number;
  file: string;
  /** The return's bureau; '' when it was not recognised. */
  bureau: string;
  /** The indicator's name in the schema; null when the row matched no indicator. */
  name: string | null;
  /** The indicator's published decimals; null when the row matched no indicator. */
  decimals: number | null;
}
