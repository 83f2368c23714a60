import { cellAddress } from './grid';
import type { ColumnRole, ParsedCell, ParsedRow, SheetLayout } from './parsed-return';
import type { SheetView } from './detect-sheet-view';
import { isSubtotalName, readSectionHeading, readWordHeader } from './header-words';
import { unitFromName } from './units';
import { readYearLabel, yearsInText } from './year-words';

export interface RowNote {
  sheet: string;
  cell: string;
  message: string;
}

const FIGURE_ROLES = new Set(['value', 'baseline', 'target', 'previous']);

/**
 * The data rows of one laid-out sheet. Blank rows are skipped and reading goes on (bureaus leave
 * gaps between sections); a 合计/小计 row is skipped with a note; a section heading
 * ("一、养老服务") with no figures names the category of the rows below. Category and area cells
 * carry down: a merged 类别 cell, or one written once with blanks below, applies to every row
 * until the next entry. `sheetRegion` is the region a sheet named after a region speaks of.
 */
export function readRows(view: SheetView, layout: SheetLayout, sheetRegion: string | null): { rows: ParsedRow[]; notes: RowNote[] } {
  const rows: ParsedRow[] = [];
  const notes: RowNote[] = [];
  const nameCol = layout.columns.find((c) => c.role === 'name')?.col;
  if (nameCol === undefined) return { rows, notes };
  const colOf = (role: string) => layout.columns.find((c) => c.role === role)?.col;
  const unitCol = colOf('unit');
  const codeCol = colOf('code');
  const areaCol = colOf('area');
  const categoryCol = colOf('category');
  // A long table (指标 | 年份 | 数值): each row's 完成值 and 上年值 are of the year the row names.
  const yearColumn = layout.columns.find((c) => c.role === 'year');
  // Columns under the same 指标名称 header as the names (settled as category): an indicator
  // without a category is written there, merged across into the name column or not.
  const nameHeaderCols = layout.columns
    .filter((c) => c.col !== nameCol && (c.role === 'category' || c.role === 'area') && readWordHeader(c.header) === 'name')
    .map((c) => c.col);
  const figures = layout.columns.filter((c) => FIGURE_ROLES.has(c.role));
  let area: string | null = null;
  let category: string | null = null;
  const carry = (row: number, col: number | undefined, previous: string | null): string | null => {
    if (col === undefined) return previous;
    const t = view.shownText(row, col);
    return t !== '' ? t : previous;
  };

  // A row's figures; under a 年份 column, 完成值 and 上年值 whose header names no year are of the row's year.
  const headerNamesYear = figures.map((c) => yearsInText(c.header).length > 0);
  const cellsOf = (r: number, rowYear: number | null): ParsedCell[] =>
    figures.map((c, i) => ({
      role: c.role as ParsedCell['role'],
      year: rowYear !== null && (c.role === 'value' || c.role === 'previous') && !headerNamesYear[i] ? rowYear - (c.role === 'previous' ? 1 : 0) : c.year,
      region: c.region ?? sheetRegion,
      address: cellAddress(r, c.col),
      cell: view.cell(r, c.col),
    }));

  for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) {
    if (layout.headerRows.includes(r) || view.isRowEmpty(r)) continue;
    const hasFigure = figures.some((c) => view.text(r, c.col) !== '');
    const spanned = nameSpannedFrom(view, r, nameCol, nameHeaderCols, hasFigure);
    if (spanned === null) {
      area = carry(r, areaCol, area);
      category = carry(r, categoryCol, category);
    }
    const ownName = spanned?.text ?? view.text(r, nameCol);
    const rowYear = yearColumn ? readYearLabel(view.shownText(r, yearColumn.col)) : null;
    // Under a 年份 column an indicator is often written once, on the first year of its block:
    // the rows right below it with a year and figures and no name of their own are its other years.
    const above = rows[rows.length - 1];
    if (ownName === '' && rowYear !== null && hasFigure && above?.row === r - 1) {
      rows.push({ ...above, row: r, cells: cellsOf(r, rowYear) });
      continue;
    }
    // A heading often sits in the first column, merged across the row, not in the name column.
    const first = view.rowCells(r)[0];
    const name = ownName !== '' ? ownName : (first?.text ?? '');
    const nameCell = cellAddress(r, spanned?.col ?? (ownName !== '' ? nameCol : (first?.col ?? nameCol)));
    if (name === '' || view.isNumber(r, nameCol) || /^[甲乙丙丁]$/.test(name)) continue;
    if (isSubtotalName(name)) {
      notes.push({ sheet: layout.sheet, cell: nameCell, message: `第 ${r + 1} 行为“${name}”行，汇总其他行，未作为指标读取。` });
      continue;
    }
    const heading = readSectionHeading(name);
    if (heading !== null && !hasFigure && (unitCol === undefined || view.text(r, unitCol) === '')) {
      if (categoryCol === undefined) category = heading;
      else if (areaCol === undefined) area = heading;
      notes.push({ sheet: layout.sheet, cell: nameCell, message: `第 ${r + 1} 行“${name}”为分类标题，其下各行归入“${heading}”。` });
      continue;
    }
    if (ownName === '') continue;
    if (yearColumn && rowYear === null) {
      if (hasFigure) notes.push({ sheet: layout.sheet, cell: cellAddress(r, yearColumn.col), message: notAYear(view, r, yearColumn) });
      continue;
    }
    const cells = cellsOf(r, rowYear);
    rows.push({
      sheet: layout.sheet,
      row: r,
      name,
      nameCell,
      // The name stays as written for the matcher; a bracketed unit ("托位数（个）") counts
      // where the unit column is missing or blank.
      unit: (unitCol !== undefined ? view.shownText(r, unitCol) || null : null) ?? unitFromName(name).unit,
      code: codeCol !== undefined ? view.text(r, codeCol) || null : null,
      area,
      category: spanned ? null : category,
      cells,
    });
  }
  return { rows, notes };
}

/** Why a row of a table with a 年份 column is not read: its year cell holds no year. */
export function notAYear(view: SheetView, row: number, yearColumn: ColumnRole): string {
  const text = view.shownText(row, yearColumn.col);
  const header = yearColumn.header || '年份';
  return text === '' ? `第 ${row + 1} 行“${header}”列为空，不知是哪一年的数，未读取。` : `第 ${row + 1} 行“${header}”列为“${text}”，不是年份，未读取。`;
}

/**
 * An unheaded column of years beside the names, each figure column heading a place or a kind of
 * figure but no year (indicator blocks down, a year a row, provinces across: 研发人员全时当量 on
 * the first row of its block, 2012, 2013 … below in the next column): that column is the rows'
 * 年份. Only an unheaded one, and only with two years or more: a 目标年份 column of 2025s says
 * which year a target is for, not which year a row's figures are.
 */
export function withUnheadedYearColumn(view: SheetView, columns: readonly ColumnRole[], firstDataRow: number, lastDataRow: number): ColumnRole[] {
  if (columns.some((c) => c.role === 'year') || !columns.some((c) => c.role === 'name')) return [...columns];
  const figures = columns.filter((c) => FIGURE_ROLES.has(c.role));
  if (figures.length === 0 || figures.some((c) => yearsInText(c.header).length > 0)) return [...columns];
  const found = columns.find((c) => {
    if (c.role !== 'ignore' || c.header !== '') return false;
    const years: number[] = [];
    let filled = 0;
    for (let r = firstDataRow; r <= lastDataRow; r++) {
      const text = view.shownText(r, c.col);
      if (text === '') continue;
      filled++;
      const year = readYearLabel(text);
      if (year !== null) years.push(year);
    }
    return years.length >= 2 && new Set(years).size >= 2 && years.length >= filled * 0.8;
  });
  return columns.map((c) => (c === found ? { ...c, role: 'year' as const } : c));
}

/**
 * The row's name when it stands left of the name column, in a column under the same 指标名称
 * header: merged across into the name column ("人均预期寿命（岁）" over B:C where other rows
 * have a category in B and the name in C), or, in files saved without merges, written there
 * with the name column blank and figures beside it. Null when the name column has its own.
 */
function nameSpannedFrom(
  view: SheetView,
  row: number,
  nameCol: number,
  nameHeaderCols: readonly number[],
  hasFigure: boolean,
): { text: string; col: number } | null {
  if (view.text(row, nameCol) !== '') return null;
  const merge = view.mergeAt(row, nameCol);
  if (merge && merge.left < nameCol && merge.top === merge.bottom) {
    const text = view.text(merge.top, merge.left);
    return text === '' ? null : { text, col: merge.left };
  }
  if (merge || !hasFigure) return null;
  for (const col of [...nameHeaderCols].sort((a, b) => b - a)) {
    const text = view.text(row, col);
    if (text !== '' && !view.mergeAt(row, col) && !view.isNumber(row, col)) return { text, col };
  }
  return null;
}
