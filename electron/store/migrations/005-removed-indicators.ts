import type { Migration } from './migration';

/**
 * Indicators taken out of the schema in 指标体系. One with figures stored under it is archived
 * here (`archived` 1): it leaves the schema, its templates and exports, while its cells keep its
 * code and stay traceable. One without figures is deleted, and kept here all the same (`archived`
 * 0), so that its code, which templates already issued may carry, is never given to another.
 */
export const migration005: Migration = {
  version: 5,
  name: 'removed-indicators',
  up(db) {
    db.exec(`
      CREATE TABLE removed_indicators (
        code TEXT PRIMARY KEY,
        removed_at TEXT NOT NULL,
        archived INTEGER NOT NULL CHECK (archived IN (0, 1)),
        data TEXT NOT NULL CHECK (json_valid(data))
      );
    `);
  },
};
