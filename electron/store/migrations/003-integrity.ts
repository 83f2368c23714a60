import { AUDIT_HEAD_KEY, auditRowHash, type StoredAuditRow } from '../audit';
import { sealSchemaCopy } from '../schema-copy';
import { sealYear } from '../signed-figures';
import type { Migration } from './migration';

/**
 * What lets a workbook tell an edit made outside the app: the audit log becomes a hash chain
 * (each row's hash commits to the row before), the newest row is remembered in `meta`, the
 * schema copy gets its seal, and each signed-off year a digest of its figures. Rows and years
 * already there are sealed as they stand: the chain starts trusting the file at its upgrade.
 */
export const migration003: Migration = {
  version: 3,
  name: 'integrity',
  up(db) {
    db.exec(`
      ALTER TABLE audit ADD COLUMN hash TEXT NULL;
      ALTER TABLE year_state ADD COLUMN digest TEXT NULL;
      ALTER TABLE year_state ADD COLUMN signed_findings TEXT NULL;
      DROP TRIGGER audit_no_update;
    `);
    const rows = db.prepare('SELECT id, at, os_user, operator, action, target, before, after, note FROM audit ORDER BY id').all() as StoredAuditRow[];
    const setHash = db.prepare('UPDATE audit SET hash = @hash WHERE id = @id');
    let previous = '';
    for (const row of rows) {
      previous = auditRowHash(previous, row);
      setHash.run({ id: row.id, hash: previous });
    }
    const last = rows.at(-1);
    if (last) db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(AUDIT_HEAD_KEY, `${last.id}:${previous}`);
    db.exec(`
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
      BEGIN
        SELECT RAISE(ABORT, 'audit log is append-only');
      END;
      CREATE TRIGGER audit_hash_required BEFORE INSERT ON audit WHEN NEW.hash IS NULL
      BEGIN
        SELECT RAISE(ABORT, 'audit rows are written by TaiZhang, with their hash');
      END;
    `);
    sealSchemaCopy(db);
    const signed = db.prepare('SELECT year FROM year_state WHERE signed_off = 1 ORDER BY year').all() as { year: number }[];
    // Which findings a year's resolutions belong to is known only by reconciling; a year signed
    // before this version is sealed on its returns and cells alone.
    for (const { year } of signed) sealYear(db, year, null);
  },
};
