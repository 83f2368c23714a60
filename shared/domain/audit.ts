/**
 * Every kind of entry the append-only audit log holds, with its label in the officer's words.
 * A new action without a label does not compile (Record over the union).
 */
export const AUDIT_ACTION_LABELS = {
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
  sign_off_year: '定稿',
  reopen_year: '重新打开年度',
  rollover: '转入下一规划期',
  integrity_problem: '发现本程序之外的修改',
  integrity_accepted: '确认本程序之外的修改',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action);
}

/** One line of the append-only audit log; `at` is ISO 8601 UTC, before/after plain data. */
export interface AuditRecord {
  id: number;
  at: string;
  osUser: string;
  operator: string;
  /** An AuditAction as written; a string, since a file made elsewhere may hold any. */
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  note: string;
}
