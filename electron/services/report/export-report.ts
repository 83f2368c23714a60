import { UserError } from '../../../shared/api/errors';
import type { ReturnSummary } from '../../../shared/domain';
import type { ConsolidatedValue, ReconciledFinding } from '../../../shared/reconcile/consolidate';
import { PROGRESS_METHOD_NOTE } from '../../../shared/reconcile/progress';
import { progressOfValues } from '../../../shared/reconcile/progress-of-values';
import { draftReport } from '../../../shared/report/draft-report';
import type { ReportKind } from '../../../shared/report/report-document';
import type { Schema } from '../../../shared/domain';
import { safeFileName } from '../export-tables';
import { writeReport } from './write-report';

export interface ReportRequest {
  schema: Schema;
  region: string;
  year: number;
  /** Left out: 终期评估 from the target year on, 中期评估 before it. */
  kind?: ReportKind;
  /** Values along the plan period up to the year: what the evaluation table of the year is built from. */
  values: readonly ConsolidatedValue[];
  /** The year's findings. */
  findings: readonly ReconciledFinding[];
  returns: readonly ReturnSummary[];
  signedOff: boolean;
  signedAt: string | null;
  /** The reason given at 定稿 and the error findings then open, when a reason was given. */
  signOff?: { note: string; openErrors: number } | null;
  draftedOn?: Date;
}

/** The kind a year allows: the final evaluation is of the target year (or later), a mid-term one of a year inside the period. */
export function reportKindFor(schema: Pick<Schema, 'baseYear' | 'targetYear'>, year: number, asked?: ReportKind): ReportKind {
  const { baseYear, targetYear } = schema;
  if (year <= baseYear) {
    throw new UserError('report_year', `${year}年不在规划期内（基期${baseYear}年，目标年${targetYear}年），无法起草评估报告。请选择${baseYear + 1}年至${targetYear}年之间的年度。`);
  }
  const fitting: ReportKind = year >= targetYear ? 'final' : 'midterm';
  if (asked !== undefined && asked !== fitting) {
    throw new UserError(
      'report_kind',
      asked === 'final'
        ? `终期评估以目标年（${targetYear}年）为评估年，${year}年在规划期中间，请起草中期评估报告，或改选${targetYear}年。`
        : `中期评估的评估年应在基期年（${baseYear}年）与目标年（${targetYear}年）之间，${year}年请起草终期评估报告。`,
    );
  }
  return fitting;
}

/**
 * 评估报告（指标部分）草稿 as a named .docx: the evaluation table's rows for the region and year
 * (the same values, the same progress), written in sentences, tables and charts.
 */
export async function exportReport(request: ReportRequest): Promise<{ name: string; bytes: Uint8Array }> {
  const { schema, region, year } = request;
  const kind = reportKindFor(schema, year, request.kind);
  const open = request.findings.filter((f) => f.year === year && f.status === 'open');
  const report = draftReport({
    schema,
    region,
    year,
    kind,
    values: request.values,
    progress: progressOfValues(schema.indicators, request.values, region, year),
    yearState: { signedOff: request.signedOff, signedAt: request.signedAt, openErrors: open.filter((f) => f.severity === 'error').length, signOff: request.signOff ?? null },
    returns: request.returns.filter((r) => r.year === year && r.state === 'counted'),
    openFindings: open,
    methodNote: PROGRESS_METHOD_NOTE,
    draftedOn: request.draftedOn ?? new Date(),
  });
  return { name: safeFileName(report.fileStem, 'docx'), bytes: await writeReport(report) };
}
