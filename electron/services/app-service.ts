import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {
  AuditEntry,
  PastedSchemaPreview,
  RecentWorkbook,
  RolloverSummary,
  SchemaSource,
  TaiZhangApi,
  WorkbookInfo,
} from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import type { Schema } from '../../shared/domain';
import { selfRegion, subregionsOf, summarizeSchema } from '../../shared/domain';
import { parsePastedIndicatorTable } from '../../shared/schema/parse-pasted-table';
import { readTypedFields, readTypedFigure } from '../../shared/schema/typed-field';
import { openWorkbook, WORKBOOK_EXTENSION } from '../store/open';
import { listRegions } from '../store/regions';
import { listFigureYears } from '../store/reported-values';
import { listSignedYears } from '../store/year-state';
import { standingIntegrityProblems } from '../store/integrity';
import { listBuiltinSchemas, loadBuiltinSchema } from './builtin-schemas';
import { createWorkbookFromSchema } from './create-workbook';
import { rolloverWorkbook } from './rollover';
import { readRecentWorkbooks, rememberRecentWorkbook, writeRecentWorkbooks } from './recent-workbooks';
import { loadSchemaFile } from './schema-file';
import { finishSchema, pastedSchema } from './schema-source';
import { WorkbookService } from './workbook-service';

export interface AppServiceOptions {
  /** Where 最近打开 is kept (the app's user-data folder; a temp folder in tests). */
  settingsDir: string;
  operator?: string;
}

/** A method's argument as the contract declares it: written once, there. */
type Arg<K extends keyof TaiZhangApi> = Parameters<TaiZhangApi[K]>[0];

const NO_WORKBOOK = () => new UserError('no_workbook', '尚未打开工作簿。请在“首页”新建工作簿或打开已有的工作簿。');

/**
 * A pasted indicator table has one indicator per line, a few hundred characters at most; a
 * longer line is a whole document pasted without line breaks (or a hostile page), which the
 * table reader is not built to take apart.
 */
export const MAX_PASTED_LINE_CHARS = 10_000;

function checkPastedLines(text: string): void {
  let start = 0;
  for (let line = 1; start <= text.length; line += 1) {
    const end = text.indexOf('\n', start);
    const length = (end === -1 ? text.length : end) - start;
    if (length > MAX_PASTED_LINE_CHARS) {
      throw new UserError(
        'pasted_line_too_long',
        `粘贴的文字第 ${line} 行有 ${length} 个字符，超过 ${MAX_PASTED_LINE_CHARS} 个字符，不像指标表中的一行。请检查是否粘贴了整篇文件或丢失了换行，只复制指标表（每个指标一行）后再试。`,
      );
    }
    if (end === -1) break;
    start = end + 1;
  }
}

/** Two spellings of one file: case is ignored where the file system ignores it. */
function pathKey(file: string): string {
  const resolved = path.resolve(file);
  return process.platform === 'win32' || process.platform === 'darwin' ? resolved.toLowerCase() : resolved;
}

/** The same file under two names (a link, a short 8.3 name) has the same device and inode. */
function sameFile(a: string, b: string): boolean {
  if (pathKey(a) === pathKey(b)) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.ino !== 0 && x.ino === y.ino && x.dev === y.dev;
  } catch {
    return false;
  }
}

/**
 * A workbook path from the page: absolute only. A relative one would be resolved against the
 * server's or the app's working folder, which the officer never sees.
 */
function absoluteWorkbookPath(file: string): string {
  if (!path.isAbsolute(file)) {
    throw new UserError(
      'relative_path',
      `“${file}”不是完整路径，程序无法确定它在哪个文件夹。请填写从盘符或根目录开始的完整路径，如 D:\\统计\\临沂市.tzdb 或 /home/用户名/临沂市.tzdb。`,
    );
  }
  return path.resolve(file);
}

/** A workbook's name as typed, with .tzdb added when she left it off. */
function withWorkbookExtension(file: string): string {
  return file.endsWith(WORKBOOK_EXTENSION) ? file : `${file}${WORKBOOK_EXTENSION}`;
}

/** Refuses a folder, a pipe or a device where a workbook file is expected; a missing file passes. */
function refuseNonFile(file: string): void {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    return; // Missing or unreadable: the store says which, with its own message.
  }
  const name = path.basename(file);
  if (stats.isDirectory()) {
    throw new UserError('not_a_workbook_file', `“${name}”是一个文件夹，不是工作簿文件。请选择文件夹中的 .tzdb 工作簿文件。`, { file });
  }
  if (!stats.isFile()) {
    throw new UserError('not_a_workbook_file', `“${name}”不是普通文件（可能是设备或管道），不能作为工作簿。请选择 .tzdb 工作簿文件。`, { file });
  }
}

// Excel's limits: columns A to XFD, rows 1 to 1 048 576.
const MAX_COLUMN = 16_384;
const MAX_ROW = 1_048_576;

/** An A1 cell address within Excel's sheet, `$` allowed; anything else is refused by name. */
function checkCellAddress(cell: string): void {
  const match = /^\$?([A-Za-z]{1,3})\$?([1-9]\d{0,6})$/.exec(cell);
  let column = 0;
  for (const ch of match?.[1]?.toUpperCase() ?? '') column = column * 26 + (ch.charCodeAt(0) - 64);
  if (!match || column > MAX_COLUMN || Number(match[2]) > MAX_ROW) {
    throw new UserError('bad_cell', `单元格地址“${cell}”不正确：应为列字母加行号，如 B7（列 A 至 XFD，行 1 至 ${MAX_ROW}）。`);
  }
}

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

  /** The last write asked for: the next one starts once it has ended, however it ended. */
  private writing: Promise<unknown> = Promise.resolve();

  /**
   * Runs a write on the open workbook once the writes asked for before it have ended, and marks
   * it for the status bar's 已保存 time. Writes never interleave: a 处理 made while a batch
   * imports waits for the batch, whose files are stored a few to a commit (commit-group.ts) and
   * whose audit records each file's before and after as the batch alone changed them. Reads are
   * not held back. The workbook is the one open when the write was asked for.
   */
  private wrote<T>(work: (wb: WorkbookService) => Promise<T>): Promise<T> {
    const wb = this.wb;
    const done = this.writing.then(() => work(wb));
    this.writing = done.catch(() => undefined);
    return done.then((result) => {
      this.savedAt = new Date().toISOString();
      return result;
    });
  }

  get workbookService(): WorkbookService | null {
    return this.current;
  }

  close(): void {
    this.current?.workbook.close();
    this.current = null;
  }

  async listSchemas(_arg: Arg<'listSchemas'> = {}) {
    return listBuiltinSchemas().map(summarizeSchema);
  }

  async previewPastedSchema(arg: Arg<'previewPastedSchema'>): Promise<PastedSchemaPreview> {
    checkPastedLines(arg.text);
    const table = parsePastedIndicatorTable(arg.text);
    return {
      rows: table.rows.map((r) => ({ line: r.line, area: r.area, category: r.category, name: r.name, unit: r.unit, baseline: r.baselineText, target: r.targetRaw })),
      problems: table.problems,
      baseYear: table.baseYear,
      targetYear: table.targetYear,
    };
  }

  async recentWorkbooks(_arg: Arg<'recentWorkbooks'> = {}): Promise<RecentWorkbook[]> {
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

  /**
   * Refuses to open again or replace the workbook this session already has open; opening for
   * writing one that is open here read-only is the way to start editing it, and passes.
   */
  private refuseOpenHere(file: string, options: { replacing: boolean; readOnly: boolean }): void {
    const open = this.current?.workbook.path;
    if (!open || !sameFile(open, file)) return;
    if (!options.replacing && !options.readOnly && this.current!.workbook.readOnly) return;
    const replacing = options.replacing;
    const name = path.basename(open);
    throw new UserError(
      'workbook_already_open',
      replacing
        ? `“${name}”正在本窗口中打开，不能用新建的工作簿替换它。请换一个文件名。`
        : `“${name}”已经在本窗口中打开，无需再次打开。`,
      { file: open },
    );
  }

  async createWorkbook(arg: Arg<'createWorkbook'>): Promise<WorkbookInfo> {
    const file = withWorkbookExtension(absoluteWorkbookPath(arg.path));
    refuseNonFile(file);
    this.refuseOpenHere(file, { replacing: true, readOnly: false });
    if ('text' in arg.source) checkPastedLines(arg.source.text);
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

  async openWorkbook(arg: Arg<'openWorkbook'>): Promise<WorkbookInfo> {
    const file = absoluteWorkbookPath(arg.path);
    refuseNonFile(file);
    this.refuseOpenHere(file, { replacing: false, readOnly: arg.readOnly ?? false });
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

  /** Opens a workbook given on the command line or by the shell, outside the API (relative to the working folder). */
  async open(file: string): Promise<WorkbookInfo> {
    return this.openWorkbook({ path: path.resolve(file) });
  }

  async workbookInfo(_arg: Arg<'workbookInfo'> = {}): Promise<WorkbookInfo | null> {
    return this.current ? this.info() : null;
  }

  async setOperator(arg: Arg<'setOperator'>): Promise<WorkbookInfo> {
    this.wb.setOperator(arg.name);
    return this.info();
  }

  async saveWorkbookCopy(arg: Arg<'saveWorkbookCopy'>): Promise<{ path: string }> {
    const file = withWorkbookExtension(absoluteWorkbookPath(arg.path));
    refuseNonFile(file);
    return { path: this.wb.workbook.backupTo(file, { overwrite: arg.overwrite ?? false }) };
  }

  async rolloverWorkbook(arg: Arg<'rolloverWorkbook'>): Promise<RolloverSummary> {
    const file = withWorkbookExtension(absoluteWorkbookPath(arg.path));
    refuseNonFile(file);
    const source = this.wb;
    const result = rolloverWorkbook(source, file, arg.targetYear, { force: arg.force ?? false });
    result.workbook.close();
    this.remember(file);
    return {
      path: file,
      name: path.basename(file),
      baseYear: result.baseYear,
      targetYear: result.targetYear,
      indicators: source.schema.indicators.length,
      earlierBaselines: result.earlierBaselines,
      withoutBaseline: result.withoutBaseline,
      baseYearOpen: !listSignedYears(source.workbook.db).some((state) => state.year === result.baseYear),
    };
  }

  private info(): WorkbookInfo {
    const service = this.wb;
    const db = service.workbook.db;
    const schema = service.schema;
    const regions = listRegions(db);
    // Shown after every write, so nothing is reconciled here: the years come from the store and
    // the open findings are counted for the years already reckoned.
    const years = listFigureYears(db);
    const counts: { year: number; errors: number; warnings: number }[] = [];
    for (const [year, findings] of service.reckonedFindings()) {
      const entry = { year, errors: 0, warnings: 0 };
      for (const f of findings) {
        if (f.status !== 'open' || f.severity === 'info') continue;
        if (f.severity === 'error') entry.errors++;
        else entry.warnings++;
      }
      counts.push(entry);
    }
    return {
      path: service.workbook.path,
      name: path.basename(service.workbook.path),
      region: selfRegion(regions) ?? schema.region,
      subregions: subregionsOf(regions),
      schemaId: schema.id,
      schemaName: schema.name,
      baseYear: schema.baseYear,
      targetYear: schema.targetYear,
      years,
      operator: service.actor.operator,
      osUser: service.actor.osUser || os.userInfo().username,
      readOnly: service.workbook.readOnly,
      returnCount: (db.prepare("SELECT count(*) AS n FROM returns WHERE state != 'withdrawn'").get() as { n: number }).n,
      openFindings: counts.sort((a, b) => a.year - b.year),
      signedOff: listSignedYears(db),
      savedAt: this.savedAt,
      outsideChanges: standingIntegrityProblems(db).map((problem) => problem.message),
    };
  }

  async getSchema(_arg: Arg<'getSchema'> = {}) {
    return this.wb.schema;
  }

  async assignReporters(arg: Arg<'assignReporters'>) {
    return this.wrote((wb) => wb.assignReporters(arg));
  }

  async confirmProposedReporters(_arg: Arg<'confirmProposedReporters'> = {}) {
    return this.wrote((wb) => wb.confirmProposedReporters());
  }

  async readIndicatorFields(arg: Arg<'readIndicatorFields'>) {
    return readTypedFields(arg.fields, arg.unit);
  }

  async readFigure(arg: Arg<'readFigure'>) {
    return readTypedFigure(arg.text, arg.unit);
  }

  async previewIndicatorEdit(arg: Arg<'previewIndicatorEdit'>) {
    return this.wb.previewIndicatorEdit(arg);
  }

  async editIndicator(arg: Arg<'editIndicator'>) {
    return this.wrote((wb) => wb.editIndicator(arg));
  }

  async addIndicator(arg: Arg<'addIndicator'>) {
    return this.wrote((wb) => wb.addIndicator(arg));
  }

  async previewRemoveIndicator(arg: Arg<'previewRemoveIndicator'>) {
    return this.wb.previewRemoveIndicator(arg);
  }

  async removeIndicator(arg: Arg<'removeIndicator'>) {
    return this.wrote((wb) => wb.removeIndicator(arg));
  }

  async addRule(arg: Arg<'addRule'>) {
    return this.wrote((wb) => wb.addRule(arg));
  }

  async removeRule(arg: Arg<'removeRule'>) {
    return this.wrote((wb) => wb.removeRule(arg));
  }

  async listBureaus(_arg: Arg<'listBureaus'> = {}) {
    return this.wb.listBureaus();
  }

  async addBureau(arg: Arg<'addBureau'>) {
    return this.wrote((wb) => wb.addBureau(arg));
  }

  async renameBureau(arg: Arg<'renameBureau'>) {
    return this.wrote((wb) => wb.renameBureau(arg));
  }

  async mergeBureaus(arg: Arg<'mergeBureaus'>) {
    return this.wrote((wb) => wb.mergeBureaus(arg));
  }

  async undoLastChange(_arg: Arg<'undoLastChange'> = {}) {
    return this.wrote((wb) => wb.undoLastChange());
  }

  async previewImport(arg: Arg<'previewImport'>) {
    return this.wb.previewImport(arg);
  }

  async importReturns(arg: Arg<'importReturns'>) {
    return this.wrote((wb) => wb.importReturns(arg));
  }

  async listReturns(arg: Arg<'listReturns'>) {
    return this.wb.listReturns(arg);
  }

  async withdrawReturn(arg: Arg<'withdrawReturn'>) {
    return this.wrote((wb) => wb.withdrawReturn(arg));
  }

  async restoreReturn(arg: Arg<'restoreReturn'>) {
    return this.wrote((wb) => wb.restoreReturn(arg));
  }

  async correctReturn(arg: Arg<'correctReturn'>) {
    return this.wrote((wb) => wb.correctReturn(arg));
  }

  async listValues(arg: Arg<'listValues'>) {
    return this.wb.listValues(arg);
  }

  async listReportedValues(arg: Arg<'listReportedValues'>) {
    return this.wb.listReportedValues(arg);
  }

  async listFindings(arg: Arg<'listFindings'>) {
    return this.wb.listFindings(arg);
  }

  async resolveFinding(arg: Arg<'resolveFinding'>) {
    return this.wrote((wb) => wb.resolveFinding(arg));
  }

  /** Refuses a region the workbook does not have: names become file names and table titles. */
  private checkRegions(regions: readonly string[]): void {
    const known = listRegions(this.wb.workbook.db).map((r) => r.name);
    const unknown = regions.find((region) => !known.includes(region));
    if (unknown === undefined) return;
    const shown = known.length > 20 ? `${known.slice(0, 20).join('、')}等 ${known.length} 个` : known.join('、');
    throw new UserError('unknown_region', `工作簿中没有地区“${unknown}”。可选的地区：${shown}。`);
  }

  async sourceContext(arg: Arg<'sourceContext'>) {
    checkCellAddress(arg.cell);
    return this.wb.sourceContext(arg);
  }

  async completeness(arg: Arg<'completeness'>) {
    return this.wb.completeness(arg);
  }

  async chaseList(arg: Arg<'chaseList'>) {
    return this.wb.chaseList(arg);
  }

  async progress(arg: Arg<'progress'>) {
    return this.wb.progress(arg);
  }

  async yearState(arg: Arg<'yearState'>) {
    return this.wb.yearState(arg);
  }

  async signOffYear(arg: Arg<'signOffYear'>) {
    return this.wrote((wb) => wb.signOffYear(arg));
  }

  async reopenYear(arg: Arg<'reopenYear'>) {
    return this.wrote((wb) => wb.reopenYear(arg));
  }

  async exportTable(arg: Arg<'exportTable'>) {
    if (arg.region !== undefined) this.checkRegions([arg.region]);
    return this.wb.exportTable(arg);
  }

  async exportReport(arg: Arg<'exportReport'>) {
    if (arg.region !== undefined) this.checkRegions([arg.region]);
    return this.wb.exportReport(arg);
  }

  async acceptOutsideChanges(arg: Arg<'acceptOutsideChanges'>) {
    return this.wrote((wb) => wb.acceptIntegrityProblems(arg).then((accepted) => accepted.map((problem) => problem.message)));
  }

  async previewTemplates(arg: Arg<'previewTemplates'>) {
    if (arg.regions !== undefined) this.checkRegions(arg.regions);
    return this.wb.previewTemplates(arg);
  }

  async makeTemplates(arg: Arg<'makeTemplates'>) {
    if (arg.regions !== undefined) this.checkRegions(arg.regions);
    return this.wb.makeTemplates(arg);
  }

  async listAudit(_arg: Arg<'listAudit'> = {}): Promise<AuditEntry[]> {
    return [...(await this.wb.listAudit())].reverse();
  }
}
