import type {
  ChaseItem,
  Completeness,
  ExportKind,
  FileBytes,
  ImportFileResult,
  ImportOverride,
  ImportPreview,
  PreviewedImport,
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
import {
  normalizeBureauName,
  selfRegion,
  subregionsOf,
  UNASSIGNED_BUREAU,
  type AuditEntry,
  type Bureau,
  type BureauMoved,
  type BureauUsage,
  type IntegrityProblem,
  type UndoneChange,
  type YearState,
} from '../../shared/domain';
import { subjectOf } from '../../shared/tables/table-inputs';
import { appendAudit, latestSignOff, listAudit } from '../store/audit';
import { acceptIntegrityProblems, standingIntegrityProblems } from '../store/integrity';
import { requireWritable, type Workbook } from '../store/open';
import { listRegions } from '../store/regions';
import { schemaForRegion } from '../../shared/tables/region-plan';
import { safeSheetName } from '../../shared/tables/table-layout';
import { latestReportedYear, listReportedValueRows } from '../store/reported-values';
import { listReturns } from '../store/returns';
import { readSchemaCopy } from '../store/schema-copy';
import { listBuiltinSchemas } from './builtin-schemas';
import type { ReporterSelection } from '../../shared/schema/reporters';
import { assignReporters, confirmProposedReporters, type ReporterChange } from './assign-reporters';
import { planTemplates, type TemplatePlan } from '../../shared/tables/template-plan';
import { readMeta } from '../store/meta';
import { readYearState } from '../store/year-state';
import { exportLayouts, renderExport, safeFileName } from './export-tables';
import type { ReportKind } from '../../shared/report/report-document';
import { chaseList, completeness } from './completeness';
import { progressRows } from './progress-rows';
import { sourceContext } from './source-context';
import type { Actor } from '../store/actor';
import { buildImportContext, type ImportContext } from '../../shared/import/import-context';
import { templateFileNames, writeTemplate } from './xlsx/write-template';
import { reopenYear, signOffYear } from './year-signoff';
import { importFiles, itemOfBytes, itemOfPreview, previewFile, type ImportItem } from './import-returns';
import { PreviewCache } from './preview-cache';
import { correctReturn, restoreReturn, withdrawReturn } from './manage-returns';
import { reconcileWorkbook } from './reconcile-workbook';
import { ReconciledYears } from './reconciled-years';
import { yearsTouchedByReturns } from '../store/reported-values';
import { resolveFinding } from './resolve-finding';
import { addIndicator, addRule, editIndicator, previewIndicatorEdit, previewRemoveIndicator, removeIndicator, removeRule } from './edit-schema';
import type { Indicator, IndicatorChanges, IndicatorEditPreview, IndicatorEditResult, IndicatorRemoval, IndicatorRemovalPreview, NewIndicator, NewRule, Rule } from '../../shared/domain';
import { addBureau, listBureauUsage, mergeBureaus, renameBureau, type BureauContext } from './bureau-list';
import { undoLastChange } from './undo-change';

/** A default year and corrections, written one way, so that a preview's and its import's compare. */
function readOf(year: number | undefined, override: ImportOverride | undefined): { year?: number; override?: ImportOverride } {
  return { ...(year === undefined ? {} : { year }), ...(override === undefined ? {} : { override }) };
}

/**
 * The services for one open workbook. The CLI calls them directly; the app reaches them through
 * AppService (the API contract); none of the callers touches the store.
 */
const EXPORT_NAMES: Record<ExportKind, string> = { annual: '年度汇总表', evaluation: '评估表', findings: '核对问题清单', period: '规划期汇总表' };

export class WorkbookService {
  private schemaCache: Schema | null = null;
  /** Each year's values and findings once reckoned, until a write touches that year. */
  private readonly answers: ReconciledYears;
  /** Who acts: the OS account, and the 操作人 name the officer may change in the app. */
  readonly actor: Actor;
  /** What the previews read and laid out, until imported (or crowded out). */
  private readonly previews = new PreviewCache();
  /**
   * Counts changes to what laying a file out rests on (the schema, the remembered layouts): a
   * preview laid out before one is laid out again, from the grid it read, when imported.
   */
  private importBasis = 0;

  constructor(readonly workbook: Workbook) {
    this.actor = { ...workbook.actor };
    this.answers = new ReconciledYears(workbook.db, () => this.schema, workbook.keepAnswers, workbook.integrity.length === 0);
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

  /** The schema copy changed: every answer rests on it. */
  private schemaChanged(): void {
    this.schemaCache = null;
    this.answers.forget('all');
    this.importBasis++;
  }

  private importContext(): ImportContext {
    return buildImportContext(this.schema, listRegions(this.workbook.db), listIndicatorAliases(this.workbook.db));
  }

  /** The whole workbook: every year with figures (and `years` besides). */
  reconcile(years: number[] = []): ReconcileResult {
    return reconcileWorkbook(this.workbook.db, this.schema, years);
  }

  /** These years alone, each reckoned once until a write touches it. */
  reconciledYears(years: readonly number[]): ReconcileResult {
    return this.answers.of(years);
  }

  /** Years whose findings are reckoned now: what a summary may count without reconciling. */
  reckonedFindings(): Map<number, ReconcileResult['findings']> {
    return this.answers.reckonedFindings();
  }

  /** After a write that stored, withdrew or restored these returns. */
  private touchedReturns(returnIds: readonly number[]): void {
    if (returnIds.length > 0) this.answers.forget(yearsTouchedByReturns(this.workbook.db, returnIds));
  }

  async listSchemas(): Promise<SchemaSummary[]> {
    return listBuiltinSchemas().map(summarizeSchema);
  }

  /** Reads and lays out a file without storing it; what was read is kept for its import (PreviewedImport). */
  async previewImport(arg: { file: FileBytes; year?: number; override?: ImportOverride }): Promise<ImportPreview> {
    const { preview, kept } = await previewFile(this.workbook.db, this.importContext(), arg.file, readOf(arg.year, arg.override), this.importBasis);
    return { previewId: this.previews.put(kept), ...preview };
  }

  async importReturns(arg: {
    files: FileBytes[];
    previewed?: PreviewedImport[];
    year?: number;
    override?: ImportOverride;
    onProgress?: (done: number, total: number, current: string) => void;
    signal?: AbortSignal;
    /** The command line passes 'cli', so that refusals name its flags rather than the preview. */
    channel?: Channel;
  }): Promise<ImportFileResult[]> {
    const items: ImportItem[] = [
      ...(arg.previewed ?? []).map((p): ImportItem => {
        const kept = this.previews.take(p.previewId);
        if (!kept) return { expired: p.previewId, name: this.previews.nameOf(p.previewId) ?? '' };
        return itemOfPreview(kept, readOf(p.year ?? arg.year ?? kept.options.year, p.override ?? arg.override ?? kept.options.override), this.importBasis);
      }),
      ...arg.files.map((file) => itemOfBytes(file, readOf(arg.year, arg.override))),
    ];
    // A remembered layout changes how the next files of its bureau are laid out.
    if (arg.override?.remember || arg.previewed?.some((p) => p.override?.remember)) this.importBasis++;
    let results: ImportFileResult[];
    try {
      results = await importFiles(this.db, this.actor, this.importContext(), items, arg);
    } catch (error) {
      // Files stored before the failure count, and which those are is not known here.
      this.answers.forget('all');
      throw error;
    }
    this.touchedReturns(results.flatMap((r) => (r.outcome === 'imported' && r.returnId !== null ? [r.returnId] : [])));
    return results;
  }

  async listReturns(arg: { year?: number } = {}): Promise<ReturnSummary[]> {
    return listReturns(this.workbook.db, arg.year);
  }

  async withdrawReturn(arg: { returnId: number; note?: string }): Promise<ReturnSummary> {
    const summary = withdrawReturn(this.db, this.actor, this.schema, arg.returnId, arg.note);
    this.touchedReturns([arg.returnId]);
    return summary;
  }

  async restoreReturn(arg: { returnId: number; note?: string }): Promise<ReturnSummary> {
    const summary = restoreReturn(this.db, this.actor, this.schema, arg.returnId, arg.note);
    this.touchedReturns([arg.returnId]);
    return summary;
  }

  async correctReturn(arg: { returnId: number; bureau?: string; region?: string; year?: number; note?: string }): Promise<ReturnSummary> {
    const { returnId, note, ...correction } = arg;
    // The years it spoke of before the correction, and those it speaks of after.
    const before = yearsTouchedByReturns(this.workbook.db, [returnId]);
    try {
      return await correctReturn(this.db, this.actor, this.importContext(), returnId, correction, note);
    } finally {
      this.answers.forget(before);
      this.touchedReturns([returnId]);
    }
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
    return this.answers
      .values(years)
      .filter((v) => !v.auxiliary)
      .filter((v) => years.includes(v.year))
      .filter((v) => arg.region === undefined || v.region === arg.region)
      .map(({ indicator, name, unit, region, year, value, status, sources, rollup }) => ({ indicator, name, unit, region, year, value, status, sources, ...(rollup ? { rollup } : {}) }));
  }

  /** The years after the base year up to the target year, and any later year with figures. */
  planYears(): number[] {
    const latest = Math.max(this.schema.targetYear, latestReportedYear(this.workbook.db) ?? 0);
    return Array.from({ length: latest - this.schema.baseYear }, (_, i) => this.schema.baseYear + 1 + i);
  }

  /**
   * The plan's years from the one after the base year up to `year`: what a table of that year
   * shows (the period table's columns, each indicator's path for judging its progress).
   */
  private periodYearsUpTo(year: number): number[] {
    const years: number[] = [];
    for (let y = Math.min(this.schema.baseYear + 1, year); y <= year; y++) years.push(y);
    return years;
  }

  async listFindings(arg: { year?: number } = {}): Promise<Finding[]> {
    if (arg.year !== undefined) return this.answers.findings([arg.year]);
    return this.reconcile().findings;
  }

  async resolveFinding(arg: { findingId: string; resolution: ResolutionRequest }): Promise<Finding> {
    try {
      const known = [...this.answers.reckonedFindings().values()].flat();
      const finding = resolveFinding(this.db, this.actor, this.schema, arg.findingId, arg.resolution, known);
      // A mapped row counts in every year it carries; any other decision is its year's.
      this.answers.forget(finding.year === null || arg.resolution.action === 'map' || arg.resolution.action === 'reopen' ? 'all' : [finding.year]);
      return finding;
    } catch (error) {
      this.answers.forget('all');
      throw error;
    }
  }

  /** 填报单位 in bulk, by codes, area, responsible bureau or all unassigned; `bureau` null is 未指定. */
  async assignReporters(arg: { bureau: string | null; confirmOverwrite?: boolean } & ReporterSelection): Promise<ReporterChange[]> {
    const { bureau, confirmOverwrite, ...selection } = arg;
    if (this.schema.bureaus.length === 0 && bureau !== null && normalizeBureauName(bureau) !== UNASSIGNED_BUREAU) {
      // A workbook made from a pasted indicator table starts with an empty list of bureaus.
      throw new UserError('no_bureaus', `工作簿的单位名单中还没有任何单位，无法指定“${bureau}”为填报单位。请先在单位名单中添加该单位，再指定填报单位。`);
    }
    const changes = assignReporters(this.db, this.actor, this.schema, bureau, selection, { confirmOverwrite: confirmOverwrite === true });
    this.schemaChanged();
    return changes;
  }

  async confirmProposedReporters(): Promise<ReporterChange[]> {
    const changes = confirmProposedReporters(this.db, this.actor, this.schema);
    this.schemaChanged();
    return changes;
  }

  /** What editing one indicator would do (made in a transaction that is rolled back). */
  async previewIndicatorEdit(arg: { code: string; changes: IndicatorChanges }): Promise<IndicatorEditPreview> {
    return previewIndicatorEdit(this.db, this.schema, arg.code, arg.changes);
  }

  /** Edits one indicator: one transaction, audited; a unit change reads its stored figures again. */
  async editIndicator(arg: { code: string; changes: IndicatorChanges; note?: string }): Promise<IndicatorEditResult> {
    try {
      return editIndicator(this.db, this.actor, this.schema, arg.code, arg.changes, arg.note);
    } finally {
      this.schemaChanged();
    }
  }

  async addIndicator(arg: { indicator: NewIndicator; note?: string }): Promise<Indicator> {
    const indicator = addIndicator(this.db, this.actor, this.schema, arg.indicator, arg.note);
    this.schemaChanged();
    return indicator;
  }

  async previewRemoveIndicator(arg: { code: string }): Promise<IndicatorRemovalPreview> {
    return previewRemoveIndicator(this.workbook.db, this.schema, arg.code);
  }

  async removeIndicator(arg: { code: string; note?: string }): Promise<IndicatorRemoval> {
    const removal = removeIndicator(this.db, this.actor, this.schema, arg.code, arg.note);
    this.schemaChanged();
    return removal;
  }

  async addRule(arg: { rule: NewRule; note?: string }): Promise<Rule> {
    const rule = addRule(this.db, this.actor, this.schema, arg.rule, arg.note);
    this.schemaChanged();
    return rule;
  }

  async removeRule(arg: { id: string; note?: string }): Promise<Rule> {
    const rule = removeRule(this.db, this.actor, this.schema, arg.id, arg.note);
    this.schemaChanged();
    return rule;
  }

  /** One table as a named file, .xlsx or .csv. */
  async exportTable(arg: { year: number; kind: ExportKind; format: 'xlsx' | 'csv'; region?: string; allRegions?: boolean }): Promise<FileBytes> {
    const all = arg.allRegions === true && arg.kind !== 'findings';
    const region = all ? `${this.workbookRegion()}及各县区` : (arg.region ?? this.workbookRegion());
    const name = safeFileName(`${region}${arg.year}年${EXPORT_NAMES[arg.kind]}`, arg.format);
    const regions = all ? listRegions(this.workbook.db).map((r) => r.name) : [arg.region ?? this.workbookRegion()];
    return { name, bytes: await this.exportBytes({ year: arg.year, kind: arg.kind, fileName: name, regions }) };
  }

  /**
   * One table as file bytes: the format follows the file name's extension (.xlsx or .csv). With
   * several regions, one sheet each (named for its region), the workbook's own first.
   */
  async exportBytes(arg: { year: number; kind: ExportKind; fileName: string; region?: string; regions?: readonly string[] }): Promise<Uint8Array> {
    const regions = arg.regions ?? [arg.region ?? this.workbookRegion()];
    const reconciled = arg.kind === 'findings' ? { values: [], findings: this.answers.findings([arg.year]) } : this.answers.period(this.periodYearsUpTo(arg.year), arg.year);
    // Only the findings list names the returns' contacts.
    const returns = arg.kind === 'findings' ? await this.listReturns({ year: arg.year }) : [];
    const signedOff = readYearState(this.workbook.db, arg.year).signedOff;
    const signOff = signedOff ? latestSignOff(this.workbook.db, arg.year) : null;
    const taken = new Set<string>();
    const layouts = regions.flatMap((region) =>
      exportLayouts({ schema: schemaForRegion(this.schema, region, this.workbookRegion()), region, year: arg.year, kind: arg.kind, reconciled, returns, signedOff, signOff }).map((layout) => {
        if (regions.length === 1) return layout;
        const sheetName = safeSheetName(`${region}${layout.sheetName}`, taken);
        taken.add(sheetName);
        return { ...layout, sheetName };
      }),
    );
    return renderExport(layouts, arg.fileName);
  }

  /**
   * 评估报告（指标部分）草稿 as a .docx: built from what the evaluation table of the same year and
   * region is built from (values along the period up to the year, the year's findings).
   */
  async exportReport(arg: { year: number; kind?: ReportKind; region?: string; draftedOn?: Date }): Promise<FileBytes> {
    const state = readYearState(this.workbook.db, arg.year);
    const region = arg.region ?? this.workbookRegion();
    // The report writer (docx, the charts) is loaded when a report is drafted, not with every command.
    const { exportReport } = await import('./report/export-report');
    const { values, findings } = this.answers.period(this.periodYearsUpTo(arg.year), arg.year);
    return exportReport({
      // A county is not judged against the city's baseline or totals (shared/tables/region-plan).
      schema: schemaForRegion(this.schema, region, this.workbookRegion()),
      region,
      year: arg.year,
      ...(arg.kind === undefined ? {} : { kind: arg.kind }),
      values,
      findings,
      returns: await this.listReturns({ year: arg.year }),
      signedOff: state.signedOff,
      signedAt: state.signedAt,
      signOff: state.signedOff ? latestSignOff(this.workbook.db, arg.year) : null,
      ...(arg.draftedOn === undefined ? {} : { draftedOn: arg.draftedOn }),
    });
  }

  /** 下发模板: one template per 填报单位 (and per sub-region asked for), as named files. */
  /** Each bureau's template for the year as it will be written; refuses while indicators lack a 填报单位. */
  async previewTemplates(arg: { year: number; regions?: string[] }): Promise<TemplatePlan[]> {
    const plans = planTemplates({
      schema: this.schema,
      workbookId: readMeta(this.workbook.db).workbookId,
      year: arg.year,
      regions: arg.regions ?? [this.workbookRegion()],
      values: this.answers.values([arg.year - 1]),
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
    const state = readYearState(this.workbook.db, arg.year);
    const signOff = state.signedOff ? latestSignOff(this.workbook.db, arg.year) : null;
    return signOff && signOff.note !== '' ? { ...state, signOff: { note: signOff.note, openErrors: signOff.openErrors } } : state;
  }

  async signOffYear(arg: { year: number; note?: string }): Promise<YearState> {
    return signOffYear(this.db, this.actor, arg.year, arg.note ?? '', {
      schema: this.schema,
      findingIds: () => this.answers.findings([arg.year]).map((f) => f.id),
      openErrors: () => this.answers.findings([arg.year]).filter((f) => f.severity === 'error' && f.status === 'open').length,
    });
  }

  async reopenYear(arg: { year: number; note?: string }): Promise<YearState> {
    return reopenYear(this.db, this.actor, arg.year, arg.note);
  }

  async sourceContext(arg: { file: string; sheet: string; cell: string }): Promise<SourceContext> {
    return sourceContext(this.workbook.db, arg);
  }

  async completeness(arg: { year: number; region?: string }): Promise<Completeness> {
    return completeness(this.schema, this.reconciledYears([arg.year]), await this.listReturns({ year: arg.year }), arg.year, arg.region ?? this.workbookRegion(), this.workbookRegion());
  }

  async chaseList(arg: { year: number }): Promise<ChaseItem[]> {
    return chaseList(this.reconciledYears([arg.year]), await this.listReturns({ year: arg.year }), arg.year);
  }

  async progress(arg: { year: number; region?: string }): Promise<ProgressRow[]> {
    const region = arg.region ?? this.workbookRegion();
    return progressRows(schemaForRegion(this.schema, region, this.workbookRegion()), this.answers.periodValues(this.periodYearsUpTo(arg.year), arg.year), arg.year, region);
  }

  workbookRegion(): string {
    return selfRegion(listRegions(this.workbook.db)) ?? this.schema.region;
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
    this.schemaChanged();
    return accepted;
  }

  private bureauContext(): BureauContext {
    return { schema: this.schema, workbookRegion: this.workbookRegion(), subregions: subregionsOf(listRegions(this.workbook.db)) };
  }

  /** 单位名单: the bureaus 填报单位 are chosen from, with their other names and what refers to each. */
  async listBureaus(): Promise<BureauUsage[]> {
    return listBureauUsage(this.workbook.db, this.bureauContext());
  }

  /**
   * Adds a bureau to the list (a workbook made from a pasted table has none, so no 填报单位 can
   * be assigned and no template made); one transaction, audited.
   */
  async addBureau(arg: { name: string; aliases?: string[] }): Promise<Bureau> {
    const bureau = addBureau(this.db, this.actor, this.schema, arg);
    this.schemaChanged();
    return bureau;
  }

  async renameBureau(arg: { name: string; newName: string; confirmOverwrite?: boolean }): Promise<BureauMoved> {
    try {
      return renameBureau(this.db, this.actor, this.bureauContext(), arg);
    } finally {
      this.schemaChanged();
    }
  }

  async mergeBureaus(arg: { from: string; into: string; confirmOverwrite?: boolean }): Promise<BureauMoved> {
    try {
      return mergeBureaus(this.db, this.actor, this.bureauContext(), arg);
    } finally {
      this.schemaChanged();
    }
  }

  /** 撤销 the latest bulk action (assignment, confirmed proposals, rename, merge). */
  async undoLastChange(): Promise<UndoneChange> {
    try {
      return undoLastChange(this.db, this.actor, this.schema);
    } finally {
      this.schemaChanged();
    }
  }
}
