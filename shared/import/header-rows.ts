import type { SheetView } from './detect-sheet-view';
import { normalizeText } from './detect-sheet-view';
import { readWordHeader } from './header-words';
import { startsWithMetaKey } from './return-meta';
import { readYearHeader, readYearLabel, type YearContext } from './year-words';
import { readRegionName } from './region-names';

/** How far down a header may sit: below it are title rows, 填报单位 lines and notes. */
export const HEADER_SEARCH_ROWS = 40;

export interface HeaderContext extends YearContext {
  regions: readonly string[];
}

/** Is this header text a figure column: a year word, a value word or a known region? */
export function isFigureHeader(text: string, ctx: HeaderContext): boolean {
  if (readYearHeader(text, ctx)) return true;
  return readRegionName(text, ctx.regions) !== null;
}

function isHeaderWord(text: string, ctx: HeaderContext): boolean {
  return readWordHeader(text) !== null || isFigureHeader(text, ctx);
}

/** Do most of the labelled rows below `row` (up to ten) name regions in their first column? */
function regionsBelow(view: SheetView, row: number, ctx: HeaderContext): boolean {
  let labels = 0;
  let regions = 0;
  for (let r = row + 1; r < view.sheet.rowCount && labels < 10; r++) {
    const first = view.rowCells(r)[0];
    if (!first || first.col > 1 || view.isNumber(r, first.col)) continue;
    if (!view.rowCells(r).some((c) => view.isNumber(r, c.col))) continue;
    labels++;
    if (readRegionName(first.text, ctx.regions) !== null) regions++;
  }
  return labels >= 3 && regions >= labels * 0.6;
}

/** How many of the ten rows below `row` (a unit row may come first) hold a year in `col`. */
function yearsBelow(view: SheetView, row: number, col: number): number {
  let years = 0;
  for (let r = row + 1; r < Math.min(view.sheet.rowCount, row + 11); r++) if (readYearLabel(view.text(r, col)) !== null) years++;
  return years;
}

/** 指标名称 or 地区: the header of the column that labels each row. */
function isRowLabelHeader(text: string): boolean {
  const word = readWordHeader(text);
  return word === 'name' || word === 'region';
}

/** A number cell in a header is a year (2023), anything else makes the row data. */
function hasDataNumber(view: SheetView, row: number): boolean {
  return view.rowCells(row).some(({ col, text }) => view.isNumber(row, col) && !/^(19|20)\d{2}$/.test(text));
}

export interface HeaderFound {
  headerRows: number[];
  /** False when no header cell says 指标名称 and the name column must be found from the data. */
  nameByHeader: boolean;
}

/**
 * The header row is the first row (below any title rows) holding a name header (指标名称, 指标,
 * 项目 …) and at least one other cell; failing that, the first row with two or more figure
 * headers (years, 本年值, regions) and no data numbers. A second header row follows when the
 * header has cells merged across columns or down two rows and the next row holds header words
 * only (完成值 | 目标值 under a merged 2023年), never a name.
 */
export function findHeaderRows(view: SheetView, ctx: HeaderContext): HeaderFound | null {
  const last = Math.min(view.sheet.rowCount, HEADER_SEARCH_ROWS);
  let found: { row: number; nameByHeader: boolean } | null = null;
  for (let r = 0; r < last && !found; r++) {
    const cells = view.rowCells(r);
    if (cells.length < 2 || hasDataNumber(view, r)) continue;
    if (cells.some((c) => startsWithMetaKey(c.text))) continue;
    if (cells.some((c) => isRowLabelHeader(c.text))) found = { row: r, nameByHeader: true };
  }
  // 年份 over years down its column (年份 | 国内生产总值 | 第一产业 …): a series table. A lone
  // "年份 | 2023" line is no header, since nothing below it is a year.
  for (let r = 0; r < last && !found; r++) {
    const cells = view.rowCells(r);
    if (cells.length < 2 || hasDataNumber(view, r)) continue;
    if (cells.some((c) => readWordHeader(c.text) === 'year' && yearsBelow(view, r, c.col) >= 2)) found = { row: r, nameByHeader: true };
  }
  for (let r = 0; r < last && !found; r++) {
    const cells = view.rowCells(r);
    if (cells.length < 2 || hasDataNumber(view, r)) continue;
    if (cells.filter((c) => isFigureHeader(c.text, ctx)).length >= 2) found = { row: r, nameByHeader: false };
  }
  // A yearbook table whose corner cell is blank: the row above a run of region names heads it.
  for (let r = 0; r < last && !found; r++) {
    const cells = view.rowCells(r);
    if (cells.length < 2 || hasDataNumber(view, r) || cells.some((c) => startsWithMetaKey(c.text))) continue;
    if (regionsBelow(view, r, ctx)) found = { row: r, nameByHeader: false };
  }
  if (!found) return null;
  const headerRows = [found.row];
  if (isSecondHeaderRow(view, found.row, ctx)) headerRows.push(found.row + 1);
  return { headerRows, nameByHeader: found.nameByHeader };
}

function isSecondHeaderRow(view: SheetView, row: number, ctx: HeaderContext): boolean {
  const next = row + 1;
  if (next >= view.sheet.rowCount || hasDataNumber(view, next)) return false;
  const cells = view.rowCells(next);
  if (cells.length === 0) return false;
  // The name column of the first row must be empty below, or merged down into this row.
  const nameCol = view.rowCells(row).find((c) => isRowLabelHeader(c.text))?.col;
  if (nameCol !== undefined && view.text(next, nameCol) !== '') {
    if (!isRowLabelHeader(view.text(next, nameCol))) return false;
  }
  const spans = view.sheet.merges.some((m) => m.top === row && (m.right > m.left || m.bottom > m.top));
  // A region written over both rows ("空 港" above "经济区") continues the header.
  const continued = (c: { col: number; text: string }) =>
    view.text(row, c.col) !== '' && readRegionName(view.text(row, c.col) + c.text, ctx.regions) !== null && readRegionName(c.text, ctx.regions) === null;
  const words = cells.filter((c) => isHeaderWord(c.text, ctx) || continued(c)).length;
  return spans ? words >= 1 : words >= 2 && words === cells.length;
}

/**
 * The header text of each column, joined over the header rows ("2023年/完成值"); a merged cell
 * gives its text to every column it covers, and a cell merged down both rows counts once.
 */
export function headerTexts(view: SheetView, headerRows: readonly number[]): string[] {
  const out: string[] = [];
  const carried = new Map<number, string>();
  for (let c = 0; c < view.sheet.colCount; c++) {
    const parts: string[] = [];
    headerRows.forEach((r, i) => {
      let t = view.shownText(r, c);
      // Files saved without merges (CSV, some WPS exports) write "2023年" once over its
      // 完成值 | 目标值 pair; the year then carries right while the row below goes on.
      const lower = headerRows[i + 1];
      if (t === '' && lower !== undefined && view.shownText(lower, c) !== '' && !view.mergeAt(r, c)) {
        t = carried.get(r) ?? '';
      } else if (lower !== undefined) {
        carried.set(r, /^(?:19|20)\d{2}/.test(normalizeText(t)) ? t : '');
      }
      if (t !== '' && parts[parts.length - 1] !== t) parts.push(t);
    });
    out.push(parts.join('/'));
  }
  return out;
}
