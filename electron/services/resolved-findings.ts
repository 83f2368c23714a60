import { valueKey, type Schema, type ValueState } from '../../shared/domain';
import type { ReconciledFinding, ReconcileResult } from '../../shared/reconcile/consolidate';
import type { ReadDb } from '../store/db';
import { listResolutions } from '../store/resolutions';
import { reconcileWorkbook } from './reconcile-workbook';

/** The findings decided now, and the consolidated values, to compare with after a bulk change. */
export interface Decided {
  findings: ReconciledFinding[];
  values: Map<string, ValueState>;
}

/** What is decided now (lostDecisions); a workbook without any decision costs nothing. */
export function decidedFindings(db: ReadDb, schema: Schema): Decided {
  if (listResolutions(db).length === 0) return { findings: [], values: new Map() };
  const now = reconcileWorkbook(db, schema);
  // Info findings count as resolved without any decision: only those the officer decided are hers.
  return { findings: now.findings.filter((f) => f.status === 'resolved' && f.decision !== undefined), values: valuesOf(now) };
}

function valuesOf(result: ReconcileResult): Map<string, ValueState> {
  return new Map(result.values.map((v) => [valueKey(v.indicator, v.region, v.year), { value: v.value, status: v.status }]));
}

/**
 * The decisions a change leaves without effect: a finding decided before that is open again
 * (the data under the decision changed), or gone while the value its decision set no longer
 * stands (two bureaus merged: their conflict, decided by 采用, is now one bureau's correction).
 * A finding that is simply no problem any more, its value as it was, is not counted.
 */
export function lostDecisions(before: Decided, after: ReconcileResult): ReconciledFinding[] {
  const now = new Map(after.findings.map((f) => [f.id, f]));
  const values = valuesOf(after);
  return before.findings.filter((f) => {
    const found = now.get(f.id);
    if (found) return found.status !== 'resolved';
    if (f.decision === undefined || f.indicator === null || f.region === null || f.year === null) return false;
    const key = valueKey(f.indicator, f.region, f.year);
    const was = before.values.get(key);
    const is = values.get(key);
    return was?.status === 'resolved' && (is?.status !== 'resolved' || is.value !== was.value);
  });
}

/** The decisions lost by changing `schema` to `after` (the data in the store as it is). */
export function decisionsLostBySchema(db: ReadDb, before: Schema, after: Schema): ReconciledFinding[] {
  const decided = decidedFindings(db, before);
  return decided.findings.length === 0 ? [] : lostDecisions(decided, reconcileWorkbook(db, after));
}

/** “2 个已处理的核对问题的处理将不再适用（…）”. */
export function lostResolutionsClause(lost: readonly ReconciledFinding[]): string {
  const shown = lost.slice(0, 3).map((f) => `${f.name ?? f.indicator ?? ''}${f.year === null ? '' : ` ${f.year}年`}：${f.message}`);
  return `${lost.length} 个已处理的核对问题的处理将不再适用（${shown.join('；')}${lost.length > 3 ? ' 等' : ''}）`;
}
