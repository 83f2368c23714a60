import type { ResolutionRecord, StoredResolution } from '../../shared/domain';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

interface ResolutionRow {
  finding_id: string;
  kind: string;
  action: ResolutionRecord['action'];
  data: string | null;
  note: string;
  operator: string;
  at: string;
  basis: string;
}

const statements = preparedOnce((db) => ({
  upsert: db.prepare(
    `INSERT INTO resolutions (finding_id, kind, action, data, note, operator, at, basis)
     VALUES (@findingId, @kind, @action, @data, @note, @operator, @at, @basis)
     ON CONFLICT (finding_id) DO UPDATE SET kind = excluded.kind, action = excluded.action, data = excluded.data,
       note = excluded.note, operator = excluded.operator, at = excluded.at, basis = excluded.basis`,
  ),
  remove: db.prepare('DELETE FROM resolutions WHERE finding_id = ?'),
  get: db.prepare('SELECT * FROM resolutions WHERE finding_id = ?'),
  all: db.prepare('SELECT * FROM resolutions ORDER BY at'),
}));

function toRecord(row: ResolutionRow): ResolutionRecord {
  const data = row.data ? (JSON.parse(row.data) as { value?: number | null; code?: string | null }) : {};
  return {
    findingId: row.finding_id,
    action: row.action,
    value: data.value ?? null,
    code: data.code ?? null,
    note: row.note,
    basis: row.basis,
    operator: row.operator,
    at: row.at,
  };
}

export function saveResolution(db: WriteDb, kind: string, record: ResolutionRecord): void {
  statements(db).upsert.run({
    findingId: record.findingId,
    kind,
    action: record.action,
    data: JSON.stringify({ value: record.value, code: record.code }),
    note: record.note,
    operator: record.operator,
    at: record.at,
    basis: record.basis,
  });
}

export function removeResolution(db: WriteDb, findingId: string): void {
  statements(db).remove.run(findingId);
}

export function getResolution(db: ReadDb, findingId: string): ResolutionRecord | null {
  const row = statements(db).get.get(findingId) as ResolutionRow | undefined;
  return row ? toRecord(row) : null;
}

/** A decision with the finding kind it is filed under, as a rename or merge of bureaus re-files it. */
export function getStoredResolution(db: ReadDb, findingId: string): StoredResolution | null {
  const row = statements(db).get.get(findingId) as ResolutionRow | undefined;
  return row ? { ...toRecord(row), kind: row.kind } : null;
}

export function listResolutions(db: ReadDb): ResolutionRecord[] {
  return (statements(db).all.all() as ResolutionRow[]).map(toRecord);
}

const mappedStatement = preparedOnce((db) => db.prepare("SELECT count(*) AS n FROM resolutions WHERE action = 'map' AND json_extract(data, '$.code') = ?"));

/** How many rows the officer mapped to `code` (their cells carry no code of their own). */
export function countRowsMappedTo(db: ReadDb, code: string): number {
  return (mappedStatement(db).get(code) as { n: number }).n;
}
