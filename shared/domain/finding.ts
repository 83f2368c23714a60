import type { SourceRef } from './values';
import type { ResolutionRecord } from './resolution';

/** DESIGN's finding kinds; the ids are stable and appear in the CLI's JSON. */
export const FINDING_KINDS = [
  'unmatched_row',
  'ambiguous_match',
  'unparseable_value',
  'formula_error',
  'unit_mismatch',
  'unit_converted',
  'conflict',
  'revised',
  'missing',
  'out_of_range',
  'baseline_mismatch',
  'target_mismatch',
  'suspicious_change',
  'rule_violation',
  'not_responsible',
  'unknown_region',
  'duplicate_file',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];
export type Severity = 'error' | 'warning' | 'info';
export type FindingStatus = 'open' | 'resolved';

export interface MatchCandidate {
  code: string;
  name: string;
  score: number;
  /** Why it was not taken on its own, in Chinese: which words or units differ. */
  reason?: string;
}

export interface Finding {
  /** Stable: derived from the kind and the data under it, so a resolution sticks. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  status: FindingStatus;
  indicator: string | null;
  name: string | null;
  bureau: string | null;
  region: string | null;
  year: number | null;
  file: string | null;
  sheet: string | null;
  cell: string | null;
  message: string;
  candidates: MatchCandidate[];
  /** Every cell the finding stands on when there are several (each side of a conflict), with the figure each holds. */
  sides?: FindingSide[];
  /** What the officer decided, while it holds: 核对 shows it under 已处理 with 重新打开. */
  decision?: FindingDecision;
}

/** One side of a finding: the cell and the figure it holds (市民政局 报 92 at 民政局.xlsx Sheet1!C6). */
export interface FindingSide {
  source: SourceRef;
  value: number | null;
}

/** A resolution as a finding carries it: the action, the figure or indicator taken, the note, who and when. */
export type FindingDecision = Pick<ResolutionRecord, 'action' | 'value' | 'code' | 'note' | 'operator' | 'at'>;

/** The finding kinds in the words of these offices. */
export const FINDING_KIND_LABELS: Record<FindingKind, string> = {
  unmatched_row: '未匹配指标',
  ambiguous_match: '指标匹配不确定',
  unparseable_value: '数值无法识别',
  formula_error: '公式错误',
  unit_mismatch: '单位不符',
  unit_converted: '单位已换算',
  conflict: '数值冲突',
  revised: '数值已更正',
  missing: '缺报',
  out_of_range: '数值超出范围',
  baseline_mismatch: '基期值不一致',
  target_mismatch: '目标值不一致',
  suspicious_change: '变动异常',
  rule_violation: '不符合校验规则',
  not_responsible: '非本单位填报指标',
  unknown_region: '未知地区',
  duplicate_file: '重复文件',
};
