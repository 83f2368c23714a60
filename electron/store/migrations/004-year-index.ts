import type { Migration } from './migration';

/**
 * Indexes that let one year be read without the others: a year's cells and the returns they
 * come from (reconciling one year reads those returns whole), and restated baselines and targets,
 * which every year's reconciliation reads.
 */
export const migration004: Migration = {
  version: 4,
  name: 'year-index',
  up(db) {
    db.exec(`
      CREATE INDEX reported_values_year ON reported_values (year, return_id);
      CREATE INDEX reported_values_role ON reported_values (role, return_id);
    `);
  },
};
