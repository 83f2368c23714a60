import type { AuditEntry } from '../../../shared/api/contract';
import {
  AGGREGATION_LABELS,
  AUDIT_ACTION_LABELS,
  DIRECTION_LABELS,
  FIELD_LABELS,
  SCOPE_LABELS,
  TARGET_OP_LABELS,
  UNASSIGNED_BUREAU,
  auditLabel,
  isEditableField,
  type FindingBefore,
  type IndicatorChanges,
  type ReporterAssignment,
  type ResolutionRecord,
  type ResolutionRequest,
  type ReturnState,
  type ReturnSummary,
  type Rule,
  type ValueChange,
  type ValueState,
} from '../../../shared/domain';
import { formatNumber } from '../../../shared/format/figures';
import { expressionText, ruleOpText } from '../../../shared/format/rules';
import { formatDateTime } from '../../app/format';

/** An entry's action in the officer's words; one written by a later version, or by hand, is 其他操作. */
export function actionLabel(entry: AuditEntry): string {
  return auditLabel(entry);
}

const STATUS_WORDS: Partial<Record<ValueState['status'], string>> = { conflict: '冲突', missing: '缺报' };
const RETURN_STATE_WORDS: Record<ReturnState, string> = { counted: '计入', superseded: '已被更正', withdrawn: '已撤销', duplicate: '重复' };

/** A consolidated value as a word: 92, 冲突, 缺报, or — for nothing. */
function valueWord(state: ValueState): string {
  const word = STATUS_WORDS[state.status];
  if (state.value === null) return word ?? '—';
  return word ? `${state.value}（${word}）` : String(state.value);
}

function nameOf(code: string, names: ReadonlyMap<string, string>): string {
  return names.get(code) ?? code;
}

/** "指标名 地区 年度：旧值 → 新值" for each consolidated value the operation changed. */
function changesText(changes: readonly ValueChange[], names: ReadonlyMap<string, string>): string[] {
  return changes.map((change) => `${nameOf(change.indicator, names)} ${change.region} ${change.year}年：${valueWord(change.before)} → ${valueWord(change.after)}`);
}

/** A long list shown as its first few and a count. */
function limited(lines: string[], limit = 4): string[] {
  return lines.length <= limit ? lines : [...lines.slice(0, limit), `等 ${lines.length} 项`];
}

function resolutionWords(resolution: ResolutionRequest | ResolutionRecord | null, names: ReadonlyMap<string, string>): string {
  switch (resolution?.action) {
    case 'choose':
      return `采用 ${resolution.value ?? '—'}`;
    case 'override':
      return `手工填写 ${resolution.value ?? '—'}`;
    case 'map':
      return `对应到“${nameOf(resolution.code ?? '', names)}”`;
    case 'confirm':
      return '确认无误';
    default:
      return '';
  }
}

function returnWords(action: 'withdraw_return' | 'restore_return' | 'correct_return', before: ReturnSummary, after: ReturnSummary): string[] {
  const lines: string[] = [];
  if (before.state !== after.state) lines.push(`${RETURN_STATE_WORDS[before.state]} → ${RETURN_STATE_WORDS[after.state]}`);
  if (action !== 'correct_return') return lines;
  const fields = [
    ['bureau', '填报单位'],
    ['region', '地区'],
    ['year', '年度'],
  ] as const;
  for (const [field, label] of fields) {
    const from = before[field];
    const to = after[field];
    if (from !== to) lines.push(`${label} ${String(from ?? '未识别')} → ${String(to ?? '未识别')}`);
  }
  return lines;
}

/** One field of an indicator as the audit shows it: 越低越好 rather than lower, — for none. */
function fieldWord(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field) {
    case 'targetOp':
      return TARGET_OP_LABELS[value as keyof typeof TARGET_OP_LABELS] ?? String(value);
    case 'direction':
      return DIRECTION_LABELS[value as keyof typeof DIRECTION_LABELS] ?? String(value);
    case 'scope':
      return SCOPE_LABELS[value as keyof typeof SCOPE_LABELS] ?? String(value);
    case 'aggregation':
      return AGGREGATION_LABELS[value as keyof typeof AGGREGATION_LABELS] ?? String(value);
    default:
      if (typeof value === 'number') return formatNumber(value);
      if (Array.isArray(value)) return value.length > 0 ? value.join('、') : '—';
      return String(value);
  }
}

/** "计量单位：万个 → 个" for each field an indicator edit changed. */
function fieldChanges(before: IndicatorChanges, after: IndicatorChanges): string[] {
  return Object.keys(after).map((field) => {
    const label = isEditableField(field) ? FIELD_LABELS[field] : field;
    const from = fieldWord(field, (before as Record<string, unknown>)[field]);
    const to = fieldWord(field, (after as Record<string, unknown>)[field]);
    // A long note is named, not quoted.
    return field === 'notes' ? `${label}已修改` : `${label}：${from} → ${to}`;
  });
}

function ruleWords(rule: Rule, names: ReadonlyMap<string, string>): string {
  return `${rule.name}：${expressionText(rule.left, names)} ${ruleOpText(rule.op)} ${expressionText(rule.right, names)}`;
}

/** What an entry changed, in words: values old → new, assignments, states. */
export function summarizeAudit(entry: AuditEntry, names: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  let changes: readonly ValueChange[] = [];
  switch (entry.action) {
    case 'import_return': {
      const { after } = entry;
      lines.push(`${after.bureau ?? '未识别单位'} ${after.region} ${after.year}年，读入 ${after.values} 个数（匹配 ${after.matchedRows} 行，未匹配 ${after.unmatchedRows} 行）`);
      changes = after.changes;
      break;
    }
    case 'withdraw_return':
    case 'restore_return':
    case 'correct_return':
      lines.push(...returnWords(entry.action, entry.before, entry.after));
      changes = entry.after.changes;
      break;
    case 'resolve_choose':
    case 'resolve_override':
    case 'resolve_map':
    case 'resolve_confirm':
      lines.push(resolutionWords(entry.after.resolution, names));
      changes = entry.after.changes;
      break;
    case 'reopen_finding': {
      const previous = resolutionWords(entry.before.resolution, names);
      lines.push(previous ? `撤销原处理（${previous}）` : '撤销原处理');
      changes = entry.after.changes;
      break;
    }
    case 'assign_reporter': {
      const was = new Map(entry.before.map((assigned) => [assigned.code, assigned]));
      const word = (assigned: ReporterAssignment | undefined) => (assigned?.reporter ? `${assigned.proposed ? '「建议」' : ''}${assigned.reporter}` : UNASSIGNED_BUREAU);
      lines.push(...limited(entry.after.map((assigned) => `${nameOf(assigned.code, names)}：${word(was.get(assigned.code))} → ${word(assigned)}`)));
      break;
    }
    case 'rename_bureau':
    case 'merge_bureaus': {
      const { after } = entry;
      lines.push(`“${after.from}”${entry.action === 'merge_bureaus' ? '并入' : '改名为'}“${after.into}”，${after.indicators.length} 项指标、${after.returns.length} 份报表随之改动`);
      changes = after.changes;
      break;
    }
    case 'undo_change':
      lines.push(`撤销第 ${entry.before.entry} 条记录（${AUDIT_ACTION_LABELS[entry.before.action]}）`);
      changes = entry.after.changes;
      break;
    case 'confirm_proposed_reporters':
      lines.push(...limited(entry.after.map((assigned) => `${nameOf(assigned.code, names)}：${assigned.reporter ?? '未指定'}`)));
      break;
    case 'edit_indicator':
      lines.push(...fieldChanges(entry.before.fields, entry.after.fields));
      if (entry.after.cells > 0) lines.push(`重新读取已存数值 ${entry.after.cells} 个`);
      changes = entry.after.changes;
      break;
    case 'add_indicator': {
      const added = entry.after;
      lines.push(`${added.auxiliary ? '辅助指标' : added.area}，单位 ${added.unit || '—'}`);
      break;
    }
    case 'remove_indicator':
      lines.push(entry.after.archived ? `已归档，保留 ${entry.after.figures} 个填报数` : '已删除（无填报数）');
      break;
    case 'add_rule':
      lines.push(ruleWords(entry.after, names));
      break;
    case 'remove_rule':
      lines.push(ruleWords(entry.before, names));
      break;
    case 'sign_off_year':
    case 'reopen_year': {
      const word = (state: { signedOff: boolean }) => (state.signedOff ? '已定稿' : '初稿');
      lines.push(`${word(entry.before)} → ${word(entry.after)}`);
      if (entry.action === 'sign_off_year' && (entry.after.openErrors ?? 0) > 0) lines.push(`定稿时尚有 ${entry.after.openErrors} 个错误未处理`);
      break;
    }
    case 'create_workbook': {
      const { region, subregions, indicatorCount } = entry.after;
      lines.push(`${region}${subregions.length > 0 ? `（${subregions.join('、')}）` : ''}，${indicatorCount} 项指标`);
      break;
    }
    case 'upgrade_workbook':
      lines.push(`文件版本 ${entry.before.version} → ${entry.after.version}`);
      break;
    case 'take_over_lock':
      lines.push(`原由计算机“${entry.before.host || '未知'}”上的账户“${entry.before.osUser || '未知'}”占用`);
      break;
    case 'other':
      // Shown as it stands: what this version cannot read is not guessed at.
      lines.push(...[entry.written, entry.before, entry.after].filter((text): text is string => text !== null && text !== ''));
      break;
    case 'rollover':
    case 'add_bureau':
    case 'integrity_problem':
    case 'integrity_accepted':
      break;
  }
  lines.push(...limited(changesText(changes, names), 6));
  return lines.filter((line) => line !== '').join('；');
}

/** The finding an entry acted on, before the decision. */
function findingBefore(entry: AuditEntry): FindingBefore | null {
  switch (entry.action) {
    case 'resolve_choose':
    case 'resolve_override':
    case 'resolve_map':
    case 'resolve_confirm':
    case 'reopen_finding':
      return entry.before;
    default:
      return null;
  }
}

/** What the entry acted on, as she would name it: a finding's message rather than its id. */
export function auditTarget(entry: AuditEntry): string {
  const finding = findingBefore(entry);
  if (finding) return finding.message || entry.target;
  if (entry.action === 'assign_reporter') return `填报单位“${entry.target}”`;
  if (entry.action === 'edit_indicator') return `指标“${entry.after.name}”（${entry.after.code}）`;
  if (entry.action === 'add_indicator') return `指标“${entry.after.name}”（${entry.after.code}）`;
  if (entry.action === 'remove_indicator') return `指标“${entry.before.name}”（${entry.before.code}）`;
  if (entry.action === 'add_rule') return `校验规则 ${entry.after.id}`;
  if (entry.action === 'remove_rule') return `校验规则 ${entry.before.id}`;
  return entry.target;
}

/** Indicator codes an entry touched, for the filter by indicator. */
export function auditIndicators(entry: AuditEntry): string[] {
  const codes: string[] = [];
  switch (entry.action) {
    case 'import_return':
    case 'withdraw_return':
    case 'restore_return':
    case 'correct_return':
    case 'reopen_finding':
      codes.push(...entry.after.changes.map((change) => change.indicator));
      break;
    case 'resolve_choose':
    case 'resolve_override':
    case 'resolve_confirm':
      codes.push(...entry.after.changes.map((change) => change.indicator));
      break;
    case 'resolve_map':
      codes.push(...entry.after.changes.map((change) => change.indicator), entry.after.resolution.code);
      break;
    case 'assign_reporter':
      codes.push(...entry.after.map((assigned) => assigned.code), ...entry.before.map((assigned) => assigned.code));
      break;
    case 'confirm_proposed_reporters':
      codes.push(...entry.after.map((assigned) => assigned.code));
      break;
    case 'edit_indicator':
      codes.push(entry.after.code, ...entry.after.changes.map((change) => change.indicator));
      break;
    case 'add_indicator':
      codes.push(entry.after.code);
      break;
    case 'remove_indicator':
      codes.push(entry.before.code);
      break;
    case 'rename_bureau':
    case 'merge_bureaus':
      codes.push(...entry.after.indicators.map((refs) => refs.code), ...entry.after.changes.map((change) => change.indicator));
      break;
    case 'undo_change':
      codes.push(...entry.after.changes.map((change) => change.indicator));
      break;
    default:
      break;
  }
  return [...new Set(codes)];
}

export interface AuditLine {
  id: number;
  at: string;
  operator: string;
  osUser: string;
  action: string;
  target: string;
  change: string;
  note: string;
  indicators: string[];
}

/** The log newest first, each entry in words. */
export function auditLines(records: readonly AuditEntry[], names: ReadonlyMap<string, string>): AuditLine[] {
  return [...records]
    .sort((a, b) => b.id - a.id)
    .map((record) => ({
      id: record.id,
      at: formatDateTime(record.at),
      operator: record.operator || record.osUser,
      osUser: record.osUser,
      action: actionLabel(record),
      target: auditTarget(record),
      change: summarizeAudit(record, names),
      note: record.note,
      indicators: auditIndicators(record),
    }));
}

/** A CSV cell: quoted where needed; text that a spreadsheet would run as a formula gets a leading '. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The log as CSV for Excel and WPS: UTF-8 with a BOM, CRLF rows (DESIGN "Security"). */
export function auditCsv(lines: readonly AuditLine[]): string {
  const header = ['时间', '操作人', '系统账户', '操作', '对象', '变更', '说明'];
  const rows = lines.map((line) => [line.at, line.operator, line.osUser, line.action, line.target, line.change, line.note]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
