import { createHash } from 'node:crypto';
import { UserError } from '../../shared/api/errors';
import type { IntegrityProblem } from '../../shared/domain';
import { validateSchema } from '../../shared/schema/validate-schema';
import type { Actor } from './actor';
import { AUDIT_HEAD_KEY, appendAudit, auditRowHash, type StoredAuditRow } from './audit';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';
import { integrityNotice } from './integrity-notice';
import { readMetaValue } from './meta';
import { computeSchemaSeal, readSchemaCopyUnchecked, schemaSealDifferences, sealSchemaCopy } from './schema-copy';
import { changedSignedYears } from './signed-figures';

/**
 * Whether a workbook is as the app left it. Anyone may open the file with an SQLite tool (officers
 * are told they may), so what the app shows and signs must not rest on rows it did not write:
 * the audit chain, the schema's seal and the signed years' digests are checked on every open,
 * and what does not hold is shown plainly and recorded in the audit.
 *
 * A problem stands until the officer accepts it (recorded as `integrity_accepted`), except a
 * signed year's changed figures, which stand until the year is reopened and checked again.
 */


export const INTEGRITY_PROBLEM_ACTION = 'integrity_problem';
export const INTEGRITY_ACCEPTED_ACTION = 'integrity_accepted';

type ChainRow = [number, string, string, string, string, string, string | null, string | null, string, string | null];

const statements = preparedOnce((db) => ({
  chain: db.prepare('SELECT id, at, os_user, operator, action, target, before, after, note, hash FROM audit WHERE id > ? ORDER BY id').raw(true),
  records: db.prepare(`SELECT action, after FROM audit WHERE action IN ('${INTEGRITY_PROBLEM_ACTION}', '${INTEGRITY_ACCEPTED_ACTION}') ORDER BY id`),
}));

/** What does not hold in the file as it is now. */
export function findIntegrityProblems(db: ReadDb): IntegrityProblem[] {
  return [...auditProblems(db), ...schemaProblems(db), ...signedYearProblems(db)];
}

/** The problems standing: found now, or recorded earlier (a cut-off log end), and not accepted. */
export function standingIntegrityProblems(db: ReadDb): IntegrityProblem[] {
  const { recorded, accepted } = readRecords(db);
  const live = findIntegrityProblems(db);
  const liveIds = new Set(live.map((p) => p.identity));
  // Recording a cut-off end appends a row, and the end holds again: the record keeps it standing.
  const carried = recorded.filter((p) => p.kind === 'audit_tail' && !liveIds.has(p.identity));
  return [...live, ...carried].filter((p) => !accepted.has(p.identity));
}

/**
 * Records in the audit the problems not recorded before (one row); call with the lock held, in
 * its own transaction. Returns whether a row was written.
 */
export function recordIntegrityProblems(db: WriteDb, actor: Actor, problems: readonly IntegrityProblem[]): boolean {
  return db.transaction(() => {
    const { recorded } = readRecords(db);
    const known = new Set(recorded.map((p) => p.identity));
    const fresh = problems.filter((p) => !known.has(p.identity));
    if (fresh.length === 0) return false;
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: INTEGRITY_PROBLEM_ACTION,
      target: '工作簿',
      before: null,
      after: { problems: fresh },
      note: integrityNotice(fresh),
    });
    return true;
  })();
}

/**
 * The officer has looked at the standing problems and accepts the file as it is now: recorded in
 * the audit, the schema resealed. A signed year's changed figures cannot be accepted: the year is
 * reopened and signed off again, which checks its figures against the returns' originals.
 */
export function acceptIntegrityProblems(db: WriteDb, actor: Actor, note: string): IntegrityProblem[] {
  return db.transaction(() => {
    const standing = standingIntegrityProblems(db);
    const invalid = standing.filter((p) => p.kind === 'schema_invalid');
    if (invalid.length > 0) {
      throw new UserError('schema_invalid_stands', `${invalid.map((p) => p.message).join('；')}。无法接受这样的指标体系，请改用备份副本。`);
    }
    const acceptable = standing.filter((p) => p.kind !== 'signed_figures');
    if (acceptable.length === 0) return [];
    recordIntegrityProblems(db, actor, acceptable);
    if (acceptable.some((p) => p.kind === 'schema_changed')) sealSchemaCopy(db);
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: INTEGRITY_ACCEPTED_ACTION,
      target: '工作簿',
      before: null,
      after: { problems: acceptable },
      note: note || '操作人核对后确认接受工作簿的现状',
    });
    return acceptable;
  })();
}

function readRecords(db: ReadDb): { recorded: IntegrityProblem[]; accepted: Set<string> } {
  const recorded: IntegrityProblem[] = [];
  const accepted = new Set<string>();
  for (const row of statements(db).records.all() as { action: string; after: string | null }[]) {
    const problems = problemsIn(row.after);
    if (row.action === INTEGRITY_ACCEPTED_ACTION) for (const p of problems) accepted.add(p.identity);
    else recorded.push(...problems);
  }
  return { recorded, accepted };
}

function problemsIn(after: string | null): IntegrityProblem[] {
  try {
    const value = JSON.parse(after ?? 'null') as { problems?: unknown } | null;
    if (!value || !Array.isArray(value.problems)) return [];
    return value.problems.filter(
      (p): p is IntegrityProblem =>
        typeof p === 'object' && p !== null && typeof (p as IntegrityProblem).identity === 'string' && typeof (p as IntegrityProblem).message === 'string',
    );
  } catch {
    return [];
  }
}

/**
 * How far a connection has found the chain sound, and at which data_version: rows this connection
 * appends later are checked from there, while a commit by any other connection (which moves the
 * data_version) means the whole chain is checked again. The title bar's summary checks the chain
 * after every write; without this it would rehash every row each time.
 */
const soundChains = new WeakMap<ReadDb, { version: number; lastId: number; lastHash: string }>();

function auditProblems(db: ReadDb): IntegrityProblem[] {
  const problems: IntegrityProblem[] = [];
  const version = Number(db.pragma('data_version', { simple: true }));
  const sound = soundChains.get(db);
  const from = sound !== undefined && sound.version === version ? sound : null;
  let previousHash = from?.lastHash ?? '';
  let previousId = from?.lastId ?? 0;
  for (const r of statements(db).chain.iterate(previousId) as IterableIterator<ChainRow>) {
    const row: StoredAuditRow = { id: r[0], at: r[1], os_user: r[2], operator: r[3], action: r[4], target: r[5], before: r[6], after: r[7], note: r[8] };
    const stored = r[9];
    if (row.id !== previousId + 1) {
      const missing = row.id - previousId - 1;
      problems.push({
        kind: 'audit_chain',
        identity: `audit-gap:${previousId}:${row.id}:${stored ?? ''}`,
        message: missing === 1 ? `审计日志第 ${previousId + 1} 条记录被删除` : missing > 1 ? `审计日志第 ${previousId + 1}—${row.id - 1} 条记录被删除` : `审计日志第 ${row.id} 条记录的编号被改动`,
      });
    } else {
      const expected = auditRowHash(previousHash, row);
      if (stored !== expected) {
        problems.push({
          kind: 'audit_chain',
          identity: `audit-row:${row.id}:${expected}:${stored ?? ''}`,
          message: stored === null ? `审计日志第 ${row.id} 条记录（${row.action}）不是本程序写入的` : `审计日志第 ${row.id} 条记录（${row.at.slice(0, 10)} ${row.action}）被改动`,
        });
      }
    }
    previousHash = stored ?? '';
    previousId = row.id;
  }
  if (problems.length === 0) soundChains.set(db, { version, lastId: previousId, lastHash: previousHash });
  else soundChains.delete(db);
  const head = readMetaValue(db, AUDIT_HEAD_KEY);
  const lastNow = previousId === 0 ? null : `${previousId}:${previousHash}`;
  if (head !== lastNow) {
    const headId = head === null ? 0 : Number(head.split(':')[0]);
    const message =
      head === null
        ? '审计日志的末尾记录缺失'
        : headId > previousId
          ? headId - previousId === 1
            ? `审计日志最后 1 条记录（第 ${headId} 条）被删除`
            : `审计日志最后 ${headId - previousId} 条记录（第 ${previousId + 1}—${headId} 条）被删除`
          : headId < previousId
            ? `审计日志末尾多出 ${previousId - headId} 条不是本程序写入的记录`
            : `审计日志最后一条记录（第 ${headId} 条）被改动`;
    // An edited last row is already named by the chain above.
    if (!(headId === previousId && problems.some((p) => p.identity.startsWith(`audit-row:${headId}:`)))) {
      problems.push({ kind: 'audit_tail', identity: `audit-tail:${head ?? ''}:${lastNow ?? ''}`, message });
    }
  }
  return problems;
}

function schemaProblems(db: ReadDb): IntegrityProblem[] {
  const differences = schemaSealDifferences(db);
  // The schema as it stands now: accepting one edit does not accept the next one to the same indicator.
  const now = differences.length > 0 ? createHash('sha256').update(JSON.stringify(computeSchemaSeal(db))).digest('hex').slice(0, 16) : '';
  const problems: IntegrityProblem[] = differences.map((message) => ({
    kind: 'schema_changed' as const,
    identity: `schema:${now}:${message}`,
    message,
  }));
  let found: string[];
  try {
    found = validateSchema(readSchemaCopyUnchecked(db)).map((p) => p.message);
  } catch (error) {
    found = [error instanceof Error ? error.message : String(error)];
  }
  for (const message of found.slice(0, 5)) {
    problems.push({ kind: 'schema_invalid', identity: `schema-invalid:${message}`, message: `指标体系有误：${message.replace(/[。；\s]+$/, '')}` });
  }
  return problems;
}

function signedYearProblems(db: ReadDb): IntegrityProblem[] {
  return changedSignedYears(db).map((seal) => ({
    kind: 'signed_figures' as const,
    identity: `signed:${seal.year}:${seal.digest ?? ''}`,
    message: seal.digest === null ? `${seal.year}年的定稿记录缺少校验值` : `${seal.year}年已定稿的数据与定稿时不同（报表、数值或处理记录被改动）`,
  }));
}
