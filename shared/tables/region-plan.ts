/**
 * The plan as it applies to a sub-region. A plan's 基期值 and 目标值 are the workbook region's:
 * a county's own 2020 figure is not the city's, and a city total (全市养老服务设施 ≥1000 处) is no
 * county's target. Shown or judged for a county, they would say something false (212 处 read as
 * 倒退 from the city's 971). So for a sub-region the baseline is left open, and so is the target
 * of a total (summed up from the counties); a rate's or ratio's target (覆盖率 100%) applies to
 * every county alike and stays.
 */
import type { Indicator } from '../domain';
import type { TableSchema } from './table-inputs';

export function indicatorForRegion(indicator: Indicator, isWorkbookRegion: boolean): Indicator {
  if (isWorkbookRegion) return indicator;
  const total = indicator.aggregation === 'sum';
  return {
    ...indicator,
    baselineValue: null,
    ...(total ? { targetValue: null, targetOp: null, targetText: null } : {}),
  };
}

/** The schema with each indicator as it applies to `region`. */
export function schemaForRegion<S extends TableSchema>(schema: S, region: string, workbookRegion: string): S {
  if (region === workbookRegion) return schema;
  return { ...schema, indicators: schema.indicators.map((indicator) => indicatorForRegion(indicator, false)) };
}
