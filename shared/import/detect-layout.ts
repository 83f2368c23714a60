import type { Grid } from './grid';
import { cellAddress } from './grid';
import type { ColumnRole, ParsedReturn, ParsedRow, ReturnMeta, SheetLayout } from './parsed-return';
import { viewSheet, type SheetView } from './detect-sheet-view';
import { findHeaderRows } from './header-rows';
import { readColumns, resolveColumnYears, type DraftColumn } from './detect-columns';
import { findDataEnd } from './detect-footnotes';
import { readRows, withUnheadedYearColumn, type RowNote } from './detect-rows';
import { classifyUntabledSheet, isCoverName, isHiddenSheet, sheetRegion } from './detect-sheets';
import { describeSheet } from './detect-describe';
import { collectMetaLine, emptyFacts, findLongestName, findRegion, startsWithMetaKey } from './return-meta';
import { statedYear, yearOfData, yearsOfData } from './year-words';
import { readRegionRows, type RegionRowsInput } from './detect-region-rows';
import { readYearRows } from './detect-year-rows';
import type { Remedy } from './remedies';
import { isTemplateKeySheet, readTemplateKey } from './template-key';

export interface DetectContext {
  fileName: string;
  /** The workbook's region first, then its sub-regions. */
  regions: string[];
  /** Every canonical bureau name and alias. */
  bureauNames: string[];
  /** `--year`: the year of a file that states none; never overrides a year the file states. */
  defaultYear: number | null;
  /** The schema's indicator names and aliases: finds the name column when no header says 指标. */
  knownIndicatorNames?: string[];
  /** The schema's base and target years: bare "2020年 | 2025年" headers are baseline/target. */
  baseYear?: number | null;
  targetYear?: number | null;
}

export interface DetectionProblem {
  sheet?: string;
  cell?: string;
  /** In Chinese, saying what was found; the caller adds what to do (remedies.ts). */
  message: string;
  remedy?: Remedy;
  /** A fact of the return the file states two ways: nothing is stored until the officer settles it. */
  unsettled?: 'region' | 'year';
}

export interface DetectionResult {
  /** Null when no sheet holds a table the detector can read. */
  parsed: ParsedReturn | null;
  problems: DetectionProblem[];
  /** 0…1: lower when the name column was guessed, the year defaulted, the bureau unknown. */
  confidence: number;
  /**
   * Where the return's year came from: the officer's correction, the file itself (title, cover,
   * file name, headers, rows), the default year of a file that states none; null when unknown.
   */
  yearFrom: YearSource | null;
}

export type YearSource = 'officer' | 'file' | 'default';

/**
 * Corrections applied during detection (layout-override.ts builds them from a stored override):
 * forced meta facts, and per sheet whether to read it, where its table sits and a fix-up of the
 * detected columns.
 */
export interface DetectAdjust {
  meta?: { bureau?: string | null; region?: string | null; year?: number | null };
  sheet?(view: SheetView): SheetAdjust | null;
}

export interface SheetAdjust {
  read?: boolean;
  headerRows?: number[];
  firstDataRow?: number;
  lastDataRow?: number;
  fixColumns?(columns: ColumnRole[], fileYear: number | null, notes: DetectionProblem[]): ColumnRole[];
}

/** Lays out a return: which sheets hold tables, where, what each column holds, and the rows. */
export function detectReturn(grid: Grid, context: DetectContext): DetectionResult {
  return detectReturnWith(grid, context, {});
}

export interface TableDraft {
  view: SheetView;
  headerRows: number[];
  nameByHeader: boolean;
  firstDataRow: number;
  lastDataRow: number;
  adjust: SheetAdjust | null;
}

const FIGURE_ROLES = new Set(['value', 'baseline', 'target', 'previous']);

/**
 * The first pass of detection: where each sheet's table sits, and what the file states around
 * its tables (title, 填报单位 and contact lines, cover, the year it names). It reads no column
 * and no row of figures, so that the bureau the file names, and with it a layout remembered for
 * that bureau, is known before the tables are read.
 */
export interface ReturnSurvey {
  readonly templateKey: ReturnType<typeof readTemplateKey>;
  readonly facts: ReturnType<typeof emptyFacts>;
  readonly titles: readonly string[];
  readonly coverTitles: readonly string[];
  readonly drafts: readonly TableDraft[];
  readonly skippedSheets: readonly { sheet: string; reason: string }[];
  readonly problems: readonly DetectionProblem[];
  /** The year the file states: title, a 年度 line, the cover, the file name, a lone sheet's name. */
  readonly stated: number | null;
  /** Where the title, a 年度 line, the cover and the file name state different years: each of them. */
  readonly statedApart: readonly { where: string; year: number }[];
}

/** Detection in full: the survey, then the tables read. */
export function detectReturnWith(grid: Grid, ctx: DetectContext, adjust: DetectAdjust): DetectionResult {
  return detectSurveyed(ctx, surveyReturn(grid, ctx, adjust), adjust.meta);
}

/** Pass 1 (see ReturnSurvey); `adjust` places tables and skips sheets as a correction says. */
export function surveyReturn(grid: Grid, ctx: DetectContext, adjust: DetectAdjust): ReturnSurvey {
  const problems: DetectionProblem[] = [];
  const skippedSheets: { sheet: string; reason: string }[] = [];
  const templateKey = readTemplateKey(grid);
  const facts = emptyFacts();
  const titles: string[] = [];
  const coverLines: string[] = [];
  const footLines: string[] = [];
  const drafts: TableDraft[] = [];

  for (const sheet of grid.sheets) {
    const view = viewSheet(sheet);
    if (isTemplateKeySheet(sheet)) {
      skippedSheets.push({ sheet: sheet.name, reason: '模板标识页，只读取模板信息' });
      continue;
    }
    const sheetAdjust = adjust.sheet?.(view) ?? null;
    if (sheetAdjust?.read === false) {
      skippedSheets.push({ sheet: sheet.name, reason: '按更正设置不读取此表' });
      continue;
    }
    if (isHiddenSheet(sheet) && sheetAdjust?.read !== true) {
      skippedSheets.push({ sheet: sheet.name, reason: '隐藏工作表，未读取（隐藏表多为下拉选项或旧表副本；如需读取，请在预览中勾选）' });
      continue;
    }
    const found = sheetAdjust?.headerRows
      ? { headerRows: sheetAdjust.headerRows, nameByHeader: true }
      : isCoverName(sheet.name) ? null : findHeaderRows(view, { ...ctx, regions: ctx.regions });
    if (!found) {
      const kind = classifyUntabledSheet(view);
      if (kind === 'cover') {
        for (let r = 0; r < sheet.rowCount; r++) coverLines.push(rowLine(view, r));
        skippedSheets.push({ sheet: sheet.name, reason: '封面或说明页：只读取填报单位、年份、联系人等信息' });
      } else if (kind === 'empty') {
        skippedSheets.push({ sheet: sheet.name, reason: '空表' });
      } else {
        skippedSheets.push({ sheet: sheet.name, reason: '未找到表头' });
        problems.push({ sheet: sheet.name, message: unreadableMessage(view), remedy: 'layout' });
      }
      continue;
    }
    const headerRows = found.headerRows;
    const firstDataRow = sheetAdjust?.firstDataRow ?? headerRows[headerRows.length - 1]! + 1;
    const end = findDataEnd(view, firstDataRow);
    for (let r = 0; r < headerRows[0]!; r++) {
      for (const c of view.rowCells(r)) {
        if (!startsWithMetaKey(c.text) && /[\u4e00-\u9fff]{4,}/.test(c.text)) titles.push(c.text);
      }
      collectMetaLine(facts, rowLine(view, r), ctx.bureauNames);
    }
    for (const r of end.footnoteRows) footLines.push(rowLine(view, r));
    drafts.push({ view, headerRows, nameByHeader: found.nameByHeader, firstDataRow, lastDataRow: sheetAdjust?.lastDataRow ?? end.lastDataRow, adjust: sheetAdjust });
  }
  for (const line of footLines) collectMetaLine(facts, line, ctx.bureauNames);
  for (const line of coverLines) collectMetaLine(facts, line, ctx.bureauNames);
  const coverTitles = coverLines.filter((l) => !startsWithMetaKey(l) && /[\u4e00-\u9fff]{4,}/.test(l));

  // The year the file states: title, a 年度 line, the cover, the file name, a lone sheet's name.
  const stated =
    templateKey?.year ??
    firstOf(titles.map(statedYear)) ??
    facts.year ??
    firstOf(coverTitles.map(statedYear)) ??
    statedYear(stripExtension(ctx.fileName)) ??
    (drafts.length === 1 ? statedYear(drafts[0]!.view.sheet.name) : null);
  const title = titles.find((t) => yearOfData(t) !== null);
  const cover = coverTitles.find((t) => yearOfData(t) !== null);
  const statedApart = templateKey ? [] : yearsStatedApart([
    { where: '标题', text: title ?? null },
    { where: '“年度”一行', text: facts.year === null ? null : String(facts.year) },
    { where: '封面', text: cover ?? null },
    { where: '文件名', text: stripExtension(ctx.fileName) },
  ]);
  return { templateKey, facts, titles, coverTitles, drafts, skippedSheets, problems, stated, statedApart };
}

/**
 * The bureau a surveyed file names, as detection names it (detectSurveyed) but for the sheet
 * names, which are those of every sheet with a table rather than only those whose columns read.
 */
export function surveyedBureau(survey: ReturnSurvey, ctx: DetectContext): string | null {
  return namedBureau(survey, survey.drafts.map((d) => d.view.sheet.name), ctx);
}

/** The 填报单位 line, the titles, the tables' sheet names, the file name: the first to name a known bureau. */
function namedBureau(survey: ReturnSurvey, sheetNames: readonly string[], ctx: DetectContext): string | null {
  return (
    survey.templateKey?.bureau ??
    survey.facts.bureau ??
    firstOf([...survey.titles, ...survey.coverTitles].map((t) => findLongestName(t, ctx.bureauNames))) ??
    firstOf(sheetNames.map((n) => findLongestName(n, ctx.bureauNames))) ??
    findLongestName(stripExtension(ctx.fileName), ctx.bureauNames)
  );
}

/**
 * The second pass: each table's columns (fixed as the survey's correction says) and rows, then
 * the year, bureau and region, `forced` holding those the officer gave.
 */
export function detectSurveyed(ctx: DetectContext, survey: ReturnSurvey, forced: DetectAdjust['meta'] = {}): DetectionResult {
  const problems = [...survey.problems];
  const skippedSheets = [...survey.skippedSheets];
  const { templateKey, titles, coverTitles, drafts, stated } = survey;
  const forcedYear = forced.year;

  // Pass 2: columns, now that a bare "2025年" header can be told from this year's figure.
  const layouts: SheetLayout[] = [];
  const rows: ParsedRow[] = [];
  const notes: RowNote[] = [];
  const drafted: { draft: TableDraft; columns: DraftColumn[] }[] = [];
  for (const draft of drafts) {
    const sheetYear = statedYear(draft.view.sheet.name);
    const columns = readColumns(draft.view, draft.headerRows, draft.firstDataRow, {
      ...ctx,
      fileYear: forcedYear ?? sheetYear ?? stated,
    });
    drafted.push({ draft, columns });
  }
  // Years the headers name, and those of sheets named after a year (one sheet per year).
  const headerYears = drafted.flatMap(({ draft, columns }) => {
    const sheetYear = statedYear(draft.view.sheet.name);
    const named = columns.filter((c) => c.role === 'value' && c.year !== null).map((c) => c.year!);
    return sheetYear !== null && columns.some((c) => c.role === 'value' && c.year === null) ? [...named, sheetYear] : named;
  });
  // Figures whose year is the file's (本年值, 完成值) when the file states two years: the officer says which.
  const fileYearFigures = drafted.some(({ draft, columns }) =>
    statedYear(draft.view.sheet.name) === null && columns.some((c) => FIGURE_ROLES.has(c.role) && c.year === null && c.fileYearOffset !== null));
  if (forcedYear === undefined && survey.statedApart.length > 0 && fileYearFigures) {
    const said = survey.statedApart.map((s) => `${s.where}为 ${s.year} 年`).join('，');
    problems.push({ message: `“${ctx.fileName}”写明的年度不一致（${said}），不能确定“本年值”“完成值”等列是哪一年的数`, remedy: 'years_apart', unsettled: 'year' });
  }
  let year = forcedYear !== undefined ? forcedYear : stated ?? (headerYears.length > 0 ? Math.max(...headerYears) : ctx.defaultYear);
  let yearFrom: YearSource | null = forcedYear !== undefined ? 'officer' : stated !== null || headerYears.length > 0 ? 'file' : year !== null ? 'default' : null;

  let confidence = 1;
  for (const { draft, columns } of drafted) {
    const sheetName = draft.view.sheet.name;
    const sheetYear = statedYear(sheetName);
    let resolved = resolveColumnYears(columns, sheetYear ?? year);
    if (draft.adjust?.fixColumns) resolved = draft.adjust.fixColumns(resolved, sheetYear ?? year, problems);
    else resolved = withUnheadedYearColumn(draft.view, resolved, draft.firstDataRow, draft.lastDataRow);
    const tableInput: RegionRowsInput = {
      view: draft.view,
      headerRows: draft.headerRows,
      firstDataRow: draft.firstDataRow,
      lastDataRow: draft.lastDataRow,
      columns: resolved,
      regions: ctx.regions,
      year: sheetYear ?? year,
      titles: [...titles, ...coverTitles],
      fileName: ctx.fileName,
      sheetRegion: sheetRegion(draft.view.sheet, ctx.regions),
    };
    const byRegion = readRegionRows(tableInput) ?? readYearRows(tableInput);
    if (byRegion) {
      layouts.push(byRegion.layout);
      rows.push(...byRegion.rows);
      notes.push(...byRegion.notes);
      if (byRegion.rows.length === 0) {
        problems.push({ sheet: sheetName, message: byRegion.notes[byRegion.notes.length - 1]?.message ?? `工作表“${sheetName}”按地区逐行列出，但没有可读取的数值列。` });
      }
      continue;
    }
    for (const column of resolved) {
      if (column.note) notes.push({ sheet: sheetName, cell: cellAddress(draft.headerRows[0]!, column.col), message: `“${column.header}”列为${column.note}，未作为当年值读取。` });
    }
    const hasName = resolved.some((c) => c.role === 'name');
    const hasFigures = resolved.some((c) => FIGURE_ROLES.has(c.role));
    if (!hasName || !hasFigures) {
      skippedSheets.push({ sheet: sheetName, reason: '表头中未找到指标名称列或数值列' });
      problems.push({ sheet: sheetName, cell: cellAddress(draft.headerRows[0]!, 0), message: missingColumnsMessage(draft, resolved, hasName), remedy: 'layout' });
      continue;
    }
    const region = sheetRegion(draft.view.sheet, ctx.regions);
    const layout: SheetLayout = {
      sheet: sheetName,
      headerRows: draft.headerRows,
      firstDataRow: draft.firstDataRow,
      lastDataRow: draft.lastDataRow,
      columns: resolved,
      region,
    };
    const read = readRows(draft.view, layout, region);
    layouts.push(layout);
    rows.push(...read.rows);
    notes.push(...read.notes);
    if (!draft.nameByHeader) confidence -= 0.3;
    const unknown = resolved.filter((c) => c.role === 'ignore' && c.header !== '').length;
    confidence -= Math.min(0.2, unknown * 0.05);
    if (read.rows.length === 0) {
      problems.push({ sheet: sheetName, message: `工作表“${sheetName}”找到表头（第 ${draft.headerRows.map((r) => r + 1).join('、')} 行），但其下没有指标行。` });
    }
  }

  if (layouts.length === 0) {
    if (problems.length === 0) {
      problems.push({ message: `“${ctx.fileName}”中没有可读取的表格：${skippedSheets.map((s) => `“${s.sheet}”${s.reason}`).join('；') || '文件不含工作表'}。` });
    }
    return { parsed: null, problems, confidence: 0, yearFrom: null };
  }

  const sheetNames = layouts.map((l) => l.sheet);
  const bureau = forced.bureau !== undefined ? forced.bureau : namedBureau(survey, sheetNames, ctx);
  const region =
    forced.region !== undefined
      ? forced.region
      : (templateKey?.region || null) ??
        firstOf(
          [bureau ?? '', ...titles, ...coverTitles, ...(layouts.length === 1 ? sheetNames : []), stripExtension(ctx.fileName)].map((t) =>
            findRegion(t, ctx.regions),
          ),
        ) ??
        ctx.regions[0] ??
        null;
  // A return whose own words name two regions is not filed under either until the officer says.
  if (forced.region === undefined && !templateKey && !layouts.some(readsRegionsItself)) {
    const apart = disagreeingRegions(bureau, [...titles, ...coverTitles, stripExtension(ctx.fileName)], ctx.regions);
    if (apart.length > 0) {
      problems.push({ message: `“${ctx.fileName}”中写明的地区不一致（${apart.map((r) => `“${r}”`).join('与')}），不能确定是哪个地区的报表`, remedy: 'region', unsettled: 'region' });
    }
  }
  // Years down the rows: every cell names its own year, and the return's is the latest of them.
  if (year === null && rows.length > 0 && rows.every((r) => r.cells.every((c) => c.year !== null))) {
    year = Math.max(...rows.flatMap((r) => r.cells.map((c) => c.year!)));
    yearFrom = 'file';
  }
  if (stated === null && forcedYear === undefined) confidence -= year === null ? 0.4 : 0.2;
  if (bureau === null) confidence -= 0.2;
  if (year === null) {
    problems.push({ message: `未能确定“${ctx.fileName}”的年份：标题、封面和文件名中都没有写明年份。`, remedy: 'year' });
  }
  if (bureau === null) {
    problems.push({ message: `未能确定“${ctx.fileName}”的填报单位：文件中没有“填报单位”行，标题和文件名中也没有已知单位名称。`, remedy: 'bureau' });
  }

  const meta: ReturnMeta = {
    bureau,
    region,
    year,
    title: titles[0] ?? coverTitles[0] ?? null,
    contactPerson: survey.facts.contactPerson,
    contactPhone: survey.facts.contactPhone,
    reviewer: survey.facts.reviewer,
    tableUnit: survey.facts.tableUnit,
  };
  const parsed: ParsedReturn = { fileName: ctx.fileName, meta, layouts, rows, templateKey, skippedSheets, notes };
  return { parsed, problems, confidence: Math.max(0, Math.min(1, Number(confidence.toFixed(2)))), yearFrom: year === null ? null : yearFrom };
}

/**
 * The places that state a year (title, 年度 line, cover, file name), each with the year it says,
 * when no one year is named in all of them: "2024年报送2023年数据" beside a title of 2023 agrees.
 */
function yearsStatedApart(places: { where: string; text: string | null }[]): { where: string; year: number }[] {
  const saying = places.flatMap((p) => {
    const year = p.text === null ? null : yearOfData(p.text);
    return year === null ? [] : [{ where: p.where, year, named: new Set(yearsOfData(p.text!)) }];
  });
  const common = saying.length === 0 ? [] : [...saying[0]!.named].filter((y) => saying.every((p) => p.named.has(y)));
  return common.length > 0 ? [] : saying.map(({ where, year }) => ({ where, year }));
}

/**
 * A table that names its figures' region itself (a sheet per 县区, a 地区 column, regions across):
 * its titles may name as many regions as it has, and the return's region files none of them.
 */
function readsRegionsItself(layout: SheetLayout): boolean {
  return (layout.region ?? null) !== null || layout.orientation === 'region-rows' || layout.columns.some((c) => (c.region ?? null) !== null);
}

/**
 * The regions a return's own words name where they disagree: the bureau (兰山区民政局) and a
 * title or the file name naming another 县区, or a city bureau's file titled for one of its
 * 县区. The workbook's region in a title is no disagreement: a 县区 fills in the city's template
 * under the city's title. Empty when they agree.
 */
function disagreeingRegions(bureau: string | null, texts: readonly string[], regions: readonly string[]): string[] {
  const own = regions[0];
  const byBureau = bureau ? findRegion(bureau, regions) : null;
  const named = [...new Set([byBureau, ...texts.map((t) => findRegion(t, regions))].filter((r): r is string => r !== null))];
  const subregions = named.filter((r) => r !== own);
  if (subregions.length >= 2) return subregions;
  if (byBureau !== null && byBureau === own && subregions.length > 0) return [byBureau, ...subregions];
  return [];
}

function rowLine(view: SheetView, row: number): string {
  return view.rowCells(row).map((c) => c.text).join(' ');
}

function firstOf<T>(values: (T | null)[]): T | null {
  for (const v of values) if (v !== null) return v;
  return null;
}

function stripExtension(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]+$/, '');
}

function unreadableMessage(view: SheetView): string {
  return `工作表“${view.sheet.name}”中未找到含“指标名称”“地区”或年份的表头行；${describeSheet(view)}`;
}

function missingColumnsMessage(draft: TableDraft, columns: ColumnRole[], hasName: boolean): string {
  const sheet = draft.view.sheet.name;
  const rowsText = draft.headerRows.map((r) => r + 1).join('、');
  const headers = columns.filter((c) => c.header !== '').map((c) => `“${c.header}”`).join(' ');
  const missing = hasName ? '年份或数值列（如“2023年”“本年值”“完成值”）' : '指标名称列';
  // Columns passed over for what they hold (季度数, 增长率, 多年累计) say so: the officer sees why.
  const passed = new Map<string, string[]>();
  for (const c of columns) if (c.role === 'ignore' && c.note && c.header !== '') passed.set(c.note, [...(passed.get(c.note) ?? []), `“${c.header}”`]);
  const why = passed.size > 0 ? `；其中${[...passed].map(([note, headers]) => `${headers.join('')}是${note}`).join('，')}，未读取` : '';
  return `工作表“${sheet}”第 ${rowsText} 行像是表头（${headers || '无文字'}），但未找到${missing}${why}`;
}
