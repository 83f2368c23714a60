/**
 * A schema from an Excel indicator list, on the neutral Grid: the officer's own sheet with title
 * rows, 指标（单位） names and 2020年/2025年 headers, or a sheet this app exported (recognised by
 * its 说明 sheet and then read literally, so that export → import is the identity).
 */
import type { Bureau } from '../domain/bureau';
import { defaultAggregation, defaultDirection, defaultScope } from './indicator-defaults';
import type { Indicator } from '../domain/indicator';
import type { Rule, Schema } from '../domain/schema';
import type { Grid, GridCell, GridSheet } from '../import/grid';
import { cellAddress, cellAt, cellText } from '../import/grid';
import { isFootnoteText } from '../import/detect-footnotes';
import { readSectionHeading } from '../import/name-parts';
import { startsWithMetaKey } from '../import/return-meta';
import { normalizeUnit, unitFromName } from '../import/units';
import { planPeriod, readYearHeader } from '../import/year-words';
import { blankIndicator } from './indicator-defaults';
import {
  BUREAU_HEADERS,
  META_ROWS,
  RULE_COLUMNS,
  SCHEMA_COLUMNS,
  SHEET_NAMES,
  blankRule,
  normalizeHeader,
  splitNameList,
  type IndicatorDraft,
  type SchemaMetaKey,
  type RuleColumnKey,
  comparatorOfCell,
  type SchemaColumn,
  type SchemaColumnKey,
  type SheetCell,
} from './schema-sheet-columns';

export interface SchemaSheetProblem {
  /** error: the schema is refused; warning: read, but look at it; notice: what was assumed. */
  level: 'error' | 'warning' | 'notice';
  sheet: string;
  /** A1 address, when one cell is at fault. */
  cell?: string;
  message: string;
}

export interface SchemaFromGridOptions {
  fileName: string;
  /** Overrides the id found in the file (or the file name). */
  id?: string;
  /** Overrides the region found in the file (or its title). */
  region?: string;
}

export interface SchemaFromGridResult {
  /** Null when any problem is an error. */
  schema: Schema | null;
  problems: SchemaSheetProblem[];
}

/** “指标体系”表 E5：… — a problem as one line for messages. */
export function describeSheetProblem(problem: SchemaSheetProblem): string {
  const where = problem.cell ? `“${problem.sheet}”表 ${problem.cell}` : `“${problem.sheet}”表`;
  return `${where}：${problem.message}`;
}

/** How far down a title block may push the header row. */
const HEADER_SEARCH_ROWS = 30;

const HEADER_LOOKUP: ReadonlyMap<string, SchemaColumnKey> = headerLookup(SCHEMA_COLUMNS);


const AUXILIARY_MARK = /\s*[（(]辅助(?:指标)?[）)]\s*$/;
const ATTACHMENT_LINE = /^(?:附件|附表)\s*[\d一二三四五六七八九十]*\s*[:：]?$/;
const LOCAL_GOVERNMENT = /^各|人民政府$|政府$|管委会$|街道办事处$/;

interface Meta {
  values: Partial<Record<SchemaMetaKey, string>>;
  bureaus: Bureau[];
}

export function schemaFromGrid(grid: Grid, options: SchemaFromGridOptions): SchemaFromGridResult {
  const problems: SchemaSheetProblem[] = [];
  const readable = grid.sheets.filter((sheet) => sheet.state !== 'veryHidden');
  const metaSheet = readable.find(isMetaSheet);
  const meta = metaSheet ? readMeta(metaSheet, problems) : null;
  const ruleSheets = readable.filter((sheet) => sheet !== metaSheet && isRuleSheet(sheet));
  const candidates = readable.filter((sheet) => sheet !== metaSheet && !ruleSheets.includes(sheet));
  // A file this app wrote is read as written: no guessing of units, areas or defaults.
  const literal = meta !== null;

  const fileYears = yearsFromText(baseName(options.fileName));
  const metaYears = {
    base: meta?.values.baseYear ? Number(meta.values.baseYear) : null,
    target: meta?.values.targetYear ? Number(meta.values.targetYear) : null,
  };

  const indicators: Indicator[] = [];
  const indicatorCells: { sheet: string; row: number; codeCol: number | null }[] = [];
  const titles: string[] = [];
  let headerFound = false;
  for (const sheet of candidates) {
    const header = locateHeader(sheet);
    if (!header) continue;
    headerFound = true;
    titles.push(...header.titles);
    const titleYears = yearsFromText([...header.titles, sheet.name].join(' '));
    const years = {
      base: header.baselineYear ?? metaYears.base ?? titleYears.base ?? fileYears.base,
      target: header.targetYear ?? metaYears.target ?? titleYears.target ?? fileYears.target,
    };
    const rows = readIndicatorRows(sheet, header, years, literal, problems);
    if (rows.length === 0) {
      problems.push({ level: 'error', sheet: sheet.name, message: '表头下没有读到任何指标行，请检查“指标名称”列是否填写。' });
    }
    for (const row of rows) {
      indicators.push(row.indicator);
      indicatorCells.push({ sheet: sheet.name, row: row.row, codeCol: header.columns.get('code') ?? null });
    }
    noteUnknownHeaders(sheet, header, problems);
  }
  if (!headerFound) {
    const sheet = candidates[0] ?? grid.sheets[0];
    problems.push({
      level: 'error',
      sheet: sheet?.name ?? '',
      message:
        '没有找到指标表的表头。表头行应包含“指标名称”（或“指标”“名称”），以及“单位”“基期值”“目标值”等列中的至少一列；请补上表头后重新导入。',
    });
  }

  assignCodes(indicators, indicatorCells, problems);
  const rules = ruleSheets.flatMap((sheet) => readRules(sheet, problems));

  const errors = problems.some((problem) => problem.level === 'error');
  if (errors || indicators.length === 0) return { schema: null, problems };

  const title = titles[0] ?? null;
  const schema: Schema = {
    id: options.id ?? meta?.values.id ?? baseName(options.fileName),
    // A 说明 sheet is the whole truth: a blank 地区 there is a blank region, not a guess.
    name: meta ? (meta.values.name ?? '') : title ? cleanTitle(title) : baseName(options.fileName),
    region: options.region ?? (meta ? (meta.values.region ?? '') : ((title ? regionFromTitle(title) : null) ?? '')),
    baseYear: metaYears.base ?? mostCommon(indicators.map((indicator) => indicator.baselineYear)),
    targetYear: metaYears.target ?? mostCommon(indicators.map((indicator) => indicator.targetYear)),
    source: meta?.values.source ?? '',
    indicators,
    rules,
    bureaus: meta ? meta.bureaus : bureausNamedIn(indicators),
  };
  return { schema, problems };
}

// ---------------------------------------------------------------------------------------------
// Cells.

function toSheetCell(cell: GridCell | undefined): SheetCell | null {
  if (!cell) return null;
  const value = cell.value;
  switch (value.kind) {
    case 'empty':
      return null;
    case 'number':
      return { text: String(value.value), number: value.value, format: cell.format };
    case 'bool':
      return { text: value.value ? '是' : '否', number: null, format: cell.format };
    default: {
      const text = cellText(cell);
      return text === '' ? null : { text, number: null, format: cell.format };
    }
  }
}

/** Reads cells, taking a merged range's value from its top-left cell. */
class SheetReader {
  private readonly masters = new Map<string, { row: number; col: number }>();

  constructor(
    readonly sheet: GridSheet,
    followMerges: boolean,
  ) {
    if (!followMerges) return;
    for (const merge of sheet.merges) {
      for (let row = merge.top; row <= merge.bottom; row++) {
        for (let col = merge.left; col <= merge.right; col++) {
          if (row !== merge.top || col !== merge.left) this.masters.set(`${row},${col}`, { row: merge.top, col: merge.left });
        }
      }
    }
  }

  cell(row: number, col: number): SheetCell | null {
    const master = this.masters.get(`${row},${col}`);
    return toSheetCell(master ? cellAt(this.sheet, master.row, master.col) : cellAt(this.sheet, row, col));
  }

  text(row: number, col: number): string {
    return this.cell(row, col)?.text ?? '';
  }

  rowTexts(row: number): { col: number; text: string }[] {
    const texts: { col: number; text: string }[] = [];
    for (let col = 0; col < this.sheet.colCount; col++) {
      const text = this.text(row, col);
      if (text !== '') texts.push({ col, text });
    }
    return texts;
  }
}

// ---------------------------------------------------------------------------------------------
// Header.

function headerLookup<K extends string>(
  columns: readonly { key: K; header: string; synonyms: readonly string[] }[],
): Map<string, K> {
  const lookup = new Map<string, K>();
  for (const column of columns) {
    for (const text of [column.header, ...column.synonyms]) {
      const key = normalizeHeader(text);
      if (!lookup.has(key)) lookup.set(key, column.key);
    }
  }
  return lookup;
}

type HeaderClass =
  | { kind: 'column'; key: SchemaColumnKey; year: number | null }
  | { kind: 'year'; year: number };

/** 指标名称 → name; 2020年 → a bare year; 2025年目标 → target of 2025; 基期值（2020年） → baseline of 2020. */
function classifyHeader(text: string): HeaderClass | null {
  const header = normalizeHeader(text);
  if (header === '') return null;
  const yearMatch = /((?:19|20|21)\d{2})/.exec(header);
  const year = yearMatch ? Number(yearMatch[1]) : null;
  const withoutBrackets = header.replace(/[（(][^）)]*[）)]/g, '');
  const key = HEADER_LOOKUP.get(withoutBrackets) ?? HEADER_LOOKUP.get(header);
  if (key) return { kind: 'column', key, year: key === 'baselineValue' || key === 'target' ? year : null };
  if (year === null) return null;
  // The year words of returns' headers: 2020年基期 is the baseline, 2025年目标 the target, and a
  // year of any other figure (2020年, 2020年现状值) a bare year, placed by its order below.
  const read = readYearHeader(header);
  if (read?.year !== year) return null;
  if (read.role === 'baseline') return { kind: 'column', key: 'baselineValue', year };
  if (read.role === 'target') return { kind: 'column', key: 'target', year };
  return { kind: 'year', year };
}

interface Header {
  /** Rows holding the header (one, or two when years sit below a merged header). */
  rows: number[];
  columns: Map<SchemaColumnKey, number>;
  baselineYear: number | null;
  targetYear: number | null;
  /** Text above the header (the sheet's title). */
  titles: string[];
}

function locateHeader(sheet: GridSheet): Header | null {
  const reader = new SheetReader(sheet, false);
  const lastRow = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
  for (let row = 0; row < lastRow; row++) {
    const header = headerAt(sheet, reader, row);
    if (header) return header;
  }
  return null;
}

/**
 * A column under a header no word names whose cells are all comparators (≥, ≤, 不低于 …) is the
 * targets' comparator column, as the figures read in it would say.
 */
function findComparatorColumn(reader: SheetReader, firstRow: number, columns: Map<SchemaColumnKey, number>): void {
  if (columns.has('targetOp')) return;
  const used = new Set(columns.values());
  const seen = new Map<number, { ops: number; other: number }>();
  for (let row = firstRow; row < firstRow + 60; row++) {
    for (const { col, text } of reader.rowTexts(row)) {
      if (used.has(col)) continue;
      const tally = seen.get(col) ?? { ops: 0, other: 0 };
      const op = comparatorOfCell(text);
      if (op) tally.ops++;
      else if (op === undefined) tally.other++;
      seen.set(col, tally);
    }
  }
  for (const [col, { ops, other }] of seen) {
    if (ops >= 2 && other === 0) {
      columns.set('targetOp', col);
      return;
    }
  }
}

function headerAt(sheet: GridSheet, reader: SheetReader, row: number): Header | null {
  const columns = new Map<SchemaColumnKey, number>();
  const years = new Map<SchemaColumnKey, number>();
  const bareYears: { col: number; year: number }[] = [];
  const place = (col: number, found: HeaderClass | null) => {
    if (!found) return;
    if (found.kind === 'year') {
      bareYears.push({ col, year: found.year });
      return;
    }
    if (columns.has(found.key)) return;
    columns.set(found.key, col);
    if (found.year !== null) years.set(found.key, found.year);
  };
  for (const { col, text } of reader.rowTexts(row)) place(col, classifyHeader(text));
  if (!columns.has('name') || columns.size + bareYears.length < 2) return null;

  spreadMergedNameHeader(sheet, row, columns);

  // Two-row headers: 基期值 / 目标值 merged above 2020年 / 2025年, or years under a 年份 band.
  const rows = [row];
  const below = reader.rowTexts(row + 1);
  const belowClasses = below.map(({ col, text }) => ({ col, found: classifyHeader(text) }));
  if (below.length > 0 && belowClasses.every(({ found }) => found !== null)) {
    rows.push(row + 1);
    for (const { col, found } of belowClasses) {
      const above = [...columns].find(([, at]) => at === col)?.[0];
      if (found?.kind === 'year' && (above === 'baselineValue' || above === 'target')) years.set(above, found.year);
      else place(col, found);
    }
  }

  findComparatorColumn(reader, rows[rows.length - 1]! + 1, columns);

  // Bare years: the earliest is the baseline, the latest the target, unless named already.
  bareYears.sort((a, b) => a.year - b.year);
  if (!columns.has('baselineValue') && bareYears.length > 0) {
    const first = bareYears.shift()!;
    columns.set('baselineValue', first.col);
    years.set('baselineValue', first.year);
  }
  if (!columns.has('target') && bareYears.length > 0) {
    const last = bareYears.pop()!;
    columns.set('target', last.col);
    years.set('target', last.year);
  }

  const titles: string[] = [];
  for (let above = 0; above < row; above++) {
    const texts = reader.rowTexts(above).map(({ text }) => text);
    // 附件2 and 单位：万人 lines sit above the title; they are not its name.
    if (texts.length > 0 && !ATTACHMENT_LINE.test(texts[0]!) && !startsWithMetaKey(texts[0]!)) titles.push(texts.join(' '));
  }
  return {
    rows,
    columns,
    baselineYear: years.get('baselineValue') ?? null,
    targetYear: years.get('target') ?? null,
    titles,
  };
}

/**
 * The Linyi table heads 领域, 类别 and the name with one merged “指 标” cell: the last column of
 * the merge holds the name, the first the area, a middle one the category.
 */
function spreadMergedNameHeader(sheet: GridSheet, row: number, columns: Map<SchemaColumnKey, number>): void {
  const nameCol = columns.get('name')!;
  const merge = sheet.merges.find((m) => m.top === row && m.left === nameCol && m.right > m.left);
  if (!merge) return;
  columns.set('name', merge.right);
  if (!columns.has('area')) columns.set('area', merge.left);
  if (merge.right - merge.left >= 2 && !columns.has('category')) columns.set('category', merge.left + 1);
}

function noteUnknownHeaders(sheet: GridSheet, header: Header, problems: SchemaSheetProblem[]): void {
  const reader = new SheetReader(sheet, false);
  const used = new Set(header.columns.values());
  const unknown = header.rows
    .flatMap((row) => reader.rowTexts(row))
    .filter(({ col, text }) => !used.has(col) && classifyHeader(text) === null && !/^序号$/.test(normalizeHeader(text)))
    .map(({ text }) => `“${text}”`);
  if (unknown.length > 0) {
    problems.push({ level: 'notice', sheet: sheet.name, message: `以下列未能识别，已忽略：${[...new Set(unknown)].join('、')}。` });
  }
}

// ---------------------------------------------------------------------------------------------
// Indicator rows.

interface IndicatorRow {
  row: number;
  indicator: Indicator;
}

const FIRST_KEYS: SchemaColumnKey[] = ['name', 'unit'];
const COLUMN_BY_KEY = new Map(SCHEMA_COLUMNS.map((column) => [column.key, column]));

function readIndicatorRows(
  sheet: GridSheet,
  header: Header,
  years: { base: number | null; target: number | null },
  literal: boolean,
  problems: SchemaSheetProblem[],
): IndicatorRow[] {
  const reader = new SheetReader(sheet, !literal);
  const nameCol = header.columns.get('name')!;
  const headerName = normalizeHeader(reader.text(header.rows[0]!, nameCol));
  const rows: IndicatorRow[] = [];
  let section = '';
  let previous: Indicator | null = null;
  let missingYear = false;
  const valueCols = new Set(
    (['code', 'unit', 'baselineValue', 'target'] as const).flatMap((key) => header.columns.get(key) ?? []),
  );

  for (let row = header.rows[header.rows.length - 1]! + 1; row < sheet.rowCount; row++) {
    const texts = reader.rowTexts(row);
    if (texts.length === 0) continue;
    const first = texts[0]!.text;
    const name = reader.text(row, nameCol);
    if (isFootnoteText(first) || (name !== '' && isFootnoteText(name))) continue;
    if (name === '') {
      if (texts.some(({ col }) => valueCols.has(col))) {
        problems.push({
          level: 'warning',
          sheet: sheet.name,
          cell: cellAddress(row, nameCol),
          message: '这一行有数据但没有指标名称，已跳过；如是指标，请补上名称。',
        });
      }
      continue;
    }
    if (normalizeHeader(name) === headerName) continue;
    const heading = literal ? null : readSectionHeading(name);
    if (heading !== null && isOnlyName(reader, row, header, nameCol)) {
      section = heading;
      previous = null;
      continue;
    }

    const draft: IndicatorDraft = { indicator: blankIndicator(), given: new Set(), observedDecimals: 0 };
    const readColumn = (column: SchemaColumn) => {
      const col = header.columns.get(column.key);
      if (col === undefined) return;
      const cell = reader.cell(row, col);
      if (!cell) return;
      draft.given.add(column.key);
      const message = column.read(cell, draft);
      if (message) problems.push({ level: 'error', sheet: sheet.name, cell: cellAddress(row, col), message });
    };
    for (const key of FIRST_KEYS) readColumn(COLUMN_BY_KEY.get(key)!);
    if (!literal) splitNameDecorations(draft);
    for (const column of SCHEMA_COLUMNS) if (!FIRST_KEYS.includes(column.key)) readColumn(column);

    const indicator = draft.indicator;
    if (!literal) fillAssumptions(draft, header, section, previous);
    if (!draft.given.has('baselineYear')) indicator.baselineYear = years.base ?? 0;
    if (!draft.given.has('targetYear')) indicator.targetYear = years.target ?? 0;
    if (!draft.given.has('decimals')) indicator.decimals = draft.observedDecimals;
    if (indicator.baselineYear === 0 || indicator.targetYear === 0) missingYear = true;
    rows.push({ row, indicator });
    previous = indicator;
  }
  if (missingYear) {
    problems.push({
      level: 'error',
      sheet: sheet.name,
      message:
        '无法确定基期年或目标年：请增加“基期年”“目标年”两列，或把表头写成“2020年”“2025年目标”这样带年份的形式。',
    });
  }
  return rows;
}

function isOnlyName(reader: SheetReader, row: number, header: Header, nameCol: number): boolean {
  const dataCols = new Set([...header.columns.values()].filter((col) => col !== nameCol));
  return reader.rowTexts(row).every(({ col, text }) => !dataCols.has(col) || text === reader.text(row, nameCol));
}

/** 托位总数（万个） → name 托位总数, unit 万个; 常住人口（辅助） → an auxiliary indicator. */
function splitNameDecorations(draft: IndicatorDraft): void {
  const indicator = draft.indicator;
  if (AUXILIARY_MARK.test(indicator.name)) {
    indicator.name = indicator.name.replace(AUXILIARY_MARK, '');
    indicator.auxiliary = true;
    draft.given.add('auxiliary');
  }
  const { name, unit } = unitFromName(indicator.name);
  if (unit === null) return;
  if (indicator.unit === '') {
    indicator.unit = unit;
    indicator.name = name;
  } else if (normalizeUnit(indicator.unit) === unit) {
    indicator.name = name;
  }
}

/** What a plain sheet leaves unsaid, filled as a statistician would read it. */
function fillAssumptions(draft: IndicatorDraft, header: Header, section: string, previous: Indicator | null): void {
  const indicator = draft.indicator;
  const { given } = draft;
  // Rows below a merged or visually grouped area cell leave it blank.
  if (!given.has('area')) indicator.area = header.columns.has('area') ? (previous?.area ?? section) : section;
  if (!given.has('category') && header.columns.has('category') && previous && previous.area === indicator.area) {
    indicator.category = previous.category;
  }
  if (!given.has('direction')) indicator.direction = defaultDirection(indicator);
  if (!given.has('scope')) indicator.scope = defaultScope(indicator);
  if (!given.has('aggregation')) indicator.aggregation = defaultAggregation(indicator);
  if (!given.has('localGovernments')) moveLocalGovernments(indicator);
}

/** 各县区人民政府 and 管委会 are named beside bureaus but report nothing themselves. */
function moveLocalGovernments(indicator: Indicator): void {
  const responsibility = indicator.responsibility;
  for (const key of ['leadBureaus', 'coBureaus', 'jointBureaus'] as const) {
    const local = responsibility[key].filter((name) => LOCAL_GOVERNMENT.test(name));
    if (local.length === 0) continue;
    responsibility[key] = responsibility[key].filter((name) => !LOCAL_GOVERNMENT.test(name));
    responsibility.localGovernments.push(...local.filter((name) => !responsibility.localGovernments.includes(name)));
  }
}

/** Codes never change once used, so a missing one is made from the row's position and said. */
function assignCodes(
  indicators: Indicator[],
  cells: { sheet: string; row: number; codeCol: number | null }[],
  problems: SchemaSheetProblem[],
): void {
  const seen = new Map<string, number>();
  indicators.forEach((indicator, index) => {
    if (indicator.code === '') return;
    const earlier = seen.get(indicator.code);
    const at = cells[index]!;
    if (earlier !== undefined) {
      const first = cells[earlier]!;
      problems.push({
        level: 'error',
        sheet: at.sheet,
        cell: cellAddress(at.row, at.codeCol ?? 0),
        message: `指标编码“${indicator.code}”重复（“${first.sheet}”表第 ${first.row + 1} 行已使用），每个指标的编码必须唯一。`,
      });
    } else {
      seen.set(indicator.code, index);
    }
  });

  const generated = new Map<string, string[]>();
  indicators.forEach((indicator, index) => {
    if (indicator.code !== '') return;
    let code = `I${String(index + 1).padStart(3, '0')}`;
    for (let n = 2; seen.has(code); n++) code = `I${String(index + 1).padStart(3, '0')}_${n}`;
    seen.set(code, index);
    indicator.code = code;
    const at = cells[index]!;
    if (at.codeCol !== null) {
      problems.push({
        level: 'notice',
        sheet: at.sheet,
        cell: cellAddress(at.row, at.codeCol),
        message: `“${indicator.name}”未填指标编码，已按位置生成“${code}”。`,
      });
    } else {
      generated.set(at.sheet, [...(generated.get(at.sheet) ?? []), code]);
    }
  });
  for (const [sheet, codes] of generated) {
    problems.push({
      level: 'notice',
      sheet,
      message: `本表没有“指标编码”列，已按行序为 ${codes.length} 个指标生成编码（${codes[0]}—${codes[codes.length - 1]}）。编码生成后不再改变，报表模板和别名都以它为准。`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// 校验规则.

const RULE_LOOKUP: ReadonlyMap<string, RuleColumnKey> = headerLookup(RULE_COLUMNS);

function ruleHeaderAt(reader: SheetReader, row: number): Map<RuleColumnKey, number> | null {
  const columns = new Map<RuleColumnKey, number>();
  for (const { col, text } of reader.rowTexts(row)) {
    const key = RULE_LOOKUP.get(normalizeHeader(text));
    if (key && !columns.has(key)) columns.set(key, col);
  }
  return columns.has('left') && columns.has('right') && columns.has('op') ? columns : null;
}

function locateRuleHeader(sheet: GridSheet): { row: number; columns: Map<RuleColumnKey, number> } | null {
  const reader = new SheetReader(sheet, false);
  for (let row = 0; row < Math.min(sheet.rowCount, HEADER_SEARCH_ROWS); row++) {
    const columns = ruleHeaderAt(reader, row);
    if (columns) return { row, columns };
  }
  return null;
}

function isRuleSheet(sheet: GridSheet): boolean {
  return normalizeHeader(sheet.name).includes(SHEET_NAMES.rules) || locateRuleHeader(sheet) !== null;
}

function readRules(sheet: GridSheet, problems: SchemaSheetProblem[]): Rule[] {
  const header = locateRuleHeader(sheet);
  if (!header) {
    if (sheet.rowCount > 0) {
      problems.push({
        level: 'error',
        sheet: sheet.name,
        message: '校验规则表缺少表头：应有“左边”“关系”“右边”三列（可另有“规则编号”“名称”“容差”“说明”）。',
      });
    }
    return [];
  }
  const reader = new SheetReader(sheet, false);
  const rules: Rule[] = [];
  for (let row = header.row + 1; row < sheet.rowCount; row++) {
    if (reader.rowTexts(row).length === 0) continue;
    const rule = blankRule();
    const given = new Set<RuleColumnKey>();
    for (const column of RULE_COLUMNS) {
      const col = header.columns.get(column.key);
      const cell = col === undefined ? null : reader.cell(row, col);
      if (!cell || col === undefined) continue;
      given.add(column.key);
      const message = column.read(cell, rule);
      if (message) problems.push({ level: 'error', sheet: sheet.name, cell: cellAddress(row, col), message });
    }
    for (const key of ['left', 'op', 'right'] as const) {
      if (given.has(key)) continue;
      const col = header.columns.get(key)!;
      const label = RULE_COLUMNS.find((column) => column.key === key)!.header;
      problems.push({ level: 'error', sheet: sheet.name, cell: cellAddress(row, col), message: `校验规则缺少“${label}”。` });
    }
    if (rule.id === '') {
      rule.id = `R${String(rules.length + 1).padStart(2, '0')}`;
      problems.push({ level: 'notice', sheet: sheet.name, cell: cellAddress(row, header.columns.get('id') ?? 0), message: `校验规则未填编号，已生成“${rule.id}”。` });
    }
    rules.push(rule);
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------
// 说明 (metadata).

const META_LOOKUP = new Map<string, SchemaMetaKey>(
  META_ROWS.flatMap((row) => [row.label, ...row.synonyms].map((label) => [normalizeHeader(label), row.key] as const)),
);

function isMetaSheet(sheet: GridSheet): boolean {
  const reader = new SheetReader(sheet, false);
  const idLabel = normalizeHeader(META_ROWS[0]!.label);
  for (let row = 0; row < Math.min(sheet.rowCount, HEADER_SEARCH_ROWS); row++) {
    if (normalizeHeader(reader.text(row, 0)) === idLabel) return true;
  }
  return false;
}

function readMeta(sheet: GridSheet, problems: SchemaSheetProblem[]): Meta {
  const reader = new SheetReader(sheet, false);
  const values: Partial<Record<SchemaMetaKey, string>> = {};
  const bureaus: Bureau[] = [];
  let inBureaus = false;
  for (let row = 0; row < sheet.rowCount; row++) {
    const label = normalizeHeader(reader.text(row, 0));
    const value = reader.text(row, 1);
    if (inBureaus) {
      if (label === '') {
        inBureaus = false;
        continue;
      }
      bureaus.push({ name: reader.text(row, 0), aliases: splitNameList(value) });
      continue;
    }
    if (label === normalizeHeader(BUREAU_HEADERS.name)) {
      inBureaus = true;
      continue;
    }
    const key = META_LOOKUP.get(label);
    if (!key || values[key] !== undefined) continue;
    if ((key === 'baseYear' || key === 'targetYear') && value !== '' && !/^\d{4}$/.test(value)) {
      problems.push({ level: 'error', sheet: sheet.name, cell: cellAddress(row, 1), message: `“${reader.text(row, 0)}”应为四位年份，这里是“${value}”。` });
      continue;
    }
    if (value !== '') values[key] = value;
  }
  return { values, bureaus };
}

// ---------------------------------------------------------------------------------------------
// Schema-level facts from titles and file names.

function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  return name.replace(/\.[^.]+$/, '');
}

/** The years a title or file name implies: its plan period, or none. */
function yearsFromText(text: string): { base: number | null; target: number | null } {
  return planPeriod(text) ?? { base: null, target: null };
}

function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}

function regionFromTitle(title: string): string | null {
  const match = /^([\u4e00-\u9fff]{2,10}?(?:自治区|自治州|省|市|州|县|区|旗|盟))/.exec(title.trim());
  return match ? match[1]! : null;
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) [best, bestCount] = [value, count];
  }
  return best;
}

/** Without a 说明 sheet, the bureaus are those the sheet names, in order of first mention. */
function bureausNamedIn(indicators: Indicator[]): Bureau[] {
  const names: string[] = [];
  for (const indicator of indicators) {
    const { leadBureaus, coBureaus, jointBureaus } = indicator.responsibility;
    for (const name of [...leadBureaus, ...coBureaus, ...jointBureaus, ...(indicator.reporter ? [indicator.reporter] : [])]) {
      if (!names.includes(name)) names.push(name);
    }
  }
  return names.map((name) => ({ name, aliases: [] }));
}
