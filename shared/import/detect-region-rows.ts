/**
 * Tables that run regions down their rows: the yearbook's district table (地区 | 地区生产总值 |
 * 常住人口 …, one year) and the 国家数据 分省年度数据 export (地区 | 2023年 | 2022年 …, one
 * indicator named in a 指标： line, the title or the sheet name). Each cell is then one region's
 * figure: the row gives the region, the column the year or the indicator.
 */
import { cellAddress } from './grid';
import type { ColumnRole, ParsedCell, ParsedRow, SheetLayout } from './parsed-return';
import type { SheetView } from './detect-sheet-view';
import { normalizeText } from './detect-sheet-view';
import { coversWhole, readRegionName, regionsOfBareName, type RegionReading } from './region-names';
import { isUnit, normalizeUnit, unitFromName } from './units';
import { stripEnglishGloss, withoutSpaces } from './name-parts';
import { readMetaPairs } from './return-meta';
import { notAYear, type RowNote } from './detect-rows';
import { isBareYearHeader, isFigureKindWord, readNonAnnualHeader, readYearHeader, readYearLabel, yearsInText } from './year-words';
import { readWordHeader } from './header-words';

/** At least this share of a column's labels must be regions for the rows to be regions. */
export const REGION_SHARE = 0.6;
const FIGURE_ROLES = new Set(['value', 'baseline', 'target', 'previous']);

export interface RegionRowsInput {
  view: SheetView;
  headerRows: number[];
  firstDataRow: number;
  lastDataRow: number;
  columns: ColumnRole[];
  regions: readonly string[];
  /** The year of the sheet or file, for indicators-across tables whose headers name none. */
  year: number | null;
  /** Title lines of the file, for the indicator of a years-across table. */
  titles: readonly string[];
  /** The file's name: scraped tables name their one indicator only there. */
  fileName: string;
  /** The region a sheet named after a region speaks of, for years-down tables. */
  sheetRegion: string | null;
}

export interface RegionRowsRead {
  layout: SheetLayout;
  rows: ParsedRow[];
  notes: RowNote[];
}

export interface RegionColumn {
  col: number;
  byRow: Map<number, RegionReading>;
  /** Two rows the column gives the same region and year: it does not tell the rows apart. */
  repeated: { first: number; again: number; region: string } | null;
}

/**
 * The column whose labels are regions, with the region of each row; null when the rows are not
 * regions. Where two columns name regions (省份 | 城市 in a city panel), the one that tells the
 * rows apart is the rows' region, and of those the finest: the province of each city row is
 * context, and a city's figure read under its province would be stored as the province's.
 */
export function findRegionColumn(
  view: SheetView,
  columns: readonly ColumnRole[],
  firstDataRow: number,
  lastDataRow: number,
  regions: readonly string[],
): RegionColumn | null {
  const ordered = [
    ...columns.filter((c) => c.role === 'region'),
    ...columns.filter((c) => c.role === 'name'),
    ...columns.filter((c) => c.role === 'ignore' || c.role === 'category').slice(0, 3),
  ];
  const yearColumn = columns.find((c) => c.role === 'year');
  const found: RegionColumn[] = [];
  for (const column of ordered) {
    const byRow = new Map<number, RegionReading>();
    let labels = 0;
    for (let r = firstDataRow; r <= lastDataRow; r++) {
      const text = view.text(r, column.col);
      if (text === '' || view.isNumber(r, column.col)) continue;
      labels++;
      const region = readRegionName(text, regions);
      if (region) byRow.set(r, region);
    }
    const enough = column.role === 'region' ? byRow.size >= 1 : byRow.size >= 2;
    if (enough && byRow.size >= labels * REGION_SHARE) found.push({ col: column.col, byRow, repeated: firstRepeat(view, byRow, yearColumn) });
  }
  if (found.length === 0) return null;
  const distinct = (c: RegionColumn) => new Set([...c.byRow.values()].map((r) => r.region)).size;
  const apart = found.filter((c) => c.repeated === null);
  const pool = apart.length > 0 ? apart : found;
  return pool.reduce((best, c) => (distinct(c) > distinct(best) ? c : best));
}

/** The first two rows that name the same region for the same year (the row's 年份, if any). */
function firstRepeat(view: SheetView, byRow: ReadonlyMap<number, RegionReading>, yearColumn: ColumnRole | undefined): RegionColumn['repeated'] {
  const seen = new Map<string, number>();
  for (const [row, reading] of byRow) {
    // A 合计 row beside 全市 restates it; whether it is read is settled later (coversWhole).
    if (reading.kind === 'sum') continue;
    const key = `${reading.region}\u0000${yearColumn ? readYearLabel(view.shownText(row, yearColumn.col)) : ''}`;
    const first = seen.get(key);
    if (first !== undefined) return { first, again: row, region: reading.region };
    seen.set(key, row);
  }
  return null;
}

/** Lays out a sheet whose rows are regions; null when they are not. */
export function readRegionRows(input: RegionRowsInput): RegionRowsRead | null {
  const { view, columns, regions } = input;
  const found = findRegionColumn(view, columns, input.firstDataRow, input.lastDataRow, regions);
  if (!found) return null;
  const sheet = view.sheet.name;
  // Panel data (省份 | 年份 | GDP …): each row names its own year, and that year is its figures'.
  const yearColumn = columns.find((c) => c.role === 'year') ?? null;
  if (found.repeated) {
    const { first, again, region } = found.repeated;
    const header = columns.find((c) => c.col === found.col)?.header || '地区';
    const message = `工作表“${sheet}”第 ${first + 1} 行和第 ${again + 1} 行的“${header}”同为“${region}”${yearColumn ? '且年份相同' : ''}，这一列不能区分各行（各行可能是其下一级地区），未读取。请在工作簿中列入这些下一级地区，或把表格整理为每个地区一行后再导入。`;
    return { layout: { sheet, headerRows: input.headerRows, firstDataRow: input.firstDataRow, lastDataRow: input.lastDataRow, columns: [...columns], region: null, orientation: 'region-rows' }, rows: [], notes: [{ sheet, cell: cellAddress(again, found.col), message }] };
  }
  let firstDataRow = input.firstDataRow;
  const units = unitsRow(view, firstDataRow, found.col);
  if (units) firstDataRow++;
  const notes: RowNote[] = [];
  const regionRows: { row: number; region: RegionReading; year: number | null }[] = [];
  const whole = coversWhole([...found.byRow.values()], regions);
  for (let r = firstDataRow; r <= input.lastDataRow; r++) {
    if (view.isRowEmpty(r)) continue;
    const region = found.byRow.get(r);
    const label = view.text(r, found.col);
    const year = yearColumn ? readYearLabel(view.shownText(r, yearColumn.col)) : null;
    if (region?.kind === 'sum' && !whole) {
      notes.push({ sheet, cell: cellAddress(r, found.col), message: `第 ${r + 1} 行“${label}”是表中所列地区的合计，所列地区不是本工作簿地区的全部，未读取。` });
    } else if (region && yearColumn && year === null) {
      notes.push({ sheet, cell: cellAddress(r, yearColumn.col), message: notAYear(view, r, yearColumn) });
    } else if (region) regionRows.push({ row: r, region, year });
    else if (label !== '' && hasNumbers(view, r, found.col)) {
      const either = regionsOfBareName(label, regions);
      const why = either.length > 1 ? `可能是${either.map((n) => `“${n}”`).join('，也可能是')}，不能确定` : '不是地区名称';
      notes.push({ sheet, cell: cellAddress(r, found.col), message: `第 ${r + 1} 行“${label}”${why}，未读取。` });
    }
  }

  // Rows between the header and the first region that hold words over the figures (绝对数 |
  // 增长(%) under each year) are more header: a growth rate under its year is not that year's figure.
  const subHeaderRows: number[] = [];
  for (let r = firstDataRow; r < (regionRows[0]?.row ?? firstDataRow); r++) {
    if (!view.isRowEmpty(r) && !hasNumbers(view, r, found.col) && view.rowCells(r).some((c) => c.col !== found.col)) subHeaderRows.push(r);
  }
  const underHeader = (c: ColumnRole): ColumnRole => {
    const words = subHeaderRows.map((r) => view.shownText(r, c.col)).filter((t) => t !== '' && t !== c.header);
    if (words.length === 0) return c;
    const header = [c.header, ...words].filter((t) => t !== '').join('/');
    const nonAnnual = words.map((w) => readNonAnnualHeader(w)).find((n) => n !== null);
    return nonAnnual ? { ...c, header, role: 'ignore', note: nonAnnual.why } : { ...c, header };
  };
  const labelled: ColumnRole[] = columns.map((c) => (c.col === found.col ? { ...c, role: 'region' } : withHeaderYear(underHeader({ ...c, unit: c.unit ?? units?.get(c.col) ?? null }))));
  // A year column says its year in the header; a remembered layout may carry a year on an indicator column too.
  const yearColumns = labelled.filter((c) => c.col !== found.col && FIGURE_ROLES.has(c.role) && c.year !== null && yearsInText(c.header).length > 0);
  const base: Omit<SheetLayout, 'columns'> = {
    sheet,
    headerRows: [...input.headerRows, ...subHeaderRows],
    firstDataRow: subHeaderRows.length > 0 ? subHeaderRows[subHeaderRows.length - 1]! + 1 : firstDataRow,
    lastDataRow: input.lastDataRow,
    region: null,
    orientation: 'region-rows',
  };
  const cellOf = (r: number, c: ColumnRole, year: number | null, region: string): ParsedCell => ({
    role: c.role as ParsedCell['role'],
    year,
    region,
    address: cellAddress(r, c.col),
    cell: view.cell(r, c.col),
    unit: c.unit ?? null,
  });

  /** A row for each region: the indicator as named, its figures in these year columns. */
  const rowsUnder = (named: ColumnLabel, group: readonly ColumnRole[]): ParsedRow[] =>
    regionRows.map(({ row, region }) => ({
      sheet,
      row,
      name: named.name,
      nameCell: named.cell,
      unit: named.unit,
      code: null,
      area: null,
      category: null,
      cells: group.map((c) => cellOf(row, c, c.year, region.region)),
    }));

  if (yearColumns.length > 0 && yearColumn) {
    notes.push({ sheet, cell: cellAddress(input.headerRows[0]!, yearColumn.col), message: `工作表“${sheet}”既有“${yearColumn.header}”列，表头又写有年份（“${yearColumns[0]!.header}”），无法确定各数所属年份，未读取。` });
    return { layout: { ...base, columns: labelled, indicator: null }, rows: [], notes };
  }
  if (yearColumns.length > 0) {
    const labels = yearColumnLabels(view, base.headerRows, yearColumns);
    if (labels) {
      // Indicators over years (研发经费 | 有效发明专利数 above 2012 | 2013): each column is read under
      // the indicator above it, never under the sheet's one name; a column with none is not read.
      const layout: SheetLayout = {
        ...base,
        columns: labelled.map((c) => (labels.has(c.col) ? { ...c, indicator: labels.get(c.col)?.name ?? null } : c)),
        indicator: null,
      };
      for (const c of yearColumns) {
        if (labels.get(c.col) === null) notes.push({ sheet, cell: cellAddress(input.headerRows[0]!, c.col), message: `“${c.header}”列上方没有写明指标，而相邻各列各有指标，未读取。` });
      }
      const groups = new Map<string, { label: ColumnLabel; columns: ColumnRole[] }>();
      for (const c of yearColumns) {
        const label = labels.get(c.col);
        if (!label) continue;
        const group = groups.get(label.name) ?? { label, columns: [] };
        group.columns.push(c);
        groups.set(label.name, group);
      }
      return { layout, rows: [...groups.values()].flatMap(({ label, columns: group }) => rowsUnder(label, group)), notes };
    }
    const indicator = indicatorOfSheet(view, input.headerRows[0]!, input.titles, input.fileName);
    const layout: SheetLayout = { ...base, columns: labelled, indicator };
    if (!indicator) {
      notes.push({ sheet, cell: cellAddress(input.headerRows[0]!, found.col), message: `工作表“${sheet}”按地区逐行列出各年数据，但没有写明是哪个指标（如“指标：地区生产总值(亿元)”），未读取。` });
      return { layout, rows: [], notes };
    }
    return { layout, rows: rowsUnder(indicator, yearColumns), notes };
  }

  // Indicators across: every other column with a header and figures below is one indicator.
  const indicatorColumns = labelled.filter(
    (c) => c.col !== found.col && (c.role === 'ignore' || c.role === 'name' || c.role === 'value') && c.header !== '' && !/季度|[一二三四]季|月/.test(c.header) && columnHasNumbers(view, c.col, regionRows),
  );
  const columnYear = (c: ColumnRole) => (yearColumn ? null : (c.year ?? input.year));
  const layoutColumns = labelled.map((c) => (indicatorColumns.includes(c) ? { ...c, role: 'value' as const, indicator: indicatorName(c.header), year: columnYear(c) } : c));
  const layout: SheetLayout = { ...base, columns: layoutColumns, indicator: null };
  const unitOfRow = rowUnits(view, columns);
  const rows = indicatorColumns.map((c) =>
    columnRow(input, c, regionRows.map(({ row, region, year }) => cellOf(row, { ...c, role: 'value', unit: c.unit ?? unitOfRow(row) }, year ?? columnYear(c), region.region))),
  );
  return { layout, rows, notes };
}

/**
 * A column under a two-row header of an indicator over its years ("地区生产总值(亿元)/2022年"):
 * that year's figure, whatever the file's year. Read as an indicator column instead, every year
 * would be filed under the file's.
 */
function withHeaderYear(column: ColumnRole): ColumnRole {
  if (column.year !== null || column.note || !column.header.includes('/')) return column;
  if (column.role !== 'value' && column.role !== 'ignore' && column.role !== 'name') return column;
  const parts = column.header.split('/');
  const years = parts.filter((p) => isBareYearHeader(p));
  // A growth rate, share or quarter over its year is no year's figure; a 备注 column none at all.
  if (years.length !== 1 || parts.some((p) => readNonAnnualHeader(p) !== null || readWordHeader(p) !== null)) return column;
  return { ...column, role: 'value', year: yearsInText(years[0]!)[0]! };
}

interface ColumnLabel {
  name: string;
  cell: string;
  unit: string | null;
}

/**
 * The indicator each year column names for itself: in its own header ("研发经费/2012"), every
 * column alike; or, when the columns name different ones, in the row right above the header,
 * where a label stands over two or more of the year columns (a title stands alone, or spans them
 * all as one merge). Null when neither: the sheet's one indicator then holds for all. A year
 * column with no label of its own maps to null.
 */
function yearColumnLabels(view: SheetView, headerRows: readonly number[], yearColumns: readonly ColumnRole[]): Map<number, ColumnLabel | null> | null {
  const labels = new Map<number, ColumnLabel | null>();
  for (const c of yearColumns) labels.set(c.col, headerLabel(c, headerRows, view));
  // One name over every year in the header itself ("地区生产总值(亿元)" merged over 2022年 | 2023年).
  if (yearColumns.every((c) => labels.get(c.col) !== null)) return labels;
  const above = labelRowAbove(view, headerRows[0]!, yearColumns);
  if (above) for (const c of yearColumns) if (labels.get(c.col) === null) labels.set(c.col, above.get(c.col) ?? null);
  const names = new Set([...labels.values()].filter((l): l is ColumnLabel => l !== null).map((l) => withoutSpaces(l.name)));
  return names.size >= 2 ? labels : null;
}

/**
 * Header text that names no indicator: a year, a unit, a kind of figure (2023年/绝对数, 完成值), a
 * column word (备注, 地区), or a "单位：亿元", "填报单位：…", "指标：…" line standing on its own.
 */
function namesNoIndicator(text: string): boolean {
  return text === '' || /[:：]/.test(text) || yearsInText(text).length > 0 || isUnit(text) || isFigureKindWord(text) || readYearHeader(text) !== null || readWordHeader(text) !== null;
}

/** A column's name as written (`named`), its unit else the column's; null when it holds no Chinese name. */
function columnLabel(text: string, cell: string, column: ColumnRole): ColumnLabel | null {
  const label = named(text, cell);
  return /[\u4e00-\u9fff]{2,}/.test(label.name) ? { ...label, unit: label.unit ?? column.unit ?? null } : null;
}

/** The words of a year column's header that name its indicator ("研发经费/2012" → 研发经费). */
function headerLabel(column: ColumnRole, headerRows: readonly number[], view: SheetView): ColumnLabel | null {
  const words = column.header.split('/').map((p) => stripEnglishGloss(p.normalize('NFKC')).trim()).filter((p) => !namesNoIndicator(p));
  if (words.length === 0) return null;
  const written = words.join('');
  // The cell the name stands in: the header row over this column that holds text and no year.
  const at = headerRows.find((r) => {
    const text = view.shownText(r, column.col);
    return text !== '' && yearsInText(text).length === 0;
  }) ?? headerRows[0]!;
  return columnLabel(titleIndicator(written) ?? written, cellAddress(at, column.col), column);
}

/**
 * The labels of the first row above the header that holds any text, when it holds labels over at
 * least two year columns and they are not one text spanning them all (a merged title).
 */
function labelRowAbove(view: SheetView, headerRow: number, yearColumns: readonly ColumnRole[]): Map<number, ColumnLabel> | null {
  let r = headerRow - 1;
  while (r >= 0 && view.isRowEmpty(r)) r--;
  if (r < 0) return null;
  const found = new Map<number, ColumnLabel>();
  const texts = new Set<string>();
  for (const c of yearColumns) {
    const text = stripEnglishGloss(view.shownText(r, c.col).normalize('NFKC')).trim();
    if (namesNoIndicator(text)) continue;
    const merge = view.mergeAt(r, c.col);
    const label = columnLabel(text, cellAddress(merge ? merge.top : r, merge ? merge.left : c.col), c);
    if (!label) continue;
    found.set(c.col, label);
    texts.add(withoutSpaces(label.name));
  }
  return found.size >= 2 && texts.size >= 2 ? found : null;
}

/** One indicator column read as a row: its header names the indicator, `cells` are its figures. */
export function columnRow(input: RegionRowsInput, column: ColumnRole, cells: ParsedCell[]): ParsedRow {
  return {
    sheet: input.view.sheet.name,
    row: input.headerRows[input.headerRows.length - 1]!,
    name: indicatorName(column.header),
    nameCell: cellAddress(headerOwnRow(input.view, input.headerRows, column.col), column.col),
    unit: column.unit ?? null,
    code: null,
    area: null,
    category: null,
    cells,
  };
}

/** The header row where a column's own text stands (the top row of a two-row header when merged down). */
function headerOwnRow(view: SheetView, headerRows: readonly number[], col: number): number {
  for (const r of headerRows) if (view.text(r, col) !== '') return r;
  return headerRows[0]!;
}

/** An indicator column's name: its header without units, glosses and the header-row joints. */
export function indicatorName(header: string): string {
  const parts = header
    .split('/')
    .map((p) => stripEnglishGloss(p.normalize('NFKC')).trim())
    .filter((p) => p !== '' && !isUnit(p) && !/^(?:单位|计量单位)/.test(p) && !isFigureKindWord(p));
  return parts.join('') || header;
}

/** A 单位 column beside the years or regions gives the unit of every figure in its row (年份 | 产量 | 单位). */
export function rowUnits(view: SheetView, columns: readonly ColumnRole[]): (row: number) => string | null {
  const unitColumn = columns.find((c) => c.role === 'unit');
  return (row) => {
    const text = unitColumn ? view.shownText(row, unitColumn.col) : '';
    return isUnit(text) ? normalizeUnit(text) : null;
  };
}

/** A row right under the header holding units for the columns ("亿元 | 万人 | 元"). */
export function unitsRow(view: SheetView, row: number, labelCol: number): Map<number, string> | null {
  const cells = view.rowCells(row).filter((c) => c.col !== labelCol);
  if (cells.length === 0) return null;
  const label = normalizeText(view.text(row, labelCol));
  // Its label cell is blank or says 单位, or, in 国泰安 (CSMAR) exports, 没有单位 for the year column.
  if (label !== '' && !/^(?:(?:计量)?单位[:：]?|(?:没有|无)单位)$/.test(label)) return null;
  const units = cells.filter((c) => isUnit(c.text) || /^[(（].+[)）]$/.test(c.text) && isUnit(c.text.slice(1, -1)));
  const saysNone = cells.filter((c) => /^(?:没有|无)单位$/.test(normalizeText(c.text)));
  if (units.length === 0 || units.length + saysNone.length < cells.length * 0.6) return null;
  return new Map(units.map((c) => [c.col, normalizeUnit(c.text)]));
}

export function hasNumbers(view: SheetView, row: number, labelCol: number): boolean {
  return view.rowCells(row).some((c) => c.col !== labelCol && view.isNumber(row, c.col));
}

export function columnHasNumbers(view: SheetView, col: number, rows: readonly { row: number }[]): boolean {
  let numbers = 0;
  let filled = 0;
  for (const { row } of rows) {
    const t = view.text(row, col);
    if (t === '') continue;
    filled++;
    if (view.isNumber(row, col) || /^[-+]?[\d,，.]+%?$/.test(normalizeText(t))) numbers++;
  }
  return numbers > 0 && numbers >= filled / 2;
}

/** Words that only say how a title's table is cut (by region, a year range, a table number). */
const TITLE_NOISE =
  /^(?:表\s*[\dA-Za-z一二三四五六七八九十]+(?:[-—–.．]\s*\d+)*\s*)|(?:按|分|各)(?:地区|省|省份|市|县|区县|县区|县市区|城市|地市|乡镇|街道)(?:分)?|(?:主要)?(?:城市|地区)?年度数据|一览表|统计表|情况表|汇总表|情况|主要指标/g;

/**
 * The one indicator of a years-across table: a 指标：line above the header, else the title line
 * above it, else the file's first title, else the sheet's name when it is more than "Sheet1".
 */
function indicatorOfSheet(view: SheetView, headerRow: number, titles: readonly string[], fileName: string): { name: string; cell: string; unit: string | null } | null {
  for (let r = 0; r < headerRow; r++) {
    for (const c of view.rowCells(r)) {
      const pair = readMetaPairs(c.text).find((p) => p.label === '指标');
      if (pair) return named(pair.value, cellAddress(r, c.col));
    }
  }
  for (let r = 0; r < headerRow; r++) {
    for (const c of view.rowCells(r)) {
      const fromTitle = titleIndicator(c.text);
      if (fromTitle) return named(fromTitle, cellAddress(r, c.col));
    }
  }
  for (const title of titles) {
    const fromTitle = titleIndicator(title);
    if (fromTitle) return named(fromTitle, '');
  }
  const sheetName = titleIndicator(view.sheet.name);
  if (sheetName && !/^sheet\d*$/i.test(view.sheet.name)) return named(sheetName, '');
  const fromFile = titleIndicator(fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '').replace(/^[^\u4e00-\u9fff]*/, ''));
  return fromFile ? named(fromFile, '') : null;
}

function named(text: string, cell: string): { name: string; cell: string; unit: string | null } {
  const plain = stripEnglishGloss(text.normalize('NFKC')).trim();
  const { name, unit } = unitFromName(plain);
  return { name, cell, unit };
}

/** "2013—2022年", "2023年度", "2023": the years a title covers. */
const YEAR_SPAN = /(?<!\d)(?:19|20)\d{2}\s*(?:年度?)?(?:\s*[-—–~～至到]\s*(?:19|20)\d{2}\s*(?:年度?)?)?/g;

/** A title's indicator: "2013—2022年各地区地区生产总值（亿元）" → 地区生产总值（亿元）; null when nothing is left. */
function titleIndicator(title: string): string | null {
  let t = title.normalize('NFKC').trim();
  if (/^(?:数据库|时间|地区|数据来源)[:：]/.test(t)) return null;
  t = t.replace(YEAR_SPAN, ' ');
  t = t.replace(TITLE_NOISE, '');
  t = withoutSpaces(t).replace(/^[、,，:：.．\-—]+/, '');
  // "近10年数据", "历年数据", "统计表": a sheet or file named for its span or kind, not its indicator.
  t = t.replace(/^(?:最?近\d+年|历年|各年|逐年)/, '').replace(/(?:数据|资料|统计|汇总)$/, '');
  // A program's default name ("新建 Microsoft Excel 工作表", "工作簿1", "副本") names nothing.
  if (/^新建|工作[表簿]\d*$|副本|^表格\d*$/.test(t)) return null;
  return /[\u4e00-\u9fff]{2,}/.test(t) && t.length <= 40 ? t : null;
}
