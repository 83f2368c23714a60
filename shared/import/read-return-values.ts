import type { CellMatch, CellProblem, Indicator, StoredCell } from '../domain';
import type { Matcher } from './match';
import type { ParsedCell, ParsedReturn, ParsedRow } from './parsed-return';
import { readValue } from './read-value';
import { isInexactFigure } from './figure-words';
import { convertValue, unitFromName } from './units';

/** One cell of a return ready to store: matched, read, converted, with its source. */
export interface ReturnValue extends StoredCell, CellMatch {}

export interface ReadContext {
  indicators: readonly Indicator[];
  matcher: Matcher;
  /** Canonical bureau of the return, for bureau-specific aliases. */
  bureau: string | null;
  region: string;
  year: number;
}

export interface ReturnValues {
  values: ReturnValue[];
  matchedRows: number;
  unmatchedRows: number;
}

/**
 * Turns a laid-out return into the cells to store. Every non-blank cell is kept, matched or not,
 * so that a later mapping or a corrected unit needs no second read of the file.
 */
export function readReturnValues(parsed: ParsedReturn, context: ReadContext): ReturnValues {
  const byCode = new Map(context.indicators.map((i) => [i.code, i]));
  const values: ReturnValue[] = [];
  let matchedRows = 0;
  let unmatchedRows = 0;
  // Tables that run regions or years down their rows (a 年份 column among them) are published
  // tables, not returns on the plan's form.
  const published = new Set(
    parsed.layouts.filter((l) => l.orientation === 'region-rows' || l.orientation === 'year-rows' || l.columns.some((c) => c.role === 'year')).map((l) => l.sheet),
  );
  for (const row of parsed.rows) {
    const match = context.matcher.match({ name: row.name, unit: row.unit, code: row.code, bureau: context.bureau });
    const indicator = match.outcome === 'matched' && match.code ? (byCode.get(match.code) ?? null) : null;
    const rowProblem: CellProblem | null =
      indicator !== null
        ? null
        : match.outcome === 'ambiguous'
          ? { kind: 'ambiguous_match', candidates: match.candidates, nameCell: row.nameCell }
          : { kind: 'unmatched_row', candidates: match.candidates, nameCell: row.nameCell };
    const unitsApart = unitsDisagree(row);
    const rowValues = row.cells
      .map((cell) => readOne(row, cell, indicator, cell.unit ?? match.rowUnit ?? row.unit, parsed.meta.tableUnit, published.has(row.sheet), context))
      .map((v) => (v && unitsApart && v.value !== null ? { ...v, value: null, problem: { kind: 'unit_mismatch' as const, from: row.unit ?? '', to: v.unit, reason: unitsApart } } : v))
      .filter((v): v is ReturnValue => v !== null)
      .map((v) => ({
        ...v,
        matchMethod: indicator ? match.method : null,
        matchScore: match.score,
        problem: v.problem ?? rowProblem,
      }));
    // A row with no figures (a label, or every cell 无/—) stores nothing and counts as no row.
    if (rowValues.length === 0) continue;
    if (indicator) matchedRows++;
    else unmatchedRows++;
    values.push(...rowValues);
  }
  return { values, matchedRows, unmatchedRows };
}

/**
 * A row whose name says one unit and whose unit column another of the same thing counted
 * (托位总数（个） | 万个): its figures are ten thousand apart by which one is meant. Units that do
 * not convert (个 beside 个/千人) are left to the unit checks that follow.
 */
function unitsDisagree(row: ParsedRow): string | null {
  const named = unitFromName(row.name).unit;
  if (!named || !row.unit) return null;
  const apart = convertValue(1, named, row.unit);
  return apart.ok && apart.value !== 1 ? `名称中的单位“${named}”与单位列的“${row.unit}”不一致，不能确定数值的单位` : null;
}

function readOne(
  row: ParsedRow,
  cell: ParsedCell,
  indicator: Indicator | null,
  rowUnit: string | null,
  tableUnit: string | null,
  published: boolean,
  context: ReadContext,
): ReturnValue | null {
  const reading = readValue(cell.cell, {
    role: cell.role,
    schemaUnit: indicator?.unit ?? rowUnit ?? tableUnit ?? '',
    unitSynonyms: indicator?.unitSynonyms ?? [],
    rowUnit,
    tableUnit,
  });
  if (reading.kind === 'blank') return null;
  const base: ReturnValue = {
    indicator: indicator?.code ?? null,
    rowName: row.name,
    region: cell.region ?? context.region,
    year: cell.year ?? context.year,
    role: cell.role,
    value: null,
    rawText: reading.rawText,
    unit: indicator?.unit ?? rowUnit ?? '',
    matchMethod: null,
    matchScore: 0,
    sheet: row.sheet,
    cell: cell.address,
    problem: null,
  };
  switch (reading.kind) {
    case 'number': {
      // 完成值 ≥95 or 约5: the bureau did not say what it counted.
      if ((cell.role === 'value' || cell.role === 'previous') && isInexactFigure(reading.rawText)) {
        return { ...base, problem: { kind: 'unparseable_value', text: reading.rawText, why: 'inexact' } };
      }
      const doubt = indicator && reading.unit === '' && cell.role === 'value' ? unstatedUnitDoubt(reading.value, indicator, published) : null;
      if (doubt) return { ...base, problem: { kind: 'unit_mismatch', from: '', to: indicator!.unit, reason: doubt } };
      return {
        ...base,
        value: reading.value,
        problem:
          reading.converted && indicator
            ? { kind: 'unit_converted', from: reading.unit, to: indicator.unit, original: reading.written }
            : null,
      };
    }
    case 'formula_error':
      return { ...base, problem: { kind: 'formula_error', code: reading.code } };
    case 'unit_mismatch':
      return { ...base, unit: reading.unit, problem: { kind: 'unit_mismatch', from: reading.unit, to: indicator?.unit ?? '' } };
    case 'qualitative':
      // A restated qualitative target (持续提高) is not a figure; nothing to check it against.
      return cell.role === 'target' ? null : { ...base, problem: { kind: 'unparseable_value', text: reading.rawText } };
    case 'unparseable':
      return { ...base, problem: { kind: 'unparseable_value', text: reading.rawText, ...(reading.why ? { why: reading.why } : {}) } };
  }
}

/** A figure this many times its indicator's baseline or target, or this small a part of it, is in another unit. */
const UNIT_SCALE_DOUBT = 1000;

/**
 * A figure whose unit nobody stated (no unit column, no brackets, no 单位： line) is taken in the
 * indicator's unit, unless it lies a thousand times or more away from both the baseline and the
 * target: then the unit is not settled (5 778 800 under 地区生产总值 in 亿元 is 万元), and the
 * officer is asked rather than a figure ten thousand times too large stored. A bureau's return on
 * the plan's form speaks in the plan's units; a published table speaks in its own, so where it
 * names none and the indicator has no baseline or target to weigh the figure against, nothing
 * settles the unit (197.34 is 亿元 in an EPS table, not the plan's 万元).
 */
function unstatedUnitDoubt(value: number, indicator: Indicator, published: boolean): string | null {
  const references = [indicator.baselineValue, indicator.targetValue].filter((v): v is number => v !== null && v !== 0);
  if (references.length === 0) {
    return published && indicator.unit !== '' ? `表中没有写明单位，指标也没有基期值或目标值可核对量级，无法确认 ${value} 是否以“${indicator.unit}”计` : null;
  }
  if (value === 0) return null;
  const far = references.every((ref) => {
    const ratio = Math.abs(value / ref);
    return ratio >= UNIT_SCALE_DOUBT || ratio <= 1 / UNIT_SCALE_DOUBT;
  });
  if (!far) return null;
  const reference = references[0]!;
  return `未注明单位，且 ${value} 与指标的${indicator.baselineValue === reference ? '基期值' : '目标值'} ${reference}${indicator.unit} 相差千倍以上，可能不是以“${indicator.unit}”计`;
}
