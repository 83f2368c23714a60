import type { Bureau } from './bureau';
import type { FindingKind } from './finding';
import type { Indicator } from './indicator';
import type { IndicatorChanges } from './indicator-edit';
import type { ResolutionRecord, ResolutionRequest } from './resolution';
import type { ReturnSummary } from './return';
import type { Rule } from './schema';
import type { ValueChange } from './values';
import type { YearState } from './year-state';

/**
 * Every kind of entry the append-only audit log holds, with its label in the officer's words.
 * A new action without a label does not compile (Record over the union).
 */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create_workbook: '新建工作簿',
  upgrade_workbook: '升级工作簿',
  take_over_lock: '接管工作簿',
  import_return: '导入报表',
  withdraw_return: '撤销导入',
  restore_return: '恢复计入',
  correct_return: '更正报表',
  resolve_choose: '采用数值',
  resolve_override: '手工填写',
  resolve_map: '对应到指标',
  resolve_confirm: '确认无误',
  reopen_finding: '重新打开问题',
  assign_reporter: '指定填报单位',
  confirm_proposed_reporters: '确认建议的填报单位',
  add_bureau: '添加单位',
  rename_bureau: '单位改名',
  merge_bureaus: '合并单位',
  undo_change: '撤销批量操作',
  edit_indicator: '修改指标',
  add_indicator: '新增指标',
  remove_indicator: '移除指标',
  add_rule: '新增校验规则',
  remove_rule: '删除校验规则',
  sign_off_year: '定稿',
  reopen_year: '重新打开年度',
  rollover: '转入下一规划期',
  integrity_problem: '发现本程序之外的修改',
  integrity_accepted: '确认本程序之外的修改',
};

/** The label of an entry that fits no event this version writes. */
export const OTHER_AUDIT_LABEL = '其他操作';

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action);
}

/** Who held the workbook open (the lock row): which computer and account, since when. */
export interface LockHolder {
  host: string;
  osUser: string;
  pid: number;
  /** ISO 8601, UTC. */
  since: string;
  heartbeat: string;
}

export const INTEGRITY_KINDS = ['audit_chain', 'audit_tail', 'schema_changed', 'schema_invalid', 'signed_figures'] as const;
export type IntegrityKind = (typeof INTEGRITY_KINDS)[number];

/** One way the workbook is not as the app left it. */
export interface IntegrityProblem {
  kind: IntegrityKind;
  /** Stable for the same damage, so it is recorded once and accepted once. */
  identity: string;
  /** One Chinese clause: 审计日志第 3 条记录被改动. */
  message: string;
}

/** One indicator's 填报单位 as an assignment entry records it. */
export interface ReporterAssignment {
  code: string;
  reporter: string | null;
  /** True where the 填报单位 was the app's proposal; absent from entries written before 撤销 needed it. */
  proposed?: boolean;
}

/** An indicator's references to bureaus: its 填报单位 and the responsibilities the document names. */
export interface IndicatorBureaus {
  code: string;
  reporter: string | null;
  proposed: boolean;
  leadBureaus: string[];
  coBureaus: string[];
  jointBureaus: string[];
}

/** A resolution as stored, with the finding kind it is filed under. */
export interface StoredResolution extends ResolutionRecord {
  kind: string;
}

/** A layout remembered for a bureau's returns, as stored (the layout itself as its JSON text). */
export interface StoredLayout {
  bureau: string;
  data: string;
  updatedAt: string;
}

/**
 * What a rename or merge of bureaus touched, as it stood before or stands after: the whole list,
 * and every indicator, return, resolution and remembered layout that moved. Enough to put it
 * back exactly (撤销).
 */
export interface BureauReferences {
  bureaus: Bureau[];
  indicators: IndicatorBureaus[];
  returns: { id: number; bureau: string | null }[];
  resolutions: StoredResolution[];
  layouts: StoredLayout[];
}

/** The bulk actions a single 撤销 puts back, the latest one only. */
export const UNDOABLE_ACTIONS = ['assign_reporter', 'confirm_proposed_reporters', 'rename_bureau', 'merge_bureaus'] as const;
export type UndoableAction = (typeof UNDOABLE_ACTIONS)[number];

/** What a 撤销 put back: the audit entry it undid. */
export interface UndoneChange {
  /** The id of the audit entry undone. */
  entry: number;
  action: UndoableAction;
  /** That entry's target, e.g. 市经信局 → 市工业和信息化局. */
  target: string;
  /** How many indicators' 填报单位 it put back. */
  indicators: number;
}

/** The consolidated values an operation changed (the store reads an entry written before they were recorded as changing none). */
export interface ValueChanges {
  changes: ValueChange[];
}

/** The finding a resolution acted on, as it stood before. */
export interface FindingBefore {
  finding: FindingKind;
  message: string;
  resolution: ResolutionRecord | null;
}

/** A return as imported: its facts and what was read from it. */
export interface ImportedReturn {
  returnId: number;
  bureau: string | null;
  region: string;
  year: number;
  sha256: string;
  values: number;
  matchedRows: number;
  unmatchedRows: number;
}

/** An indicator's edited fields as they stood on one side of an edit; only the fields the edit set. */
export interface IndicatorFields {
  code: string;
  name: string;
  fields: IndicatorChanges;
}

/** What an indicator edit did beyond its fields: stored figures read again, consolidated values changed. */
export interface IndicatorEditOutcome extends IndicatorFields, ValueChanges {
  /** Stored reported cells converted into the new unit or read again under it. */
  cells: number;
}

/** An indicator taken out of the schema: archived (kept, with its figures) or deleted. */
export interface IndicatorRemovalRecord {
  archived: boolean;
  /** Stored cells under it and rows mapped to it when it was removed. */
  figures: number;
}

type ResolveAction = Exclude<ResolutionRequest['action'], 'reopen'>;

export type AuditAction = AuditEvent['action'];

/**
 * Every action the app writes to the audit log, with what it records before and after (null
 * where the action has no before, or no after). The store reads each row back into one of these.
 */
export type AuditEvent =
  | { action: 'create_workbook'; before: null; after: { schema: string; region: string; subregions: string[]; indicatorCount: number } }
  | { action: 'upgrade_workbook'; before: { version: number }; after: { version: number; migration: string; appVersion: string } }
  | { action: 'take_over_lock'; before: LockHolder; after: Pick<LockHolder, 'host' | 'osUser' | 'pid'> }
  | { action: 'import_return'; before: null; after: ImportedReturn & ValueChanges }
  | { action: 'withdraw_return' | 'restore_return' | 'correct_return'; before: ReturnSummary; after: ReturnSummary & ValueChanges }
  | { [A in ResolveAction]: { action: `resolve_${A}`; before: FindingBefore; after: { resolution: Extract<ResolutionRequest, { action: A }> } & ValueChanges } }[ResolveAction]
  | { action: 'reopen_finding'; before: FindingBefore; after: { resolution: null } & ValueChanges }
  | { action: 'assign_reporter'; before: ReporterAssignment[]; after: ReporterAssignment[] }
  | { action: 'confirm_proposed_reporters'; before: null; after: ReporterAssignment[] }
  | { action: 'add_bureau'; before: null; after: Bureau }
  /** `from` became `into`: renamed (the old name kept as an alias) or merged into another bureau. */
  | { action: 'rename_bureau' | 'merge_bureaus'; before: BureauReferences; after: BureauReferences & ValueChanges & { from: string; into: string } }
  /** 撤销: the latest bulk action put back as it stood before it. */
  | { action: 'undo_change'; before: { entry: number; action: UndoableAction }; after: ValueChanges }
  | { action: 'edit_indicator'; before: IndicatorFields; after: IndicatorEditOutcome }
  | { action: 'add_indicator'; before: null; after: Indicator }
  | { action: 'remove_indicator'; before: Indicator; after: IndicatorRemovalRecord }
  | { action: 'add_rule'; before: null; after: Rule }
  | { action: 'remove_rule'; before: Rule; after: null }
  /**
   * `digest` and `findings`: the seal, which entries written before sealing lack; `openErrors`:
   * the error findings left open, for which the note gives the reason (absent from earlier entries).
   */
  | { action: 'sign_off_year'; before: YearState; after: YearState & { digest?: string | null; findings?: number; openErrors?: number } }
  | { action: 'reopen_year'; before: YearState; after: YearState }
  | { action: 'rollover'; before: null; after: { baseYear: number; targetYear: number; baselines: { code: string; value: number | null }[] } }
  | { action: 'integrity_problem' | 'integrity_accepted'; before: null; after: { problems: IntegrityProblem[] } };

/**
 * A row that fits no event this version writes: an action from a later version, or a row edited
 * outside the app. Kept as written: the action and the before/after text.
 */
export interface OtherAuditEvent {
  action: 'other';
  written: string;
  before: string | null;
  after: string | null;
}

/** One line of the append-only audit log; `at` is ISO 8601 UTC. */
export type AuditEntry = {
  id: number;
  at: string;
  osUser: string;
  operator: string;
  target: string;
  note: string;
} & (AuditEvent | OtherAuditEvent);

/** An entry's action in the officer's words. */
export function auditLabel(entry: AuditEvent | OtherAuditEvent): string {
  return entry.action === 'other' ? OTHER_AUDIT_LABEL : AUDIT_ACTION_LABELS[entry.action];
}
