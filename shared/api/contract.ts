import type {
  AuditEntry,
  Bureau,
  BureauMoved,
  BureauUsage,
  Finding,
  Indicator,
  IndicatorChanges,
  IndicatorEditPreview,
  IndicatorEditResult,
  IndicatorRemoval,
  IndicatorRemovalPreview,
  NewIndicator,
  NewRule,
  ReportedValueRow,
  ReporterChange,
  ResolutionRequest,
  ReturnSummary,
  Rule,
  Schema,
  SchemaSummary,
  TargetOp,
  TypedFields,
  TypedFieldsReading,
  TypedFigureReading,
  UndoneChange,
  Value,
  YearState,
} from '../domain';

export type { AuditEntry, Bureau, BureauMoved, BureauUsage, ReportedValueRow, ReporterChange, ResolutionRequest, ReturnSummary, UndoneChange, YearState } from '../domain';
export type { TemplatePlan, TemplateRow } from '../tables/template-plan';
import type { LayoutOverride } from '../import/layout-override';
import type { UserErrorCode } from './errors';
import type { ColumnRole, ReturnMeta } from '../import/parsed-return';
import type { ProgressStatus } from '../domain/progress';
import type { TemplatePlan } from '../tables/template-plan';
import type { ReportKind } from '../report/report-document';

/** A file travels as its name and its bytes, never as a path the other side must open. */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/** The officer's corrections to a detected return (DESIGN "Preview and override"). */
export interface ImportOverride {
  bureau?: string;
  region?: string;
  year?: number;
  /** The corrected layout from the preview (column roles, header rows, sheets to read). */
  layout?: LayoutOverride;
  /** Remember the corrected layout for this bureau so its next file imports by itself. */
  remember?: boolean;
}

export interface ImportPreview {
  /**
   * Names what this preview read and laid out, kept for a while on the side that read it: import
   * the file by this id (importReturns' `previewed`) and it is neither sent nor read again.
   */
  previewId: string;
  file: string;
  bureau: string | null;
  region: string;
  year: number | null;
  meta: ReturnMeta;
  template: boolean;
  sheets: {
    sheet: string;
    headerRows: number[];
    firstDataRow: number;
    columns: ColumnRole[];
    /** The first rows of the sheet as text, for the column-role preview. */
    sample: string[][];
    /** 0-based sheet row of `sample[0]`. */
    sampleTop: number;
  }[];
  skippedSheets: { sheet: string; reason: string }[];
  problems: string[];
  /** The layout as detected, ready to be corrected and sent back as `override.layout`. */
  layout: LayoutOverride | null;
  /**
   * Detection found all an import needs, so the file imports without asking: our template, or
   * the bureau, the year, on every sheet a name column and a value column with its year, and no
   * headed column left unread. Decided with the detection, not by each screen.
   */
  confident: boolean;
  /**
   * What the file states two ways (two regions, or two years where a column takes the file's):
   * the preview leaves these blank for the officer to choose, and nothing imports until she has.
   */
  unsettled: ('region' | 'year')[];
}

/**
 * A file imported as it was previewed: by its preview's id, with the officer's corrections when
 * she made any (else the file is laid out as the preview showed it). A year given here, or for
 * the whole batch, is the default year as in previewImport; without one, the preview's.
 */
export interface PreviewedImport {
  previewId: string;
  override?: ImportOverride;
  year?: number;
}

export type ImportOutcome = 'imported' | 'duplicate' | 'rejected';

export interface ImportFileResult {
  file: string;
  outcome: ImportOutcome;
  returnId: number | null;
  bureau: string | null;
  region: string | null;
  year: number | null;
  matched: number;
  unmatched: number;
  values: number;
  /** Set when rejected or duplicate: the code (duplicate_file …) and the Chinese message. */
  errorCode: UserErrorCode | null;
  message: string | null;
  /** For duplicates: the return the same bytes were imported as. */
  duplicateOf: number | null;
}

/** What the title and status bars show, and what every screen needs to know of the workbook. */
export interface WorkbookInfo {
  path: string;
  name: string;
  region: string;
  subregions: string[];
  schemaId: string;
  schemaName: string;
  baseYear: number;
  targetYear: number;
  /** Years with reported figures, and the current year's neighbours for a new one. */
  years: number[];
  operator: string;
  osUser: string;
  readOnly: boolean;
  returnCount: number;
  /**
   * Open findings (warnings and errors) of each year already reckoned since it was last written
   * (listing a year's findings or values reckons it); a year not listed has not been counted yet.
   */
  openFindings: { year: number; errors: number; warnings: number }[];
  signedOff: YearState[];
  savedAt: string | null;
  /** What does not hold as the app left it (工作簿在本程序之外被修改过), one clause each; [] when all holds. */
  outsideChanges: string[];
}

/** What 转入下一规划期 made, for the officer to check before she opens it. */
export interface RolloverSummary {
  path: string;
  name: string;
  /** The old plan's target year, the new plan's base year. */
  baseYear: number;
  targetYear: number;
  indicators: number;
  /** Indicators whose baseline came from a year before `baseYear` (its latest consolidated value). */
  earlierBaselines: { code: string; name: string; year: number }[];
  /** Indicator names with no consolidated value at all: their baselines are left to fill. */
  withoutBaseline: string[];
  /** `baseYear` had not been signed off: the baselines are figures that may still change. */
  baseYearOpen: boolean;
}

export interface RecentWorkbook {
  path: string;
  name: string;
  region: string;
  schemaName: string;
  lastOpened: string;
}

export type SchemaSource = { builtin: string } | { file: FileBytes } | { text: string };

export interface PastedSchemaPreview {
  rows: { line: number; area: string; category: string; name: string; unit: string; baseline: string; target: string }[];
  problems: { line: number; text: string; reason: string }[];
  baseYear: number | null;
  targetYear: number | null;
}

/** The sheet around a source cell, so the officer never needs to open the file. */
export interface SourceContext {
  file: string;
  sheet: string;
  cell: string;
  returnId: number;
  /** 0-based sheet row and column of `rows[0][0]`. */
  top: number;
  left: number;
  rows: string[][];
  /** Position of the cell within `rows`. */
  focus: { row: number; col: number };
}


export type CompletenessState = 'reported' | 'missing' | 'conflict' | 'not_expected';

export interface Completeness {
  year: number;
  region: string;
  bureaus: string[];
  indicators: { code: string; name: string; reporter: string | null }[];
  /** cells[i][j]: indicator i, bureau j. */
  cells: CompletenessState[][];
  perBureau: { bureau: string; returns: number; lastReceived: string | null; expected: number; reported: number; missing: number }[];
}

export interface ChaseItem {
  bureau: string;
  contactPerson: string | null;
  contactPhone: string | null;
  items: { kind: string; request: string; indicator: string | null; name: string | null; file: string | null; sheet: string | null; cell: string | null; message: string }[];
}

export interface ProgressRow {
  code: string;
  name: string;
  unit: string;
  area: string;
  decimals: number;
  baseline: number | null;
  target: number | null;
  targetOp: TargetOp | null;
  targetText: string | null;
  value: number | null;
  expected: number | null;
  progress: number | null;
  status: ProgressStatus;
  method: string;
  explanation: string;
  history: { year: number; value: number | null }[];
}

export type ExportKind = 'annual' | 'evaluation' | 'findings' | 'period';

/** 终期评估 (the target year) or 中期评估 (a year inside the plan period). */
export type { ReportKind } from '../report/report-document';


/**
 * The whole API, one typed interface: every method takes one plain object and returns a promise
 * of plain data. The Electron preload, the loopback HTTP transport and the CLI all reach the same
 * services through it. Methods past `workbookInfo` need an open workbook and refuse otherwise.
 */
export interface TaiZhangApi {
  /** The built-in schemas with their published-indicator counts and years. */
  listSchemas(arg: Record<string, never>): Promise<SchemaSummary[]>;
  /** Parses an indicator table pasted from a document, for the live preview beside the paste box. */
  previewPastedSchema(arg: { text: string }): Promise<PastedSchemaPreview>;
  recentWorkbooks(arg: Record<string, never>): Promise<RecentWorkbook[]>;
  /** 新建工作簿 at `path` from a built-in schema, an Excel indicator sheet or pasted text; opens it. */
  createWorkbook(arg: { path: string; source: SchemaSource; region: string; subregions: string[]; force?: boolean }): Promise<WorkbookInfo>;
  openWorkbook(arg: { path: string; readOnly?: boolean; takeOverStale?: boolean }): Promise<WorkbookInfo>;
  /** The open workbook's state, or null when none is open. */
  workbookInfo(arg: Record<string, never>): Promise<WorkbookInfo | null>;
  /** 操作人: the name audit entries carry beside the OS account. */
  setOperator(arg: { name: string }): Promise<WorkbookInfo>;
  /**
   * 另存为/备份副本: a consistent copy of the open workbook at `path` (absolute); the open
   * workbook stays as it is. An existing file is replaced only with `overwrite`.
   */
  saveWorkbookCopy(arg: { path: string; overwrite?: boolean }): Promise<{ path: string }>;
  /**
   * 转入下一规划期: a new workbook at `path` whose baselines are this plan's final consolidated
   * values and whose target year is `targetYear`; this workbook is not changed and stays open.
   */
  rolloverWorkbook(arg: { path: string; targetYear: number; force?: boolean }): Promise<RolloverSummary>;

  getSchema(arg: Record<string, never>): Promise<Schema>;
  /**
   * 填报单位 in bulk: by codes, area, responsible bureau, or every unassigned indicator; `bureau`
   * null is 未指定. Only indicators it changes are written and answered. Without
   * `confirmOverwrite`, an assignment that would replace a confirmed 填报单位 or leave decided
   * findings without their decision is refused (`overwrite_unconfirmed`, the message saying how
   * many and which), so the window asks first. One transaction, one audit entry; 撤销 puts it back.
   */
  assignReporters(arg: { bureau: string | null; codes?: string[]; area?: string; responsible?: string; unassigned?: boolean; confirmOverwrite?: boolean }): Promise<ReporterChange[]>;
  confirmProposedReporters(arg: Record<string, never>): Promise<ReporterChange[]>;
  /**
   * Cells of 指标体系 as the officer typed them (the grid, the 新增指标 form), read with the plan
   * tables' figure words: the changes they make and, per field, why a cell is not read. Figures
   * are read in `unit` unless a unit is typed among the fields. Reads nothing of the workbook.
   */
  readIndicatorFields(arg: { fields: TypedFields; unit: string }): Promise<TypedFieldsReading>;
  /**
   * A figure typed into a form (手工填写, a rule's 容差), read as 指标体系 reads a typed cell, in
   * `unit`: 1,012, ９３.５, 2.8万 under 人. Reads nothing of the workbook.
   */
  readFigure(arg: { text: string; unit: string }): Promise<TypedFigureReading>;
  /**
   * What editing one indicator would do, without doing it: the reason per field when it is
   * refused, else its effect (stored figures converted or read again in a new unit, consolidated
   * values before → after) and whether to ask the officer first.
   */
  previewIndicatorEdit(arg: { code: string; changes: IndicatorChanges }): Promise<IndicatorEditPreview>;
  /**
   * Edits one indicator (the code never changes): one transaction, audited before → after.
   * Refused (indicator_edit_refused) for the reasons the preview gives. A unit change reads the
   * stored figures again in the new unit; a renamed indicator keeps its old name as an alias.
   */
  editIndicator(arg: { code: string; changes: IndicatorChanges; note?: string }): Promise<IndicatorEditResult>;
  /** 新增指标 / 新增辅助指标: the workbook gives the code, never one an indicator had before. */
  addIndicator(arg: { indicator: NewIndicator; note?: string }): Promise<Indicator>;
  /** What removing an indicator would do: archived when figures are stored under it, else deleted; refused while a rule or formula uses it. */
  previewRemoveIndicator(arg: { code: string }): Promise<IndicatorRemovalPreview>;
  /** 移除: out of the schema, its templates and exports; archived (its figures kept and traceable) when it has figures, deleted otherwise. Audited. */
  removeIndicator(arg: { code: string; note?: string }): Promise<IndicatorRemoval>;
  /** 新增规则: checked as the schema's rules are (its sides parse and name indicators it has); the id is the workbook's to give. */
  addRule(arg: { rule: NewRule; note?: string }): Promise<Rule>;
  /** 删除规则; its id is never given to another rule. */
  removeRule(arg: { id: string; note?: string }): Promise<Rule>;
  /** 单位名单: each bureau with its aliases and how many indicators and returns refer to it. */
  listBureaus(arg: Record<string, never>): Promise<BureauUsage[]>;
  /** Adds a bureau (refused: empty, 未指定, or already a name or alias on the list); audited. */
  addBureau(arg: { name: string; aliases?: string[] }): Promise<Bureau>;
  /**
   * 改名: the old name stays an alias. Every reference moves with it in one transaction
   * (indicators, returns and their county counterparts, decisions, remembered layout); refused
   * while a signed-off year holds its returns, and, without `confirmOverwrite`, when decisions
   * would stop holding (`overwrite_unconfirmed`).
   */
  renameBureau(arg: { name: string; newName: string; confirmOverwrite?: boolean }): Promise<BureauMoved>;
  /** 合并: `from` leaves the list, its names becoming `into`'s aliases; every reference moves as for a rename. */
  mergeBureaus(arg: { from: string; into: string; confirmOverwrite?: boolean }): Promise<BureauMoved>;
  /**
   * 撤销: the latest bulk action (assignReporters, confirmProposedReporters, renameBureau,
   * mergeBureaus) put back exactly as it found things; audited. Only the latest, and only once.
   */
  undoLastChange(arg: Record<string, never>): Promise<UndoneChange>;

  /** Detects bureau, region, year and each column's role without storing anything. */
  previewImport(arg: { file: FileBytes; year?: number; override?: ImportOverride }): Promise<ImportPreview>;
  /**
   * Reads each file on its own; a refused file never stops the others. Each file is one
   * transaction. Files previewed before travel as `previewed` (their preview's id), the previewed
   * ones first, then `files`; a preview no longer kept is refused ('preview_expired'), saying to
   * choose the file again.
   */
  importReturns(arg: { files: FileBytes[]; previewed?: PreviewedImport[]; year?: number; override?: ImportOverride }): Promise<ImportFileResult[]>;
  listReturns(arg: { year?: number }): Promise<ReturnSummary[]>;
  /** 撤销导入: the return's figures leave consolidation; the return itself is kept, marked withdrawn. */
  withdrawReturn(arg: { returnId: number; note?: string }): Promise<ReturnSummary>;
  restoreReturn(arg: { returnId: number; note?: string }): Promise<ReturnSummary>;
  /** 更正: a wrongly detected bureau, region or year; the stored file is read again. */
  correctReturn(arg: { returnId: number; bureau?: string; region?: string; year?: number; note?: string }): Promise<ReturnSummary>;

  /** Consolidated values, one per published indicator × region × year of the request. */
  listValues(arg: { year?: number; region?: string }): Promise<Value[]>;
  /**
   * 报送明细: every cell the year's counted returns reported (withdrawn returns left out), matched
   * or not, in import order; only `region`'s when given.
   */
  listReportedValues(arg: { year: number; region?: string }): Promise<ReportedValueRow[]>;
  listFindings(arg: { year?: number }): Promise<Finding[]>;
  resolveFinding(arg: { findingId: string; resolution: ResolutionRequest }): Promise<Finding>;
  /** The sheet around a reported cell, from the return's stored original. */
  sourceContext(arg: { file: string; sheet: string; cell: string }): Promise<SourceContext>;
  completeness(arg: { year: number; region?: string }): Promise<Completeness>;
  chaseList(arg: { year: number }): Promise<ChaseItem[]>;
  progress(arg: { year: number; region?: string }): Promise<ProgressRow[]>;

  yearState(arg: { year: number }): Promise<YearState>;
  /**
   * 定稿. While error findings are open the reason is required (`note_required` without it); the
   * reason goes to the audit and into the exported tables' notes.
   */
  signOffYear(arg: { year: number; note?: string }): Promise<YearState>;
  /** 重新打开: always with a reason (`note_required` without it), kept in the audit. */
  reopenYear(arg: { year: number; note?: string }): Promise<YearState>;
  /**
   * One table as a file: .xlsx, or .csv for a single table; for `region` (the workbook's own when
   * none), or with `allRegions` one .xlsx holding the workbook region's sheet and each sub-region's.
   */
  exportTable(arg: { year: number; kind: ExportKind; format: 'xlsx' | 'csv'; region?: string; allRegions?: boolean }): Promise<FileBytes>;
  /**
   * 评估报告（指标部分）草稿 as a .docx, from the same rows as the evaluation table of the year and
   * region. `kind` left out follows the year (终期 from the target year on); a kind the year does
   * not allow is refused.
   */
  exportReport(arg: { year: number; kind?: ReportKind; region?: string }): Promise<FileBytes>;
  /** 下发模板: one return template per 填报单位 (and per sub-region asked for). */
  /** What each bureau's template for the year will ask, without writing it: the 下发模板 preview. Refuses, like
   *  makeTemplates, while indicators lack a 填报单位. */
  previewTemplates(arg: { year: number; regions?: string[] }): Promise<TemplatePlan[]>;
  /** The officer checked the outside changes shown and accepts the workbook as it is (audited); a
   *  signed year's changed figures need the year reopened instead. Returns what was accepted. */
  acceptOutsideChanges(arg: { note?: string }): Promise<string[]>;
  makeTemplates(arg: { year: number; regions?: string[] }): Promise<(FileBytes & { bureau: string; region: string })[]>;
  listAudit(arg: Record<string, never>): Promise<AuditEntry[]>;
}
