import type { AuditRecord } from '../../shared/api/contract';
import { AUDIT_ACTION_LABELS, isAuditAction } from '../../shared/domain';
import { formatDateTime } from '../app/format';

/** An action in the officer's words; one written by a later version, or by hand, is 其他操作. */
export function actionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : '其他操作';
}

type Data = Record<string, unknown>;
const asData = (value: unknown): Data => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {});
const asList = (value: unknown): Data[] => (Array.isArray(value) ? value.map(asData) : []);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

const STATUS_WORDS: Record<string, string> = { conflict: '冲突', missing: '缺报' };
const RETURN_STATES: Record<string, string> = { counted: '计入', superseded: '已被更正', withdrawn: '已撤销', duplicate: '重复' };

/** A consolidated value as a word: 92, 冲突, 缺报, or — for nothing. */
function valueWord(state: unknown): string {
  const { value, status } = asData(state);
  const figure = num(value);
  const word = typeof status === 'string' ? STATUS_WORDS[status] : undefined;
  if (figure === null) return word ?? '—';
  return word ? `${figure}（${word}）` : String(figure);
}

function nameOf(code: unknown, names: ReadonlyMap<string, string>): string {
  const key = text(code) ?? '';
  return names.get(key) ?? key;
}

/** "指标名 地区 年度：旧值 → 新值" for each consolidated value the operation changed. */
function changesText(changes: unknown, names: ReadonlyMap<string, string>): string[] {
  return asList(changes).map((change) => {
    const year = num(change.year);
    return `${nameOf(change.indicator, names)} ${text(change.region) ?? ''} ${year === null ? '' : `${year}年`}：${valueWord(change.before)} → ${valueWord(change.after)}`;
  });
}

/** A long list shown as its first few and a count. */
function limited(lines: string[], limit = 4): string[] {
  return lines.length <= limit ? lines : [...lines.slice(0, limit), `等 ${lines.length} 项`];
}

function resolutionWords(resolution: unknown, names: ReadonlyMap<string, string>): string {
  const { action, value, code } = asData(resolution);
  if (action === 'choose') return `采用 ${num(value) ?? '—'}`;
  if (action === 'override') return `手工填写 ${num(value) ?? '—'}`;
  if (action === 'map') return `对应到“${nameOf(code, names)}”`;
  if (action === 'confirm') return '确认无误';
  return '';
}

function returnWords(record: AuditRecord): string[] {
  const before = asData(record.before);
  const after = asData(record.after);
  const lines: string[] = [];
  const stateBefore = text(before.state);
  const stateAfter = text(after.state);
  if (stateBefore && stateAfter && stateBefore !== stateAfter) lines.push(`${RETURN_STATES[stateBefore] ?? stateBefore} → ${RETURN_STATES[stateAfter] ?? stateAfter}`);
  const fields: [string, string][] = [
    ['bureau', '填报单位'],
    ['region', '地区'],
    ['year', '年度'],
  ];
  for (const [field, label] of fields) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (record.action === 'correct_return' && from !== to) lines.push(`${label} ${String(from ?? '未识别')} → ${String(to ?? '未识别')}`);
  }
  return lines;
}

/** What an entry changed, in words: values old → new, assignments, states. */
export function summarizeAudit(record: AuditRecord, names: ReadonlyMap<string, string>): string {
  const before = asData(record.before);
  const after = asData(record.after);
  const lines: string[] = [];
  switch (record.action) {
    case 'import_return': {
      const year = num(after.year);
      lines.push(
        `${text(after.bureau) ?? '未识别单位'} ${text(after.region) ?? ''} ${year === null ? '' : `${year}年`}，读入 ${num(after.values) ?? 0} 个数` +
          `（匹配 ${num(after.matchedRows) ?? 0} 行，未匹配 ${num(after.unmatchedRows) ?? 0} 行）`,
      );
      break;
    }
    case 'withdraw_return':
    case 'restore_return':
    case 'correct_return':
      lines.push(...returnWords(record));
      break;
    case 'resolve_choose':
    case 'resolve_override':
    case 'resolve_map':
    case 'resolve_confirm':
      lines.push(resolutionWords(after.resolution, names));
      break;
    case 'reopen_finding': {
      const previous = resolutionWords(before.resolution, names);
      lines.push(previous ? `撤销原处理（${previous}）` : '撤销原处理');
      break;
    }
    case 'assign_reporter': {
      const was = new Map(asList(record.before).map((entry) => [text(entry.code) ?? '', text(entry.reporter)]));
      lines.push(
        ...limited(
          asList(record.after).map((entry) => {
            const code = text(entry.code) ?? '';
            return `${nameOf(code, names)}：${was.get(code) ?? '未指定'} → ${text(entry.reporter) ?? '未指定'}`;
          }),
        ),
      );
      break;
    }
    case 'confirm_proposed_reporters':
      lines.push(...limited(asList(record.after).map((entry) => `${nameOf(entry.code, names)}：${text(entry.reporter) ?? '未指定'}`)));
      break;
    case 'sign_off_year':
    case 'reopen_year': {
      const word = (state: Data) => (state.signedOff === true ? '已定稿' : '初稿');
      lines.push(`${word(before)} → ${word(after)}`);
      break;
    }
    case 'create_workbook': {
      const subregions = Array.isArray(after.subregions) ? after.subregions.filter((name): name is string => typeof name === 'string') : [];
      lines.push(`${text(after.region) ?? ''}${subregions.length > 0 ? `（${subregions.join('、')}）` : ''}，${num(after.indicatorCount) ?? 0} 项指标`);
      break;
    }
    case 'upgrade_workbook':
      lines.push(`文件版本 ${num(before.version) ?? '—'} → ${num(after.version) ?? '—'}`);
      break;
    case 'take_over_lock':
      lines.push(`原由计算机“${text(before.host) ?? '未知'}”上的账户“${text(before.osUser) ?? '未知'}”占用`);
      break;
    default:
      break;
  }
  lines.push(...limited(changesText(after.changes, names), 6));
  return lines.filter((line) => line !== '').join('；');
}

/** What the entry acted on, as she would name it: a finding's message rather than its id. */
export function auditTarget(record: AuditRecord): string {
  if (record.action.startsWith('resolve_') || record.action === 'reopen_finding') return text(asData(record.before).message) ?? record.target;
  if (record.action === 'assign_reporter') return `填报单位“${record.target}”`;
  return record.target;
}

/** Indicator codes an entry touched, for the filter by indicator. */
export function auditIndicators(record: AuditRecord): string[] {
  const after = asData(record.after);
  const codes = [
    ...asList(after.changes).map((change) => text(change.indicator)),
    ...asList(record.after).map((entry) => text(entry.code)),
    ...asList(record.before).map((entry) => text(entry.code)),
    text(asData(after.resolution).code),
  ];
  return [...new Set(codes.filter((code): code is string => code !== null))];
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
export function auditLines(records: readonly AuditRecord[], names: ReadonlyMap<string, string>): AuditLine[] {
  return [...records]
    .sort((a, b) => b.id - a.id)
    .map((record) => ({
      id: record.id,
      at: formatDateTime(record.at),
      operator: record.operator || record.osUser,
      osUser: record.osUser,
      action: actionLabel(record.action),
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
