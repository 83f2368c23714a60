import type { Indicator } from '../domain/indicator';

/** Counts add up over sub-regions; rates and per-capita figures do not, unless recomputed. */
export function defaultAggregation(indicator: Pick<Indicator, 'formula' | 'unit' | 'name'>): Indicator['aggregation'] {
  if (indicator.formula) return 'recompute';
  const unit = indicator.unit.normalize('NFKC');
  if (/[%‰/]/.test(unit) || /^每|率$|比$|比例$|占比$|比重$|指数$/.test(indicator.name)) return 'none';
  return 'sum';
}

/** A `≤` target means lower is better (空置率 ≤ 10%); the documents never say it otherwise. */
export function defaultDirection(indicator: Pick<Indicator, 'targetOp'>): Indicator['direction'] {
  return indicator.targetOp === '<=' ? 'lower' : 'higher';
}

/** 累计 in the name is a count over the plan period, not a year-end stock. */
export function defaultScope(indicator: Pick<Indicator, 'name'>): Indicator['scope'] {
  return /累计/.test(indicator.name) ? 'cumulative' : 'stock';
}
