import type { ProgressStatus } from '../domain';
import type { TableCell } from '../tables/table-layout';

/**
 * The 评估报告（指标部分）as content: headings, sentences, tables and charts in reading order,
 * with every figure already in the words and decimals it is printed in. What a page looks like
 * (fonts, margins, page numbers) is the writer's business in electron/services/report/.
 */

/** 中期评估: a year inside the plan period, judged against elapsed time; 终期评估: the target year. */
export type ReportKind = 'final' | 'midterm';

export const REPORT_KIND_LABELS: Record<ReportKind, string> = { final: '终期评估', midterm: '中期评估' };

/** A stretch of text; a placeholder is the marked place a bureau fills in (highlighted). */
export interface ReportRun {
  text: string;
  mark?: 'placeholder' | 'lead';
}

export interface ReportTable {
  /** 表1　社会保障情况指标完成情况（2023年） */
  caption: string;
  /** A title may break its line at \n (基期值\n2020年). */
  columns: { title: string; /** Millimetres on the page. */ width: number; align: 'left' | 'center' | 'right' }[];
  rows: TableCell[][];
}

/** Each indicator's 完成进度 as a bar, against the 时间进度 line. */
export interface ProgressChart {
  /** 图1　社会保障情况指标完成进度与时间进度（2023年） */
  caption: string;
  /** Share of the plan period elapsed, in percent (100 in the final evaluation). */
  elapsed: number;
  bars: { label: string; /** Percent; null where no progress can be computed. */ progress: number | null; status: ProgressStatus }[];
}

export type ReportBlock =
  /** Level 1: 一、总体情况 (黑体); level 2: （一）社会保障情况 (楷体). */
  | { kind: 'heading'; level: 1 | 2; text: string }
  | { kind: 'paragraph'; runs: ReportRun[]; align?: 'right' }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'chart'; chart: ProgressChart };

export interface ReportDocument {
  kind: ReportKind;
  region: string;
  year: number;
  /** 临沂市养老托育服务具体指标中期评估报告 */
  title: string;
  /** （指标部分） */
  titleNote: string;
  /** True while the year is not signed off or has open errors. */
  draft: boolean;
  /** Under the title: （初稿　2026年1月15日） or （2026年1月15日）. */
  stateLine: string;
  /** Why it is a draft, or when the year was signed off. */
  stateNotice: string;
  /** The drafting date, 2026年1月15日. */
  date: string;
  blocks: ReportBlock[];
  /** A file name without extension: 临沂市2023年中期评估报告. */
  fileStem: string;
}

/** The placeholder a bureau replaces with its explanation. */
export const EXPLANATION_PLACEHOLDER = '【请填写原因及下一步措施】';
