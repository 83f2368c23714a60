import { cellAt, cellText, type GridCell, type GridSheet, type MergeRange } from './grid';
import { memoText } from './memo';

/**
 * Read access to one sheet that knows its merges: layout detection asks "what does a person see
 * here", and in a merged range that is the master cell's text on every covered cell.
 */
export interface SheetView {
  sheet: GridSheet;
  cell(row: number, col: number): GridCell | undefined;
  /** The cell's own text, '' where it has none (covered cells of a merge included). */
  text(row: number, col: number): string;
  /** The text shown at (row, col): the master's text when the cell lies in a merge. */
  shownText(row: number, col: number): string;
  mergeAt(row: number, col: number): MergeRange | undefined;
  isNumber(row: number, col: number): boolean;
  /** The row's non-empty own cells, left to right (the same array each time it is asked). */
  rowCells(row: number): readonly RowCell[];
  isRowEmpty(row: number): boolean;
  isColHidden(col: number): boolean;
}

/**
 * The merges over each row, found when a row is first asked about: an index of every covered
 * cell would hold 17 billion entries for one `E1:XFD1048576`, and one of every covered row still
 * millions for a few tall merges. Merges are sorted by their top row, so a row looks only at
 * those starting at or above it.
 */
function mergeLookup(merges: readonly MergeRange[]): (row: number, col: number) => MergeRange | undefined {
  if (merges.length === 0) return () => undefined;
  const byTop = [...merges].sort((a, b) => a.top - b.top);
  const rows = new Map<number, MergeRange[]>();
  const over = (row: number): MergeRange[] => {
    let found = rows.get(row);
    if (found) return found;
    found = [];
    for (const m of byTop) {
      if (m.top > row) break;
      if (m.bottom >= row) found.push(m);
    }
    rows.set(row, found);
    return found;
  };
  return (row, col) => {
    for (const m of over(row)) if (m.left <= col && col <= m.right) return m;
    return undefined;
  };
}

export interface RowCell {
  readonly col: number;
  readonly text: string;
}

export function viewSheet(sheet: GridSheet): SheetView {
  const mergeAt = mergeLookup(sheet.merges);
  const hiddenCols = new Set(sheet.hiddenCols);
  const text = (row: number, col: number): string => cellText(cellAt(sheet, row, col));
  // Detection asks for a row's cells again and again (each rule walks the rows): read them once.
  const rowsRead = new Map<number, readonly RowCell[]>();
  const rowCells = (row: number): readonly RowCell[] => {
    let out = rowsRead.get(row);
    if (out) return out;
    const found: RowCell[] = [];
    const cells = sheet.rows[row] ?? [];
    cells.forEach((cell, col) => {
      const t = cellText(cell);
      if (t !== '') found.push({ col, text: t });
    });
    rowsRead.set(row, (out = found));
    return out;
  };
  return {
    sheet,
    cell: (row, col) => cellAt(sheet, row, col),
    text,
    shownText(row, col) {
      const m = mergeAt(row, col);
      return m ? text(m.top, m.left) : text(row, col);
    },
    mergeAt,
    isNumber: (row, col) => cellAt(sheet, row, col)?.value.kind === 'number',
    rowCells,
    isRowEmpty: (row) => rowCells(row).length === 0,
    isColHidden: (col) => hiddenCols.has(col),
  };
}

/** Full-width letters, digits and colons as ASCII, no spaces: "指 标 名 称：" → "指标名称:". */
export const normalizeText: (text: string) => string = memoText((text) => text.normalize('NFKC').replace(/\s+/g, ''));
