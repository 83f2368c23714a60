import type { Migration } from './migration';

/** Imported returns with their original bytes, the values read from them, and the officer's decisions. */
export const migration002: Migration = {
  version: 2,
  name: 'returns',
  up(db) {
    db.exec(`
      CREATE TABLE returns (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        bytes BLOB NOT NULL,
        bureau TEXT NULL,
        region TEXT NULL,
        year INTEGER NULL,
        title TEXT NOT NULL DEFAULT '',
        contact_person TEXT NOT NULL DEFAULT '',
        contact_phone TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('counted', 'superseded', 'withdrawn', 'duplicate')),
        duplicate_of INTEGER NULL REFERENCES returns (id),
        layout TEXT NULL CHECK (layout IS NULL OR json_valid(layout)),
        meta TEXT NULL CHECK (meta IS NULL OR json_valid(meta))
      );
      CREATE INDEX returns_sha256 ON returns (sha256);

      CREATE TABLE reported_values (
        id INTEGER PRIMARY KEY,
        return_id INTEGER NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
        indicator TEXT NULL,
        row_name TEXT NOT NULL,
        region TEXT NULL,
        year INTEGER NULL,
        role TEXT NOT NULL CHECK (role IN ('value', 'baseline', 'target', 'previous')),
        value REAL NULL,
        raw_text TEXT NOT NULL,
        unit TEXT NOT NULL DEFAULT '',
        converted_from TEXT NULL,
        match_method TEXT NULL,
        match_score REAL NULL,
        sheet TEXT NOT NULL,
        cell TEXT NOT NULL,
        problem TEXT NULL
      );
      CREATE INDEX reported_values_indicator_region_year ON reported_values (indicator, region, year);
      CREATE INDEX reported_values_return ON reported_values (return_id);

      CREATE TABLE resolutions (
        finding_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        action TEXT NOT NULL,
        data TEXT NULL CHECK (data IS NULL OR json_valid(data)),
        note TEXT NOT NULL DEFAULT '',
        operator TEXT NOT NULL,
        at TEXT NOT NULL,
        basis TEXT NOT NULL
      );

      CREATE TABLE layout_memory (
        bureau TEXT PRIMARY KEY,
        data TEXT NOT NULL CHECK (json_valid(data)),
        updated_at TEXT NOT NULL
      );

      CREATE TABLE year_state (
        year INTEGER PRIMARY KEY,
        signed_off INTEGER NOT NULL DEFAULT 0 CHECK (signed_off IN (0, 1)),
        signed_at TEXT NULL,
        signed_by TEXT NULL
      );
    `);
  },
};
