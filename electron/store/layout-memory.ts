import type { LayoutOverride } from '../../shared/import/layout-override';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

const statements = preparedOnce((db) => ({
  get: db.prepare('SELECT data FROM layout_memory WHERE bureau = ?'),
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
