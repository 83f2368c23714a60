import type { CellValue, Grid, GridCell, GridSheet, MergeRange } from '../../shared/import/grid';
import type { DetectContext } from '../../shared/import/detect-layout';

/** A cell as written in a test: text, a number, or nothing. */
export type CellInput = string | number | null | undefined;

export interface SheetSpec {
  name?: string;
  rows: CellInput[][];
  /** Merged ranges in A1 notation: 'C1:D1'. */
  merges?: string[];
  /** Number formats by A1 address: { C3: '0.0%' }. */
  formats?: Record<string, string>;
  /** Addresses whose value is a formula's cached result. */
  formulas?: string[];
  state?: GridSheet['state'];
  hiddenRows?: number[];
  /** Hidden columns by letter: ['A']. */
  hiddenCols?: string[];
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function parseAddress(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/i.exec(address.trim());
  if (!m) throw new Error(`bad address ${address}`);
  return { row: Number(m[2]) - 1, col: colIndex(m[1]!) };
}

function parseRange(range: string): MergeRange {
  const [from, to] = range.split(':');
  const a = parseAddress(from!);
  const b = parseAddress(to ?? from!);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

function valueOf(input: CellInput): CellValue | null {
  if (input === null || input === undefined || input === '') return null;
  return typeof input === 'number' ? { kind: 'number', value: input } : { kind: 'text', value: input };
}

/** A sheet as a reader would produce it: sparse rows, covered merge cells left empty. */
export function buildSheet(spec: SheetSpec): GridSheet {
  const merges = (spec.merges ?? []).map(parseRange);
  const formats = new Map(Object.entries(spec.formats ?? {}).map(([a, f]) => [`${parseAddress(a).row}:${parseAddress(a).col}`, f]));
  const formulas = new Set((spec.formulas ?? []).map((a) => `${parseAddress(a).row}:${parseAddress(a).col}`));
  const rows: (GridCell | undefined)[][] = spec.rows.map((row, r) =>
    row.map((input, c) => {
      const value = valueOf(input);
      if (!value) return undefined;
      return { row: r, col: c, value, format: formats.get(`${r}:${c}`) ?? 'General', formula: formulas.has(`${r}:${c}`) };
    }),
  );
  for (const m of merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if ((r !== m.top || c !== m.left) && rows[r]?.[c]) throw new Error(`merged cell ${r}:${c} must be empty in the spec`);
      }
    }
  }
  return {
    name: spec.name ?? 'Sheet1',
    state: spec.state ?? 'visible',
    rowCount: spec.rows.length,
    colCount: Math.max(0, ...spec.rows.map((r) => r.length)),
    rows,
    merges,
    hiddenRows: spec.hiddenRows ?? [],
    hiddenCols: (spec.hiddenCols ?? []).map(colIndex),
  };
}

export function buildGrid(fileName: string, sheets: SheetSpec[], format = 'xlsx'): Grid {
  return { fileName, format, sheets: sheets.map(buildSheet) };
}

/** Detection context of a Linyi city workbook: its region, counties, and bureaus with aliases. */
export function linyiContext(over: Partial<DetectContext> = {}): DetectContext {
  return {
    fileName: '报表.xlsx',
    regions: ['临沂市', '兰山区', '罗庄区', '河东区', '沂南县', '郯城县'],
    bureauNames: ['市民政局', '临沂市民政局', '市卫生健康委', '市卫健委', '临沂市卫生健康委员会', '市发展改革委', '市发改委'],
    defaultYear: null,
    baseYear: 2020,
    targetYear: 2025,
    ...over,
  };
}
