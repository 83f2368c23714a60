import { createHash } from 'node:crypto';
import type { AuditAction, AuditEntry, AuditEvent } from '../../shared/domain';
import { readAuditEvent } from './audit-events';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

/** An entry to append: the event, who made it and on what; `before`/`after` are stored as JSON, null as NULL. */
export type AuditInput = {
  osUser: string;
  operator: string;
  target: string;
  note?: string;
  /** Defaults to now; given only where one operation stamps several rows alike. */
  at?: string;
} & AuditEvent;

/** A row as stored, the columns the chain's hash commits to. */
export interface StoredAuditRow {
  id: number;
  at: string;
  os_user: string;
  operator: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  note: string;
}

/** The meta key holding the newest row's `id:hash`: a deleted last row leaves no gap to find. */
export const AUDIT_HEAD_KEY = 'audit_head';

/**
 * The audit log is a hash chain: each row's hash commits to the row before it (its hash) and to
 * every column of its own, id included, so that an edited row, a deleted one or rows renumbered
 * show on opening (integrity.ts). The first row follows the empty string. Frozen: migration 003
 * fills the column for rows written before it with this same function.
 */
export function auditRowHash(previousHash: string, row: StoredAuditRow): string {
  const fields = [previousHash, row.id, row.at, row.os_user, row.operator, row.action, row.target, row.before, row.after, row.note];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

const statements = preparedOnce((db) => ({
  last: db.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1'),
  insert: db.prepare(
    `INSERT INTO audit (id, at, os_user, operator, action, target, before, after, note, hash)
     VALUES (@id, @at, @os_user, @operator, @action, @target, @before, @after, @note, @hash)`,
  ),
  setHead: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (@key, @value)'),
}));

const readStatements = preparedOnce((db) => ({
  list: db.prepare('SELECT id, at, os_user, operator, action, target, before, after, note FROM audit ORDER BY id'),
  yearDecisions: db.prepare("SELECT id, at, os_user, operator, action, target, before, after, note FROM audit WHERE action IN ('sign_off_year', 'reopen_year') ORDER BY id DESC"),
  latestOf: db.prepare('SELECT id, at, os_user, operator, action, target, before, after, note FROM audit WHERE action IN (SELECT value FROM json_each(?)) ORDER BY id DESC LIMIT 1'),
}));

/** Workbooks before migration 003 have no hash column: their upgrade's own entries are written plainly. */
const legacyStatements = preparedOnce((db) => ({
  insert: db.prepare(
    `INSERT INTO audit (at, os_user, operator, action, target, before, after, note)
     VALUES (@at, @os_user, @operator, @action, @target, @before, @after, @note)`,
  ),
}));

const chained = new WeakSet<ReadDb>();

function hasHashColumn(db: ReadDb): boolean {
  if (chained.has(db)) return true;
  const columns = db.prepare('SELECT name FROM pragma_table_info(\'audit\')').all() as { name: string }[];
  const found = columns.some((column) => column.name === 'hash');
  // Once there, the column stays; before migration 003 runs it is looked for again each time.
  if (found) chained.add(db);
  return found;
}

/**
 * Appends one entry, chained to the one before. Call it inside the transaction of the change it
 * records, so that the change and its entry are written together or not at all.
 */
export function appendAudit(db: WriteDb, entry: AuditInput): number {
  const row = {
    at: entry.at ?? new Date().toISOString(),
    os_user: entry.osUser,
    operator: entry.operator,
    action: entry.action,
    target: entry.target,
    before: toJson(entry.before),
    after: toJson(entry.after),
    note: entry.note ?? '',
  };
  if (!hasHashColumn(db)) return Number(legacyStatements(db).insert.run(row).lastInsertRowid);
  const s = statements(db);
  return db.transaction(() => {
    const last = s.last.get() as { id: number; hash: string | null } | undefined;
    const stored: StoredAuditRow = { id: (last?.id ?? 0) + 1, ...row };
    const hash = auditRowHash(last?.hash ?? '', stored);
    s.insert.run({ ...stored, hash });
    s.setHead.run({ key: AUDIT_HEAD_KEY, value: `${stored.id}:${hash}` });
    return stored.id;
  })();
}

/** The whole log, oldest first, each row read back into its event (audit-events.ts). */
export function listAudit(db: ReadDb): AuditEntry[] {
  return (readStatements(db).list.all() as StoredAuditRow[]).map(toEntry);
}

function toEntry(row: StoredAuditRow): AuditEntry {
  return { id: row.id, at: row.at, osUser: row.os_user, operator: row.operator, target: row.target, note: row.note, ...readAuditEvent(row.action, row.before, row.after) };
}

/**
 * The year's latest 定稿 as recorded, with its reason and the error findings then open; null when
 * the year's latest decision is 重新打开, or it was never signed off.
 */
export function latestSignOff(db: ReadDb, year: number): { note: string; openErrors: number; at: string } | null {
  for (const row of readStatements(db).yearDecisions.iterate() as IterableIterator<StoredAuditRow>) {
    const entry = toEntry(row);
    if (entry.action === 'reopen_year' && entry.after.year === year) return null;
    if (entry.action === 'sign_off_year' && entry.after.year === year) return { note: entry.note, openErrors: entry.after.openErrors ?? 0, at: entry.at };
  }
  return null;
}

/** The newest entry of any of these actions, or null. */
export function latestAuditOf(db: ReadDb, actions: readonly string[]): AuditEntry | null {
  const row = readStatements(db).latestOf.get(JSON.stringify(actions)) as StoredAuditRow | undefined;
  return row ? toEntry(row) : null;
}

function toJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

const targetStatement = preparedOnce((db) => db.prepare('SELECT DISTINCT target FROM audit WHERE action = ?'));

/** What entries of one action were about (a removed rule's id): so that it is never given again. */
export function listAuditTargets(db: ReadDb, action: AuditAction): string[] {
  return (targetStatement(db).all(action) as { target: string }[]).map((row) => row.target);
}
