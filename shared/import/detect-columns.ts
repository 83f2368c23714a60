import type { ColumnRole } from './parsed-return';
import { normalizeText, type SheetView } from './detect-sheet-view';
import { headerTexts, type HeaderContext } from './header-rows';
import { readWordHeader } from './header-words';
import { isUnit } from './units';
import { readYearHeader } from './year-words';

/** A column role before the file's year is known: 本年值 waits for it. */
export interface DraftColumn extends ColumnRole {
  fileYearOffset: number | null;
}

export interface ColumnContext extends HeaderContext {
  knownIndicatorNames?: readonly string[];
}

const REGION_LIKE = /^[\u4e00-\u9fff]{1,8}(县|区|市|旗)$/;

/**
 * Each column's role from its header. A header equal to a known region is that region's value
 * column (a county roll-up sheet: 兰山区 | 罗庄区 …); an unlisted name ending in 县/区/市 next
 * to listed ones is a region too, kept as written, so that an unknown region is reported rather
 * than lost.
 */
export function readColumns(view: SheetView, headerRows: readonly number[], firstDataRow: number, ctx: ColumnContext): DraftColumn[] {
  const headers = headerTexts(view, headerRows);
  const listed = (t: string) => ctx.regions.find((r) => normalizeText(r) === normalizeText(t)) ?? null;
  const rowHasListedRegion = headers.some((h) => h.split('/').some((p) => listed(p) !== null));
  const columns = headers.map((header, col) => classifyColumn(header, col, ctx, listed, rowHasListedRegion));
  settleNameColumn(view, columns, firstDataRow, ctx);
  return columns;
}

function classifyColumn(
  header: string,
  col: number,
  ctx: ColumnContext,
  listed: (t: string) => string | null,
  rowHasListedRegion: boolean,
): DraftColumn {
  const base = { col, header, year: null, region: null, fileYearOffset: null };
  if (header === '') return { ...base, role: 'ignore' };
  const parts = header.split('/');
  const word = readWordHeader(parts[parts.length - 1]!) ?? readWordHeader(header);
  if (word) return { ...base, role: word };
  const regionPart = parts.find((p) => listed(p) !== null || (rowHasListedRegion && REGION_LIKE.test(normalizeText(p))));
  if (regionPart !== undefined) {
    const region = listed(regionPart) ?? normalizeText(regionPart);
    const rest = parts.filter((p) => p !== regionPart).join('/');
    const figure = readYearHeader(rest, ctx) ?? { role: 'value' as const, year: null, fileYearOffset: 0 };
    return { ...base, region, role: figure.role, year: figure.year, fileYearOffset: figure.fileYearOffset };
  }
  const figure = readYearHeader(header, ctx);
  if (figure) return { ...base, role: figure.role, year: figure.year, fileYearOffset: figure.fileYearOffset };
  return { ...base, role: 'ignore' };
}

/**
 * Exactly one name column. Two headers saying 项目/指标 (a merged category beside the names, or
 * one 指标名称 header merged over both): the one showing more distinct entries holds the names,
 * the other the category. Shown text counts, so a category merged down over five rows is one
 * entry and a name merged across both columns counts for the name column; on a tie the right-
 * most wins, since categories stand left of what they group. No such header: the column whose
 * entries are known indicator names, else the most wordy column.
 */
function settleNameColumn(view: SheetView, columns: DraftColumn[], firstDataRow: number, ctx: ColumnContext): void {
  const end = Math.min(view.sheet.rowCount, firstDataRow + 60);
  const sample = (col: number) => {
    const texts: string[] = [];
    for (let r = firstDataRow; r < end; r++) {
      const t = view.text(r, col);
      if (t !== '' && !view.isNumber(r, col) && /[\u4e00-\u9fff]/.test(t)) texts.push(t);
    }
    return texts;
  };
  const named = columns.filter((c) => c.role === 'name');
  if (named.length > 1) {
    const distinct = (c: DraftColumn) => {
      const shown = new Set<string>();
      for (let r = firstDataRow; r < end; r++) {
        const t = view.shownText(r, c.col);
        if (t !== '' && /[\u4e00-\u9fff]/.test(t)) shown.add(t);
      }
      return shown.size;
    };
    const keep = named.reduce((a, b) => (distinct(b) >= distinct(a) ? b : a));
    for (const c of named) if (c !== keep) c.role = 'category';
    return;
  }
  if (named.length === 1) {
    settleUnmergedNameSpan(view, columns, named[0]!, firstDataRow, end);
    return;
  }
  const known = new Set((ctx.knownIndicatorNames ?? []).map(normalizeText));
  let best: { column: DraftColumn; score: number } | null = null;
  for (const column of columns) {
    if (column.role !== 'ignore') continue;
    const texts = sample(column.col);
    const score = texts.length + 5 * texts.filter((t) => known.has(normalizeText(t))).length;
    if (score > 0 && (!best || score > best.score)) best = { column, score };
  }
  if (best) best.column.role = 'name';
}

/** Years for columns that speak relative to the file (本年值, 上年值, a region's column). */
export function resolveColumnYears(columns: readonly DraftColumn[], fileYear: number | null): ColumnRole[] {
  return columns.map(({ fileYearOffset, ...column }) => ({
    ...column,
    year: column.year ?? (fileYearOffset !== null && fileYear !== null ? fileYear + fileYearOffset : null),
  }));
}

/**
 * 指标名称 written once over two columns in a file saved without merges (CSV, or merges lost on
 * the way): the header's column holds categories, each on the first row of its group with the
 * group's names to its right and blanks below, and the unheaded column right of it holds the
 * names. Then the right column is the name column and the header's the category.
 */
function settleUnmergedNameSpan(view: SheetView, columns: DraftColumn[], named: DraftColumn, firstDataRow: number, end: number): void {
  const right = columns.find((c) => c.col === named.col + 1 && c.role === 'ignore' && c.header === '');
  if (!right) return;
  const wordy = (r: number, col: number) => {
    const t = view.text(r, col);
    return t !== '' && !view.isNumber(r, col) && /[\u4e00-\u9fff]/.test(t) && !isUnit(t);
  };
  let both = 0;
  let underGroup = 0;
  for (let r = firstDataRow; r < end; r++) {
    if (!wordy(r, right.col)) continue;
    if (wordy(r, named.col)) both++;
    else if (view.text(r, named.col) === '') underGroup++;
  }
  if (both > 0 && underGroup > 0) {
    named.role = 'category';
    right.role = 'name';
  }
}
