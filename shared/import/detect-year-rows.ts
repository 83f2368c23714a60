/**
 * Tables that run years down their rows, one row a year: the yearbook's series table (年份 | 国内
 * 生产总值 | 第一产业 …) and 国家数据 exports turned over. Each cell is the figure of the column's
 * indicator for the row's year, in the sheet's region.
 */
import { cellAddress } from './grid';
import type { ColumnRole, SheetLayout } from './parsed-return';
import type { SheetView } from './detect-sheet-view';
import { normalizeText } from './detect-sheet-view';
import { isUnit, normalizeUnit } from './units';
import { notAYear, type RowNote } from './detect-rows';
import { readYearLabel } from './year-words';
import { readWordHeader } from './header-words';
import {
  REGION_SHARE,
  columnHasNumbers,
  columnRow,
  hasNumbers,
  indicatorName,
  rowUnits,
  unitsRow,
  type RegionRowsInput,
  type RegionRowsRead,
} from './detect-region-rows';

/**
 * A header cell that states the whole table's unit instead of heading a column ("单位：万人",
 * "单位万人", "（单位：亿元）"), with nothing below it.
 */
function statedUnitColumn(view: SheetView, columns: readonly ColumnRole[], rows: readonly { row: number }[]): string | null {
  for (const c of columns) {
    const text = normalizeText(c.header.split('/').pop() ?? '').replace(/^[(（]|[)）]$/g, '');
    if (!/^(?:计量)?单位[:：]?./.test(text) || !isUnit(text)) continue;
    if (rows.every(({ row }) => view.text(row, c.col) === '')) return normalizeUnit(text);
  }
  return null;
}

/** Column roles whose words say nothing of whose figures a row holds. */
const ASIDE_ROLES = new Set(['unit', 'note', 'seq', 'code', 'year']);

/**
 * Why the rows of a years-down table are not one region's years, or null when they are: a year
 * on two rows (a panel whose places were not read as regions: 长春 | 吉林 | 四平 under 地级市),
 * or another column labelling each row in words (one city's series filtered out of such a panel).
 * Read as the workbook's own series, each would file a place's figures under another.
 */
function rowsNotYearsAlone(
  view: SheetView,
  years: readonly { row: number; year: number }[],
  columns: readonly ColumnRole[],
  label: ColumnRole,
  figures: readonly ColumnRole[],
): { cell: string; why: string } | null {
  const seen = new Map<number, number>();
  for (const { row, year } of years) {
    const first = seen.get(year);
    if (first !== undefined) return { cell: cellAddress(row, label.col), why: `第 ${first + 1} 行和第 ${row + 1} 行同为 ${year} 年，各行不只是年份不同` };
    seen.set(year, row);
  }
  for (const c of columns) {
    if (c.col === label.col || ASIDE_ROLES.has(c.role) || figures.some((f) => f.col === c.col)) continue;
    const worded = years.filter(({ row }) => /[\u4e00-\u9fff]/.test(view.shownText(row, c.col)) && !isUnit(view.shownText(row, c.col)));
    if (worded.length > 0 && worded.length >= years.length / 2) {
      const example = view.shownText(worded[0]!.row, c.col);
      return { cell: cellAddress(worded[0]!.row, c.col), why: `按年份逐行列出，但“${c.header || `第 ${c.col + 1} 列`}”列逐行另有文字（“${example}”）` };
    }
  }
  return null;
}

/**
 * Years down the rows, indicators across: the yearbook's series table (年份 | 国内生产总值 | 第一
 * 产业 …, 2010 down) and 国家数据 exports turned over (指标 | 民用汽车拥有量(万辆) | … with 2023年,
 * 2022年 … below). Each column is an indicator, each row its year; the 年份 column is the label
 * when the header says so, else a name column whose entries are years.
 */
export function readYearRows(input: RegionRowsInput): RegionRowsRead | null {
  const { view, columns } = input;
  const candidates = [
    ...columns.filter((c) => c.role === 'year'),
    ...columns.filter((c) => c.role === 'name' || c.role === 'region'),
    ...columns.filter((c) => c.role === 'ignore').slice(0, 2),
  ];
  // Only a header that says 指标 makes a long table: a name column guessed from wordy entries may
  // be an indicator column over a units row.
  const named = columns.some((c) => c.role === 'name' && readWordHeader(c.header) === 'name');
  for (const label of candidates) {
    // Under a header that says 指标, the rows are indicators (指标 | 年份 | 数值 a long table, a
    // 目标年份 column of 2025s an aside): only the 指标 column itself may hold the years.
    if (named && label.role !== 'name') continue;
    let firstDataRow = input.firstDataRow;
    const units = unitsRow(view, firstDataRow, label.col);
    if (units) firstDataRow++;
    const years: { row: number; year: number }[] = [];
    const notes: RowNote[] = [];
    let labels = 0;
    for (let r = firstDataRow; r <= input.lastDataRow; r++) {
      const text = view.shownText(r, label.col);
      if (text === '') continue;
      labels++;
      const year = readYearLabel(text);
      if (year !== null) years.push({ row: r, year });
      else if (hasNumbers(view, r, label.col)) notes.push({ sheet: view.sheet.name, cell: cellAddress(r, label.col), message: notAYear(view, r, label) });
    }
    if (years.length < 2 || years.length < labels * REGION_SHARE) continue;
    const sheet = view.sheet.name;
    const tableUnit = statedUnitColumn(view, columns, years);
    const unitOfRow = rowUnits(view, columns);
    const indicatorColumns = columns
      .filter((c) => c.col !== label.col && c.header !== '' && c.role !== 'year' && c.role !== 'unit' && columnHasNumbers(view, c.col, years))
      .map((c) => ({ ...c, unit: c.unit ?? units?.get(c.col) ?? tableUnit }));
    if (indicatorColumns.length === 0) return null;
    // Places across and indicator names down beside the years (indicator blocks × years ×
    // provinces): read by rows, each block under its name.
    if (indicatorColumns.every((c) => c.region !== null) && columns.some((c) => c.role === 'name' && c.col !== label.col)) return null;
    const layoutColumns = columns.map((c) => {
      if (c.col === label.col) return { ...c, role: 'year' as const };
      const indicator = indicatorColumns.find((i) => i.col === c.col);
      return indicator ? { ...indicator, role: 'value' as const, year: null, indicator: indicatorName(c.header) } : c;
    });
    const layout: SheetLayout = {
      sheet,
      headerRows: units ? [...input.headerRows, input.firstDataRow] : input.headerRows,
      firstDataRow,
      lastDataRow: input.lastDataRow,
      columns: layoutColumns,
      region: input.sheetRegion,
      orientation: 'year-rows',
      indicator: null,
    };
    const unsettled = rowsNotYearsAlone(view, years, columns, label, indicatorColumns);
    if (unsettled) return { layout, rows: [], notes: [{ sheet, cell: unsettled.cell, message: `工作表“${sheet}”${unsettled.why}，不能确定这些数是哪个地区的，未读取。如果各行是不同地区，请在工作簿中列入这些地区（或在预览中指定“地区”列）后再导入。` }] };
    const rows = indicatorColumns.map((c) =>
      columnRow(input, c, years.map(({ row, year }) => ({ role: 'value' as const, year, region: input.sheetRegion, address: cellAddress(row, c.col), cell: view.cell(row, c.col), unit: c.unit ?? unitOfRow(row) }))),
    );
    return { layout, rows, notes };
  }
  return null;
}
