import type { CellRole } from '../domain/return';
import { normalizeText } from './detect-sheet-view';

/**
 * Years and year words in headers, titles and file names. Years are data: nothing here knows
 * which year a plan starts or ends; the schema's base and target years arrive as arguments.
 */

const YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/g;
/** "2021-2025年", "2021年至2025年": a plan period, not the year a file reports. */
const RANGE = /(?<!\d)((?:19|20)\d{2})\s*年?\s*[-—–~～至到]\s*((?:19|20)\d{2})(?!\d)/g;
/** A full date ("2024年1月15日", "2024-01-15", "2024/1/15") says when, not which year's data; "2023年1-12月" is no date. */
const DATE = /(?<!\d)(?:19|20)\d{2}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}(?!\d|\s*月)\s*日?/g;

/** The years a text names, plan periods and full dates left out. */
export function yearsInText(text: string): number[] {
  const plain = text.normalize('NFKC').replace(RANGE, ' ').replace(DATE, ' ');
  return [...plain.matchAll(YEAR)].map((m) => Number(m[1]));
}

/**
 * The one year a title, cover line or file name says the data is for: "2023年度…" wins; else the
 * latest year not tied to a baseline or target ("…2023年完成情况（2020年为基期）" → 2023).
 */
export function statedYear(text: string): number | null {
  const plain = text.normalize('NFKC').replace(RANGE, ' ').replace(DATE, ' ');
  const annual = /(?<!\d)((?:19|20)\d{2})\s*年度/.exec(plain);
  if (annual) return Number(annual[1]);
  const years = [...plain.matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)(\s*年?\s*(?:为)?\s*(?:基期|目标|规划))?/g)]
    .filter((m) => !m[2])
    .map((m) => Number(m[1]));
  return years.length > 0 ? Math.max(...years) : null;
}

/** A title or file name with the months it names left out: "2024年1月报" says when the file was sent, not which year it reports. */
function withoutMonths(text: string): string {
  return text.normalize('NFKC').replace(/(?<!\d)(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月|[.\-/]\s*\d{1,2}(?![\d\-—–~～至到]))/g, ' ');
}

/** The year a title or file name says its data is for (statedYear), a month it names left out. */
export function yearOfData(text: string): number | null {
  return statedYear(withoutMonths(text));
}

/** Every year a title or file name names as its data's (yearsInText), a month it names left out. */
export function yearsOfData(text: string): number[] {
  return yearsInText(withoutMonths(text));
}

/** A year written as a row's label: 2023, "2023年", "2023年度", "2023年末", 2023.0 from a CSV. */
export function readYearLabel(text: string): number | null {
  const m = /^((?:19|20)\d{2})(?:\.0)?年?度?末?$/.exec(normalizeText(text));
  return m ? Number(m[1]) : null;
}

const CHINESE_DIGITS = '一二三四五六七八九';

/**
 * The plan period a title or file name names: "2021—2025年" → base 2020, target 2025; "十四五" →
 * the same. From the sixth plan (1981–1985) on, the N-th five-year plan ends in 1985 + 5·(N − 6).
 */
export function planPeriod(text: string): { base: number; target: number } | null {
  const range = [...text.normalize('NFKC').matchAll(RANGE)][0];
  if (range) return { base: Number(range[1]) - 1, target: Number(range[2]) };
  const plan = /十([一二三四五六七八九])五/.exec(text);
  if (!plan) return null;
  const target = 1985 + 5 * (10 + CHINESE_DIGITS.indexOf(plan[1]!) + 1 - 6);
  return { base: target - 5, target };
}

export type YearRole = CellRole;

export interface YearHeader {
  role: YearRole;
  /** The year the header names, or null when it names none. */
  year: number | null;
  /**
   * For headers that speak relative to the file (本年值 → 0, 上年值 → -1): the year is the
   * file's year plus this. Null when the header names its year or none applies.
   */
  fileYearOffset: number | null;
}

export interface YearContext {
  /** The schema's base and target years: a bare "2020年" header then means 基期值. */
  baseYear?: number | null;
  targetYear?: number | null;
  /** The year the file states (title, cover, file name); a bare target-year header in a
   *  file for that same year is the year's actual, not the target. */
  fileYear?: number | null;
}

const BASELINE_WORDS = /基期|基准|基数/;
const TARGET_WORDS = /目标|规划值|预期值|计划值/;
const PREVIOUS_WORDS = /上年|去年|上一年|前一年|上期/;
const VALUE_WORDS = /本年|今年|当年|本期|完成|实际|实绩|数值|现状|年度值|累计|实现|统计值|报告期|指标值|^值$|数据$/;
const BARE_YEAR = /^((?:19|20)\d{2})(?:\.0)?年?度?(?:末|底)?$/;
/** Words under or over a year that say what kind of figure it is, not which indicator (2023年/绝对数). */
const FIGURE_KIND_WORDS = /^(?:绝对[数值额量]|总[量额数]|数量|金额|规模|全年|全年数|年末|年末数|年底|年底数|期末|期末数)$/;

/** Why a column with a year in its header is not that year's figure. */
export interface NonAnnualHeader {
  kind: 'period' | 'derived' | 'span';
  /** In Chinese, for the note on the ignored column. */
  why: string;
}

/** 1—12月 is the whole year; any other month, quarter or half-year is a part of it. */
const WHOLE_YEAR_MONTHS = /(?<!\d)1\s*[-—–~～至到]\s*12\s*月(?:份)?/g;
const PERIOD_WORDS = /季度|[一二三四1-4１-４]季|上半年|下半年|半年|前三季|月|旬|周/;
const DERIVED_WORDS = /增长|增速|增幅|增减|增量|新增|净增|同比|环比|比上年|比去年|比重|占比|构成|排名|排序|位次|名次|指数|百分点|±|发展速度|年均|=100/;
/** 十四五以来, 2021年以来: counted from a start before the year. */
const SINCE_WORDS = /以来/;
/** 累计 over a plan period or many years (十四五期间累计, 历年累计), not within the year (本年累计). */
const OVER_YEARS = /期间|历年|十[一二三四五六七八九]五/;

/**
 * A figure over several years: a range of years (2021—2023年累计), a count since a start
 * (十四五以来), or 累计 over a plan period. Read as the last year's value it would file three
 * years' total under one year; only the officer knows whether the plan counts it that way.
 */
function isSpanOfYears(text: string): boolean {
  for (const m of text.matchAll(RANGE)) if (m[1] !== m[2]) return true;
  return SINCE_WORDS.test(text) || (/累计/.test(text) && OVER_YEARS.test(text));
}

/**
 * A header naming a part of the year (2020年第一季度, 1—6月, 上半年), a figure derived from the
 * year's (比上年增长%, 同比, 占比, 排名, 指数) or one over several years (2021—2023年累计, 十四五以来):
 * such a column is never stored as the year's value.
 */
export function readNonAnnualHeader(header: string): NonAnnualHeader | null {
  const text = normalizeText(header);
  if (DERIVED_WORDS.test(text)) return { kind: 'derived', why: '增量、增长率、比重、排名、指数等由当年值派生的数' };
  const rest = text.replace(WHOLE_YEAR_MONTHS, '');
  if (PERIOD_WORDS.test(rest)) return { kind: 'period', why: '季度、月度或半年数据，不是全年数' };
  // A target or baseline stated over the plan period (2021—2025年累计目标) is still that column.
  if (!TARGET_WORDS.test(rest) && !BASELINE_WORDS.test(rest) && isSpanOfYears(rest.normalize('NFKC'))) {
    return { kind: 'span', why: '多年合计或累计数，不是某一年的数' };
  }
  return null;
}

/** A header word that says what kind of figure a column holds (绝对数, 总量, 年末数), not which indicator. */
export function isFigureKindWord(text: string): boolean {
  return FIGURE_KIND_WORDS.test(normalizeText(text).replace(/\s+/g, ''));
}

/** A header that is a year and nothing else ("2020", "2020年", "2020年末"). */
export function isBareYearHeader(header: string): boolean {
  return BARE_YEAR.test(normalizeText(header));
}

/**
 * Reads a column header ("2023年完成值", "本年值", "2025年目标", "基期值(2020年)", or a bare
 * "2020年") as a figure column; null when it is no year or value word at all.
 */
export function readYearHeader(header: string, ctx: YearContext = {}): YearHeader | null {
  if (readNonAnnualHeader(header)) return null;
  // "2023年1—12月" is the whole year; without the months it reads as the year it names.
  const text = normalizeText(header).replace(WHOLE_YEAR_MONTHS, '');
  if (text === '') return null;
  const years = yearsInText(text);
  const year = years.length > 0 ? years[years.length - 1]! : null;
  if (BASELINE_WORDS.test(text)) return { role: 'baseline', year: year ?? ctx.baseYear ?? null, fileYearOffset: null };
  if (TARGET_WORDS.test(text)) return { role: 'target', year: year ?? ctx.targetYear ?? null, fileYearOffset: null };
  if (PREVIOUS_WORDS.test(text)) {
    return year !== null
      ? { role: 'previous', year, fileYearOffset: null }
      : { role: 'previous', year: null, fileYearOffset: -1 };
  }
  const bare = BARE_YEAR.exec(text);
  if (bare) {
    const y = Number(bare[1]);
    // "2020年 | 2025年 | 2023年" in a plan table: the schema's base and target years are the
    // restated baseline and target, unless the file itself reports that year.
    if (ctx.baseYear != null && y === ctx.baseYear && ctx.fileYear !== y) return { role: 'baseline', year: y, fileYearOffset: null };
    if (ctx.targetYear != null && y === ctx.targetYear && ctx.fileYear !== y) return { role: 'target', year: y, fileYearOffset: null };
    return { role: 'value', year: y, fileYearOffset: null };
  }
  if (VALUE_WORDS.test(text)) {
    return year !== null ? { role: 'value', year, fileYearOffset: null } : { role: 'value', year: null, fileYearOffset: 0 };
  }
  // "2023年1-12月", "2023年（万人）": a year with words we do not know is still that year's figure.
  if (year !== null && /^(?:19|20)\d{2}年/.test(text)) return { role: 'value', year, fileYearOffset: null };
  return null;
}
