/**
 * A stored cell read again after its indicator's unit (or unit synonyms) changed in 指标体系:
 * from what the cell was written as, never from a figure already converted, so that the number
 * stays traceable to the cell's text (0.9 万个 → 9000 个, not 0.9 → 0.9).
 */
import type { CellProblem, CellRole, Indicator } from '../domain';
import { readValue } from './read-value';
import { convertValue, normalizeUnit } from './units';
import { decimalsOf } from '../format/figures';

type UnitFields = Pick<Indicator, 'unit' | 'unitSynonyms'>;

/**
 * What a unit change does to the figures already stored:
 * - `same`: the same unit (spelt alike), nothing to do;
 * - `convert`: a power of ten between units of one thing (万人 → 人): every figure is converted;
 * - `relabel`: the new unit counts the old one as itself (a synonym): figures keep their numbers;
 * - `rename`: no conversion exists (个 → 张): the old unit was a wrong name for the same measure;
 *   figures keep their numbers and the old unit stays as a synonym, so that templates issued
 *   with it still import.
 */
export type UnitPlan = { kind: 'same' } | { kind: 'convert'; factor: number } | { kind: 'relabel' } | { kind: 'rename' };

export function planUnitChange(before: UnitFields, after: UnitFields): UnitPlan {
  const from = normalizeUnit(before.unit);
  if (from === normalizeUnit(after.unit)) return { kind: 'same' };
  // Nothing was said before: the figures were taken as they stand.
  if (from === '') return { kind: 'relabel' };
  const conversion = convertValue(1, before.unit, after.unit, after.unitSynonyms);
  if (!conversion.ok) return { kind: 'rename' };
  return conversion.converted ? { kind: 'convert', factor: conversion.factor } : { kind: 'relabel' };
}

/**
 * The unit synonyms after the change: never the unit itself, and a renamed unit keeps the old
 * one as a synonym.
 */
export function synonymsAfter(before: UnitFields, after: UnitFields, plan: UnitPlan): string[] {
  const synonyms = after.unitSynonyms.filter((s) => normalizeUnit(s) !== normalizeUnit(after.unit));
  const old = before.unit.trim();
  if (plan.kind !== 'rename' || synonyms.some((s) => normalizeUnit(s) === normalizeUnit(old))) return synonyms;
  return [...synonyms, old];
}

/** A stored cell as the store keeps it: what was written, and what it was read as. */
export interface StoredReading {
  role: CellRole;
  value: number | null;
  rawText: string;
  /** The indicator's unit the figure is in; for a unit it could not convert, the unit it was written in. */
  unit: string;
  problem: CellProblem | null;
}

export interface Reread {
  value: number | null;
  unit: string;
  problem: CellProblem | null;
}

function same(a: Reread, b: StoredReading): boolean {
  return a.value === b.value && a.unit === b.unit && JSON.stringify(a.problem) === JSON.stringify(b.problem);
}

/** A figure written as `number` in `unit`, in the new unit: converted (and said so) or refused. */
function convertWritten(number: number, unit: string, after: UnitFields): Reread | null {
  const conversion = convertValue(number, unit, after.unit, after.unitSynonyms);
  if (!conversion.ok) return null;
  return {
    value: conversion.value,
    unit: after.unit,
    problem: conversion.converted ? { kind: 'unit_converted', from: unit, to: after.unit, original: number } : null,
  };
}

/**
 * The cell read again under the indicator's new unit and synonyms (`after`, synonyms as
 * synonymsAfter gives them), or null when it stays as stored. A figure the bureau wrote without
 * a unit was read in the indicator's unit of the time: it converts with that unit (`convert`)
 * or keeps its number (`relabel`, `rename`).
 */
export function rereadCell(cell: StoredReading, before: UnitFields, after: UnitFields, plan: UnitPlan): Reread | null {
  const p = cell.problem;
  let next: Reread | null = null;
  if (p === null && cell.value !== null) {
    next = plan.kind === 'convert' ? convertWritten(cell.value, before.unit, after) : { value: cell.value, unit: after.unit, problem: null };
  } else if (p?.kind === 'unit_converted' && cell.value !== null) {
    // Written in another unit and converted on import: converted again from what was written.
    next = convertWritten(p.original, p.from, after) ?? { value: cell.value, unit: after.unit, problem: { ...p, to: after.unit } };
  } else if (p?.kind === 'unit_mismatch' && p.from !== '') {
    // Refused on import for its unit: read again, the new unit (or a new synonym) may take it.
    const reading = readValue(
      { row: 0, col: 0, value: { kind: 'text', value: cell.rawText }, format: '', formula: false },
      { role: cell.role, schemaUnit: after.unit, unitSynonyms: after.unitSynonyms, rowUnit: p.from, tableUnit: null },
    );
    if (reading.kind === 'number') {
      next = { value: reading.value, unit: after.unit, problem: reading.converted ? { kind: 'unit_converted', from: reading.unit, to: after.unit, original: reading.written } : null };
    } else {
      next = { value: null, unit: cell.unit, problem: { ...p, to: after.unit } };
    }
  }
  return next === null || same(next, cell) ? null : next;
}

const MAX_DECIMALS = 6;

/**
 * The indicator's own figures in the new unit, for a `convert` change: its 基期值 and 目标值 (0.6
 * 万个 → 6000 个) and its published decimals shifted with them, each unless the edit sets it itself.
 */
export function convertIndicatorFigures(
  before: Pick<Indicator, 'unit' | 'baselineValue' | 'targetValue' | 'decimals'>,
  after: UnitFields,
  plan: UnitPlan,
  given: ReadonlySet<string>,
): Partial<Pick<Indicator, 'baselineValue' | 'targetValue' | 'decimals'>> {
  if (plan.kind !== 'convert') return {};
  const convert = (value: number | null): number | null => {
    if (value === null) return null;
    const conversion = convertValue(value, before.unit, after.unit, after.unitSynonyms);
    return conversion.ok ? conversion.value : value;
  };
  const shift = Math.round(Math.log10(plan.factor));
  const baselineValue = given.has('baselineValue') ? undefined : convert(before.baselineValue);
  const targetValue = given.has('targetValue') ? undefined : convert(before.targetValue);
  // Into a larger unit (个 → 万个) the decimals grow, but no further than the figures need: 6000 个
  // with none is 0.6 万个 with one, not 0.6000.
  const carried = [baselineValue, targetValue].filter((v): v is number => typeof v === 'number').map(decimalsOf);
  const shifted = shift < 0 && carried.length > 0 ? Math.min(before.decimals - shift, Math.max(...carried)) : before.decimals - shift;
  return {
    ...(baselineValue === undefined ? {} : { baselineValue }),
    ...(targetValue === undefined ? {} : { targetValue }),
    ...(given.has('decimals') ? {} : { decimals: Math.min(MAX_DECIMALS, Math.max(0, shifted)) }),
  };
}
