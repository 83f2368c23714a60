import type { StoredLayout } from '../../shared/domain';
import type { LayoutOverride } from '../../shared/import/layout-override';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

const statements = preparedOnce((db) => ({
  get: db.prepare('SELECT data FROM layout_memory WHERE bureau = ?'),
  all: db.prepare('SELECT bureau, data FROM layout_memory ORDER BY updated_at DESC'),
  stored: db.prepare('SELECT bureau, data, updated_at AS updatedAt FROM layout_memory WHERE bureau = ?'),
  remove: db.prepare('DELETE FROM layout_memory WHERE bureau = ?'),
  put: db.prepare('INSERT OR REPLACE INTO layout_memory (bureau, data, updated_at) VALUES (@bureau, @data, @updatedAt)'),
  upsert: db.prepare(
    `INSERT INTO layout_memory (bureau, data, updated_at) VALUES (@bureau, @data, @at)
     ON CONFLICT (bureau) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
  ),
}));

/** The column roles the officer corrected for a bureau's returns, re-applied to its next file. */
export function readLayoutMemory(db: ReadDb, bureau: string): LayoutOverride | null {
  const row = statements(db).get.get(bureau) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as LayoutOverride) : null;
}

export function saveLayoutMemory(db: WriteDb, bureau: string, override: LayoutOverride): void {
  statements(db).upsert.run({ bureau, data: JSON.stringify(override), at: new Date().toISOString() });
}

/** Every remembered layout, newest first: tried on a file that names no bureau detection knows. */
export function listLayoutMemory(db: ReadDb): { bureau: string; layout: LayoutOverride }[] {
  return (statements(db).all.all() as { bureau: string; data: string }[]).map((row) => ({ bureau: row.bureau, layout: JSON.parse(row.data) as LayoutOverride }));
}

/** A bureau's remembered layout as stored, for moving it to another name and back. */
export function readStoredLayout(db: ReadDb, bureau: string): StoredLayout | null {
  return (statements(db).stored.get(bureau) as StoredLayout | undefined) ?? null;
}

export function removeStoredLayout(db: WriteDb, bureau: string): void {
  statements(db).remove.run(bureau);
}

export function putStoredLayout(db: WriteDb, layout: StoredLayout): void {
  statements(db).put.run(layout);
}
