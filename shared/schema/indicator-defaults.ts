import type { Indicator } from '../domain/indicator';
import { emptyResponsibility } from '../domain/indicator';

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

/** An indicator with every field at its "not stated" value. */
export function blankIndicator(): Indicator {
  return {
    code: '',
    name: '',
    area: '',
    category: '',
    unit: '',
    unitSynonyms: [],
    decimals: 0,
    baselineYear: 0,
    baselineValue: null,
    targetYear: 0,
    targetValue: null,
    targetOp: null,
    targetText: null,
    attribute: '',
    direction: 'higher',
    scope: 'stock',
    aggregation: 'sum',
    formula: null,
    auxiliary: false,
    allowAbove100: false,
    changeFactor: null,
    aliases: [],
    responsibility: emptyResponsibility(),
    reporter: null,
    reporterProposed: false,
    notes: '',
  };
}
