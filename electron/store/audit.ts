import type { AuditRecord } from '../../shared/api/contract';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

/** One line of the append-only audit log, as the API gives it; `before`/`after` are stored as JSON. */
export type AuditEntry = AuditRecord;

export interface AuditInput {
  osUser: string;
  operator: string;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  note?: string;
  /** Defaults to now; given only where one operation stamps several rows alike. */
  at?: string;
}

interface AuditRow {
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

const statements = preparedOnce((db) => ({
  insert: db.prepare(
    `INSERT INTO audit (at, os_user, operator, action, target, before, after, note)
     VALUES (@at, @osUser, @operator, @action, @target, @before, @after, @note)`,
  ),
  list: db.prepare('SELECT * FROM audit ORDER BY id'),
}));

/**
 * Appends one entry. Call it inside the transaction of the change it records, so that the
 * change and its entry are written together or not at all.
 */
export function appendAudit(db: WriteDb, entry: AuditInput): number {
  const result = statements(db).insert.run({
    at: entry.at ?? new Date().toISOString(),
    osUser: entry.osUser,
    operator: entry.operator,
    action: entry.action,
    target: entry.target,
    before: toJson(entry.before),
    after: toJson(entry.after),
    note: entry.note ?? '',
  });
  return Number(result.lastInsertRowid);
}

/** The whole log, oldest first. */
export function listAudit(db: ReadDb): AuditEntry[] {
  return (statements(db).list.all() as AuditRow[]).map((row) => ({
    id: row.id,
    at: row.at,
    osUser: row.os_user,
    operator: row.operator,
    action: row.action,
    target: row.target,
    before: fromJson(row.before),
    after: fromJson(row.after),
    note: row.note,
  }));
}

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function fromJson(text: string | null): unknown {
  return text === null ? undefined : (JSON.parse(text) as unknown);
}
