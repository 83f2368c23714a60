import type { Migration } from './migration';

/** Restated 基期值 and 目标值 are filed under their return's year (shared/domain RESTATED_ROLES); written out, as a migration does not change with the code. */
const RESTATED = "'baseline', 'target'";

/** Every change to these tables changes what reconciliation answers for some year. */
const WHOLE_WORKBOOK_INPUTS = ['schema_info', 'indicators', 'rules', 'bureaus', 'regions', 'resolutions'];

/**
 * One year read without the others, and each year's answer kept in the file.
 *
 * - Indexes: a year's cells and the returns they come from; the returns' facts without their
 *   stored files (a row's columns after its file are read by stepping over the file); the
 *   audit's integrity records by action (read on every opening and summary).
 * - reckoned_years: each year's reconciled values and findings as the build named in `reckoning`
 *   computed them (sealed with a hash, so that an answer edited by hand is not read), so that opening a workbook and reading a year costs that year's answer, not
 *   a reconciliation. Triggers drop a year's answer in the same transaction as any write to what
 *   it rests on, whichever program makes the write: a cell or a return drops the years it
 *   speaks of (a restated 基期值 or 目标值 only its return's) and the year after each (whose
 *   year-on-year check looks back at them); a change to
 *   the schema, the bureaus, the regions or a resolution drops every year.
 */
export const migration004: Migration = {
  version: 4,
  name: 'year-index',
  up(db) {
    db.exec(`
      CREATE INDEX reported_values_year ON reported_values (year, role, return_id);
      CREATE INDEX returns_facts ON returns (id, state, file_name, bureau, region, year, contact_person, contact_phone);
      CREATE INDEX returns_state ON returns (state);
      CREATE INDEX audit_action ON audit (action);

      CREATE TABLE reckoned_years (
        year INTEGER PRIMARY KEY,
        reckoning TEXT NOT NULL,
        values_text TEXT NOT NULL,
        values_seal TEXT NOT NULL,
        findings_text TEXT NOT NULL,
        findings_seal TEXT NOT NULL
      );

      CREATE TRIGGER reckoned_cell_added AFTER INSERT ON reported_values BEGIN
        DELETE FROM reckoned_years WHERE (NEW.role NOT IN (${RESTATED}) AND year IN (NEW.year, NEW.year + 1))
          OR year IN (SELECT year FROM returns WHERE id = NEW.return_id UNION SELECT year + 1 FROM returns WHERE id = NEW.return_id);
      END;
      CREATE TRIGGER reckoned_cell_removed AFTER DELETE ON reported_values BEGIN
        DELETE FROM reckoned_years WHERE (OLD.role NOT IN (${RESTATED}) AND year IN (OLD.year, OLD.year + 1))
          OR year IN (SELECT year FROM returns WHERE id = OLD.return_id UNION SELECT year + 1 FROM returns WHERE id = OLD.return_id);
      END;
      CREATE TRIGGER reckoned_cell_changed AFTER UPDATE ON reported_values BEGIN
        DELETE FROM reckoned_years WHERE (OLD.role NOT IN (${RESTATED}) AND year IN (OLD.year, OLD.year + 1))
          OR (NEW.role NOT IN (${RESTATED}) AND year IN (NEW.year, NEW.year + 1))
          OR year IN (SELECT year FROM returns WHERE id IN (OLD.return_id, NEW.return_id)
                      UNION SELECT year + 1 FROM returns WHERE id IN (OLD.return_id, NEW.return_id));
      END;
      CREATE TRIGGER reckoned_return_added AFTER INSERT ON returns BEGIN
        DELETE FROM reckoned_years WHERE year IN (NEW.year, NEW.year + 1);
      END;
      CREATE TRIGGER reckoned_return_removed AFTER DELETE ON returns BEGIN
        DELETE FROM reckoned_years WHERE year IN (OLD.year, OLD.year + 1)
          OR year IN (SELECT year FROM reported_values WHERE return_id = OLD.id AND role NOT IN (${RESTATED})
                      UNION SELECT year + 1 FROM reported_values WHERE return_id = OLD.id AND role NOT IN (${RESTATED}));
      END;
      CREATE TRIGGER reckoned_return_changed AFTER UPDATE ON returns BEGIN
        DELETE FROM reckoned_years WHERE year IN (OLD.year, OLD.year + 1, NEW.year, NEW.year + 1)
          OR year IN (SELECT year FROM reported_values WHERE return_id = NEW.id AND role NOT IN (${RESTATED})
                      UNION SELECT year + 1 FROM reported_values WHERE return_id = NEW.id AND role NOT IN (${RESTATED}));
      END;
      ${WHOLE_WORKBOOK_INPUTS.map(
        (table) => `
      CREATE TRIGGER reckoned_${table}_added AFTER INSERT ON ${table} BEGIN DELETE FROM reckoned_years; END;
      CREATE TRIGGER reckoned_${table}_removed AFTER DELETE ON ${table} BEGIN DELETE FROM reckoned_years; END;
      CREATE TRIGGER reckoned_${table}_changed AFTER UPDATE ON ${table} BEGIN DELETE FROM reckoned_years; END;`,
      ).join('')}
    `);
  },
};
