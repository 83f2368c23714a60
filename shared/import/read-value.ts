/**
 * One cell of a return as a figure in the schema's unit: the cell's reading (parse-cell) joined
 * with the unit from the cell, its row (unit column or name brackets) or the table (单位：万人).
 */
import type { TargetOp } from '../domain/indicator';
import type { UnreadableWhy } from '../domain/return';
import type { GridCell } from './grid';
import { readCellNumber, rawTextOf, type CellRole } from './parse-cell';
import { combineUnits, convertValue, normalizeUnit } from './units';

export interface ValueContext {
  role: CellRole;
  /** The indicator's unit and synonyms, from the schema. */
  schemaUnit: string;
  unitSynonyms: readonly string[];
  /** The row's unit (unit column or the name's brackets), if any. */
  rowUnit: string | null;
  /** The table's unit line (单位：万人), used where the row names none. */
  tableUnit: string | null;
}

/** Fields every reading carries: what the cell shows, for raw_text and messages. */
interface Seen {
  rawText: string;
}

export type ValueReading =
  | (Seen & {
      kind: 'number';
      /** In the schema's unit. */
      value: number;
      op: TargetOp | null;
      /** The unit the figure was written in ('' when nobody said; then the schema's is assumed). */
      unit: string;
      /** The figure as written, before conversion. */
      written: number;
      /** True when the figure changed on conversion: a `unit_converted` finding. */
      converted: boolean;
      factor: number;
      fractionSuspect: boolean;
    })
  | (Seen & { kind: 'blank' })
  | (Seen & { kind: 'formula_error'; code: string })
  | (Seen & { kind: 'qualitative'; text: string })
  | (Seen & { kind: 'unparseable'; why?: UnreadableWhy })
  /** A figure whose unit cannot be converted into the schema's: a `unit_mismatch` finding. */
  | (Seen & { kind: 'unit_mismatch'; number: number; unit: string; reason: string });

/** Reads a cell and converts its figure into the schema's unit. */
export function readValue(cell: GridCell | undefined, context: ValueContext): ValueReading {
  const rawText = rawTextOf(cell);
  const schemaUnit = normalizeUnit(context.schemaUnit);
  const reading = readCellNumber(cell, {
    role: context.role,
    percentIndicator: schemaUnit === '%' || schemaUnit === '‰',
  });
  switch (reading.kind) {
    case 'blank':
      return { kind: 'blank', rawText };
    case 'formula_error':
      return { kind: 'formula_error', code: reading.code, rawText };
    case 'qualitative':
      return { kind: 'qualitative', text: reading.text, rawText };
    case 'unparseable':
      return reading.why ? { kind: 'unparseable', rawText, why: reading.why } : { kind: 'unparseable', rawText };
    case 'number':
      break;
  }
  const declared = context.rowUnit ?? context.tableUnit;
  const unit = combineUnits(reading.unitInText, declared) ?? '';
  const conversion = convertValue(reading.value, unit, schemaUnit, context.unitSynonyms);
  if (!conversion.ok) return { kind: 'unit_mismatch', number: reading.value, unit, reason: conversion.reason, rawText };
  return {
    kind: 'number',
    value: conversion.value,
    written: reading.value,
    op: reading.op,
    unit,
    converted: conversion.converted,
    factor: conversion.factor,
    fractionSuspect: reading.fractionSuspect,
    rawText,
  };
}
