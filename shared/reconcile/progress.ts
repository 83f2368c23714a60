import { PROGRESS_STATUS_CODES, type AnticipatedStatus, type AnticipatedStatusCode, type ProgressStatus, type ProgressStatusCode } from '../domain/progress';
import type { Indicator, TargetOp } from '../domain/indicator';
import { formatNumber, printDecimals } from '../format/figures';

export { PROGRESS_STATUS_CODES, type AnticipatedStatus, type AnticipatedStatusCode, type ProgressStatus, type ProgressStatusCode };

export const LINEAR_METHOD = '线性进度法';
export const ESCAP_METHOD = 'ESCAP 预期进度法';
export const CONFIRMED_METHOD = '人工确认';

/** The trend reading: where the indicator will stand in the target year if it keeps its pace. */
export interface AnticipatedProgress {
  /** Value expected in the target year from the compound annual growth rate, or null. */
  value: number | null;
  /** (anticipated − base) / (target − base): share of the required change the trend delivers. */
  ratio: number | null;
  /** Compound annual growth rate from the base year to the latest year, e.g. 0.05 for 5%. */
  cagr: number | null;
  baseYear: number;
  latestYear: number;
  /** Distinct years with data from the base year to the latest year (at least 3). */
  points: number;
  status: AnticipatedStatus;
  statusCode: AnticipatedStatusCode;
  explanation: string;
}

export interface ProgressAssessment {
  status: ProgressStatus;
  statusCode: ProgressStatusCode;
  /** Value on the straight line from baseline to target in this year; null without both. */
  expected: number | null;
  /** Share of the required change achieved, (actual − baseline)/(target − baseline). */
  progress: number | null;
  /** Share of the plan period elapsed, 0..1. */
  elapsed: number;
  /** Named in every export: 线性进度法, with ESCAP 预期进度法 beside it where it applies. */
  method: string;
  anticipated?: AnticipatedProgress;
  explanation: string;
}

export interface ProgressOptions {
  /** Accepted values of other years (the assessed year's own value is `value`). */
  history?: { year: number; value: number }[];
  /** The officer confirmed a qualitative target (持续提高, 全覆盖) as met. */
  confirmedMet?: boolean;
}

/** For the export's 说明 sheet: names the methods and says how to read the statuses. */
export const PROGRESS_METHOD_NOTE =
  '进度评估采用线性进度法：以基期年份的基期值为起点、目标年份的目标值为终点连成直线，' +
  '某年的“应达值”为该年在直线上对应的数值；完成进度 =（完成值 − 基期值）÷（目标值 − 基期值），' +
  '时间进度 =（评估年份 − 基期年份）÷（目标年份 − 基期年份）。' +
  '按目标值的比较符（≥、≤、=）判断，完成值已达到目标值的为“已达标”（无论基期值是否缺失、是否与目标值相同）；' +
  '完成进度不低于时间进度的为“进度正常”，低于的为“滞后”；较基期值向偏离目标的方向变化的为“倒退”；' +
  '无完成值、目标为定性表述未经人工确认、或缺少基期值且未达标的为“无法评估”。' +
  '越小越好的指标（如死亡率）按下降方向同理判断；目标为“=”的，与目标值相差不超过公布小数位的半个单位即视为达到。' +
  '有三个及以上年份数据（含基期）时，另按联合国亚太经社会（ESCAP）可持续发展目标进度评估的“预期进度”方法：' +
  '以基期至最近年份的年均复合增长率推算目标年份的预期值，预期变化量与所需变化量之比不低于1的为“预计可达标”，' +
  '介于0和1之间的为“需加快进度”，小于0的为“需扭转趋势”。';

/** For the README: the same, in English and Chinese, a few lines each. */
// Values and targets are compared after float noise, not after rounding: 89.96 against ≥90 is
// not met even though a one-decimal table would print 90.0.
const FLOAT_SLACK = 1e-9;

/** The comparator in force: a bare figure is ≥ for higher-is-better, ≤ for lower-is-better. */
export function effectiveComparator(indicator: Indicator): TargetOp {
  return indicator.targetOp ?? (indicator.direction === 'lower' ? '<=' : '>=');
}

/** Whether `value` meets `target`; `=` allows half a unit of the published decimals. */
export function meetsTarget(value: number, target: number, op: TargetOp, decimals: number): boolean {
  const slack = FLOAT_SLACK * Math.max(1, Math.abs(target));
  switch (op) {
    case '>=':
      return value >= target - slack;
    case '<=':
      return value <= target + slack;
    case '=':
      return Math.abs(value - target) <= 0.5 * 10 ** -decimals + slack;
  }
}

/** Share of the plan period elapsed in `year`, clamped to 0..1. */
export function elapsedShare(indicator: Indicator, year: number): number {
  const span = indicator.targetYear - indicator.baselineYear;
  if (span <= 0) return year >= indicator.targetYear ? 1 : 0;
  return Math.min(1, Math.max(0, (year - indicator.baselineYear) / span));
}

/**
 * Assesses one indicator's value in one year against its plan: linear progress always, the
 * ESCAP anticipated progress beside it once three years of data exist.
 */
export function assessProgress(
  indicator: Indicator,
  year: number,
  value: number | null,
  options: ProgressOptions = {},
): ProgressAssessment {
  const elapsed = elapsedShare(indicator, year);
  const target = indicator.targetValue;
  const baseline = indicator.baselineValue;
  // Figures at the row's print decimals: a reported 38.2 is never written as 38 (shared/format/figures).
  const decimals = printDecimals(indicator.decimals, [value, indicator.baselineValue, indicator.targetValue]);
  const fmt = (n: number | null): string => formatNumber(n, decimals);

  if (target === null) {
    const text = indicator.targetText ? `目标为定性表述“${indicator.targetText}”` : '目标未给出数值';
    if (options.confirmedMet) {
      return {
        status: '已达标',
        statusCode: 'met',
        expected: null,
        progress: null,
        elapsed,
        method: CONFIRMED_METHOD,
        explanation: `${text}，经人工确认${year}年已达到。`,
      };
    }
    return unassessable(elapsed, `${text}，无法按数值计算进度，需人工确认是否达标。`);
  }

  const op = effectiveComparator(indicator);
  const targetLabel = `${op === '=' ? '' : op === '>=' ? '≥' : '≤'}${fmt(target)}`;
  const expected = baseline === null ? null : baseline + (target - baseline) * elapsed;
  const anticipated = anticipateProgress(indicator, year, value, options.history ?? []);
  const method = anticipated ? `${LINEAR_METHOD}；${ESCAP_METHOD}` : LINEAR_METHOD;
  const result = (status: ProgressStatus, progress: number | null, explanation: string): ProgressAssessment => ({
    status,
    statusCode: PROGRESS_STATUS_CODES[status],
    expected,
    progress,
    elapsed,
    method,
    ...(anticipated ? { anticipated } : {}),
    explanation,
  });

  if (value === null) return result('无法评估', null, `${year}年无完成值，无法评估进度。`);
  // A year before the baseline lies outside the plan period: its value is history, not progress.
  if (year < indicator.baselineYear) {
    return result('无法评估', null, `${year}年早于基期年份${indicator.baselineYear}年，不在规划期内，不评估进度。`);
  }

  const progress = progressShare(value, baseline, target, op);
  // DESIGN: met wins, even without a baseline or where the baseline equals the target.
  if (meetsTarget(value, target, op, indicator.decimals)) {
    return result('已达标', progress, `${year}年完成值${fmt(value)}，已达到目标值${targetLabel}。`);
  }
  if (baseline === null) {
    return result('无法评估', null, `缺少基期值，${year}年完成值${fmt(value)}未达到目标值${targetLabel}，无法计算进度。`);
  }
  const late = year > indicator.targetYear ? `已过目标年份${indicator.targetYear}年，` : '';
  // A baseline already at the target (老年大学县级覆盖率 100 → 100) leaves no distance to cover:
  // not meeting it now means the value moved away.
  if (progress === null || meetsTarget(baseline, target, op, indicator.decimals) || progress < 0) {
    return result(
      '倒退',
      progress,
      `${late}${year}年完成值${fmt(value)}，较基期值${fmt(baseline)}向偏离目标值${targetLabel}的方向变化，进度倒退。`,
    );
  }
  const share = `完成进度${percent(progress)}，时间进度${percent(elapsed)}`;
  if (progress >= elapsed - FLOAT_SLACK) {
    return result('进度正常', progress, `${year}年完成值${fmt(value)}，${share}，不低于按线性进度应达的${fmt(expected)}，进度正常。`);
  }
  return result('滞后', progress, `${late}${year}年完成值${fmt(value)}，${share}，低于按线性进度应达的${fmt(expected)}，进度滞后。`);
}

/**
 * (actual − baseline)/(target − baseline). For an `=` target a value past the target is as far
 * off as one short of it, so the share is mirrored at 1 (overshooting by the whole distance
 * reads as 0, by more as negative). Null without a baseline or where it equals the target.
 */
function progressShare(value: number, baseline: number | null, target: number, op: TargetOp): number | null {
  if (baseline === null) return null;
  const required = target - baseline;
  if (Math.abs(required) <= FLOAT_SLACK * Math.max(1, Math.abs(target))) return null;
  const share = (value - baseline) / required;
  return op === '=' && share > 1 ? 2 - share : share;
}

function unassessable(elapsed: number, explanation: string): ProgressAssessment {
  return {
    status: '无法评估',
    statusCode: 'not_assessable',
    expected: null,
    progress: null,
    elapsed,
    method: LINEAR_METHOD,
    explanation,
  };
}

function percent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/**
 * UN ESCAP "anticipated progress" (Asia-Pacific SDG progress assessment; technical notes at
 * data.unescap.org/resource-guides/progress-assessment-methodology, after A. Bidarbakht Nia,
 * ESCAP Statistics Division Working Paper SD/WP/05, May 2017). Our reading:
 *   CAGR = (x_latest / x_base)^(1 / (latest − base)) − 1, over the observed years;
 *   x̂_T  = x_base · (1 + CAGR)^(T − base), the value the current pace reaches in the target year;
 *   ratio = (x̂_T − x_base) / (x*_T − x_base), anticipated change over required change.
 * ratio ≥ 1: the target will be reached at this pace (ESCAP "maintain progress"); 0 ≤ ratio < 1:
 * "accelerate"; ratio < 0: moving away, "reverse the trend". Later ESCAP reports replace the
 * CAGR by a time-weighted regression; the CAGR form is what a county's five plan years support.
 * The base is the baseline where there is one, else the earliest year observed in the plan period. CAGR needs
 * positive values at both ends (a 0 baseline, as for new services, has no growth rate), so those
 * are reported as 无法预测 rather than forced.
 */
function anticipateProgress(
  indicator: Indicator,
  year: number,
  value: number | null,
  history: { year: number; value: number }[],
): AnticipatedProgress | undefined {
  const target = indicator.targetValue;
  if (target === null || year < indicator.baselineYear) return undefined;
  const byYear = new Map<number, number>();
  for (const h of history) {
    if (h.year >= indicator.baselineYear && h.year <= year && Number.isFinite(h.value)) byYear.set(h.year, h.value);
  }
  if (value !== null) byYear.set(year, value);
  if (indicator.baselineValue !== null) byYear.set(indicator.baselineYear, indicator.baselineValue);
  const baseYear = indicator.baselineValue !== null ? indicator.baselineYear : Math.min(...byYear.keys());
  const years = [...byYear.keys()].filter((y) => y >= baseYear).sort((a, b) => a - b);
  if (years.length < 3) return undefined;

  const latestYear = years[years.length - 1] as number;
  const base = byYear.get(baseYear) as number;
  const latest = byYear.get(latestYear) as number;
  const decimals = printDecimals(indicator.decimals, [...byYear.values(), target]);
  const fmt = (n: number | null): string => formatNumber(n, decimals);
  const frame = { baseYear, latestYear, points: years.length };
  if (base <= 0 || latest <= 0) {
    return {
      ...frame,
      value: null,
      ratio: null,
      cagr: null,
      status: '无法预测',
      statusCode: 'not_assessable',
      explanation: `${baseYear}年或${latestYear}年的数值不为正数，无法计算年均复合增长率，不作预期进度判断。`,
    };
  }
  const cagr = (latest / base) ** (1 / (latestYear - baseYear)) - 1;
  const anticipated = base * (1 + cagr) ** (indicator.targetYear - baseYear);
  const required = target - base;
  const ratio = Math.abs(required) <= FLOAT_SLACK * Math.max(1, Math.abs(target)) ? null : (anticipated - base) / required;
  const op = effectiveComparator(indicator);
  const status = anticipatedStatus(anticipated, base, target, op, indicator.decimals, ratio);
  const trend = `按${baseYear}—${latestYear}年年均复合增长率${percent(cagr)}推算，${indicator.targetYear}年预计为${fmt(anticipated)}`;
  const ratioText = ratio === null ? '' : `，为所需变化量的${percent(ratio)}`;
  return {
    ...frame,
    value: anticipated,
    ratio,
    cagr,
    status,
    statusCode: ANTICIPATED_CODES[status],
    explanation: `${trend}${ratioText}，${status}。`,
  };
}

const ANTICIPATED_CODES: Record<AnticipatedStatus, AnticipatedStatusCode> = {
  预计可达标: 'on_track',
  需加快进度: 'accelerate',
  需扭转趋势: 'reverse',
  无法预测: 'not_assessable',
};

function anticipatedStatus(
  anticipated: number,
  base: number,
  target: number,
  op: TargetOp,
  decimals: number,
  ratio: number | null,
): AnticipatedStatus {
  if (meetsTarget(anticipated, target, op, decimals)) return '预计可达标';
  // The base already met the target (or equals it) and the trend leaves it: reverse.
  if (ratio === null || meetsTarget(base, target, op, decimals) || ratio < 0) return '需扭转趋势';
  return ratio >= 1 ? '预计可达标' : '需加快进度';
}
