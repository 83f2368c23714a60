import type { YearState } from '../../shared/domain';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

const statements = preparedOnce((db) => ({
  get: db.prepare('SELECT year, signed_off, signed_at, signed_by FROM year_state WHERE year = ?'),
  all: db.prepare('SELECT year, signed_off, signed_at, signed_by FROM year_state ORDER BY year'),
  upsert: db.prepare(
    `INSERT INTO year_state (year, signed_off, signed_at, signed_by) VALUES (@year, @signedOff, @signedAt, @signedBy)
     ON CONFLICT (year) DO UPDATE SET signed_off = excluded.signed_off, signed_at = excluded.signed_at,
       signed_by = excluded.signed_by, digest = NULL, signed_findings = NULL`,
  ),
}));

interface Row {
  year: number;
  signed_off: number;
  signed_at: string | null;
  signed_by: string | null;
}

function toState(row: Row): YearState {
  return { year: row.year, signedOff: row.signed_off === 1, signedAt: row.signed_at, signedBy: row.signed_by };
}

export function readYearState(db: ReadDb, year: number): YearState {
  const row = statements(db).get.get(year) as Row | undefined;
  return row ? toState(row) : { year, signedOff: false, signedAt: null, signedBy: null };
}

export function listSignedYears(db: ReadDb): YearState[] {
  return (statements(db).all.all() as Row[]).map(toState).filter((s) => s.signedOff);
}

/** Writes a year's state; a signed-off year's seal is written after it (signed-figures.ts sealYear). */
export function writeYearState(db: WriteDb, state: YearState): void {
  statements(db).upsert.run({ year: state.year, signedOff: state.signedOff ? 1 : 0, signedAt: state.signedAt, signedBy: state.signedBy });
}
