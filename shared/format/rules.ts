/**
 * A cross-indicator rule in the officer's words, for the 指标体系 screen and for rule findings alike.
 */
import type { RuleOp } from '../domain';

const OP_SIGNS: Record<RuleOp, string> = { '<=': '≤', '>=': '≥', '=': '=', '<': '<', '>': '>' };
const OP_WORDS: Record<RuleOp, string> = { '<=': '应不大于', '>=': '应不小于', '=': '应等于', '<': '应小于', '>': '应大于' };

export function ruleOpText(op: RuleOp): string {
  return OP_SIGNS[op];
}

/** 应不大于 …: the relation as a sentence says it. */
export function ruleOpWords(op: RuleOp): string {
  return OP_WORDS[op];
}

/** A rule's side in words: codes become indicator names, * and / the signs she writes. */
export function expressionText(expression: string, names: ReadonlyMap<string, string>): string {
  return expression
    .replace(/\s*\*\s*/g, ' × ')
    .replace(/\s*\/\s*/g, ' ÷ ')
    .replace(/[A-Za-z_][A-Za-z0-9_]*/g, (token) => names.get(token) ?? token);
}
