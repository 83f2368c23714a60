import Database from 'better-sqlite3';
import type { Schema } from '../../shared/domain/schema';
import { asWriteDb } from '../../electron/store/db';
import { migrateTo } from '../../electron/store/migrations';
import { writeMeta } from '../../electron/store/meta';
import { writeRegions } from '../../electron/store/regions';
import { writeSchemaCopy } from '../../electron/store/schema-copy';
import { LINYI_SUBREGIONS, makeSchema } from './schema-fixture';

/**
 * A workbook file as a build whose newest migration was `version` would have made it: the
 * migrations up to that version, then the rows every version since 1 has held (meta, schema
 * copy, regions). Closed, in rollback-journal mode, without a lock: as such a build leaves it.
 */
export function createWorkbookAtVersion(file: string, version: number, schema: Schema = makeSchema()): void {
  const raw = new Database(file);
  try {
    const db = asWriteDb(raw);
    migrateTo(db, version);
    db.transaction(() => {
      writeMeta(db, { workbookId: 'wb-at-version', appVersion: `0.0.${version}`, createdAt: '2024-03-01T08:00:00.000Z', region: schema.region });
      writeSchemaCopy(db, schema);
      writeRegions(db, schema.region, LINYI_SUBREGIONS);
    })();
  } finally {
    raw.close();
  }
}
