/** The schema's cross-indicator rules: a ratio against its components, a part against its whole. */
import type { Indicator, Rule, Schema } from '../../domain';
import { evaluate, parseExpression, referencedCodes } from '../../schema/expression';
import type { ConsolidatedValue } from '../consolidate';
import { valueKey } from '../../domain';
import type { Draft } from '../finding-draft';
import { expressionText, ruleOpWords } from '../../format/rules';
import { formatNumber } from '../messages';
import { stableHash } from '../stable-id';

/** Compares with a tolerance: a rule holds when the sides differ by no more than it. */
function ruleHolds(left: number, op: Rule['op'], right: number, tolerance: number): boolean {
  switch (op) {
    case '=':
      return Math.abs(left - right) <= tolerance;
    case '<=':
      return left <= right + tolerance;
    case '>=':
      return left + tolerance >= right;
    case '<':
      return left < right + tolerance;
    case '>':
      return left + tolerance > right;
  }
}
/** Half a unit in the last published decimal of the left side's indicators (DESIGN). */
function defaultTolerance(codes: string[], indicators: Map<string, Indicator>): number {
  const decimals = Math.max(0, ...codes.map((c) => indicators.get(c)?.decimals ?? 0));
  return 0.5 * 10 ** -decimals + 1e-9;
}
/** A side as a figure she can compare: a single indicator's value as reported, a computed side at two decimals or its indicators' more. */
function sideText(value: number, codes: string[], indicators: Map<string, Indicator>, exact: boolean): string {
  if (exact) return formatNumber(value);
  const published = Math.max(0, ...codes.map((c) => indicators.get(c)?.decimals ?? 0));
  return formatNumber(Number(value.toFixed(Math.max(2, published))));
}

/** Where a cited figure comes from: its own cell, or the sub-regions it sums up (never one of them as if it were the whole). */
function basisText(v: ConsolidatedValue): string {
  if (v.rollup) return `（${v.rollup.parts.map((p) => p.region).join('、')}合计）`;
  if (v.resolution) return '（经核对处理）';
  const source = v.sources[0];
  return source ? `（${source.file} ${source.sheet}!${source.cell}）` : '';
}

/**
 * 按校验规则“每千人口托位数”，每千人口托位数 应等于 普惠性托位数 ÷ 常住人口 × 10000：前者 3.5，后者 13.39。
 * 所涉数值：…: plain words, rounded computed sides, each cited figure with its own basis.
 */
function ruleMessage(
  rule: Rule,
  sides: { left: number; right: number; leftCodes: string[]; rightCodes: string[] },
  values: ConsolidatedValue[],
  indicators: Map<string, Indicator>,
): string {
  const names = new Map([...indicators].map(([code, i]) => [code, i.name]));
  const single = (expression: string, codes: string[]) => codes.length === 1 && expression.trim() === codes[0];
  const leftExact = single(rule.left, sides.leftCodes);
  const rightExact = single(rule.right, sides.rightCodes);
  const cited = values.map((v) => `${v.name} ${formatNumber(v.value)}${v.unit}${basisText(v)}`).join('；');
  return (
    `按校验规则“${rule.name}”，${expressionText(rule.left, names)} ${ruleOpWords(rule.op)} ${expressionText(rule.right, names)}：` +
    `前者 ${sideText(sides.left, sides.leftCodes, indicators, leftExact)}，后者 ${sideText(sides.right, sides.rightCodes, indicators, rightExact)}。所涉数值：${cited}。`
  );
}

export function ruleFindings(
  rules: Schema['rules'],
  index: Map<string, ConsolidatedValue>,
  indicators: Map<string, Indicator>,
  regions: string[],
  years: number[],
): Draft[] {
  const drafts: Draft[] = [];
  for (const rule of rules) {
    const left = parseExpression(rule.left);
    const right = parseExpression(rule.right);
    if (!left.ok || !right.ok) continue; // rules are validated when saved
    const leftCodes = referencedCodes(left.expr);
    const tolerance = rule.tolerance ?? defaultTolerance(leftCodes, indicators);
    const allCodes = [...leftCodes, ...referencedCodes(right.expr)];
    for (const year of years) {
      for (const region of regions) {
        const lookup = (code: string) => index.get(valueKey(code, region, year))?.value ?? null;
        const l = evaluate(left.expr, lookup);
        const r = evaluate(right.expr, lookup);
        if (l === null || r === null || ruleHolds(l, rule.op, r, tolerance)) continue;
        const sides = [...new Set(allCodes)].map((code) => index.get(valueKey(code, region, year))!).filter(Boolean);
        const first = sides.find((v) => v.sources.length > 0 && !v.rollup)?.sources[0];
        const leftIndicator = indicators.get(leftCodes[0] ?? '');
        drafts.push({
          kind: 'rule_violation',
          idParts: [rule.id, region, year],
          basis: stableHash(sides.map((v) => `${v.indicator}:${v.value}`)),
          indicator: leftCodes.length === 1 ? leftCodes[0]! : null,
          name: leftIndicator?.name ?? rule.name,
          bureau: first?.bureau ?? null,
          region,
          year,
          file: first?.file ?? null,
          sheet: first?.sheet ?? null,
          cell: first?.cell ?? null,
          message: ruleMessage(rule, { left: l, right: r, leftCodes, rightCodes: referencedCodes(right.expr) }, sides, indicators),
        });
      }
    }
  }
  return drafts;
}
