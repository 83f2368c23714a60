import type Database from 'better-sqlite3';

declare const readBrand: unique symbol;
declare const writeBrand: unique symbol;

/** A connection that may only be read: store readers take this, so a reader cannot write. */
export type ReadDb = Database.Database & { readonly [readBrand]: true };

/** A connection that may be written; it is also a ReadDb. */
export type WriteDb = ReadDb & { readonly [writeBrand]: true };

export function asReadDb(db: Database.Database): ReadDb {
  return db as ReadDb;
}

export function asWriteDb(db: Database.Database): WriteDb {
  return db as WriteDb;
}

/**
 * Prepares a module's statements once per connection: `build` runs on the first call for a
 * connection and its result is kept for as long as the connection lives.
 */
export function preparedOnce<T>(build: (db: Database.Database) => T): (db: ReadDb) => T {
  const cache = new WeakMap<Database.Database, T>();
  return (db) => {
    let statements = cache.get(db);
    if (statements === undefined) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}

/** The `user_version` the migrations keep. */
export function readUserVersion(db: ReadDb): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Names of the tables in the file, sorted; for checks and tests. */
export function listTables(db: ReadDb): string[] {
  const rows = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return rows.map((row) => row.name);
}
