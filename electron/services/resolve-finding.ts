import { UserError } from '../../shared/api/errors';
import type { AuditEvent, Finding, FindingBefore, Schema, ValueChange, ValueKey } from '../../shared/domain';
import type { ReconciledFinding } from '../../shared/reconcile/consolidate';
import type { ResolutionAction, ResolutionRecord, ResolutionRequest } from '../../shared/domain';
import type { Actor } from '../store/actor';
import { removeIndicatorAlias, saveIndicatorAlias } from '../store/aliases';
import { appendAudit } from '../store/audit';
import type { WriteDb } from '../store/db';
import { getResolution, removeResolution, saveResolution } from '../store/resolutions';
import { readYearState } from '../store/year-state';
import { reconcileWorkbook, reconcileWorkbookYears } from './reconcile-workbook';
import { diffValues, snapshotValues } from './value-changes';

export type { ResolutionRequest };

const ACTIONS_BY_KIND: Partial<Record<Finding['kind'], ResolutionAction[]>> = {
  conflict: ['choose', 'override', 'confirm'],
  unmatched_row: ['map', 'confirm'],
  ambiguous_match: ['map', 'confirm'],
  missing: ['override', 'confirm'],
  out_of_range: ['override', 'confirm'],
  suspicious_change: ['override', 'confirm'],
};

const ACTION_NAMES: Record<ResolutionRequest['action'], string> = {
  choose: '采用',
  map: '对应到指标',
  confirm: '确认无误',
  override: '手工填写',
  reopen: '重新打开',
};

function findOrRefuse(findings: ReconciledFinding[], id: string): ReconciledFinding {
  const finding = findings.find((f) => f.id === id);
  if (!finding) throw new UserError('finding_not_found', `找不到核对问题“${id}”。请先用 findings 查看当前问题的编号。`);
  return finding;
}

/** The audit event of a decision (or of taking one back). */
function resolutionEvent(request: ResolutionRequest, before: FindingBefore, changes: ValueChange[]): AuditEvent {
  switch (request.action) {
    case 'choose':
      return { action: 'resolve_choose', before, after: { resolution: request, changes } };
    case 'override':
      return { action: 'resolve_override', before, after: { resolution: request, changes } };
    case 'map':
      return { action: 'resolve_map', before, after: { resolution: request, changes } };
    case 'confirm':
      return { action: 'resolve_confirm', before, after: { resolution: request, changes } };
    case 'reopen':
      return { action: 'reopen_finding', before, after: { resolution: null, changes } };
  }
}

/** The values a resolution of this finding can change. */
function keysOf(finding: Finding, mappedTo: string | null): ValueKey[] {
  if (finding.region === null || finding.year === null) return [];
  const codes = [finding.indicator, mappedTo].filter((c): c is string => c !== null);
  return codes.map((indicator) => ({ indicator, region: finding.region!, year: finding.year! }));
}

function checkRequest(schema: Schema, finding: ReconciledFinding, request: ResolutionRequest): void {
  if (request.action === 'reopen') return;
  const allowed = ACTIONS_BY_KIND[finding.kind] ?? ['confirm'];
  if (!allowed.includes(request.action)) {
    throw new UserError('resolution_not_allowed', `“${ACTION_NAMES[request.action]}”不适用于此类问题（${finding.message}）。可用的处理：${allowed.map((a) => ACTION_NAMES[a]).join('、')}。`);
  }
  if (request.action === 'choose' && !finding.candidates.some((c) => Number(c.name) === request.value)) {
    throw new UserError('bad_choice', `${request.value} 不是各单位所报数值之一（${finding.message}）。如需填写其他数值，请用“手工填写”并说明理由。`);
  }
  if (request.action === 'map' && !schema.indicators.some((i) => i.code === request.code)) {
    throw new UserError('unknown_indicator', `指标体系中没有编码为“${request.code}”的指标。`);
  }
  if (request.action === 'override' && !request.note.trim()) {
    throw new UserError('note_required', '手工填写数值必须注明理由：请写明数值从何而来（如电话核实、文件依据）。');
  }
}

/**
 * Records the officer's decision on a finding, or takes it back: one transaction with an audit
 * entry holding the consolidated value before and after.
 */
export function resolveFinding(
  db: WriteDb,
  actor: Actor,
  schema: Schema,
  findingId: string,
  request: ResolutionRequest,
  /** Findings already reckoned and current (the service's kept years): looked in before reconciling the workbook. */
  known: readonly ReconciledFinding[] = [],
): ReconciledFinding {
  return db.transaction(() => {
    const finding = known.find((f) => f.id === findingId) ?? findOrRefuse(reconcileWorkbook(db, schema).findings, findingId);
    if (finding.year !== null && readYearState(db, finding.year).signedOff) {
      throw new UserError('year_signed_off', `${finding.year}年已定稿，不能再处理核对问题。如需更正，请先重新打开该年度。`);
    }
    checkRequest(schema, finding, request);
    const previous = getResolution(db, findingId);
    // A decision that still holds is changed only by reopening it first: a second window (or a
    // second click) acting on what it saw earlier is refused instead of audited twice.
    if (request.action !== 'reopen' && previous && previous.basis === finding.basis) {
      const by = previous.operator ? `${previous.operator}已` : '已';
      throw new UserError('already_resolved', `此问题${by}处理为“${ACTION_NAMES[previous.action]}${previous.value !== null ? ` ${previous.value}` : previous.code ? ` ${previous.code}` : ''}”。界面可能不是最新的，请刷新；如需改变处理，请先“重新打开”。`);
    }
    const keys = keysOf(finding, request.action === 'map' ? request.code : previous?.action === 'map' ? previous.code : null);
    const valuesBefore = snapshotValues(db, schema, keys);
    if (request.action === 'reopen') {
      if (!previous) throw new UserError('not_resolved', `核对问题“${findingId}”尚未处理，无需重新打开。`);
      removeResolution(db, findingId);
      if (previous.action === 'map' && finding.name) removeIndicatorAlias(db, finding.name, null);
    } else {
      const record: ResolutionRecord = {
        findingId,
        action: request.action,
        value: 'value' in request ? request.value : null,
        code: request.action === 'map' ? request.code : null,
        note: request.note?.trim() ?? '',
        basis: finding.basis,
        operator: actor.operator,
        at: new Date().toISOString(),
      };
      saveResolution(db, finding.kind, record);
      // A confirmed mapping becomes an alias, so next year's return matches by itself.
      if (request.action === 'map' && finding.name) saveIndicatorAlias(db, finding.name, request.code, null);
    }
    const changes = diffValues(keys, valuesBefore, snapshotValues(db, schema, keys));
    const before: FindingBefore = { finding: finding.kind, message: finding.message, resolution: previous };
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, target: findingId, note: request.note ?? '', ...resolutionEvent(request, before, changes) });
    const now = (finding.year === null ? reconcileWorkbook(db, schema) : reconcileWorkbookYears(db, schema, [finding.year])).findings.find((f) => f.id === findingId);
    return now ?? { ...finding, status: 'resolved' as const };
  })();
}
