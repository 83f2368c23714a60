import { printDecimals } from '../format/figures';
import { groupMerges, indicatorCells, targetCell } from './annual-table';
import {
  draftNotice,
  signOffNote,
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
import { flattenHeader, numberCell, textCell, yearLabel, type TableCell, type TableLayout, type TableMerge } from './table-layout';

export interface PeriodTableInput {
  schema: TableSchema;
  region: string;
  values: readonly TableValue[];
  /** The latest year with figures: its progress is shown, later years are printed as —. */
  latestYear: number;
  /** Progress of each indicator in `latestYear`. */
  progress: ProgressByCode;
  /** The state of `latestYear`. */
  yearState: YearFinality;
  progressMethodNote?: string;
}

/**
 * 规划期情况表: each indicator's path over the plan period: baseline, every year from the
 * year after the base year to the target year, the target, and the latest year's status.
 */
export function buildPeriodTable(input: PeriodTableInput): TableLayout {
  const { schema, region } = input;
  const valueOf = indexValues(input.values);
  const indicators = publishedIndicators(schema);
  const years: number[] = [];
  for (let y = schema.baseYear + 1; y <= schema.targetYear; y++) years.push(y);

  const fixed = ['指标', '', '', '单位', `基期值（${yearLabel(schema.baseYear)}）`];
  const tail = [`目标值（${yearLabel(schema.targetYear)}）`, `进度状态（${yearLabel(input.latestYear)}）`];
  const header = [
    [...fixed, `${yearLabel(years[0] ?? schema.targetYear)}—${yearLabel(schema.targetYear)}完成值`, ...years.slice(1).map(() => ''), ...tail],
    [...fixed.map(() => ''), ...years.map(yearLabel), ...tail.map(() => '')],
  ];
  const yearStart = fixed.length;
  const tailStart = yearStart + years.length;
  const headerMerges: TableMerge[] = [
    { top: 0, left: 0, bottom: 1, right: 2 },
    { top: 0, left: 3, bottom: 1, right: 3 },
    { top: 0, left: 4, bottom: 1, right: 4 },
    ...(years.length > 1 ? [{ top: 0, left: yearStart, bottom: 0, right: tailStart - 1 }] : []),
    { top: 0, left: tailStart, bottom: 1, right: tailStart },
    { top: 0, left: tailStart + 1, bottom: 1, right: tailStart + 1 },
  ];

  const body: TableCell[][] = indicators.map((indicator) => {
    const yearValues = years.map((y) => (y > input.latestYear ? undefined : valueOf(indicator.code, region, y)));
    const decimals = printDecimals(indicator.decimals, [indicator.baselineValue, indicator.targetValue, ...yearValues.flatMap(reportedFiguresOf)]);
    return [
      ...indicatorCells(indicator, decimals),
      ...yearValues.map((v) => (v === undefined ? ({ kind: 'none' } as const) : numberCell(v.value, decimals))),
      targetCell(indicator, decimals),
      textCell(input.progress.get(indicator.code)?.status),
    ];
  });

  const notice = draftNotice(input.latestYear, input.yearState);
  const signed = signOffNote(input.latestYear, input.yearState);
  const notes = ['“—”表示无数据或尚未到该年份。', ...(signed ? [signed] : []), ...(input.progressMethodNote ? [input.progressMethodNote] : [])];
  return {
    sheetName: '规划期情况',
    title: `${region}${subjectOf(schema)}规划期完成情况（${yearLabel(schema.baseYear)}—${yearLabel(schema.targetYear)}）`,
    subtitles: [...(notice ? [notice] : []), `地区：${region}　　数据截至：${yearLabel(input.latestYear)}`],
    columns: [
      { width: 14, align: 'center' },
      { width: 7, align: 'center' },
      { width: 36, align: 'left' },
      { width: 8, align: 'center' },
      { width: 11, align: 'right' },
      ...years.map(() => ({ width: 10, align: 'right' as const })),
      { width: 11, align: 'right' },
      { width: 12, align: 'center' },
    ],
    header,
    flatHeader: ['领域', '类别', '指标名称', ...flattenHeader({ header, headerMerges }).slice(3)],
    headerMerges,
    body,
    bodyMerges: groupMerges(indicators),
    notes: notes.map((n, i) => `${i === 0 ? '注：' : '　　'}${i + 1}. ${n}`),
    draft: isDraft(input.yearState),
    frozenColumns: 3,
  };
}
