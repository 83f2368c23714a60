import type {
  ChaseItem,
  Completeness,
  ExportKind,
  FileBytes,
  ImportFileResult,
  ImportOverride,
  ImportPreview,
  ProgressRow,
  ReportedValueRow,
  ResolutionRequest,
  ReturnSummary,
  SourceContext,
} from '../../shared/api/contract';
import type { Finding, Schema, SchemaSummary, Value } from '../../shared/domain';
import type { Channel } from '../../shared/import/remedies';
import { summarizeSchema } from '../../shared/domain';
import type { ReconcileResult } from '../../shared/reconcile/consolidate';
import { listIndicatorAliases } from '../store/aliases';
import { UserError } from '../../shared/api/errors';
import { unsafeNameProblem } from '../../shared/schema/validate-schema';
import { bureauIndex, canonicalBureau, type Bureau } from '../../shared/domain';
import { subjectOf } from '../../shared/tables/table-inputs';
import { appendAudit, listAudit, type AuditEntry } from '../store/audit';
import { acceptIntegrityProblems, standingIntegrityProblems, type IntegrityProblem } from '../store/integrity';
import { insertBureau } from '../store/schema-copy';
import { requireWritable, type Workbook } from '../store/open';
import { listRegions } from '../store/regions';
import { latestReportedYear, listReportedValueRows } from '../store/reported-values';
import { listReturns } from '../store/returns';
import { readSchemaCopy } from '../store/schema-copy';
import { listBuiltinSchemas } from './builtin-schemas';
import type { ReporterSelection } from '../../shared/schema/reporters';
import { assignReporters, confirmProposedReporters, type ReporterChange } from './assign-reporters';
import { planTemplates, type TemplatePlan } from '../../shared/tables/template-plan';
import { readMeta } from '../store/meta';
import { readYearState, type YearState } from '../store/year-state';
import { exportLayouts, renderExport, safeFileName } from './export-tables';
import { chaseList, completeness } from './completeness';
import { progressRows } from './progress-rows';
import { sourceContext } from './source-context';
import type { Actor } from '../store/actor';
import { buildImportContext, type ImportContext } from './import-context';
import { templateFileNames, writeTemplate } from './xlsx/write-template';
import { reopenYear, signOffYear } from './year-signoff';
import { importFiles, previewFile } from './import-returns';
import { correctReturn, restoreReturn, withdrawReturn } from './manage-returns';
import { reconcileWorkbook } from './reconcile-workbook';
import { resolveFinding } from './resolve-finding';

/**
 * The services for one open workbook. The CLI calls them directly; the app reaches them through
 * AppService (the API contract); none of the callers touches the store.
 */
const EXPORT_NAMES: Record<ExportKind, string> = { annual: '年度汇总表', evaluation: '评估表', findings: '核对问题清单', period: '规划期汇总表' };

export class WorkbookService {
  private schemaCache: Schema | null = null;
  /** Who acts: the OS account, and the 操作人 name the officer may change in the app. */
  readonly actor: Actor;

  constructor(readonly workbook: Workbook) {
    this.actor = { ...workbook.actor };
  }

  setOperator(name: string): void {
    const unsafe = unsafeNameProblem('操作人', name);
    if (unsafe) throw new UserError('bad_operator', unsafe);
    this.actor.operator = name.trim() || this.actor.osUser;
  }

  get schema(): Schema {
    this.schemaCache ??= readSchemaCopy(this.workbook.db);
    return this.schemaCache;
  }

  private get db() {
    return requireWritable(this.workbook);
  }

  private importContext(): ImportContext {
    const regions = listRegions(this.workbook.db).map((r) => r.name);
    return buildImportContext(this.schema, regions, listIndicatorAliases(this.workbook.db));
  }

  reconcile(years: number[] = []): ReconcileResult {
    return reconcileWorkbook(this.workbook.db, this.schema, years);
  }

  async listSchemas(): Promise<SchemaSummary[]> {
    return listBuiltinSchemas().map(summarizeSchema);
  }

  async previewImport(arg: { file: FileBytes; year?: number; override?: ImportOverride }): Promise<ImportPreview> {
    return previewFile(this.workbook.db, this.importContext(), arg.file, {
      ...(arg.year === undefined ? {} : { year: arg.year }),
      ...(arg.override === undefined ? {} : { override: arg.override }),
    });
  }

  async importReturns(arg: {
    files: FileBytes[];
    year?: number;
    override?: ImportOverride;
    onProgress?: (done: number, total: number, current: string) => void;
    signal?: AbortSignal;
    /** The command line passes 'cli', so that refusals name its flags rather than the preview. */
    channel?: Channel;
  }): Promise<ImportFileResult[]> {
    return importFiles(this.db, this.actor, this.importContext(), arg.files, arg);
  }

  async listReturns(arg: { year?: number } = {}): Promise<ReturnSummary[]> {
    const all = listReturns(this.workbook.db);
    return arg.year === undefined ? all : all.filter((r) => r.year === arg.year);
  }

  async withdrawReturn(arg: { returnId: number; note?: string }): Promise<ReturnSummary> {
    return withdrawReturn(this.db, this.actor, this.schema, arg.returnId, arg.note);
  }

  async restoreReturn(arg: { returnId: number; note?: string }): Promise<ReturnSummary> {
    return restoreReturn(this.db, this.actor, this.schema, arg.returnId, arg.note);
  }

  async correctReturn(arg: { returnId: number; bureau?: string; region?: string; year?: number; note?: string }): Promise<ReturnSummary> {
    const { returnId, note, ...correction } = arg;
    return correctReturn(this.db, this.actor, this.importContext(), returnId, correction, note);
  }

  /**
   * Published indicators only, every region of the workbook (or the one asked for); without a
   * year, every year of the plan period side by side (and later years with figures).
   */
  /** 报送明细: the year's reported cells from counted returns, matched or not. */
  async listReportedValues(arg: { year: number; region?: string }): Promise<ReportedValueRow[]> {
    return listReportedValueRows(this.workbook.db, arg.year, arg.region);
  }

  async listValues(arg: { year?: number; region?: string } = {}): Promise<Value[]> {
    const years = arg.year === undefined ? this.planYears() : [arg.year];
    return this.reconcile(years)
      .values.filter((v) => !v.auxiliary)
      .filter((v) => years.includes(v.year))
      .filter((v) => arg.region === undefined || v.region === arg.region)
      .map(({ indicator, name, unit, region, year, value, status, sources, rollup }) => ({ indicator, name, unit, region, year, value, status, sources, ...(rollup ? { rollup } : {}) }));
  }

  /** The years after the base year up to the target year, and any later year with figures. */
  planYears(): number[] {
    const latest = Math.max(this.schema.targetYear, latestReportedYear(this.workbook.db) ?? 0);
    return Array.from({ length: latest - this.schema.baseYear }, (_, i) => this.schema.baseYear + 1 + i);
  }

  async listFindings(arg: { year?: number } = {}): Promise<Finding[]> {
    const years = arg.year === undefined ? [] : [arg.year];
    return this.reconcile(years).findings.filter((f) => arg.year === undefined || f.year === arg.year || f.year === null);
  }

  async resolveFinding(arg: { findingId: string; resolution: ResolutionRequest }): Promise<Finding> {
    return resolveFinding(this.db, this.actor, this.schema, arg.findingId, arg.resolution);
  }

  /** 填报单位 in bulk, by codes, area, responsible bureau or all unassigned. */
  async assignReporters(arg: { bureau: string } & ReporterSelection): Promise<ReporterChange[]> {
    const { bureau, ...selection } = arg;
    if (this.schema.bureaus.length === 0) {
      // A workbook made from a pasted indicator table starts with an empty list of bureaus.
      throw new UserError('no_bureaus', `工作簿的单位名单中还没有任何单位，无法指定“${bureau}”为填报单位。请先在单位名单中添加该单位，再指定填报单位。`);
    }
    const changes = assignReporters(this.db, this.actor, this.schema, bureau, selection);
    this.schemaCache = null;
    return changes;
  }

  async confirmProposedReporters(): Promise<ReporterChange[]> {
    const changes = confirmProposedReporters(this.db, this.actor, this.schema);
    this.schemaCache = null;
    return changes;
  }

  /** One table as a named file, .xlsx or .csv. */
  async exportTable(arg: { year: number; kind: ExportKind; format: 'xlsx' | 'csv'; region?: string }): Promise<FileBytes> {
    const region = arg.region ?? this.workbookRegion();
    const name = safeFileName(`${region}${arg.year}年${EXPORT_NAMES[arg.kind]}`, arg.format);
    return { name, bytes: await this.exportBytes({ ...arg, region, fileName: name }) };
  }

  /** One table as file bytes: the format follows the file name's extension (.xlsx or .csv). */
  async exportBytes(arg: { year: number; kind: ExportKind; fileName: string; region?: string }): Promise<Uint8Array> {
    const region = arg.region ?? this.workbookRegion();
    const layouts = exportLayouts({
      schema: this.schema,
      region,
      year: arg.year,
      kind: arg.kind,
      reconciled: this.reconcile([arg.year]),
      returns: await this.listReturns(),
      signedOff: readYearState(this.workbook.db, arg.year).signedOff,
    });
    return renderExport(layouts, arg.fileName);
  }

  /** 下发模板: one template per 填报单位 (and per sub-region asked for), as named files. */
  /** Each bureau's template for the year as it will be written; refuses while indicators lack a 填报单位. */
  async previewTemplates(arg: { year: number; regions?: string[] }): Promise<TemplatePlan[]> {
    const plans = planTemplates({
      schema: this.schema,
      workbookId: readMeta(this.workbook.db).workbookId,
      year: arg.year,
      regions: arg.regions ?? [this.workbookRegion()],
      values: this.reconcile([arg.year - 1]).values,
    });
    // The names the files will be written under: distinct per bureau and region, safe on Windows.
    const names = templateFileNames(plans, subjectOf(this.schema));
    return plans.map((plan, index) => ({ ...plan, fileName: names[index]! }));
  }

  async makeTemplates(arg: { year: number; regions?: string[] }): Promise<{ name: string; bytes: Uint8Array; bureau: string; region: string }[]> {
    const plans = await this.previewTemplates(arg);
    const names = plans.map((plan) => plan.fileName);
    const files = [];
    for (const [index, plan] of plans.entries()) {
      files.push({ name: names[index]!, bytes: await writeTemplate({ ...plan, fileName: names[index]! }), bureau: plan.bureau, region: plan.region });
    }
    return files;
  }

  async yearState(arg: { year: number }): Promise<YearState> {
    return readYearState(this.workbook.db, arg.year);
  }

  async signOffYear(arg: { year: number; note?: string }): Promise<YearState> {
    return signOffYear(this.db, this.actor, arg.year, arg.note ?? '', {
      schema: this.schema,
      findingIds: () => this.reconcile([arg.year]).findings.filter((f) => f.year === arg.year).map((f) => f.id),
    });
  }

  async reopenYear(arg: { year: number; note?: string }): Promise<YearState> {
    return reopenYear(this.db, this.actor, arg.year, arg.note);
  }

  async sourceContext(arg: { file: string; sheet: string; cell: string }): Promise<SourceContext> {
    return sourceContext(this.workbook.db, arg);
  }

  async completeness(arg: { year: number; region?: string }): Promise<Completeness> {
    return completeness(this.schema, this.reconcile([arg.year]), await this.listReturns(), arg.year, arg.region ?? this.workbookRegion());
  }

  async chaseList(arg: { year: number }): Promise<ChaseItem[]> {
    return chaseList(this.reconcile([arg.year]), await this.listReturns(), arg.year);
  }

  async progress(arg: { year: number; region?: string }): Promise<ProgressRow[]> {
    const years: number[] = [];
    for (let y = this.schema.baseYear + 1; y <= arg.year; y++) years.push(y);
    return progressRows(this.schema, this.reconcile(years).values, arg.year, arg.region ?? this.workbookRegion());
  }

  workbookRegion(): string {
    return listRegions(this.workbook.db)[0]?.name ?? this.schema.region;
  }

  async listAudit(): Promise<AuditEntry[]> {
    return listAudit(this.workbook.db);
  }

  /**
   * What does not hold in the workbook as the app left it (工作簿在本程序之外被修改过), as it
   * stands now: found on opening, and recorded in the audit by a writable open.
   */
  async integrityProblems(): Promise<IntegrityProblem[]> {
    return standingIntegrityProblems(this.workbook.db);
  }

  /**
   * The officer has checked the problems shown and accepts the workbook as it is: recorded in
   * the audit. A signed year's changed figures are not accepted this way (reopen the year).
   */
  async acceptIntegrityProblems(arg: { note?: string } = {}): Promise<IntegrityProblem[]> {
    const accepted = acceptIntegrityProblems(this.db, this.actor, arg.note?.trim() ?? '');
    this.schemaCache = null;
    return accepted;
  }

  /** 单位名单: the bureaus 填报单位 are chosen from, with the other names each goes by. */
  async listBureaus(): Promise<Bureau[]> {
    return this.schema.bureaus;
  }

  /**
   * Adds a bureau to the list (a workbook made from a pasted table has none, so no 填报单位 can
   * be assigned and no template made); one transaction, audited.
   */
  async addBureau(arg: { name: string; aliases?: string[] }): Promise<Bureau> {
    const name = arg.name.trim();
    const aliases = [...new Set((arg.aliases ?? []).map((a) => a.trim()).filter((a) => a !== '' && a !== name))];
    if (name === '') throw new UserError('bad_bureau', '单位名称不能为空。');
    for (const text of [name, ...aliases]) {
      if (text.length > 100) throw new UserError('bad_bureau', `单位名称“${text.slice(0, 20)}…”过长，请不超过 100 个字符。`);
      const unsafe = unsafeNameProblem('单位名称', text);
      if (unsafe) throw new UserError('bad_bureau', unsafe);
    }
    const index = bureauIndex(this.schema.bureaus);
    for (const text of [name, ...aliases]) {
      const existing = canonicalBureau(index, text);
      if (existing !== null) {
        throw new UserError('bureau_exists', existing === text ? `单位“${text}”已在单位名单中。` : `“${text}”已是单位名单中“${existing}”的名称或别名。`);
      }
    }
    const bureau: Bureau = { name, aliases };
    const db = this.db;
    db.transaction(() => {
      insertBureau(db, bureau);
      appendAudit(db, { osUser: this.actor.osUser, operator: this.actor.operator, action: 'add_bureau', target: name, after: bureau });
    })();
    this.schemaCache = null;
    return bureau;
  }
}
