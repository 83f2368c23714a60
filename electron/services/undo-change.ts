import { UserError } from '../../shared/api/errors';
import { AUDIT_ACTION_LABELS, UNDOABLE_ACTIONS, type AuditEntry, type BureauReferences, type IndicatorBureaus, type Schema, type UndoneChange, type ValueKey } from '../../shared/domain';
import type { Actor } from '../store/actor';
import { appendAudit, latestAuditOf } from '../store/audit';
import type { WriteDb } from '../store/db';
import { putStoredLayout, readStoredLayout, removeStoredLayout } from '../store/layout-memory';
import { listReturnKeys } from '../store/reported-values';
import { getStoredResolution, removeResolution, saveResolution } from '../store/resolutions';
import { listReturnBureaus, setReturnBureau } from '../store/returns';
import { readSchemaCopy, replaceBureaus, sealSchemaCopy, writeIndicatorBureaus, writeReporter } from '../store/schema-copy';
import { readYearState } from '../store/year-state';
import { indicatorBureaus } from './bureau-list';
import { diffValues, snapshotValues } from './value-changes';

type Undoable = Extract<AuditEntry, { action: (typeof UNDOABLE_ACTIONS)[number] }>;

/**
 * 撤销: the latest bulk action (an assignment of 填报单位, the proposals confirmed, a bureau
 * renamed or merged) put back exactly as its audit entry says things stood before it; one
 * transaction, audited. Only the latest, once: a second 撤销 has nothing to undo. Refused when
 * what the action wrote no longer stands (changed since, or outside the app).
 */
export function undoLastChange(db: WriteDb, actor: Actor, schema: Schema): UndoneChange {
  return db.transaction(() => {
    const entry = latestAuditOf(db, [...UNDOABLE_ACTIONS, 'undo_change']);
    if (!entry) throw new UserError('nothing_to_undo', '没有可撤销的批量操作（指定填报单位、确认建议、单位改名或合并）。');
    if (entry.action === 'undo_change') {
      throw new UserError('nothing_to_undo', `最近一次批量操作（${AUDIT_ACTION_LABELS[entry.before.action]}）已经撤销，没有可再撤销的操作。`);
    }
    if (entry.action === 'other') throw new UserError('nothing_to_undo', '最近一次批量操作的审计记录无法读取，不能撤销。');
    const undoable = entry as Undoable;
    let keys: ValueKey[] = [];
    let indicators = 0;
    switch (undoable.action) {
      case 'assign_reporter':
      case 'confirm_proposed_reporters': {
        const current = new Map(schema.indicators.map((i) => [i.code, i]));
        for (const assigned of undoable.after) {
          const now = current.get(assigned.code);
          if (!now || now.reporter !== assigned.reporter || now.reporterProposed !== (assigned.proposed ?? false)) stale(undoable, `指标“${now?.name ?? assigned.code}”的填报单位`);
        }
        const restore =
          undoable.action === 'assign_reporter'
            ? undoable.before.map((b) => ({ code: b.code, reporter: b.reporter, proposed: b.proposed ?? false }))
            : undoable.after.map((a) => ({ code: a.code, reporter: a.reporter, proposed: true }));
        for (const r of restore) writeReporter(db, r.code, r.reporter, r.proposed);
        indicators = restore.length;
        break;
      }
      case 'rename_bureau':
      case 'merge_bureaus': {
        checkStands(db, schema, undoable, undoable.after);
        keys = undoable.before.returns.flatMap((r) => listReturnKeys(db, r.id));
        indicators = undoable.before.indicators.length;
        break;
      }
    }
    const valuesBefore = snapshotValues(db, schema, keys);
    if (undoable.action === 'rename_bureau' || undoable.action === 'merge_bureaus') restoreReferences(db, undoable.before, undoable.after);
    const changes = diffValues(keys, valuesBefore, snapshotValues(db, readSchemaCopy(db), keys));
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: 'undo_change',
      target: `${AUDIT_ACTION_LABELS[undoable.action]}：${undoable.target}`,
      before: { entry: undoable.id, action: undoable.action },
      after: { changes },
    });
    return { entry: undoable.id, action: undoable.action, target: undoable.target, indicators };
  })();
}

function stale(entry: Undoable, what: string): never {
  throw new UserError('undo_stale', `“${AUDIT_ACTION_LABELS[entry.action]}：${entry.target}”之后，${what}又有改动，不能撤销。请直接在指标体系中改正。`);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function sameRefs(a: IndicatorBureaus, b: IndicatorBureaus): boolean {
  return a.reporter === b.reporter && a.proposed === b.proposed && sameList(a.leadBureaus, b.leadBureaus) && sameList(a.coBureaus, b.coBureaus) && sameList(a.jointBureaus, b.jointBureaus);
}

/** What a rename or merge wrote still stands, and putting it back touches no signed-off year. */
function checkStands(db: WriteDb, schema: Schema, entry: Undoable, after: BureauReferences): void {
  const listed = schema.bureaus;
  if (listed.length !== after.bureaus.length || listed.some((b, i) => b.name !== after.bureaus[i]!.name || !sameList(b.aliases, after.bureaus[i]!.aliases))) stale(entry, '单位名单');
  const indicators = new Map(schema.indicators.map((i) => [i.code, i]));
  for (const refs of after.indicators) {
    const now = indicators.get(refs.code);
    if (!now || !sameRefs(indicatorBureaus(now), refs)) stale(entry, `指标“${now?.name ?? refs.code}”的填报单位或责任单位`);
  }
  const returns = new Map(listReturnBureaus(db).map((r) => [r.id, r]));
  for (const r of after.returns) {
    const now = returns.get(r.id);
    if (!now || now.bureau !== r.bureau) stale(entry, `报表（编号 ${r.id}）的填报单位`);
    if (now.year !== null && readYearState(db, now.year).signedOff) {
      throw new UserError('year_signed_off', `${now.year}年已定稿，撤销会改动其报表的填报单位。请先重新打开该年度，再撤销。`);
    }
  }
  for (const r of after.resolutions) {
    const now = getStoredResolution(db, r.findingId);
    if (!now || now.basis !== r.basis || now.action !== r.action || now.value !== r.value || now.code !== r.code) stale(entry, '核对问题的处理');
  }
  for (const layout of after.layouts) {
    if (readStoredLayout(db, layout.bureau)?.data !== layout.data) stale(entry, `“${layout.bureau}”记住的报表格式`);
  }
}

function restoreReferences(db: WriteDb, before: BureauReferences, after: BureauReferences): void {
  replaceBureaus(db, before.bureaus);
  for (const refs of before.indicators) writeIndicatorBureaus(db, refs);
  sealSchemaCopy(db);
  for (const r of before.returns) setReturnBureau(db, r.id, r.bureau);
  for (const r of after.resolutions) removeResolution(db, r.findingId);
  for (const r of before.resolutions) saveResolution(db, r.kind, r);
  for (const layout of after.layouts) removeStoredLayout(db, layout.bureau);
  for (const layout of before.layouts) putStoredLayout(db, layout);
}
