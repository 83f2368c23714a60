import type { CellValue, GridCell, GridSheet, MergeRange } from '../../shared/import/grid';
import { DEFAULT_LIMITS, MAX_CELL_TEXT, type ReadLimits } from './limits';
import { refuse } from './refusals';

/**
 * Collects one sheet's cells for any reader, keeping the grid sparse and counting every kept
 * cell and every character of text against the file's budget, so a giant sheet stops with
 * 'too_many_cells' (or one long text copied into many cells with 'too_much_text') while it is
 * read rather than after memory and time are gone.
 */
export type SheetBounds = Pick<ReadLimits, 'maxTextChars' | 'maxMerges' | 'maxSheetArea'>;

export class CellBudget {
  private used = 0;
  private text = 0;
  readonly bounds: SheetBounds;

  constructor(
    readonly fileName: string,
    private readonly maxCells: number,
    bounds: Partial<SheetBounds> = {},
  ) {
    this.bounds = {
      maxTextChars: bounds.maxTextChars ?? DEFAULT_LIMITS.maxTextChars,
      maxMerges: bounds.maxMerges ?? DEFAULT_LIMITS.maxMerges,
      maxSheetArea: bounds.maxSheetArea ?? DEFAULT_LIMITS.maxSheetArea,
    };
  }

  take(): void {
    this.used++;
    if (this.used > this.maxCells) {
      throw refuse('too_many_cells', this.fileName,
        `超过 ${this.maxCells.toLocaleString('en-US')} 个`);
    }
  }

  takeText(length: number): void {
    this.text += length;
    if (this.text > this.bounds.maxTextChars) {
      throw refuse('too_much_text', this.fileName,
        `各单元格文字合计超过 ${this.bounds.maxTextChars.toLocaleString('en-US')} 字`);
    }
  }
}

/**
 * How far a merged range may reach past the sheet's last cell. A title merged a little wider
 * than its table keeps its width; `E1:XFD1048576` is cut back to the cells there are instead of
 * making the sheet 17 billion places wide and tall.
 */
const MERGE_MARGIN = 100;

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

  /**
   * Adds a cell; empty values are dropped unless they hold a formula. Text longer than Excel's
   * 32 767 characters is cut there.
   */
  addCell(row: number, col: number, value: CellValue, format: string, formula: boolean): void {
    if (value.kind === 'empty' && !formula) return;
    if (value.kind === 'text' && value.value === '' && !formula) return;
    this.budget.take();
    if (value.kind === 'text') {
      if (value.value.length > MAX_CELL_TEXT) value = { kind: 'text', value: value.value.slice(0, MAX_CELL_TEXT) };
      this.budget.takeText(value.value.length);
    }
    const cells = (this.rows[row] ??= []);
    cells[col] = { row, col, value, format, formula };
    this.rowCount = Math.max(this.rowCount, row + 1);
    this.colCount = Math.max(this.colCount, col + 1);
  }

  addMerge(range: MergeRange): void {
    if (range.bottom === range.top && range.right === range.left) return;
    if (this.merges.length >= this.budget.bounds.maxMerges) {
      throw refuse('too_many_cells', this.budget.fileName,
        `工作表“${this.name}”的合并单元格超过 ${this.budget.bounds.maxMerges.toLocaleString('en-US')} 处`);
    }
    this.merges.push(range);
  }

  hideRow(row: number): void {
    this.hiddenRows.add(row);
  }

  hideCol(col: number): void {
    this.hiddenCols.add(col);
  }

  /** Merges within reach of the cells, cut back to MERGE_MARGIN past the last row and column. */
  private reachableMerges(): MergeRange[] {
    const lastRow = this.rowCount - 1 + MERGE_MARGIN;
    const lastCol = this.colCount - 1 + MERGE_MARGIN;
    const kept: MergeRange[] = [];
    for (const m of this.merges) {
      if (m.top > lastRow || m.left > lastCol) continue;
      const clipped = { top: m.top, left: m.left, bottom: Math.min(m.bottom, lastRow), right: Math.min(m.right, lastCol) };
      if (clipped.bottom === clipped.top && clipped.right === clipped.left) continue;
      kept.push(clipped);
    }
    return kept.sort((a, b) => a.top - b.top || a.left - b.left);
  }

  build(): GridSheet {
    const merges = this.reachableMerges();
    let rowCount = this.rowCount;
    let colCount = this.colCount;
    for (const m of merges) {
      rowCount = Math.max(rowCount, m.bottom + 1);
      colCount = Math.max(colCount, m.right + 1);
    }
    if (rowCount * colCount > this.budget.bounds.maxSheetArea) {
      throw refuse('too_many_cells', this.budget.fileName,
        `工作表“${this.name}”的范围达 ${rowCount.toLocaleString('en-US')} 行 × ${colCount.toLocaleString('en-US')} 列`);
    }
    // Dense arrays up to rowCount so that rows[r] is always an array; cells stay sparse.
    const rows: (GridCell | undefined)[][] = [];
    for (let r = 0; r < rowCount; r++) rows.push(this.rows[r] ?? []);
    return {
      name: this.name,
      state: this.state,
      rowCount,
      colCount,
      rows,
      merges,
      // Hidden rows and columns beyond the data say nothing about it (WPS hides A:XFD tails).
      hiddenRows: [...this.hiddenRows].filter((r) => r < rowCount).sort((a, b) => a - b),
      hiddenCols: [...this.hiddenCols].filter((c) => c < colCount).sort((a, b) => a - b),
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
