import type { ProgressRow } from '../../shared/api/contract';
import type { Schema } from '../../shared/domain';
import type { ConsolidatedValue } from '../../shared/reconcile/consolidate';
import { progressOfValues } from '../../shared/reconcile/progress-of-values';

/** 进度: each published indicator's baseline → value → target, status and yearly history. */
export function progressRows(schema: Schema, values: readonly ConsolidatedValue[], year: number, region: string): ProgressRow[] {
  const progress = progressOfValues(schema.indicators, values, region, year);
  const years: number[] = [];
  for (let y = schema.baseYear + 1; y <= Math.min(year, schema.targetYear); y++) years.push(y);
  return schema.indicators
    .filter((i) => !i.auxiliary)
    .map((indicator) => {
      const assessment = progress.get(indicator.code)!;
      const own = values.filter((v) => v.indicator === indicator.code && v.region === region);
      return {
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        area: indicator.area,
        decimals: indicator.decimals,
        baseline: indicator.baselineValue,
        target: indicator.targetValue,
        targetOp: indicator.targetOp,
        targetText: indicator.targetText,
        value: own.find((v) => v.year === year)?.value ?? null,
        expected: assessment.expected,
        progress: assessment.progress,
        status: assessment.status,
        method: assessment.method,
        explanation: assessment.explanation,
        history: years.map((y) => ({ year: y, value: own.find((v) => v.year === y)?.value ?? null })),
      };
    });
}
