import type { ImportOverride, ReturnSummary } from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import type { Actor } from '../store/actor';
import { appendAudit } from '../store/audit';
import type { WriteDb } from '../store/db';
import type { Schema } from '../../shared/domain';
import { deleteReturnValues, insertReturnValues, listReturnKeys } from '../store/reported-values';
import { getReturn, readReturnBytes, readReturnLayout, setReturnFacts, setReturnState } from '../store/returns';
import { readYearState } from '../store/year-state';
import type { ImportContext } from '../../shared/import/import-context';
import type { LayoutOverride } from '../../shared/import/layout-override';
import { layoutMemoryIn, readReturn } from './read-return';
import { diffValues, snapshotValues } from './value-changes';

function requireReturn(db: WriteDb, id: number): ReturnSummary {
  const found = getReturn(db, id);
  if (!found) throw new UserError('return_not_found', `没有编号为 ${id} 的报表。请先用 returns 查看已导入报表的编号。`);
  return found;
}

function refuseSignedOff(db: WriteDb, year: number | null, what: string): void {
  if (year !== null && readYearState(db, year).signedOff) {
    throw new UserError('year_signed_off', `${year}年已定稿，不能${what}。如需更正，请先重新打开该年度。`);
  }
}

/**
 * How a return is read again for 更正: as it was imported (its bureau, region and year as then
 * decided, the columns the officer chose in the preview), with only the corrected facts changed.
 * Read bare, a file naming no year was refused and one laid out by hand was read another way.
 */
function asImported(db: WriteDb, before: ReturnSummary, correction: { bureau?: string; region?: string; year?: number }): ImportOverride {
  const stored = readReturnLayout(db, before.id) as { override?: LayoutOverride | null } | null;
  const layout = stored?.override && Array.isArray(stored.override.sheets) ? stored.override : null;
  return {
    ...(before.bureau !== null ? { bureau: before.bureau } : {}),
    ...(before.region !== null ? { region: before.region } : {}),
    ...(before.year !== null ? { year: before.year } : {}),
    ...(layout ? { layout } : {}),
    ...correction,
  };
}

/** 撤销导入: the return stays in the workbook, marked withdrawn; its figures leave consolidation. */
export function withdrawReturn(db: WriteDb, actor: Actor, schema: Schema, returnId: number, note = ''): ReturnSummary {
  return db.transaction(() => {
    const before = requireReturn(db, returnId);
    if (before.state === 'withdrawn') throw new UserError('already_withdrawn', `报表“${before.file}”（编号 ${returnId}）已撤销导入。`);
    refuseSignedOff(db, before.year, `撤销“${before.file}”的导入`);
    const keys = listReturnKeys(db, returnId);
    const valuesBefore = snapshotValues(db, schema, keys);
    setReturnState(db, returnId, 'withdrawn');
    const after = requireReturn(db, returnId);
    const changes = diffValues(keys, valuesBefore, snapshotValues(db, schema, keys));
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'withdraw_return', target: before.file, before, after: { ...after, changes }, note });
    return after;
  })();
}

/** Counts a withdrawn return again (the officer switching back). */
export function restoreReturn(db: WriteDb, actor: Actor, schema: Schema, returnId: number, note = ''): ReturnSummary {
  return db.transaction(() => {
    const before = requireReturn(db, returnId);
    if (before.state !== 'withdrawn') throw new UserError('not_withdrawn', `报表“${before.file}”未被撤销，无需恢复。`);
    refuseSignedOff(db, before.year, `恢复“${before.file}”`);
    const keys = listReturnKeys(db, returnId);
    const valuesBefore = snapshotValues(db, schema, keys);
    setReturnState(db, returnId, 'counted');
    const after = requireReturn(db, returnId);
    const changes = diffValues(keys, valuesBefore, snapshotValues(db, schema, keys));
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'restore_return', target: before.file, before, after: { ...after, changes }, note });
    return after;
  })();
}

/**
 * 更正: a wrongly detected bureau, region or year. The stored original is read again with the
 * correction, so matching (bureau aliases) and years follow it; one transaction.
 */
export async function correctReturn(
  db: WriteDb,
  actor: Actor,
  context: ImportContext,
  returnId: number,
  correction: { bureau?: string; region?: string; year?: number },
  note = '',
): Promise<ReturnSummary> {
  const before = requireReturn(db, returnId);
  const file = readReturnBytes(db, returnId)!;
  const read = await readReturn(layoutMemoryIn(db), context, file, { override: asImported(db, before, correction) });
  refuseSignedOff(db, before.year, `更正“${before.file}”`);
  refuseSignedOff(db, read.year, `更正“${before.file}”`);
  return db.transaction(() => {
    const keys = [...listReturnKeys(db, returnId), ...read.values.values.filter((v) => v.indicator !== null && v.role === 'value').map((v) => ({ indicator: v.indicator!, region: v.region, year: v.year }))];
    const valuesBefore = snapshotValues(db, context.schema, keys);
    setReturnFacts(db, returnId, { bureau: read.bureau, region: read.region, year: read.year });
    deleteReturnValues(db, returnId);
    insertReturnValues(db, returnId, read.values.values);
    const after = requireReturn(db, returnId);
    const changes = diffValues(keys, valuesBefore, snapshotValues(db, context.schema, keys));
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'correct_return', target: before.file, before, after: { ...after, changes }, note });
    return after;
  })();
}
