import type { ReturnRecord, ReturnState, ReturnSummary } from '../../shared/domain';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

export interface NewReturn {
  sha256: string;
  fileName: string;
  bytes: Uint8Array;
  bureau: string | null;
  region: string;
  year: number;
  title: string;
  contactPerson: string;
  contactPhone: string;
  reviewer: string;
  importedAt: string;
  layout: unknown;
  meta: unknown;
}

interface ReturnRow {
  id: number;
  sha256: string;
  file_name: string;
  bureau: string | null;
  region: string | null;
  year: number | null;
  title: string;
  contact_person: string;
  contact_phone: string;
  reviewer: string;
  imported_at: string;
  state: ReturnState;
  values_count: number;
  matched_count: number;
  unmatched_count: number;
}

const SUMMARY_COLUMNS = `r.id, r.sha256, r.file_name, r.bureau, r.region, r.year, r.title, r.contact_person, r.contact_phone,
  r.reviewer, r.imported_at, r.state,
  (SELECT count(*) FROM reported_values v WHERE v.return_id = r.id AND v.value IS NOT NULL AND v.indicator IS NOT NULL AND v.role = 'value') AS values_count,
  (SELECT count(DISTINCT v.sheet || '!' || v.row_name) FROM reported_values v WHERE v.return_id = r.id AND v.indicator IS NOT NULL) AS matched_count,
  (SELECT count(DISTINCT v.sheet || '!' || v.row_name) FROM reported_values v WHERE v.return_id = r.id AND v.indicator IS NULL) AS unmatched_count`;

const statements = preparedOnce((db) => ({
  insert: db.prepare(
    `INSERT INTO returns (sha256, file_name, bytes, bureau, region, year, title, contact_person, contact_phone, reviewer,
       imported_at, state, layout, meta)
     VALUES (@sha256, @fileName, @bytes, @bureau, @region, @year, @title, @contactPerson, @contactPhone, @reviewer,
       @importedAt, 'counted', @layout, @meta)`,
  ),
  bySha: db.prepare("SELECT id FROM returns WHERE sha256 = ? AND state != 'withdrawn' ORDER BY id LIMIT 1"),
  summary: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM returns r WHERE r.id = ?`),
  list: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM returns r ORDER BY r.id`),
  listOfYear: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM returns r WHERE r.year = ? ORDER BY r.id`),
  setState: db.prepare('UPDATE returns SET state = @state WHERE id = @id'),
  setFacts: db.prepare('UPDATE returns SET bureau = @bureau, region = @region, year = @year WHERE id = @id'),
  setBureau: db.prepare('UPDATE returns SET bureau = @bureau WHERE id = @id'),
  bureaus: db.prepare('SELECT id, bureau, region, year FROM returns INDEXED BY returns_facts ORDER BY id'),
  bytes: db.prepare('SELECT file_name, bytes FROM returns WHERE id = ?'),
  layout: db.prepare('SELECT layout FROM returns WHERE id = ?'),
  original: db.prepare('SELECT file_name, bytes, sha256 FROM returns WHERE id = ?'),
  records: db.prepare(
    `SELECT id, id AS seq, file_name AS file, bureau, region, year, state, contact_person AS contactPerson,
       contact_phone AS contactPhone FROM returns WHERE year IS NOT NULL ORDER BY id`,
  ),
}));

export function insertReturn(db: WriteDb, value: NewReturn): number {
  const result = statements(db).insert.run({
    ...value,
    bytes: Buffer.from(value.bytes.buffer, value.bytes.byteOffset, value.bytes.byteLength),
    layout: JSON.stringify(value.layout ?? null),
    meta: JSON.stringify(value.meta ?? null),
  });
  return Number(result.lastInsertRowid);
}

/** The counted return holding exactly these bytes, if any (a withdrawn one may be imported again). */
export function findReturnBySha(db: ReadDb, sha256: string): number | null {
  const row = statements(db).bySha.get(sha256) as { id: number } | undefined;
  return row?.id ?? null;
}

function toSummary(row: ReturnRow): ReturnSummary {
  return {
    id: row.id,
    file: row.file_name,
    bureau: row.bureau,
    region: row.region,
    year: row.year,
    state: row.state,
    importedAt: row.imported_at,
    contactPerson: row.contact_person || null,
    contactPhone: row.contact_phone || null,
    values: row.values_count,
    matched: row.matched_count,
    unmatched: row.unmatched_count,
    sha256: row.sha256,
  };
}

export function getReturn(db: ReadDb, id: number): ReturnSummary | null {
  const row = statements(db).summary.get(id) as ReturnRow | undefined;
  return row ? toSummary(row) : null;
}

/** Every return, or those filed under `year`. */
export function listReturns(db: ReadDb, year?: number): ReturnSummary[] {
  const s = statements(db);
  return ((year === undefined ? s.list.all() : s.listOfYear.all(year)) as ReturnRow[]).map(toSummary);
}

export function setReturnState(db: WriteDb, id: number, state: ReturnState): void {
  statements(db).setState.run({ id, state });
}

export function setReturnFacts(db: WriteDb, id: number, facts: { bureau: string | null; region: string; year: number }): void {
  statements(db).setFacts.run({ id, ...facts });
}

/** Files a return under another bureau (a rename or merge of the list moving it). */
export function setReturnBureau(db: WriteDb, id: number, bureau: string | null): void {
  statements(db).setBureau.run({ id, bureau });
}

/** Each return's bureau, region and year, without reading the stored files. */
export function listReturnBureaus(db: ReadDb): { id: number; bureau: string | null; region: string | null; year: number | null }[] {
  return statements(db).bureaus.all() as { id: number; bureau: string | null; region: string | null; year: number | null }[];
}

/** The original file as it was imported, so it can be re-read or saved out again. */
export function readReturnBytes(db: ReadDb, id: number): { name: string; bytes: Uint8Array } | null {
  const row = statements(db).bytes.get(id) as { file_name: string; bytes: Buffer } | undefined;
  return row ? { name: row.file_name, bytes: new Uint8Array(row.bytes) } : null;
}

/** What the import recorded of how it laid the file out (NewReturn.layout, whose shape the store does not know); null when none or unreadable. */
export function readReturnLayout(db: ReadDb, id: number): unknown {
  const row = statements(db).layout.get(id) as { layout: string | null } | undefined;
  if (!row?.layout) return null;
  try {
    return JSON.parse(row.layout) as unknown;
  } catch {
    return null;
  }
}

/** The original with the sha256 recorded when it was imported, for checking one against the other. */
export function readReturnOriginal(db: ReadDb, id: number): { name: string; bytes: Uint8Array; sha256: string } | null {
  const row = statements(db).original.get(id) as { file_name: string; bytes: Buffer; sha256: string } | undefined;
  return row ? { name: row.file_name, bytes: new Uint8Array(row.bytes), sha256: row.sha256 } : null;
}

/** Every return as consolidation needs it. */
export function listReturnRecords(db: ReadDb): ReturnRecord[] {
  return (statements(db).records.all() as (ReturnRecord & { contactPerson: string; contactPhone: string })[]).map((r) => ({
    ...r,
    contactPerson: r.contactPerson || null,
    contactPhone: r.contactPhone || null,
  }));
}
