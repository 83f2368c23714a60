/**
 * The header of a plan's indicator table (`指 标 2020年 2025年`, `序号 指标名称 单位 2020年 2025年 属性`),
 * possibly one cell per line when copied out of a PDF.
 */
export interface TableHeader {
  /** Year columns in the order printed. */
  years: number[];
  hasSequenceColumn: boolean;
  hasUnitColumn: boolean;
  /** Whether a 属性 column stands before the year columns (decides which row a stray 约束性 belongs to). */
  attributeBeforeFigures: boolean;
  hasAttributeColumn: boolean;
}

const YEAR_SUFFIX = '(?:基期值|目标值|规划目标值|规划目标|目标|基期|基数|预期值|完成值|值|末|底)?';
const YEAR_WITH_SUFFIX = new RegExp(`((?:19|20)\\d{2})年${YEAR_SUFFIX}`, 'g');
const BARE_YEAR = new RegExp(`((?:19|20)\\d{2})年?${YEAR_SUFFIX}`, 'g');
const HEADER_WORDS =
  /序号|指标名称|指标属性|计量单位|指标|领域|类别|分类|单位|属性|基期值|目标值|规划目标|年份|项目|名称|类型/g;
const HEADER_PUNCTUATION = /[()[\]【】/、,:]/g;

/** The header text of one line with spaces and widths normalised, or null when it is not a header line. */
export function readHeaderLine(normalizedLine: string): { compact: string; years: number[] } | null {
  const compact = normalizedLine.replace(/\s+/g, '');
  if (compact === '') return null;
  const hasWords = compact.replace(/\([^)]*\)/g, '').match(HEADER_WORDS) !== null;
  // `2020` alone may be a figure in a one-cell-per-line paste; only `2020年`, or a year beside 指标, is a header.
  const yearPattern = hasWords ? BARE_YEAR : YEAR_WITH_SUFFIX;
  const years = [...compact.matchAll(yearPattern)].map((match) => Number(match[1]));
  const rest = compact.replace(yearPattern, '').replace(HEADER_WORDS, '').replace(HEADER_PUNCTUATION, '');
  if (rest !== '') return null;
  if (!hasWords && years.length === 0) return null;
  return { compact, years };
}

/** Merges consecutive header lines into one header. */
export function combineHeaderLines(lines: readonly { compact: string; years: number[] }[]): TableHeader {
  const compact = lines.map((line) => line.compact).join('');
  const years: number[] = [];
  for (const line of lines) for (const year of line.years) if (!years.includes(year)) years.push(year);
  const outsideBrackets = compact.replace(/\([^)]*\)/g, '');
  const attributeAt = outsideBrackets.search(/属性/);
  const firstYearAt = outsideBrackets.search(/(?:19|20)\d{2}/);
  return {
    years,
    hasSequenceColumn: outsideBrackets.includes('序号'),
    hasUnitColumn: /单位/.test(outsideBrackets),
    hasAttributeColumn: attributeAt >= 0,
    attributeBeforeFigures: attributeAt >= 0 && firstYearAt >= 0 && attributeAt < firstYearAt,
  };
}
