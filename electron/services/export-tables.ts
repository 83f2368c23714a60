import { UserError } from '../../shared/api/errors';
import type { Schema } from '../../shared/domain';
import type { ReconcileResult } from '../../shared/reconcile/consolidate';
import { PROGRESS_METHOD_NOTE } from '../../shared/reconcile/progress';
import { progressOfValues } from '../../shared/reconcile/progress-of-values';
import { buildAnnualTable } from '../../shared/tables/annual-table';
import { buildEvaluationTable } from '../../shared/tables/evaluation-table';
import { buildFindingsTables } from '../../shared/tables/findings-table';
import { buildPeriodTable } from '../../shared/tables/period-table';
import type { TableLayout } from '../../shared/tables/table-layout';
import type { ReturnSummary } from '../../shared/api/contract';
import { writeTableCsv } from './csv/write-csv';
import { writeTableWorkbook } from './xlsx/write-table';

import type { ExportKind } from '../../shared/api/contract';
export const EXPORT_KINDS: readonly ExportKind[] = ['annual', 'evaluation', 'findings', 'period'];

export interface ExportInput {
  schema: Schema;
  region: string;
  year: number;
  kind: ExportKind;
  reconciled: ReconcileResult;
  returns: ReturnSummary[];
  signedOff: boolean;
}

/** The layouts of one export: one table, or for findings a summary and one sheet per bureau. */
export function exportLayouts(input: ExportInput): TableLayout[] {
  const { schema, region, year, reconciled } = input;
  const openErrors = reconciled.findings.filter((f) => f.year === year && f.severity === 'error' && f.status === 'open').length;
  const yearState = { signedOff: input.signedOff, openErrors };
  const values = reconciled.values;
  const progress = progressOfValues(schema.indicators, values, region, year);
  const common = { schema, region, values, progress, yearState, progressMethodNote: PROGRESS_METHOD_NOTE };
  switch (input.kind) {
    case 'annual':
      return [buildAnnualTable({ ...common, year })];
    case 'evaluation':
      return [buildEvaluationTable({ ...common, year })];
    case 'period':
      return [buildPeriodTable({ ...common, latestYear: year })];
    case 'findings': {
      const contacts = input.returns
        .filter((r) => r.year === year && r.state === 'counted' && r.bureau)
        .map((r) => ({ bureau: r.bureau!, contactPerson: r.contactPerson, contactPhone: r.contactPhone, file: r.file }));
      return buildFindingsTables({ year, findings: reconciled.findings.filter((f) => f.year === year), contacts });
    }
  }
}

/** The file's bytes in the format its extension asks for. */
export async function renderExport(layouts: TableLayout[], fileName: string): Promise<Uint8Array> {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'xlsx') return writeTableWorkbook(layouts);
  if (extension === 'csv') {
    if (layouts.length !== 1) throw new UserError('csv_single_table', '核对问题清单按单位分为多个工作表，只能导出为 .xlsx。');
    return writeTableCsv(layouts[0]!);
  }
  throw new UserError('bad_export_format', `不能导出为“${fileName}”：请使用 .xlsx 或 .csv 文件名。`);
}
