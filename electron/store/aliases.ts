import type { AliasEntry } from '../../shared/import/match';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

const statements = preparedOnce((db) => ({
  all: db.prepare('SELECT alias, code, bureau FROM indicator_aliases ORDER BY created_at'),
  upsert: db.prepare(
    `INSERT INTO indicator_aliases (alias, code, bureau, created_at) VALUES (@alias, @code, @bureau, @at)
     ON CONFLICT DO UPDATE SET code = excluded.code, created_at = excluded.created_at`,
  ),
  remove: db.prepare("DELETE FROM indicator_aliases WHERE alias = @alias AND ifnull(bureau, '') = ifnull(@bureau, '')"),
}));

/** Names the officer confirmed for an indicator; they match next year's returns directly. */
export function listIndicatorAliases(db: ReadDb): AliasEntry[] {
  return statements(db).all.all() as AliasEntry[];
}

export function saveIndicatorAlias(db: WriteDb, alias: string, code: string, bureau: string | null): void {
  statements(db).upsert.run({ alias, code, bureau, at: new Date().toISOString() });
}

export function removeIndicatorAlias(db: WriteDb, alias: string, bureau: string | null): void {
  statements(db).remove.run({ alias, bureau });
}
