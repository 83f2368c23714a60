import type { Attribute, Indicator } from '../domain';
import { printDecimals } from '../format/figures';
import { effectiveComparator, meetsTarget } from '../reconcile/progress';
import { targetCell } from './annual-table';
import {
  draftNotice,
  indexValues,
  isDraft,
  publishedIndicators,
  subjectOf,
  type ProgressByCode,
  type TableSchema,
  reportedFiguresOf,
  type TableValue,
  type YearFinality,
} from './table-inputs';
import { computedCell, numberCell, textCell, yearLabel, type TableCell, type TableLayout, type TableMerge } from './table-layout';

export interface EvaluationTableInput {
  schema: TableSchema;
  region: string;
  /** The year evaluated: a mid-term year, or the target year for the final evaluation. */
  year: number;
  values: readonly TableValue[];
  progress: ProgressByCode;
  yearState: YearFinality;
  progressMethodNote?: string;
}

/** 已达标 / 未达标 / 进度正常 (on track, before the target year) / 无法评估. */
export type Verdict = '已达标' | '未达标' | '进度正常' | '无法评估';

export const VERDICTS: readonly Verdict[] = ['已达标', '进度正常', '未达标', '无法评估'];

const ATTRIBUTE_ORDER: readonly Attribute[] = ['约束性', '预期性', ''];

const COLUMNS = [
  { width: 6, align: 'center' },
  { width: 14, align: 'center' },
  { width: 38, align: 'left' },
  { width: 8, align: 'center' },
  { width: 8, align: 'center' },
  { width: 11, align: 'right' },
  { width: 11, align: 'right' },
  { width: 11, align: 'right' },
  { width: 11, align: 'right' },
  { width: 10, align: 'center' },
] as const;

/**
 * Whether a value meets the target under its comparator (progress.ts's rule: a bare figure by
 * the indicator's direction, = within half a unit of the published decimals). Null when there is
 * no value or no numeric target (持续提高 is judged by a person).
 */
export function targetMet(indicator: Indicator, value: number | null): boolean | null {
  if (value === null || indicator.targetValue === null) return null;
  return meetsTarget(value, indicator.targetValue, effectiveComparator(indicator), indicator.decimals);
}

/** The verdict of one indicator in the evaluated year. */
export function judgeIndicator(indicator: Indicator, year: number, value: number | null, progressStatus: string | undefined): Verdict {
  const met = targetMet(indicator, value);
  if (met === true) return '已达标';
  if (met === null) return progressStatus === '已达标' ? '已达标' : '无法评估';
  // Before the target year, an indicator on the straight line is on track; at the end it is not met.
  if (year < indicator.targetYear && progressStatus === '进度正常') return '进度正常';
  return '未达标';
}

/**
 * 中期/终期评估表: per indicator baseline → target → the year's value → verdict, grouped by
 * attribute (约束性 first) when the schema has attributes, with the counts at the top.
 */
export function buildEvaluationTable(input: EvaluationTableInput): TableLayout {
  const { schema, region, year } = input;
  const valueOf = indexValues(input.values);
  const indicators = publishedIndicators(schema);
  const final = year >= schema.targetYear;
  const kind = final ? '终期评估' : '中期评估';
  const grouped = indicators.some((i) => i.attribute !== '');

  const body: TableCell[][] = [];
  const bodyMerges: TableMerge[] = [];
  const counts = new Map<Verdict, number>(VERDICTS.map((v) => [v, 0]));
  const groups = grouped ? ATTRIBUTE_ORDER.map((a) => ({ attribute: a, rows: indicators.filter((i) => i.attribute === a) })) : [{ attribute: null, rows: indicators }];
  let seq = 0;
  let groupNo = 0;
  for (const group of groups) {
    if (group.rows.length === 0) continue;
    if (group.attribute !== null) {
      const ordinal = CHINESE_ORDINALS[groupNo++] ?? String(groupNo);
      const label = group.attribute === '' ? '未标明属性的指标' : `${group.attribute}指标`;
      bodyMerges.push({ top: body.length, left: 0, bottom: body.length, right: COLUMNS.length - 1 });
      body.push([textCell(`${ordinal}、${label}（${group.rows.length} 项）`), ...COLUMNS.slice(1).map(() => textCell(''))]);
    }
    for (const indicator of group.rows) {
      const consolidated = valueOf(indicator.code, region, year);
      const value = consolidated?.value ?? null;
      const decimals = printDecimals(indicator.decimals, [indicator.baselineValue, indicator.targetValue, ...reportedFiguresOf(consolidated)]);
      const progress = input.progress.get(indicator.code);
      const verdict = judgeIndicator(indicator, year, value, progress?.status);
      counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
      seq++;
      body.push([
        numberCell(seq, 0),
        textCell(indicator.area),
        textCell(indicator.name),
        textCell(indicator.unit),
        textCell(indicator.attribute),
        numberCell(indicator.baselineValue, decimals),
        targetCell(indicator, decimals),
        numberCell(value, decimals),
        computedCell(progress?.progress == null ? null : progress.progress * 100, 1),
        textCell(verdict),
      ]);
    }
  }

  const shownVerdicts = VERDICTS.filter((v) => final ? v !== '进度正常' : true);
  const countLine = `共 ${seq} 项指标：${shownVerdicts.map((v) => `${v} ${counts.get(v) ?? 0} 项`).join('，')}。`;
  const notice = draftNotice(year, input.yearState);
  const notes = [
    `评估口径：有比较符号的目标按其比较（≥、≤）判断；未标比较符号的目标，数值越大越好的指标以达到或超过目标值为达标，越小越好的指标以不超过目标值为达标。${final ? '' : '未达标但完成进度不低于时间进度的指标列为“进度正常”。'}定性目标由人工评估。`,
    ...(input.progressMethodNote ? [input.progressMethodNote] : []),
  ];
  return {
    sheetName: `${yearLabel(year)}${kind}`,
    title: `${region}${subjectOf(schema)}${kind}表（${yearLabel(year)}）`,
    subtitles: [...(notice ? [notice] : []), countLine],
    columns: COLUMNS.map(({ width, align }) => ({ width, align })),
    header: [['序号', '领域', '指标名称', '单位', '属性', `基期值（${yearLabel(schema.baseYear)}）`, `目标值（${yearLabel(schema.targetYear)}）`, `${yearLabel(year)}完成值`, '完成进度（%）', '评估结论']],
    headerMerges: [],
    body,
    bodyMerges,
    notes: notes.map((n, i) => `${i === 0 ? '注：' : '　　'}${i + 1}. ${n}`),
    draft: isDraft(input.yearState),
    frozenColumns: 3,
  };
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
