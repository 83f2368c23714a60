import type { Indicator } from '../domain';
import { formatNumber, printDecimals } from '../format/figures';
import {
  draftNotice,
  signOffNote,
  indexValues,
  isDraft,
  publishedIndicators,
  subjectOf,
  targetShown,
  type ProgressByCode,
  type TableSchema,
  reportedFiguresOf,
  type TableValue,
  type YearFinality,
} from './table-inputs';
import { computedCell, flattenHeader, mergeRuns, numberCell, textCell, yearLabel, type TableCell, type TableLayout, type TableMerge } from './table-layout';

export interface AnnualTableInput {
  schema: TableSchema;
  region: string;
  year: number;
  values: readonly TableValue[];
  /** Progress of each indicator for this region and year (assessProgress). */
  progress: ProgressByCode;
  yearState: YearFinality;
  /** PROGRESS_METHOD_NOTE: DESIGN asks every export to name the progress method. */
  progressMethodNote?: string;
}

/** Columns of the annual table, left to right. */
const COLUMNS = [
  { key: 'area', width: 14, align: 'center' },
  { key: 'category', width: 7, align: 'center' },
  { key: 'name', width: 38, align: 'left' },
  { key: 'unit', width: 8, align: 'center' },
  { key: 'baseline', width: 11, align: 'right' },
  { key: 'target', width: 11, align: 'right' },
  { key: 'actual', width: 11, align: 'right' },
  { key: 'progress', width: 11, align: 'right' },
  { key: 'status', width: 10, align: 'center' },
  { key: 'reporter', width: 20, align: 'left' },
] as const;

/**
 * 年度汇总表 in the publication layout of 临沂市养老托育服务具体指标 (seed 001): 指标 spanning
 * 领域, 类别 and name, areas and categories merged down, unit, baseline and target, then the
 * year's 完成值, progress and status, and the 填报单位.
 */
export function buildAnnualTable(input: AnnualTableInput): TableLayout {
  const { schema, region, year } = input;
  const valueOf = indexValues(input.values);
  const indicators = publishedIndicators(schema);

  const header = [
    ['指标', '', '', '单位', `基期值（${yearLabel(schema.baseYear)}）`, `目标值（${yearLabel(schema.targetYear)}）`, yearLabel(year), '', '', '填报单位'],
    ['', '', '', '', '', '', '完成值', '完成进度（%）', '进度状态', ''],
  ];
  const headerMerges: TableMerge[] = [
    { top: 0, left: 0, bottom: 1, right: 2 },
    ...[3, 4, 5, 9].map((col) => ({ top: 0, left: col, bottom: 1, right: col })),
    { top: 0, left: 6, bottom: 0, right: 8 },
  ];

  const body: TableCell[][] = indicators.map((indicator) => {
    const value = valueOf(indicator.code, region, year);
    const progress = input.progress.get(indicator.code);
    const decimals = printDecimals(indicator.decimals, [indicator.baselineValue, indicator.targetValue, ...reportedFiguresOf(value)]);
    return [
      ...indicatorCells(indicator, decimals),
      targetCell(indicator, decimals),
      numberCell(value?.value, decimals),
      // Progress as a percentage: the fraction times 100, one decimal.
      computedCell(progress?.progress == null ? null : progress.progress * 100, 1),
      textCell(progress?.status),
      textCell(indicator.reporter),
    ];
  });

  const draft = isDraft(input.yearState);
  const notice = draftNotice(year, input.yearState);
  return {
    sheetName: `${yearLabel(year)}汇总表`,
    title: `${region}${yearLabel(year)}${subjectOf(schema)}完成情况`,
    subtitles: [...(notice ? [notice] : []), `地区：${region}　　年度：${yearLabel(year)}`],
    columns: COLUMNS.map(({ width, align }) => ({ width, align })),
    header,
    flatHeader: ['领域', '类别', '指标名称', ...flattenHeader({ header, headerMerges }).slice(3)],
    headerMerges,
    body,
    bodyMerges: groupMerges(indicators),
    notes: annualNotes(indicators, region, year, input),
    draft,
    frozenColumns: 3,
  };
}

/** 领域, 类别, 指标名称, 单位 and 基期值: how every consolidated table opens an indicator's row. */
export function indicatorCells(indicator: Indicator, decimals: number): TableCell[] {
  return [textCell(indicator.area), textCell(indicator.category), textCell(indicator.name), textCell(indicator.unit), numberCell(indicator.baselineValue, decimals)];
}

/** 目标值 as printed: ≥95 or 持续提高 as text, a bare target at the row's decimals. */
export function targetCell(indicator: Indicator, decimals: number): TableCell {
  const shown = targetShown(indicator);
  return shown.kind === 'number' ? numberCell(shown.value, decimals) : shown.kind === 'text' ? textCell(shown.value) : { kind: 'none' };
}

/**
 * 领域 merged down its rows; 类别 merged down within its area. An area without categories
 * (社会保障情况) spans both columns, as the publication prints it.
 */
export function groupMerges(indicators: readonly Indicator[]): TableMerge[] {
  const merges: TableMerge[] = [];
  let start = 0;
  for (let i = 1; i <= indicators.length; i++) {
    if (i < indicators.length && indicators[i]!.area === indicators[start]!.area) continue;
    const rows = indicators.slice(start, i);
    if (rows.every((r) => r.category === '')) {
      merges.push({ top: start, left: 0, bottom: i - 1, right: 1 });
    } else {
      if (i - 1 > start) merges.push({ top: start, left: 0, bottom: i - 1, right: 0 });
      for (const m of mergeRuns(rows.map((r) => r.category || null), 1)) merges.push({ ...m, top: m.top + start, bottom: m.bottom + start });
    }
    start = i;
  }
  return merges;
}

const RESOLUTION_WORDS: Record<string, string> = {
  override: '为人工核定值',
  choose: '为多个单位报送数值不一致时选定的数值',
  confirm: '经核对确认',
  map: '由人工对应指标后计入',
};

function annualNotes(indicators: readonly Indicator[], region: string, year: number, input: AnnualTableInput): string[] {
  const notes: string[] = ['“—”表示无数据（无基期数据、尚未报送或该指标无统计）。'];
  const valueOf = indexValues(input.values);
  for (const indicator of indicators) {
    const v = valueOf(indicator.code, region, year);
    if (!v?.resolution) continue;
    const words = RESOLUTION_WORDS[v.resolution.action] ?? '经核对处理';
    const shown = v.value === null ? '—' : `${formatNumber(v.value)}${indicator.unit === '%' ? '%' : indicator.unit}`;
    const note = v.resolution.note.trim() !== '' ? `（说明：${v.resolution.note.trim()}）` : '';
    notes.push(`${indicator.name}${yearLabel(year)}完成值 ${shown} ${words}${note}。`);
  }
  const signed = signOffNote(year, input.yearState);
  if (signed) notes.push(signed);
  if (input.progressMethodNote) notes.push(input.progressMethodNote);
  return notes.map((n, i) => `${i === 0 ? '注：' : '　　'}${i + 1}. ${n}`);
}
