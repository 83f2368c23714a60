import type { Migration } from './migration';
import { WORKBOOK_APPLICATION_ID } from './migration';

/** The workbook's identity, its copy of the schema, regions, aliases, the audit log and the lock. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.pragma(`application_id = ${WORKBOOK_APPLICATION_ID}`);
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE schema_info (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        schema_id TEXT NOT NULL,
        name TEXT NOT NULL,
        region TEXT NOT NULL,
        base_year INTEGER NOT NULL,
        target_year INTEGER NOT NULL,
        source TEXT NOT NULL
      );

      CREATE TABLE indicators (
        code TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        auxiliary INTEGER NOT NULL CHECK (auxiliary IN (0, 1)),
        reporter TEXT NULL,
        reporter_proposed INTEGER NOT NULL DEFAULT 0 CHECK (reporter_proposed IN (0, 1)),
        data TEXT NOT NULL CHECK (json_valid(data))
      );

      CREATE TABLE rules (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        data TEXT NOT NULL CHECK (json_valid(data))
      );

      CREATE TABLE bureaus (
        name TEXT PRIMARY KEY,
        aliases TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(aliases))
      );

      CREATE TABLE regions (
        name TEXT PRIMARY KEY,
        parent TEXT NULL REFERENCES regions (name),
        kind TEXT NOT NULL CHECK (kind IN ('self', 'county', 'zone')),
        position INTEGER NOT NULL
      );

      CREATE TABLE indicator_aliases (
        alias TEXT NOT NULL,
        code TEXT NOT NULL REFERENCES indicators (code) ON UPDATE CASCADE,
        bureau TEXT NULL,
        created_at TEXT NOT NULL
      );
      -- A NULL bureau means "any bureau"; SQLite's UNIQUE treats NULLs as distinct, hence the expression.
      CREATE UNIQUE INDEX indicator_aliases_alias_bureau ON indicator_aliases (alias, ifnull(bureau, ''));

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        os_user TEXT NOT NULL,
        operator TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        before TEXT NULL CHECK (before IS NULL OR json_valid(before)),
        after TEXT NULL CHECK (after IS NULL OR json_valid(after)),
        note TEXT NOT NULL DEFAULT ''
      );
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
      BEGIN
        SELECT RAISE(ABORT, 'audit log is append-only');
      END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
      BEGIN
        SELECT RAISE(ABORT, 'audit log is append-only');
      END;

      CREATE TABLE lock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        host TEXT NOT NULL,
        os_user TEXT NOT NULL,
        pid INTEGER NOT NULL,
        since TEXT NOT NULL,
        heartbeat TEXT NOT NULL
      );
    `);
  },
};
