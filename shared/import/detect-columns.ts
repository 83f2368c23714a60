import type { ColumnRole } from './parsed-return';
import { normalizeText, type SheetView } from './detect-sheet-view';
import { headerTexts, type HeaderContext } from './header-rows';
import { readWordHeader } from './header-words';
import { isUnit, normalizeUnit, unitFromName } from './units';
import { isBareYearHeader, readNonAnnualHeader, readYearHeader, yearsInText } from './year-words';
import { coversWhole, readRegionName, type RegionReading } from './region-names';

const SUM_NOTE = '表中所列地区的合计，不是本工作簿地区的全部（所列地区不全或含未列入的地区）';
import { stripEnglishGloss } from './name-parts';

/** A column role before the file's year is known: 本年值 waits for it. */
export interface DraftColumn extends ColumnRole {
  fileYearOffset: number | null;
}

export interface ColumnContext extends HeaderContext {
  knownIndicatorNames?: readonly string[];
}

/**
 * Each column's role from its header. A header naming a region (a declared sub-region, the
 * workbook's own region as 全市/合计, or any other place) is that region's value column: a county
 * roll-up sheet (兰山区 | 罗庄区 …). A region written over two header rows ("空 港" / "经济区")
 * is read whole. Unlisted places count only where the row holds at least two regions, so that a
 * lone header ending in 区 is not taken for one; they are kept as written, so that an unknown
 * region is reported rather than lost.
 */
export function readColumns(view: SheetView, headerRows: readonly number[], firstDataRow: number, ctx: ColumnContext): DraftColumn[] {
  const headers = headerTexts(view, headerRows);
  // Three or more bare years across (2019年 | 2020年 | 2021年) are a time series: the plan's base
  // or target year among them is that year's figure, not a restated baseline or target.
  // 2020年 | 2025年 | 2023年 in a plan table is baseline, target and actual; four or more years, or
  // three in a row, are a series (国家数据 exports skip a year now and then).
  const bareYears = [...new Set(headers.filter((h) => isBareYearHeader(h.split('/').pop() ?? '')).map((h) => yearsInText(h).pop()!))];
  const inRow = bareYears.length === 3 && Math.max(...bareYears) - Math.min(...bareYears) === 2;
  if (bareYears.length >= 4 || inRow) ctx = { ...ctx, baseYear: null, targetYear: null };
  const regionOf = (header: string): HeaderRegion | null => {
    if (header === '' || readWordHeader(header) !== null) return null;
    const parts = header.split('/');
    // Split over two rows ("空 港" / "经济区"), the whole is the name; else one part names it.
    const whole = parts.length > 1 ? readRegionName(parts.join(''), ctx.regions) : null;
    if (whole) return { ...whole, rest: '' };
    for (const [i, part] of parts.entries()) {
      const found = readRegionName(part, ctx.regions);
      if (found) return { ...found, rest: parts.filter((_, j) => j !== i).join('/') };
    }
    return null;
  };
  const readings = headers.map(regionOf);
  const regionCount = readings.filter((r) => r !== null).length;
  // 合计 alone beside 男 | 女 is a sum of categories, not a region: one region needs a declared name.
  const regionsAcross = regionCount >= 2 || readings.some((r) => r?.kind === 'listed');
  const whole = coversWhole(readings, ctx.regions);
  const columns = headers.map((header, col) => {
    const reading = regionsAcross ? readings[col]! : null;
    if (reading?.kind === 'sum' && !whole) return { col, header, year: null, region: null, fileYearOffset: null, role: 'ignore' as const, note: SUM_NOTE };
    return classifyColumn(header, col, ctx, reading);
  });
  settleNameColumn(view, columns, firstDataRow, ctx);
  return columns;
}

interface HeaderRegion extends RegionReading {
  /** The header's other parts ("2023年" of "兰山区/2023年"). */
  rest: string;
}

function classifyColumn(header: string, col: number, ctx: ColumnContext, region: HeaderRegion | null): DraftColumn {
  const unit = unitInHeader(header);
  const base = { col, header, year: null, region: null, fileYearOffset: null, unit };
  if (header === '') return { ...base, role: 'ignore' };
  const parts = header.split('/');
  const word = readWordHeader(parts[parts.length - 1]!) ?? readWordHeader(header);
  if (word) return { ...base, role: word };
  const nonAnnual = readNonAnnualHeader(header);
  if (nonAnnual) return { ...base, role: 'ignore', note: nonAnnual.why };
  if (region) {
    const figure = readYearHeader(region.rest, ctx) ?? { role: 'value' as const, year: null, fileYearOffset: 0 };
    return { ...base, region: region.region, role: figure.role, year: figure.year, fileYearOffset: figure.fileYearOffset };
  }
  const figure = readYearHeader(header, ctx);
  if (figure) return { ...base, role: figure.role, year: figure.year, fileYearOffset: figure.fileYearOffset };
  return { ...base, role: 'ignore' };
}

/** A unit in a header's brackets or after it: "2023年（万人）", "地区生产总值(亿元)", "金额/万元". */
export function unitInHeader(header: string): string | null {
  for (const part of header.split('/').reverse()) {
    const fromName = unitFromName(stripEnglishGloss(part.normalize('NFKC')));
    if (fromName.unit) return fromName.unit;
    if (isUnit(part) && !isBareYear(part)) return normalizeUnit(part);
  }
  return null;
}

function isBareYear(text: string): boolean {
  return /^(?:19|20)\d{2}年?$/.test(normalizeText(text));
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
