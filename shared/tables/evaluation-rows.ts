import type { Indicator, ProgressStatus, SourceRef } from '../domain';
import { effectiveComparator, meetsTarget } from '../reconcile/progress';
import { targetCell } from './annual-table';
import { printDecimals } from '../format/figures';
import { indexValues, publishedIndicators, reportedFiguresOf, type ProgressByCode, type ProgressLike, type TableSchema, type TableValue } from './table-inputs';
import { computedCell, numberCell, textCell, type TableCell } from './table-layout';

/**
 * One indicator's evaluation in one year for one region, as data: what the 中期/终期评估表 lays
 * out and what the 评估报告 writes about. Both read these rows, so the two cannot disagree.
 */
export interface EvaluationRow {
  indicator: Indicator;
  /** The accepted value of the evaluated year, in the schema's unit; null when none. */
  value: number | null;
  /** Where the value came from: the return cells behind it. */
  sources: readonly SourceRef[];
  /** The officer's resolution that decided the value, with its note. */
  resolution: { action: string; note: string } | null;
  /** Whether the value meets the target under its comparator; null without a value or a numeric target. */
  met: boolean | null;
  /** The one status of the progress assessment (the 进度 screen's words). */
  status: ProgressStatus;
  /** (value − baseline)/(target − baseline) as a fraction; null when undefined. */
  progress: number | null;
  /** Share of the plan period elapsed in the year, 0..1. */
  elapsed: number | null;
  /** Where the straight line from baseline to target stands in the year. */
  expected: number | null;
  /** Distance still to cover to the target, in the indicator's unit (≥ 0); null when met or unknown. */
  gap: number | null;
  /** How far a met value went past the target, in the unit (≥ 0); null unless met with a ≥/≤ target. */
  surplus: number | null;
  /** The ESCAP anticipated progress, where three or more years of data exist. */
  anticipated: ProgressLike['anticipated'] | null;
  /** The assessment in one sentence (progress.ts). */
  explanation: string;
  /** The figures as both the table and the report print them. */
  shown: EvaluationCells;
}

export interface EvaluationCells {
  baseline: TableCell;
  /** As the document printed it: ≥1000, a bare 95.0, a qualitative 持续提高. */
  target: TableCell;
  value: TableCell;
  /** Progress in percent, one decimal. */
  progress: TableCell;
  status: TableCell;
}

export interface EvaluationRowsInput {
  schema: TableSchema;
  region: string;
  /** The evaluated year: a mid-term year, or the target year for the final evaluation. */
  year: number;
  values: readonly TableValue[];
  /** Progress of each indicator for this region and year (progressOfValues). */
  progress: ProgressByCode;
}

/** The published indicators' evaluations, in schema order. */
export function evaluationRows(input: EvaluationRowsInput): EvaluationRow[] {
  const { region, year } = input;
  const valueOf = indexValues(input.values);
  return publishedIndicators(input.schema).map((indicator) => {
    const consolidated = valueOf(indicator.code, region, year);
    const value = consolidated?.value ?? null;
    const assessment = input.progress.get(indicator.code);
    const status: ProgressStatus = assessment?.status ?? '无法评估';
    const progress = assessment?.progress ?? null;
    const met = targetMet(indicator, value);
    // The row printed at the published decimals, never fewer than its figures carry (38.2 is not 38).
    const decimals = printDecimals(indicator.decimals, [indicator.baselineValue, indicator.targetValue, ...reportedFiguresOf(consolidated)]);
    return {
      indicator,
      value,
      sources: consolidated?.sources ?? [],
      resolution: consolidated?.resolution ? { action: consolidated.resolution.action, note: consolidated.resolution.note } : null,
      met,
      status,
      progress,
      elapsed: assessment?.elapsed ?? null,
      expected: assessment?.expected ?? null,
      gap: met === false ? distanceToTarget(indicator, value!) : null,
      surplus: met === true ? surplusOverTarget(indicator, value!) : null,
      anticipated: assessment?.anticipated ?? null,
      explanation: assessment?.explanation ?? `${year}年无完成值，无法评估进度。`,
      shown: {
        baseline: numberCell(indicator.baselineValue, decimals),
        target: targetCell(indicator, decimals),
        value: numberCell(value, decimals),
        progress: computedCell(progress === null ? null : progress * 100, 1),
        status: textCell(status),
      },
    };
  });
}

/**
 * Whether a value meets the target under its comparator (progress.ts's rule: a bare figure by
 * the indicator's direction, = within half a unit of the published decimals). Null when there is
 * no value or no numeric target (持续提高 is judged by a person).
 */
export function targetMet(indicator: Indicator, value: number | null): boolean | null {
  if (value === null || indicator.targetValue === null) return null;
  return meetsTarget(value, indicator.targetValue, effectiveComparator(indicator), indicator.decimals);
}

/** What is left to the target: below a ≥ target, above a ≤ target, either side of an = target. */
function distanceToTarget(indicator: Indicator, value: number): number {
  const target = indicator.targetValue!;
  switch (effectiveComparator(indicator)) {
    case '>=':
      return target - value;
    case '<=':
      return value - target;
    case '=':
      return Math.abs(value - target);
  }
}

function surplusOverTarget(indicator: Indicator, value: number): number | null {
  const target = indicator.targetValue!;
  switch (effectiveComparator(indicator)) {
    case '>=':
      return Math.max(0, value - target);
    case '<=':
      return Math.max(0, target - value);
    case '=':
      return null;
  }
}

/** The statuses in the order tables and reports count them. */
export const STATUSES: readonly ProgressStatus[] = ['已达标', '进度正常', '滞后', '倒退', '无法评估'];

/** How many rows have each status, every status present (0 where none). */
export function countStatuses(rows: readonly Pick<EvaluationRow, 'status'>[]): Map<ProgressStatus, number> {
  const counts = new Map<ProgressStatus, number>(STATUSES.map((s) => [s, 0]));
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  return counts;
}
