import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  AuditRecord,
  PastedSchemaPreview,
  RecentWorkbook,
  SchemaSource,
  TaiZhangApi,
  WorkbookInfo,
} from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import type { Schema } from '../../shared/domain';
import { summarizeSchema } from '../../shared/domain';
import { parsePastedIndicatorTable } from '../../shared/schema/parse-pasted-table';
import { openWorkbook, WORKBOOK_EXTENSION } from '../store/open';
import { listRegions } from '../store/regions';
import { listSignedYears } from '../store/year-state';
import { listBuiltinSchemas, loadBuiltinSchema } from './builtin-schemas';
import { createWorkbookFromSchema } from './create-workbook';
import { readRecentWorkbooks, rememberRecentWorkbook, writeRecentWorkbooks } from './recent-workbooks';
import { loadSchemaFile } from './schema-file';
import { finishSchema, pastedSchema } from './schema-source';
import { WorkbookService } from './workbook-service';

export interface AppServiceOptions {
  /** Where 最近打开 is kept (the app's user-data folder; a temp folder in tests). */
  settingsDir: string;
  operator?: string;
}

const NO_WORKBOOK = () => new UserError('no_workbook', '尚未打开工作簿。请在“首页”新建工作簿或打开已有的工作簿。');

/**
 * The API as the window sees it: a session that has at most one workbook open at a time. Every
 * transport (IPC, loopback HTTP) serves one of these; the CLI uses WorkbookService directly.
 */
export class AppService implements TaiZhangApi {
  private current: WorkbookService | null = null;
  private savedAt: string | null = null;
  private readonly recentFile: string;

  constructor(private readonly options: AppServiceOptions) {
    this.recentFile = path.join(options.settingsDir, 'recent-workbooks.json');
  }

  /** The open workbook's services; refuses when none is open. */
  private get wb(): WorkbookService {
    if (!this.current) throw NO_WORKBOOK();
    return this.current;
  }

  /** Marks a write for the status bar's 已保存 time. */
  private async wrote<T>(work: Promise<T>): Promise<T> {
    const result = await work;
    this.savedAt = new Date().toISOString();
    return result;
  }

  get workbookService(): WorkbookService | null {
    return this.current;
  }

  close(): void {
    this.current?.workbook.close();
    this.current = null;
  }

  async listSchemas(_arg: Record<string, never> = {}) {
    return listBuiltinSchemas().map(summarizeSchema);
  }

  async previewPastedSchema(arg: { text: string }): Promise<PastedSchemaPreview> {
    const table = parsePastedIndicatorTable(arg.text);
    return {
      rows: table.rows.map((r) => ({ line: r.line, area: r.area, category: r.category, name: r.name, unit: r.unit, baseline: r.baselineText, target: r.targetRaw })),
      problems: table.problems,
      baseYear: table.baseYear,
      targetYear: table.targetYear,
    };
  }

  async recentWorkbooks(_arg: Record<string, never> = {}): Promise<RecentWorkbook[]> {
    const list: RecentWorkbook[] = [];
    for (const file of readRecentWorkbooks(this.recentFile)) {
      if (!existsSync(file)) continue;
      try {
        const workbook = openWorkbook(file, { readOnly: true });
        try {
          const service = new WorkbookService(workbook);
          list.push({ path: file, name: path.basename(file), region: service.workbookRegion(), schemaName: service.schema.name, lastOpened: statSync(file).mtime.toISOString() });
        } finally {
          workbook.close();
        }
      } catch {
        // A workbook moved, damaged or from a newer version is simply not offered.
      }
    }
    return list;
  }

  private remember(file: string): void {
    const same = (a: string, b: string) => path.resolve(a).toLowerCase() === path.resolve(b).toLowerCase();
    writeRecentWorkbooks(this.recentFile, rememberRecentWorkbook(readRecentWorkbooks(this.recentFile), file, same));
  }

  private async schemaFrom(source: SchemaSource, region: string): Promise<Schema> {
    if ('builtin' in source) return loadBuiltinSchema(source.builtin);
    if ('file' in source) return finishSchema(await loadSchemaFile(source.file, { region }), region, source.file.name);
    return finishSchema(pastedSchema(source.text, 'pasted', region, '粘贴的指标表'), region, '粘贴的指标表');
  }

  async createWorkbook(arg: { path: string; source: SchemaSource; region: string; subregions: string[]; force?: boolean }): Promise<WorkbookInfo> {
    const file = path.resolve(arg.path.endsWith(WORKBOOK_EXTENSION) ? arg.path : `${arg.path}${WORKBOOK_EXTENSION}`);
    const schema = await this.schemaFrom(arg.source, arg.region);
    const workbook = createWorkbookFromSchema(file, {
      schema,
      region: arg.region,
      subregions: arg.subregions,
      force: arg.force ?? false,
      ...(this.options.operator === undefined ? {} : { operator: this.options.operator }),
    });
    this.close();
    this.current = new WorkbookService(workbook);
    this.remember(file);
    this.savedAt = new Date().toISOString();
    return this.info();
  }

  async openWorkbook(arg: { path: string; readOnly?: boolean; takeOverStale?: boolean }): Promise<WorkbookInfo> {
    const file = path.resolve(arg.path);
    const workbook = openWorkbook(file, {
      ...(arg.readOnly ? { readOnly: true } : {}),
      ...(arg.takeOverStale ? { takeOverStale: true } : {}),
      ...(this.options.operator === undefined ? {} : { operator: this.options.operator }),
    });
    this.close();
    this.current = new WorkbookService(workbook);
    this.remember(file);
    this.savedAt = null;
    return this.info();
  }

  /** Opens a workbook given on the command line or by the shell, outside the API. */
  async open(file: string): Promise<WorkbookInfo> {
    return this.openWorkbook({ path: file });
  }

  async workbookInfo(_arg: Record<string, never> = {}): Promise<WorkbookInfo | null> {
    return this.current ? this.info() : null;
  }

  async setOperator(arg: { name: string }): Promise<WorkbookInfo> {
    this.wb.setOperator(arg.name);
    return this.info();
  }

  private info(): WorkbookInfo {
    const service = this.wb;
    const db = service.workbook.db;
    const schema = service.schema;
    const regions = listRegions(db);
    const reconciled = service.reconcile();
    const years = [...new Set(reconciled.values.filter((v) => v.sources.length > 0).map((v) => v.year))].sort((a, b) => a - b);
    const counts = new Map<number, { year: number; errors: number; warnings: number }>();
    for (const f of reconciled.findings) {
      if (f.status !== 'open' || f.year === null || f.severity === 'info') continue;
      const entry = counts.get(f.year) ?? { year: f.year, errors: 0, warnings: 0 };
      if (f.severity === 'error') entry.errors++;
      else entry.warnings++;
      counts.set(f.year, entry);
    }
    return {
      path: service.workbook.path,
      name: path.basename(service.workbook.path),
      region: regions.find((r) => r.kind === 'self')?.name ?? schema.region,
      subregions: regions.filter((r) => r.kind !== 'self').map((r) => r.name),
      schemaId: schema.id,
      schemaName: schema.name,
      baseYear: schema.baseYear,
      targetYear: schema.targetYear,
      years,
      operator: service.actor.operator,
      osUser: service.actor.osUser || os.userInfo().username,
      readOnly: service.workbook.readOnly,
      returnCount: (db.prepare("SELECT count(*) AS n FROM returns WHERE state != 'withdrawn'").get() as { n: number }).n,
      openFindings: [...counts.values()].sort((a, b) => a.year - b.year),
      signedOff: listSignedYears(db),
      savedAt: this.savedAt,
    };
  }

  async getSchema(_arg: Record<string, never> = {}) {
    return this.wb.schema;
  }

  async assignReporters(arg: { bureau: string; codes?: string[]; area?: string; responsible?: string; unassigned?: boolean }) {
    return this.wrote(this.wb.assignReporters(arg));
  }

  async confirmProposedReporters(_arg: Record<string, never> = {}) {
    return this.wrote(this.wb.confirmProposedReporters());
  }

  async previewImport(arg: Parameters<TaiZhangApi['previewImport']>[0]) {
    return this.wb.previewImport(arg);
  }

  async importReturns(arg: Parameters<TaiZhangApi['importReturns']>[0]) {
    return this.wrote(this.wb.importReturns(arg));
  }

  async listReturns(arg: { year?: number }) {
    return this.wb.listReturns(arg);
  }

  async withdrawReturn(arg: { returnId: number; note?: string }) {
    return this.wrote(this.wb.withdrawReturn(arg));
  }

  async restoreReturn(arg: { returnId: number; note?: string }) {
    return this.wrote(this.wb.restoreReturn(arg));
  }

  async correctReturn(arg: { returnId: number; bureau?: string; region?: string; year?: number; note?: string }) {
    return this.wrote(this.wb.correctReturn(arg));
  }

  async listValues(arg: { year?: number; region?: string }) {
    return this.wb.listValues(arg);
  }

  async listReportedValues(arg: { year: number; region?: string }) {
    return this.wb.listReportedValues(arg);
  }

  async listFindings(arg: { year?: number }) {
    return this.wb.listFindings(arg);
  }

  async resolveFinding(arg: Parameters<TaiZhangApi['resolveFinding']>[0]) {
    return this.wrote(this.wb.resolveFinding(arg));
  }

  async sourceContext(arg: { file: string; sheet: string; cell: string }) {
    return this.wb.sourceContext(arg);
  }

  async completeness(arg: { year: number; region?: string }) {
    return this.wb.completeness(arg);
  }

  async chaseList(arg: { year: number }) {
    return this.wb.chaseList(arg);
  }

  async progress(arg: { year: number; region?: string }) {
    return this.wb.progress(arg);
  }

  async yearState(arg: { year: number }) {
    return this.wb.yearState(arg);
  }

  async signOffYear(arg: { year: number; note?: string }) {
    return this.wrote(this.wb.signOffYear(arg));
  }

  async reopenYear(arg: { year: number; note?: string }) {
    return this.wrote(this.wb.reopenYear(arg));
  }

  async exportTable(arg: Parameters<TaiZhangApi['exportTable']>[0]) {
    return this.wb.exportTable(arg);
  }

  async makeTemplates(arg: { year: number; regions?: string[] }) {
    return this.wb.makeTemplates(arg);
  }

  async listAudit(_arg: Record<string, never> = {}): Promise<AuditRecord[]> {
    return [...(await this.wb.listAudit())].reverse();
  }
}
