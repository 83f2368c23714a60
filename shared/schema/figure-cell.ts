import type { Attribute, TargetOp } from '../domain/indicator';
import { beginsWithComparator, comparatorWord, isAfterComparator, readFigureText } from '../import/figure-words';
import { combineUnits, convertValue, parseUnit } from '../import/units';

/**
 * One baseline/target cell of a plan's indicator table, read as the document prints it:
 * `93.5`, `≥1000`, `60以上`, `不低于60`, `--` (no data), or a qualitative target (持续提高).
 * The figure words are the returns' own (figure-words.ts): one reading for every reader.
 */
export type FigureCell =
  | { kind: 'number'; value: number; op: TargetOp | null; decimals: number; text: string; unit: string | null }
  | { kind: 'none'; text: string }
  | { kind: 'qualitative'; text: string }
  | { kind: 'invalid'; text: string; reason: string };

/** A comparator standing alone as its own token, as `≥ 60` splits into `≥` and `60`. */
export function isLoneComparator(text: string): boolean {
  const op = comparatorWord(text);
  return op !== undefined && op !== null;
}

/** `以上` standing alone after a figure, as `60 以上` splits. */
export function isLoneSuffix(text: string): boolean {
  return isAfterComparator(text);
}

/**
 * Reads a figure cell. Returns null when the text is not figure-like at all (a name, an
 * area); qualitative texts come back as such and the caller decides from their position.
 */
export function readFigureCell(raw: string): FigureCell | null {
  const figure = readFigureText(raw);
  const text = raw.normalize('NFKC').replace(/\s+/g, '');
  switch (figure.kind) {
    case 'none':
      return { kind: 'none', text };
    case 'qualitative':
      return { kind: 'qualitative', text };
    case 'number':
      return { kind: 'number', value: figure.value, op: figure.op, decimals: figure.decimals, text, unit: figure.unit };
    case 'error':
      return { kind: 'invalid', text, reason: `“${text}”是公式的错误值，不是数字` };
    case 'unparseable':
      return beginsWithComparator(text) ? { kind: 'invalid', text, reason: `“${text}”有比较符但后面不是数字` } : null;
  }
}

/**
 * A figure in the unit the indicator is kept in: "2.8万" under 万人 is 2.8, under 人 28000;
 * "95%" under % is 95. Null with the reason when the written unit cannot be converted.
 */
export function figureInUnit(value: number, decimals: number, written: string | null, unit: string): { value: number; decimals: number } | { reason: string } {
  if (written === null) return { value, decimals };
  const from = combineUnits(written, unit) ?? '';
  const conversion = convertValue(value, from, unit);
  if (!conversion.ok) {
    // A plan prints 每千人口托位数 "(人)" beside "4.6个", 1000处以上 under 覆盖率: a word for the
    // thing counted, without a magnitude, changes nothing; 万, 亿 or % would.
    const a = parseUnit(written);
    if (a && a.exp === 0 && a.base !== '' && a.base !== 'ratio' && !a.base.startsWith('index')) return { value, decimals };
    return { reason: `数值单位“${written}”与指标单位“${unit || '（无）'}”不能换算` };
  }
  const shown = String(conversion.value);
  const dot = shown.indexOf('.');
  return { value: conversion.value, decimals: conversion.converted ? (dot < 0 ? 0 : shown.length - dot - 1) : decimals };
}

const ATTRIBUTES = new Set<Attribute>(['约束性', '预期性']);

/** 约束性 / 预期性 in a 属性 column, with or without brackets. */
export function readAttributeCell(raw: string): Attribute | null {
  const text = raw.normalize('NFKC').replace(/[\s()[\]【】]/g, '');
  return ATTRIBUTES.has(text as Attribute) ? (text as Attribute) : null;
}
