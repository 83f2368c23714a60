import type { Aggregation, Indicator } from '../domain/indicator';
import { evaluate, parseExpression, referencedCodes, type Expr } from '../schema/expression';
import { formatNumber, printDecimals } from '../format/figures';

/** A city's value built from its sub-regions (县区 and 功能区) for one indicator and year. */
export interface RollupValue {
  /** Null where nothing could be summed or recomputed, and always for 'none'. */
  value: number | null;
  method: Aggregation;
  /** Each sub-region's own figure for this indicator, where it has one (for display). */
  parts: { region: string; value: number | null }[];
  /** Sub-regions the value lacks: without a figure, or without one of the components. */
  missingRegions: string[];
  note: string;
  /** For 'recompute': the components' roll-ups the formula was evaluated on. */
  components?: Record<string, RollupValue>;
}

export type ValuesOf = (code: string, region: string) => number | null;

/**
 * Rolls every indicator up from the sub-regions to `region` for one year. Counts are summed;
 * ratios are recomputed from their components' sums, never averaged (an average of county
 * ratios ignores that the counties differ in size); rates without components are not
 * aggregable. A cumulative (累计) indicator is summed across regions only: each sub-region's
 * figure already cumulates its own years, and this function sees a single year, so nothing is
 * ever added across years.
 */
export function rollUp(
  indicators: Indicator[],
  region: string,
  subregions: string[],
  valuesOf: ValuesOf,
  year: number,
): Map<string, RollupValue> {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const result = new Map<string, RollupValue>();
  for (const indicator of indicators) {
    result.set(indicator.code, rollUpOne(indicator, byCode, region, subregions, valuesOf, year));
  }
  return result;
}

function rollUpOne(
  indicator: Indicator,
  byCode: Map<string, Indicator>,
  region: string,
  subregions: string[],
  valuesOf: ValuesOf,
  year: number,
): RollupValue {
  const parts = subregions.map((sub) => ({ region: sub, value: valuesOf(indicator.code, sub) }));
  switch (indicator.aggregation) {
    case 'sum':
      return sumUp(indicator, parts, region, year);
    case 'recompute':
      return recompute(indicator, byCode, parts, region, subregions, valuesOf, year);
    case 'none':
      return {
        value: null,
        method: 'none',
        parts,
        missingRegions: parts.filter((p) => p.value === null).map((p) => p.region),
        note: `“${indicator.name}”为无分项的比率类指标，不能由各县区数值汇总或平均，${region}${year}年取市级填报值。`,
      };
  }
}

function sumUp(
  indicator: Indicator,
  parts: { region: string; value: number | null }[],
  region: string,
  year: number,
): RollupValue {
  const present = parts.filter((p): p is { region: string; value: number } => p.value !== null);
  const missingRegions = parts.filter((p) => p.value === null).map((p) => p.region);
  const value = present.length === 0 ? null : present.reduce((sum, p) => sum + p.value, 0);
  const scope = indicator.scope === 'cumulative' ? '（累计口径，只按地区相加，不跨年份相加）' : '';
  let note: string;
  if (value === null) note = `各县区均无${year}年“${indicator.name}”数值，无法汇总。`;
  else if (missingRegions.length > 0) {
    note = `${region}${year}年为${present.length}个县区合计${scope}，缺少${missingRegions.join('、')}，合计不完整。`;
  } else note = `${region}${year}年为${present.length}个县区合计${scope}。`;
  return { value, method: 'sum', parts, missingRegions, note };
}

/**
 * Evaluates the formula over the components' sums. Only sub-regions that have every component
 * count: a numerator summed over five counties divided by a denominator over six is no ratio of
 * anything, while one over the same five is that five's ratio, and the note says which.
 */
function recompute(
  indicator: Indicator,
  byCode: Map<string, Indicator>,
  parts: { region: string; value: number | null }[],
  region: string,
  subregions: string[],
  valuesOf: ValuesOf,
  year: number,
): RollupValue {
  const failed = (note: string): RollupValue => ({
    value: null,
    method: 'recompute',
    parts,
    missingRegions: [...subregions],
    note,
  });
  const leaves = leafComponents(indicator, byCode, new Set());
  if (typeof leaves === 'string') return failed(leaves);

  const covered = subregions.filter((sub) => leaves.every((code) => valuesOf(code, sub) !== null));
  const missingRegions = subregions.filter((sub) => !covered.includes(sub));
  if (covered.length === 0) {
    return failed(`各县区均缺少“${indicator.name}”的分项数据，无法按公式重算；不以县区比率平均代替。`);
  }
  const components: Record<string, RollupValue> = {};
  const rolled = (code: string): number | null => {
    const component = byCode.get(code) as Indicator;
    const componentParts = covered.map((r) => ({ region: r, value: valuesOf(code, r) }));
    const value =
      component.aggregation === 'sum'
        ? sumUp(component, componentParts, region, year)
        : recompute(component, byCode, componentParts, region, covered, valuesOf, year);
    components[code] = value;
    return value.value;
  };
  const value = evaluate(parsedFormula(indicator) as Expr, rolled);
  const formula = indicator.formula ?? '';
  let note: string;
  if (value === null) note = `按公式 ${formula} 重算时分母为0或分项缺失，无法得出${region}${year}年数值。`;
  else if (missingRegions.length > 0) {
    note = `按公式 ${formula} 由${covered.join('、')}的分项合计重算；缺少${missingRegions.join('、')}的分项数据，结果不完整。`;
  } else note = `按公式 ${formula} 由${covered.length}个县区的分项合计重算，不取县区比率的平均。`;
  return { value, method: 'recompute', parts, missingRegions, note, components };
}

function parsedFormula(indicator: Indicator): Expr | string {
  if (!indicator.formula) return `“${indicator.name}”标为按分项重算，但指标体系中未填写计算公式，请补充。`;
  const parsed = parseExpression(indicator.formula);
  if (!parsed.ok) return `“${indicator.name}”的计算公式“${indicator.formula}”有误：${parsed.message}。`;
  return parsed.expr;
}

/**
 * The summed indicators a recomputed one finally rests on (through nested ratios), or the
 * reason it cannot be recomputed: no formula, an unknown code, a non-aggregable component or
 * a formula that refers back to itself.
 */
function leafComponents(indicator: Indicator, byCode: Map<string, Indicator>, visiting: Set<string>): string[] | string {
  const expr = parsedFormula(indicator);
  if (typeof expr === 'string') return expr;
  if (visiting.has(indicator.code)) return `“${indicator.name}”的计算公式循环引用了自身，无法重算。`;
  const inner = new Set(visiting).add(indicator.code);
  const leaves: string[] = [];
  for (const code of referencedCodes(expr)) {
    const component = byCode.get(code);
    if (!component) return `“${indicator.name}”的公式引用了指标体系中没有的代码 ${code}，无法重算。`;
    if (component.aggregation === 'none') {
      return `“${indicator.name}”的分项“${component.name}”不能汇总，无法重算；不以县区比率平均代替。`;
    }
    const more = component.aggregation === 'sum' ? [code] : leafComponents(component, byCode, inner);
    if (typeof more === 'string') return more;
    for (const leaf of more) if (!leaves.includes(leaf)) leaves.push(leaf);
  }
  return leaves;
}

/**
 * The finding text where the city's own return and its sub-regions' roll-up disagree, or null.
 * Sums of rounded figures may drift by half a unit per part; an incomplete roll-up is only
 * contradicted when its parts already exceed the city's own figure.
 */
export function compareRollup(
  cityOwn: number | null,
  rolled: RollupValue,
  decimals: number,
  label: { region?: string; name?: string; year?: number } = {},
): string | null {
  if (cityOwn === null || rolled.value === null || rolled.method === 'none') return null;
  const unit = 0.5 * 10 ** -decimals;
  const tolerance = (rolled.method === 'sum' ? unit * Math.max(1, rolled.parts.length) : unit) + 1e-9;
  const difference = cityOwn - rolled.value;
  const shown = printDecimals(decimals, [cityOwn, ...rolled.parts.map((part) => part.value)]);
  const fmt = (n: number): string => formatNumber(n, shown);
  const what = `${label.region ?? '市级'}${label.year !== undefined ? `${label.year}年` : ''}${label.name ? `“${label.name}”` : ''}`;
  if (rolled.missingRegions.length > 0) {
    if (rolled.method !== 'sum' || difference >= -tolerance) return null;
    return (
      `${what}市级填报值为${fmt(cityOwn)}，小于已报县区的合计${fmt(rolled.value)}` +
      `（尚缺${rolled.missingRegions.join('、')}），请核实市级或县区报表。`
    );
  }
  if (Math.abs(difference) <= tolerance) return null;
  const how = rolled.method === 'sum' ? '各县区合计' : '按各县区分项重算';
  return (
    `${what}市级填报值为${fmt(cityOwn)}，${how}为${fmt(rolled.value)}，` +
    `相差${fmt(Math.abs(difference))}，请核实市级或县区报表。`
  );
}
