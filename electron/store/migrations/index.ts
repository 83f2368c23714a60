import type { WriteDb } from '../db';
import { readUserVersion } from '../db';
import { migration001 } from './001-initial';
import { migration002 } from './002-returns';
import { migration003 } from './003-integrity';
import { migration004 } from './004-year-index';
import { migration005 } from './005-removed-indicators';
import { migration006 } from './006-cell-triggers';
import type { Migration } from './migration';

export type { Migration } from './migration';
export { WORKBOOK_APPLICATION_ID } from './migration';

/** Every migration, in order; version n sits at index n − 1. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];

/** The schema version this build writes and understands. */
export const LATEST_VERSION = MIGRATIONS.length;

/**
 * Brings the file from its `user_version` up to `target`, one transaction per step, so that a
 * failure leaves the file at the last completed version (and the backup copy beside it).
 */
export function migrateTo(
  db: WriteDb,
  target: number = LATEST_VERSION,
  /** Runs inside each step's transaction, e.g. to audit the upgrade with it. */
  onStep?: (migration: Migration, from: number) => void,
): void {
  if (target > LATEST_VERSION) throw new Error(`no migration to version ${target}`);
  const current = readUserVersion(db);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      const from = readUserVersion(db);
      migration.up(db);
      onStep?.(migration, from);
      // user_version takes no bound parameter; the version is our own integer.
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
