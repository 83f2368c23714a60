/**
 * A neutral description of one exported sheet: what a person sees, not how a library writes it.
 * Layout builders (annual, evaluation, findings, period) produce it from plain data; one writer
 * renders it as .xlsx, another as CSV. Rows and columns are 0-based throughout.
 */

/**
 * A number keeps its exact value; `decimals` is only how a print layout shows it (77.90 stays
 * 77.90). A figure the tool computed (a progress share) is `computed`: it has no reported digits,
 * so its decimals are all it has, in CSV too.
 */
export type TableCell =
  | { kind: 'number'; value: number; decimals: number; computed?: true }
  | { kind: 'text'; value: string }
  /** No data: printed as —. */
  | { kind: 'none' };

/** A merged range, inclusive, relative to the block it belongs to (header or body). */
export interface TableMerge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface TableColumn {
  /** Width in characters (Excel's unit), wide enough for the usual content. */
  width: number;
  /** How text and numbers sit in the column. */
  align: 'left' | 'center' | 'right';
}

export interface TableLayout {
  /** Excel sheet name: at most 31 characters, none of \ / ? * [ ] :. */
  sheetName: string;
  title: string;
  /** Lines under the title: region and year, 初稿 notice, counts. */
  subtitles: string[];
  columns: TableColumn[];
  /** Header rows as text; a cell covered by a merge is ''. */
  header: string[][];
  /** One header line for CSV, where merged headers cannot be shown; else derived from `header`. */
  flatHeader?: string[];
  headerMerges: TableMerge[];
  body: TableCell[][];
  bodyMerges: TableMerge[];
  /** Rows below the table: 注 lines (resolved or overridden values, the progress method). */
  notes: string[];
  /** True while the year is not signed off or has open errors: the export is marked 初稿. */
  draft: boolean;
  /** Columns left of this stay in view when scrolling right (the indicator name). */
  frozenColumns: number;
}

/**
 * One header text per column: the header rows joined top to bottom ("2023年/完成值"), a merged
 * cell giving its text to every column it covers.
 */
export function flattenHeader(layout: Pick<TableLayout, 'header' | 'headerMerges'> & { flatHeader?: string[] }): string[] {
  if (layout.flatHeader) return layout.flatHeader;
  const shown = (r: number, c: number): string => {
    const m = layout.headerMerges.find((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right);
    return m ? (layout.header[m.top]?.[m.left] ?? '') : (layout.header[r]?.[c] ?? '');
  };
  const width = Math.max(0, ...layout.header.map((row) => row.length));
  return Array.from({ length: width }, (_, c) => {
    const parts: string[] = [];
    layout.header.forEach((_, r) => {
      const t = shown(r, c);
      if (t !== '' && parts[parts.length - 1] !== t) parts.push(t);
    });
    return parts.join('/');
  });
}

/** "No data" as the publication prints it. */
export const NO_DATA = '—';

export function numberCell(value: number | null | undefined, decimals: number): TableCell {
  return value === null || value === undefined || !Number.isFinite(value) ? { kind: 'none' } : { kind: 'number', value, decimals };
}

/** A figure the tool computed, such as 完成进度（%）: shown at `decimals` everywhere. */
export function computedCell(value: number | null | undefined, decimals: number): TableCell {
  const cell = numberCell(value, decimals);
  return cell.kind === 'number' ? { ...cell, computed: true } : cell;
}

export function textCell(value: string | null | undefined): TableCell {
  return value === null || value === undefined || value.trim() === '' ? { kind: 'none' } : { kind: 'text', value };
}

/** The text a cell shows, at its decimals: for CSV, messages and tests. */
export function shownText(cell: TableCell): string {
  switch (cell.kind) {
    case 'number':
      return cell.value.toFixed(Math.max(0, Math.min(20, cell.decimals)));
    case 'text':
      return cell.value;
    case 'none':
      return NO_DATA;
  }
}

/** Characters Excel refuses in a sheet name; the name is also cut to Excel's 31 characters. */
export function safeSheetName(name: string, taken: ReadonlySet<string> = new Set()): string {
  const base = name.replace(/[\\/?*[\]:]/g, '_').replace(/^'+|'+$/g, '').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  return candidate;
}

/**
 * Merges runs of equal, non-empty keys in one column (领域 and 类别 merged down, as the
 * publication prints them). `keys[i]` is the key of body row i; null breaks a run.
 */
export function mergeRuns(keys: readonly (string | null)[], left: number, right: number = left): TableMerge[] {
  const merges: TableMerge[] = [];
  let start = 0;
  for (let i = 1; i <= keys.length; i++) {
    if (i < keys.length && keys[i] !== null && keys[i] === keys[start]) continue;
    if (keys[start] !== null && (i - 1 > start || right > left)) merges.push({ top: start, left, bottom: i - 1, right });
    start = i;
  }
  return merges;
}

/** The year as Chinese tables print it in titles and headers. */
export function yearLabel(year: number): string {
  return `${year}年`;
}
