/**
 * The neutral sheet-grid model every reader produces, so that layout detection never knows
 * which library read the file (exceljs for .xlsx, SheetJS for .xls/.ods, our own for CSV).
 */

/** A cell's value as the file stores it; formulas are reduced to their cached result. */
export type CellValue =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'date'; value: string /* ISO 8601 */ }
  /** A formula whose cached result is an error value such as #DIV/0! or #REF!. */
  | { kind: 'error'; value: string };

export interface GridCell {
  /** 0-based row and column. */
  row: number;
  col: number;
  value: CellValue;
  /** The number format as written in the file ('0.0%', 'General' …), or ''. */
  format: string;
  /** True when the value is a formula's cached result. */
  formula: boolean;
}

/** A merged range, 0-based and inclusive; the value sits on the top-left (master) cell. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface GridSheet {
  name: string;
  /** 'visible', or hidden by the user ('hidden') or by a program ('veryHidden'). */
  state: 'visible' | 'hidden' | 'veryHidden';
  rowCount: number;
  colCount: number;
  /** Row-major, sparse: rows[r][c] is undefined where the file has no cell. */
  rows: (GridCell | undefined)[][];
  merges: MergeRange[];
  hiddenRows: number[];
  hiddenCols: number[];
}

export interface Grid {
  fileName: string;
  /** Which reader produced it, for messages only: 'xlsx' | 'xls' | 'ods' | 'csv' | 'html'. */
  format: string;
  sheets: GridSheet[];
}

export function cellAt(sheet: GridSheet, row: number, col: number): GridCell | undefined {
  return sheet.rows[row]?.[col];
}

/** A1 address of a 0-based (row, col), without `$`. */
export function cellAddress(row: number, col: number): string {
  let name = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26)) {
    name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  }
  return `${name}${row + 1}`;
}

/** The text a person sees in the cell, trimmed; '' for empty cells. */
export function cellText(cell: GridCell | undefined): string {
  if (!cell) return '';
  const v = cell.value;
  switch (v.kind) {
    case 'empty':
      return '';
    case 'number':
      return String(v.value);
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
    default:
      return v.value.trim();
  }
}
