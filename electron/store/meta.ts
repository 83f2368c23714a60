import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

/** The workbook's identity: written once at creation. */
export interface WorkbookMeta {
  workbookId: string;
  appVersion: string;
  createdAt: string;
  region: string;
}

const KEYS: Record<keyof WorkbookMeta, string> = {
  workbookId: 'workbook_id',
  appVersion: 'app_version',
  createdAt: 'created_at',
  region: 'region',
};

const statements = preparedOnce((db) => ({
  upsert: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (@key, @value)'),
  all: db.prepare('SELECT key, value FROM meta'),
  one: db.prepare('SELECT value FROM meta WHERE key = ?'),
}));

/** One of the keys beside the identity (the audit head, the schema's seal), or null when unset. */
export function readMetaValue(db: ReadDb, key: string): string | null {
  const row = statements(db).one.get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeMetaValue(db: WriteDb, key: string, value: string): void {
  statements(db).upsert.run({ key, value });
}

export function writeMeta(db: WriteDb, meta: WorkbookMeta): void {
  for (const field of Object.keys(KEYS) as (keyof WorkbookMeta)[]) {
    statements(db).upsert.run({ key: KEYS[field], value: meta[field] });
  }
}

export function readMeta(db: ReadDb): WorkbookMeta {
  const rows = statements(db).all.all() as { key: string; value: string }[];
  const values = new Map(rows.map((row) => [row.key, row.value]));
  const read = (field: keyof WorkbookMeta): string => {
    const value = values.get(KEYS[field]);
    if (value === undefined) throw new Error(`workbook meta lacks ${KEYS[field]}`);
    return value;
  };
  return { workbookId: read('workbookId'), appVersion: read('appVersion'), createdAt: read('createdAt'), region: read('region') };
}
