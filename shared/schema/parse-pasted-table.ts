import type { Attribute, TargetOp } from '../domain/indicator';
import {
  type FigureCell,
  figureInUnit,
  isLoneComparator,
  isLoneSuffix,
  readAttributeCell,
  readFigureCell,
} from './figure-cell';
import { isFootnoteText } from '../import/detect-footnotes';
import { unitFromName } from '../import/units';
import { combineHeaderLines, readHeaderLine, type TableHeader } from './table-header';

/**
 * Reads an indicator table pasted as text out of a policy document: the document's own text
 * (`社会保障情况 基本养老保险参保率(%) 93.5 95`), the same with full-width punctuation, a
 * Word/WPS table copied as tab-separated cells, or a PDF table copied one cell per line.
 * Rows that cannot be read are listed in `problems`, never guessed.
 */

export interface PastedIndicatorRow {
  area: string;
  /** '' where the table has no category for the row (e.g. 社会保障情况 in the Linyi table). */
  category: string;
  /** Without the unit: 基本养老保险参保率. */
  name: string;
  unit: string;
  baselineValue: number | null;
  /** The baseline cell as printed (normalised to half-width): `93.5`, `--`. */
  baselineText: string;
  targetValue: number | null;
  targetOp: TargetOp | null;
  /** A qualitative target (持续提高, 全覆盖); null when the target is a figure or absent. */
  targetText: string | null;
  /** The target cell as printed (normalised to half-width): `≥1000`, `持续提高`. */
  targetRaw: string;
  /** The most decimals printed among the row's figures: 77.90 → 2. */
  decimals: number;
  /** From a 属性 column; '' when the table has none. */
  attribute: Attribute;
  /** 1-based line of the pasted text holding the indicator name. */
  line: number;
}

export interface PastedTableProblem {
  line: number;
  text: string;
  reason: string;
}

export interface PastedIndicatorTable {
  baseYear: number | null;
  targetYear: number | null;
  rows: PastedIndicatorRow[];
  problems: PastedTableProblem[];
  /** The last line above the header (the table's caption), or null. */
  title: string | null;
  /** 注: lines after the table, as printed. */
  footnotes: string[];
}

type CellKind = 'text' | 'empty' | 'figure' | 'qualitative' | 'attribute';

interface Cell {
  text: string;
  line: number;
  /** Column within a tab-separated line (after a 序号 cell is dropped); null for other lines. */
  col: number | null;
  kind: CellKind;
  figure?: FigureCell;
  attribute?: Attribute;
}

interface RawRow {
  /** Cells in front of the name: area and category, possibly empty merged cells. */
  leading: Cell[];
  positional: boolean;
  /** Present when the row yields an indicator; absent when only its grouping cells count. */
  content?: {
    name: string;
    unit: string;
    figures: FigureCell[];
    attribute: Attribute;
    line: number;
  };
}

const PAGE_ARTIFACT = /^([-—–]+\d+[-—–]+|第\d+页(共\d+页)?|\(?续表\)?|续上表)$/;

export function parsePastedIndicatorTable(
  text: string,
  options: { baseYear?: number; targetYear?: number } = {},
): PastedIndicatorTable {
  const lines = text.split(/\r\n|\r|\n/);
  const problems: PastedTableProblem[] = [];
  const footnotes: string[] = [];
  const rawLine = (line: number): string => (lines[line - 1] ?? '').trim();
  const report = (line: number, reason: string): void => {
    problems.push({ line, text: rawLine(line), reason });
  };

  // Header: the first run of header lines; everything above it is the caption.
  const normalized = lines.map((line) => line.normalize('NFKC'));
  const headerStart = normalized.findIndex((line) => readHeaderLine(line) !== null);
  let headerEnd = headerStart;
  const headerLines: { compact: string; years: number[] }[] = [];
  if (headerStart >= 0) {
    for (let i = headerStart; i < normalized.length; i += 1) {
      const line = normalized[i] as string;
      if (line.trim() === '') continue;
      const header = readHeaderLine(line);
      if (!header) break;
      headerLines.push(header);
      headerEnd = i;
    }
  }
  const header: TableHeader | null = headerLines.length > 0 ? combineHeaderLines(headerLines) : null;
  const title =
    headerStart > 0
      ? (normalized
          .slice(0, headerStart)
          .map((line) => line.trim())
          .filter((line) => line !== '')
          .at(-1) ?? null)
      : null;

  const { years, baseYear, targetYear } = resolveYears(header, options, headerStart + 1, report);
  const yearCount = years.length;

  // Cells of every data line, in reading order.
  const cells: Cell[] = [];
  let inFootnotes = false;
  for (let i = headerStart >= 0 ? headerEnd + 1 : 0; i < normalized.length; i += 1) {
    const lineNo = i + 1;
    const line = normalized[i] as string;
    if (line.trim() === '') continue;
    const compact = line.replace(/\s+/g, '');
    if (inFootnotes || isFootnoteText(compact)) {
      inFootnotes = true;
      footnotes.push(rawLine(lineNo));
      continue;
    }
    if (PAGE_ARTIFACT.test(compact)) continue;
    const repeated = readHeaderLine(line);
    if (repeated) {
      // A header repeated at a page break; it must not change the years.
      if (repeated.years.some((year) => !years.includes(year))) {
        report(lineNo, `这一行像表头，但其中的年份与表头（${years.join('年、')}年）不一致，请确认是否粘贴了两张表`);
      }
      continue;
    }
    cells.push(...(line.includes('\t') ? readTabLine(line, lineNo, header, yearCount) : readSpacedLine(line, lineNo)));
  }

  const rawRows = groupCells(mergeSplitTokens(cells), header, yearCount, report);
  const rows = assignGroups(rawRows, report).map(({ area, category, content }) =>
    toRow(area, category, content, years, baseYear, targetYear),
  );
  return { baseYear, targetYear, rows, problems: onePerLine(problems), title, footnotes };
}

/**
 * One entry per line, in the text's order: a line can fail two ways at once (a stray word
 * before its figures leaves the name without figures and the figures one short), and the
 * officer has one line to fix, counted and listed once, with every reason.
 */
function onePerLine(problems: readonly PastedTableProblem[]): PastedTableProblem[] {
  const byLine = new Map<number, PastedTableProblem>();
  for (const problem of [...problems].sort((a, b) => a.line - b.line)) {
    const seen = byLine.get(problem.line);
    if (!seen) byLine.set(problem.line, { ...problem });
    else if (!seen.reason.split('；').includes(problem.reason)) seen.reason = `${seen.reason}；${problem.reason}`;
  }
  return [...byLine.values()];
}

function resolveYears(
  header: TableHeader | null,
  options: { baseYear?: number; targetYear?: number },
  headerLine: number,
  report: (line: number, reason: string) => void,
): { years: number[]; baseYear: number | null; targetYear: number | null } {
  const headerYears = header?.years ?? [];
  if (headerYears.length === 0) {
    const baseYear = options.baseYear ?? null;
    const targetYear = options.targetYear ?? null;
    if (baseYear === null || targetYear === null) {
      report(Math.max(headerLine, 1), '没有找到写有年份的表头（如“指标 2020年 2025年”），基期年份和目标年份不明，请连同表头一起粘贴或指定年份');
    }
    return { years: [baseYear ?? 0, targetYear ?? 0], baseYear, targetYear };
  }
  const pick = (wanted: number | undefined, fallback: number, label: string): number => {
    if (wanted === undefined) return fallback;
    if (headerYears.includes(wanted)) return wanted;
    report(headerLine, `指定的${label}年份${wanted}年不在表头的年份（${headerYears.join('年、')}年）中，已按表头读取`);
    return fallback;
  };
  return {
    years: headerYears,
    baseYear: pick(options.baseYear, headerYears[0] as number, '基期'),
    targetYear: pick(options.targetYear, headerYears.at(-1) as number, '目标'),
  };
}

function classify(text: string, line: number, col: number | null): Cell {
  if (text === '') return { text, line, col, kind: 'empty' };
  const attribute = readAttributeCell(text);
  if (attribute) return { text, line, col, kind: 'attribute', attribute };
  const figure = readFigureCell(text);
  if (figure?.kind === 'qualitative') return { text, line, col, kind: 'qualitative', figure };
  if (figure) return { text, line, col, kind: 'figure', figure };
  return { text, line, col, kind: 'text' };
}

/**
 * A Word/WPS row: cells by tab. Empty cells in front of the name are merged area/category
 * cells; empty cells after it are blank figures.
 */
function readTabLine(line: string, lineNo: number, header: TableHeader | null, yearCount: number): Cell[] {
  let texts = line.split('\t').map((cell) => cell.trim());
  if (header?.hasSequenceColumn && /^\d+$/.test(texts[0] ?? '')) texts = texts.slice(1);
  const cells = texts.map((cell, col) => classify(cell, lineNo, col));
  const lastText = cells.map((cell) => cell.kind).lastIndexOf('text');
  const settled = cells.map((cell, index): Cell => {
    if (index < lastText && cell.kind === 'qualitative') return { ...cell, kind: 'text' };
    if (index > lastText && cell.kind === 'qualitative') return { ...cell, kind: 'figure' };
    if (index > lastText && cell.kind === 'empty') return { ...cell, kind: 'figure', figure: { kind: 'none', text: '' } };
    return cell;
  });
  // Word may end a row with a tab; drop trailing blanks beyond the year columns.
  const countFigures = (): number => settled.filter((cell, index) => index > lastText && cell.kind === 'figure').length;
  while (settled.length > 0 && settled.at(-1)?.text === '' && countFigures() > yearCount) settled.pop();
  return settled;
}

/** A line as the document prints it: cells separated by spaces. */
function readSpacedLine(line: string, lineNo: number): Cell[] {
  return line
    .trim()
    .split(/\s+/)
    .map((token) => classify(token, lineNo, null));
}

/**
 * Re-joins what spaces or line breaks split: a unit bracket after its name (`覆盖率 (%)`,
 * or `(%)` on the next line in a PDF copy), `≥ 60`, `60 以上`.
 */
function mergeSplitTokens(cells: Cell[]): Cell[] {
  const merged: Cell[] = [];
  for (let i = 0; i < cells.length; i += 1) {
    const cell = cells[i] as Cell;
    const previous = merged.at(-1);
    if (cell.col === null && previous && previous.col === null && previous.kind === 'text') {
      const open = (previous.text.match(/\(/g) ?? []).length > (previous.text.match(/\)/g) ?? []).length;
      if (open || cell.text.startsWith('(')) {
        merged[merged.length - 1] = { ...previous, text: previous.text + cell.text };
        continue;
      }
    }
    const next = cells[i + 1];
    if (cell.col === null && next && next.col === null && isLoneComparator(cell.text)) {
      const joined = classify(cell.text + next.text, next.line, null);
      if (joined.kind === 'figure') {
        merged.push(joined);
        i += 1;
        continue;
      }
    }
    if (cell.col === null && previous?.kind === 'figure' && previous.col === null && isLoneSuffix(cell.text)) {
      const joined = classify(previous.text + cell.text, previous.line, null);
      if (joined.kind === 'figure') {
        merged[merged.length - 1] = joined;
        continue;
      }
    }
    merged.push(cell);
  }
  return merged;
}

interface Pending {
  texts: Cell[];
  figures: Cell[];
  attribute: Attribute;
}

/**
 * Groups cells into rows: a row is text cells (area, category, name) followed by one figure
 * per year column. This works alike for a row per line and for one cell per line.
 */
function groupCells(
  cells: Cell[],
  header: TableHeader | null,
  yearCount: number,
  report: (line: number, reason: string) => void,
): RawRow[] {
  const rows: RawRow[] = [];
  let pending: Pending = { texts: [], figures: [], attribute: '' };
  let lastEmitted: RawRow | null = null;
  const hasName = (): boolean => pending.texts.some((cell) => cell.kind !== 'empty' && cell.text !== '');

  const flush = (): void => {
    if (pending.texts.length > 0 || pending.figures.length > 0) {
      const row = resolveRow(pending, header, yearCount, report);
      if (row) {
        rows.push(row);
        lastEmitted = row;
      }
    }
    pending = { texts: [], figures: [], attribute: '' };
  };

  // Figures with no name before them, by line: one line, one report naming them all.
  const orphans = new Map<number, string[]>();

  cells.forEach((cell, index) => {
    if (cell.kind === 'attribute') {
      if (header?.attributeBeforeFigures) {
        if (pending.figures.length > 0) flush();
        pending.attribute = cell.attribute ?? '';
      } else if (!hasName() && pending.figures.length === 0 && lastEmitted?.content && lastEmitted.content.attribute === '') {
        lastEmitted.content.attribute = cell.attribute ?? '';
      } else {
        pending.attribute = cell.attribute ?? '';
      }
      return;
    }
    const isSequence =
      header?.hasSequenceColumn === true &&
      cell.kind === 'figure' &&
      /^\d+$/.test(cell.text) &&
      (pending.figures.length === yearCount || (!hasName() && pending.figures.length === 0)) &&
      cells[index + 1]?.kind === 'text';
    if (isSequence) {
      flush();
      return;
    }
    const isFigure =
      cell.kind === 'figure' || (cell.kind === 'qualitative' && hasName() && pending.figures.length < yearCount);
    if (isFigure) {
      if (!hasName()) {
        orphans.set(cell.line, [...(orphans.get(cell.line) ?? []), cell.text]);
        return;
      }
      pending.figures.push(cell);
      return;
    }
    if (pending.figures.length > 0) flush();
    pending.texts.push(cell.kind === 'qualitative' ? { ...cell, kind: 'text' } : cell);
  });
  flush();
  for (const [line, figures] of orphans) {
    report(line, `数值${figures.map((text) => `“${text}”`).join('、')}前面没有指标名称，无法确定是哪个指标的数值`);
  }
  return rows;
}

function splitNameAndUnit(text: string): { name: string; unit: string } {
  const { name, unit } = unitFromName(text.replace(/\s+/g, ''));
  return { name, unit: unit ?? '' };
}

function hasUnitBracket(cell: Cell): boolean {
  return cell.kind === 'text' && splitNameAndUnit(cell.text).unit !== '';
}

function resolveRow(
  pending: Pending,
  header: TableHeader | null,
  yearCount: number,
  report: (line: number, reason: string) => void,
): RawRow | null {
  const texts = [...pending.texts];
  let figureCells = [...pending.figures];
  const named = texts.filter((cell) => cell.kind === 'text');
  const nameCell = (header?.hasUnitColumn && named.length >= 2 ? named.at(-2) : named.at(-1)) as Cell | undefined;
  if (!nameCell) return null;
  let unitFromColumn: string | null = null;
  if (header?.hasUnitColumn) {
    const first = figureCells[0];
    if (figureCells.length === yearCount + 1 && first?.text === '' && first.line === nameCell.line) {
      unitFromColumn = '';
      figureCells = figureCells.slice(1);
    } else if (named.length >= 2) {
      unitFromColumn = (named.at(-1) as Cell).text;
    }
  }
  const nameIndex = texts.indexOf(nameCell);
  let leading = texts.slice(0, nameIndex);

  // A name with a unit among the leading cells is an earlier row that lost its figures; on the
  // name's own line, the "name" after it is a figure mistyped as words (七十 for 70).
  const unitNamed = leading.filter(hasUnitBracket);
  const mistyped = hasUnitBracket(nameCell) ? undefined : unitNamed.find((cell) => cell.line === nameCell.line);
  for (const cell of unitNamed) {
    if (cell !== mistyped) report(cell.line, `指标“${cell.text}”后面没有${yearCount}个年份的数值，这一行没有读入，请检查是否缺少数值或被拆开`);
  }
  leading = leading.filter((cell) => !hasUnitBracket(cell));

  const positional =
    leading.every((cell) => cell.col !== null && cell.line === nameCell.line) && nameCell.col === leading.length;
  const row: RawRow = { leading, positional };
  if (mistyped) {
    report(nameCell.line, `指标“${mistyped.text}”后面的“${nameCell.text}”不是数值，这一行没有读入，请改为数字（无数据写“--”）`);
    return row;
  }

  const { name, unit } = splitNameAndUnit(nameCell.text);
  // A figure written with its own unit ("2.8万") is read in the indicator's unit.
  const converted = figureCells.map((cell) => ({ ...cell, figure: inUnit(cell.figure as FigureCell, unitFromColumn ?? unit) }));
  const figureProblem = describeFigureProblem(converted, yearCount);
  if (figureProblem) {
    report(nameCell.line, figureProblem);
    return row;
  }
  if (name === '') {
    report(nameCell.line, `“${nameCell.text}”只有单位没有指标名称`);
    return row;
  }
  row.content = {
    name,
    unit: unitFromColumn ?? unit,
    figures: converted.map((cell) => cell.figure),
    attribute: pending.attribute,
    line: nameCell.line,
  };
  return row;
}

function describeFigureProblem(figures: Cell[], yearCount: number): string | null {
  if (figures.length !== yearCount) {
    const printed = figures.map((cell) => `“${cell.text || '空'}”`).join('、') || '无';
    return `这一行有${figures.length}个数值（${printed}），表头有${yearCount}个年份栏，无法确定各数值属于哪一年，这一行没有读入`;
  }
  const invalid = figures.find((cell) => cell.figure?.kind === 'invalid');
  if (invalid?.figure?.kind === 'invalid') return invalid.figure.reason;
  return null;
}

interface GroupedRow {
  area: string;
  category: string;
  content: NonNullable<RawRow['content']>;
}

/**
 * Area (领域) and category (类别) are printed only on the first row of their group. Two
 * grouping cells are area and category; where only one is printed, the whole table decides:
 * a text also printed in the category position is a category, one that recurs under several
 * areas (养老, 托育) is a category, and a first row's single cell is an area.
 */
function assignGroups(rawRows: RawRow[], report: (line: number, reason: string) => void): GroupedRow[] {
  const nonEmpty = (row: RawRow): Cell[] => row.leading.filter((cell) => cell.text !== '');
  const depth = Math.max(
    0,
    ...rawRows.map((row) => (row.positional ? row.leading.length : Math.min(nonEmpty(row).length, 2))),
  );
  const knownAreas = new Set<string>();
  const knownCategories = new Set<string>();
  const singles = new Map<string, number>();
  for (const row of rawRows) {
    const cells = nonEmpty(row);
    if (row.positional && row.leading.length === depth && depth === 2) {
      if (row.leading[0]?.text) knownAreas.add(row.leading[0].text);
      if (row.leading[1]?.text) knownCategories.add(row.leading[1].text);
    } else if (cells.length === 2) {
      knownAreas.add((cells[0] as Cell).text);
      knownCategories.add((cells[1] as Cell).text);
    } else if (cells.length === 1) {
      const text = (cells[0] as Cell).text;
      singles.set(text, (singles.get(text) ?? 0) + 1);
    }
  }

  let area = '';
  let category = '';
  const grouped: GroupedRow[] = [];
  for (const row of rawRows) {
    const cells = nonEmpty(row);
    if (row.positional && row.leading.length === depth && depth > 0) {
      const [first, second] = row.leading;
      if (first?.text) {
        area = first.text;
        category = second?.text ?? '';
      } else if (second?.text) {
        category = second.text;
      }
    } else if (cells.length === 2) {
      area = (cells[0] as Cell).text;
      category = (cells[1] as Cell).text;
    } else if (cells.length === 1) {
      const text = (cells[0] as Cell).text;
      const isCategory =
        depth >= 2 &&
        (knownCategories.has(text) ||
          (!knownAreas.has(text) && ((singles.get(text) ?? 0) > 1 || (area !== '' && category !== ''))));
      if (isCategory) {
        category = text;
      } else {
        area = text;
        category = '';
      }
    } else if (cells.length > 2) {
      const line = (cells[0] as Cell).line;
      report(line, `指标名称前有${cells.length}段文字（${cells.map((cell) => cell.text).join('、')}），无法确定哪段是领域、哪段是类别，这一行没有读入`);
      continue;
    }
    if (row.content) grouped.push({ area, category, content: row.content });
  }
  return grouped;
}

/** A figure written with its own unit ("2.8万") in the indicator's unit. */
function inUnit(figure: FigureCell, unit: string): FigureCell {
  if (figure.kind !== 'number' || figure.unit === null) return figure;
  const converted = figureInUnit(figure.value, figure.decimals, figure.unit, unit);
  return 'reason' in converted ? { kind: 'invalid', text: figure.text, reason: converted.reason } : { ...figure, ...converted, unit: null };
}

function toRow(
  area: string,
  category: string,
  content: NonNullable<RawRow['content']>,
  years: number[],
  baseYear: number | null,
  targetYear: number | null,
): PastedIndicatorRow {
  const baseIndex = baseYear === null ? 0 : Math.max(0, years.indexOf(baseYear));
  const targetIndex = targetYear === null ? years.length - 1 : Math.max(0, years.indexOf(targetYear));
  const baseline = content.figures[baseIndex] as FigureCell;
  const target = content.figures[targetIndex] as FigureCell;
  const decimals = Math.max(0, ...content.figures.map((figure) => (figure.kind === 'number' ? figure.decimals : 0)));
  return {
    area,
    category,
    name: content.name,
    unit: content.unit,
    baselineValue: baseline.kind === 'number' ? baseline.value : null,
    baselineText: baseline.text,
    targetValue: target.kind === 'number' ? target.value : null,
    targetOp: target.kind === 'number' ? target.op : null,
    targetText: target.kind === 'qualitative' ? target.text : null,
    targetRaw: target.text,
    decimals,
    attribute: content.attribute,
    line: content.line,
  };
}
