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
  /** The reason given at 定稿 and the error findings then open (table-inputs YearFinality). */
  signOff?: { note: string; openErrors: number } | null;
}

/** The layouts of one export: one table, or for findings a summary and one sheet per bureau. */
export function exportLayouts(input: ExportInput): TableLayout[] {
  const { schema, region, year, reconciled } = input;
  const openErrors = reconciled.findings.filter((f) => f.year === year && f.severity === 'error' && f.status === 'open').length;
  const yearState = { signedOff: input.signedOff, openErrors, signOff: input.signOff ?? null };
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
    if (layouts.length !== 1) throw new UserError('csv_single_table', `此导出含 ${layouts.length} 个工作表（核对问题清单按单位分表，或各地区分表），CSV 只能存一张表，请导出为 .xlsx。`);
    return writeTableCsv(layouts[0]!);
  }
  throw new UserError('bad_export_format', `不能导出为“${fileName}”：请使用 .xlsx 或 .csv 文件名。`);
}

// --- File names -----------------------------------------------------------------------------

/**
 * Windows refuses these in file names, and a slash makes a name a path. Each becomes its
 * full-width twin rather than one shared `_`, so that regions `a/b`, `a:b` and `a*b` stay three
 * names (`a／b`, `a：b`, `a＊b`) instead of all becoming `a_b`.
 */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '\\': '＼', '/': '／', ':': '：', '*': '＊', '?': '？', '"': '＂', '<': '＜', '>': '＞', '|': '｜',
};
const RESERVED_ON_WINDOWS = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
/** Linux allows 255 bytes per name; Chinese takes three bytes a character in UTF-8. */
const MAX_NAME_BYTES = 240;

/** A file name from table words (region, bureau, year…): no path, no character any system refuses. */
export function safeFileName(stem: string, extension: string): string {
  let name = stem
    .replace(/[\\/:*?"<>|]/g, (c) => FULL_WIDTH[c] ?? '_')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '_')
    .replace(/\s+/g, '_')
    // A leading dot hides the file; Windows drops trailing dots and spaces.
    .replace(/^[.]+|[.]+$/g, '');
  if (name === '') name = '未命名';
  if (RESERVED_ON_WINDOWS.test(name)) name = `_${name}`;
  const suffix = `.${extension}`;
  while (Buffer.byteLength(name + suffix, 'utf8') > MAX_NAME_BYTES) name = [...name].slice(0, -1).join('');
  return name + suffix;
}

/**
 * The names made distinct as the file systems officers use compare them (letter case ignored on
 * Windows and macOS, composed and decomposed forms alike): a later duplicate gets （2）, （3）….
 */
export function distinctFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  const key = (name: string) => name.normalize('NFC').toLowerCase();
  return names.map((name) => {
    let candidate = name;
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    for (let n = 2; taken.has(key(candidate)); n++) candidate = `${stem}（${n}）${extension}`;
    taken.add(key(candidate));
    return candidate;
  });
}
