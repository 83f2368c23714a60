import type { Indicator, Responsibility } from '../domain';
import { formatNumber } from '../format/figures';

/**
 * How figures, dates and bureaus read in the sentences of a report, as these offices write them:
 * 1012处, 95%, 2.7个百分点, 2026年1月15日, 市民政局、市卫生健康委按职责分工负责.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 25 → 二十五: ordinals of headings and years of a plan. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 100) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** 2026年1月15日, in local time. */
export function chineseDate(date: Date): string {
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;
}

/** An ISO timestamp as a date, or null when there is none or it does not parse. */
export function chineseDateOf(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : chineseDate(date);
}

/** A share as a percentage with one decimal: 0.6 → 60.0%. */
export function percentText(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** The share of `part` in `whole` as a percentage, for "占38.7%". */
export function shareText(part: number, whole: number): string {
  return whole === 0 ? '0.0%' : percentText(part / whole);
}

/** A figure as reported, with its unit: 1012处, 95%, 24.1% (prose is no print table: no padding, no rounding away). */
export function figureWithUnit(indicator: Indicator, value: number): string {
  return `${formatNumber(value)}${indicator.unit}`;
}

/**
 * A difference in the indicator's unit: a rate's in 个百分点 (2.7个百分点), a count's in its
 * unit (12处), without float noise.
 */
export function differenceWithUnit(indicator: Indicator, difference: number): string {
  const shown = formatNumber(difference);
  return indicator.unit === '%' ? `${shown}个百分点` : `${shown}${indicator.unit}`;
}

/** The target as the document printed it, with the unit: ≥1000处, 95%, 持续提高. */
export function targetWithUnit(indicator: Indicator): string {
  if (indicator.targetValue === null) return indicator.targetText ?? '未给出';
  const op = indicator.targetOp === '>=' ? '≥' : indicator.targetOp === '<=' ? '≤' : '';
  // As the document wrote it: ≥1000, 95.
  const figure = formatNumber(indicator.targetValue);
  return `${op}${figure}${indicator.unit}`;
}

/** Bureaus joined the Chinese way: 市民政局、市卫生健康委. */
export function joinNames(names: readonly string[]): string {
  return names.join('、');
}

/**
 * The responsible bureaus as the plan states them: 牵头单位 and 配合单位, or those 按职责分工负责,
 * and the local governments named with them. Null when the plan names none.
 */
export function responsibilityText(responsibility: Responsibility): string | null {
  const parts: string[] = [];
  if (responsibility.leadBureaus.length > 0) parts.push(`牵头单位：${joinNames(responsibility.leadBureaus)}`);
  if (responsibility.coBureaus.length > 0) parts.push(`配合单位：${joinNames(responsibility.coBureaus)}`);
  if (responsibility.jointBureaus.length > 0) parts.push(`${joinNames(responsibility.jointBureaus)}按职责分工负责`);
  if (responsibility.localGovernments.length > 0) parts.push(`${joinNames(responsibility.localGovernments)}负责本地区落实`);
  return parts.length === 0 ? null : parts.join('；');
}

/** A document name with its quotation marks made Chinese: 临沂市"一老一小"… → 临沂市“一老一小”…. */
export function chineseQuotes(text: string): string {
  let open = true;
  return text.replace(/"/g, () => {
    const mark = open ? '“' : '”';
    open = !open;
    return mark;
  });
}
