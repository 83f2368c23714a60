import type { Schema } from '../../shared/domain';
import type { ReconciledFinding } from '../../shared/reconcile/consolidate';
import type { ReadDb } from '../store/db';
import { listResolutions } from '../store/resolutions';
import { reconcileWorkbook } from './reconcile-workbook';

/**
 * The findings decided now, to compare with after a bulk change (lostDecisions). A workbook
 * without any decision costs nothing.
 */
export function decidedFindings(db: ReadDb, schema: Schema): ReconciledFinding[] {
  if (listResolutions(db).length === 0) return [];
  return reconcileWorkbook(db, schema).findings.filter((f) => f.status === 'resolved');
}

/**
 * The decisions a change leaves without effect: a finding decided before that is open again
 * (the data under the decision changed), or gone while its decision set a value (采用, 手工填写,
 * 对应到指标) that no longer counts. A confirmed finding that is simply no problem any more is
 * not counted: nothing the officer decided is undone by it.
 */
export function lostDecisions(before: readonly ReconciledFinding[], after: readonly ReconciledFinding[]): ReconciledFinding[] {
  const now = new Map(after.map((f) => [f.id, f]));
  return before.filter((f) => {
    const found = now.get(f.id);
    if (found) return found.status !== 'resolved';
    return f.decision !== undefined && f.decision.action !== 'confirm';
  });
}

/** The decisions lost by changing `schema` to `after` (the data in the store as it is). */
export function decisionsLostBySchema(db: ReadDb, before: Schema, after: Schema): ReconciledFinding[] {
  const decided = decidedFindings(db, before);
  return decided.length === 0 ? [] : lostDecisions(decided, reconcileWorkbook(db, after).findings);
}

/** “2 个已处理的核对问题的处理将不再适用（…）”. */
export function lostResolutionsClause(lost: readonly ReconciledFinding[]): string {
  const shown = lost.slice(0, 3).map((f) => `${f.name ?? f.indicator ?? ''}${f.year === null ? '' : ` ${f.year}年`}：${f.message}`);
  return `${lost.length} 个已处理的核对问题的处理将不再适用（${shown.join('；')}${lost.length > 3 ? ' 等' : ''}）`;
}
