/** The schema's cross-indicator rules: a ratio against its components, a part against its whole. */
import type { Indicator, Rule, Schema } from '../../domain';
import { evaluate, parseExpression, referencedCodes } from '../../schema/expression';
import type { ConsolidatedValue } from '../consolidate';
import { valueKey } from '../../domain';
import type { Draft } from '../finding-draft';
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
        const sides = allCodes.map((code) => index.get(valueKey(code, region, year))!).filter(Boolean);
        const first = sides.find((v) => v.sources.length > 0)?.sources[0];
        const described = sides
          .map((v) => `${v.name} ${formatNumber(v.value)}${v.unit}${v.sources[0] ? `（${v.sources[0].file} ${v.sources[0].sheet}!${v.sources[0].cell}）` : ''}`)
          .join('；');
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
          message: `不符合校验规则“${rule.name}”：左边 ${formatNumber(l)}，右边 ${formatNumber(r)}。${described}`,
        });
      }
    }
  }
  return drafts;
}
