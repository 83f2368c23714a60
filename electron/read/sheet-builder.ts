import type { CellValue, GridCell, GridSheet, MergeRange } from '../../shared/import/grid';
import { refuse } from './refusals';

/**
 * Collects one sheet's cells for any reader, keeping the grid sparse and counting every kept
 * cell against the file's budget, so a giant sheet stops with 'too_many_cells' while it is read
 * rather than after memory is gone.
 */
export class CellBudget {
  private used = 0;

  constructor(
    private readonly fileName: string,
    private readonly maxCells: number,
  ) {}

  take(): void {
    this.used++;
    if (this.used > this.maxCells) {
      throw refuse('too_many_cells', this.fileName,
        `超过 ${this.maxCells.toLocaleString('en-US')} 个`);
    }
  }
}

export class SheetBuilder {
  private readonly rows: (GridCell | undefined)[][] = [];
  private readonly merges: MergeRange[] = [];
  private readonly hiddenRows = new Set<number>();
  private readonly hiddenCols = new Set<number>();
  private rowCount = 0;
  private colCount = 0;

  constructor(
    private readonly name: string,
    private readonly state: GridSheet['state'],
    private readonly budget: CellBudget,
  ) {}

  /** Adds a cell; empty values are dropped unless they hold a formula. */
  addCell(row: number, col: number, value: CellValue, format: string, formula: boolean): void {
    if (value.kind === 'empty' && !formula) return;
    if (value.kind === 'text' && value.value === '' && !formula) return;
    this.budget.take();
    const cells = (this.rows[row] ??= []);
    cells[col] = { row, col, value, format, formula };
    this.extend(row, col);
  }

  addMerge(range: MergeRange): void {
    if (range.bottom === range.top && range.right === range.left) return;
    this.merges.push(range);
    this.extend(range.bottom, range.right);
  }

  hideRow(row: number): void {
    this.hiddenRows.add(row);
  }

  hideCol(col: number): void {
    this.hiddenCols.add(col);
  }

  private extend(row: number, col: number): void {
    this.rowCount = Math.max(this.rowCount, row + 1);
    this.colCount = Math.max(this.colCount, col + 1);
  }

  build(): GridSheet {
    // Dense arrays up to rowCount so that rows[r] is always an array; cells stay sparse.
    const rows: (GridCell | undefined)[][] = [];
    for (let r = 0; r < this.rowCount; r++) rows.push(this.rows[r] ?? []);
    const within = (n: number, count: number) => n < count;
    return {
      name: this.name,
      state: this.state,
      rowCount: this.rowCount,
      colCount: this.colCount,
      rows,
      merges: this.merges.sort((a, b) => a.top - b.top || a.left - b.left),
      // Hidden rows and columns beyond the data say nothing about it (WPS hides A:XFD tails).
      hiddenRows: [...this.hiddenRows].filter((r) => within(r, this.rowCount)).sort((a, b) => a - b),
      hiddenCols: [...this.hiddenCols].filter((c) => within(c, this.colCount)).sort((a, b) => a - b),
    };
  }
}

/** An Excel serial date (1900 or 1904 system) as ISO 8601: 'YYYY-MM-DD' or with the time. */
export function serialToIso(serial: number, date1904: boolean): string {
  // 1900 system: serial 25569 is 1970-01-01, and Excel's phantom 1900-02-29 (serial 60) shifts
  // everything before March 1900 by a day.
  const days = date1904 ? serial - 24107 : serial < 60 ? serial - 25568 : serial - 25569;
  const ms = Math.round(days * 86400 * 1000);
  return isoFromUtc(new Date(ms));
}

/** A Date whose UTC fields hold the sheet's wall-clock time, as ISO 8601 without a zone. */
export function isoFromUtc(date: Date): string {
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}
