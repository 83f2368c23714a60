import type { Migration } from './migration';

/** As in 004: restated 基期值 and 目标值 are filed under their return's year; written out, as a migration does not change with the code. */
const RESTATED = "'baseline', 'target'";

/**
 * The cell triggers of 004 drop the same years, at a fraction of the cost: they ran for every
 * reported cell and built a UNION over the return's row each time, which made storing a return's
 * cells most of an import. Now a trigger does nothing when no year is kept (a batch's first cell
 * has already dropped the years it touches), and looks its return's year up once, as a scalar.
 * A year is dropped when it is the cell's year or the year after (a figure of the year), or its
 * return's year or the year after (restated figures and the return's own year).
 */
export const migration006: Migration = {
  version: 6,
  name: 'cell-triggers',
  up(db) {
    db.exec(`
      DROP TRIGGER reckoned_cell_added;
      DROP TRIGGER reckoned_cell_removed;
      DROP TRIGGER reckoned_cell_changed;

      CREATE TRIGGER reckoned_cell_added AFTER INSERT ON reported_values WHEN EXISTS (SELECT 1 FROM reckoned_years) BEGIN
        DELETE FROM reckoned_years WHERE (NEW.role NOT IN (${RESTATED}) AND year - NEW.year IN (0, 1))
          OR year - (SELECT year FROM returns WHERE id = NEW.return_id) IN (0, 1);
      END;
      CREATE TRIGGER reckoned_cell_removed AFTER DELETE ON reported_values WHEN EXISTS (SELECT 1 FROM reckoned_years) BEGIN
        DELETE FROM reckoned_years WHERE (OLD.role NOT IN (${RESTATED}) AND year - OLD.year IN (0, 1))
          OR year - (SELECT year FROM returns WHERE id = OLD.return_id) IN (0, 1);
      END;
      CREATE TRIGGER reckoned_cell_changed AFTER UPDATE ON reported_values WHEN EXISTS (SELECT 1 FROM reckoned_years) BEGIN
        DELETE FROM reckoned_years WHERE (OLD.role NOT IN (${RESTATED}) AND year - OLD.year IN (0, 1))
          OR (NEW.role NOT IN (${RESTATED}) AND year - NEW.year IN (0, 1))
          OR year - (SELECT year FROM returns WHERE id = OLD.return_id) IN (0, 1)
          OR year - (SELECT year FROM returns WHERE id = NEW.return_id) IN (0, 1);
      END;
    `);
  },
};
