import { createHash } from 'node:crypto';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

/**
 * 定稿 records a digest of what a year's figures are made of: its returns (state, bureau, region,
 * sha256 of the original), every cell read from them, and the officer's decisions on the year's
 * findings. None of these can change through the app while the year is signed off (imports,
 * withdrawals, corrections and resolutions of a signed year are refused), so a different digest
 * on opening means the file was edited outside the app.
 */

export interface YearSeal {
  year: number;
  /** Null only where the row was edited outside the app: every sign-off since migration 003 has one. */
  digest: string | null;
  /** The findings of the year whose resolutions the digest covers; null where sign-off predates the seal. */
  findingIds: string[] | null;
}

const statements = preparedOnce((db) => ({
  returns: db.prepare('SELECT id, state, bureau, region, year, sha256, file_name FROM returns WHERE year = ? ORDER BY id').raw(true),
  values: db
    .prepare(
      `SELECT id, return_id, indicator, row_name, region, year, role, value, raw_text, unit, converted_from, sheet, cell, problem
       FROM reported_values WHERE return_id IN (SELECT id FROM returns WHERE year = ?) ORDER BY id`,
    )
    .raw(true),
  resolutions: db
    .prepare(
      `SELECT finding_id, kind, action, data, note, operator, at, basis FROM resolutions
       WHERE finding_id IN (SELECT value FROM json_each(?)) ORDER BY finding_id`,
    )
    .raw(true),
  seals: db.prepare('SELECT year, digest, signed_findings FROM year_state WHERE signed_off = 1 ORDER BY year'),
  setSeal: db.prepare('UPDATE year_state SET digest = @digest, signed_findings = @findings WHERE year = @year'),
}));

/** The digest of a year's returns, their cells and the given findings' resolutions, as stored now. */
export function computeYearDigest(db: ReadDb, year: number, findingIds: readonly string[] | null): string {
  const s = statements(db);
  const hash = createHash('sha256');
  hash.update(`year ${year}\n`);
  for (const row of s.returns.iterate(year)) hash.update(`${JSON.stringify(row)}\n`);
  hash.update('values\n');
  for (const row of s.values.iterate(year)) hash.update(`${JSON.stringify(row)}\n`);
  hash.update('resolutions\n');
  if (findingIds !== null) {
    for (const row of s.resolutions.iterate(JSON.stringify([...findingIds].sort()))) hash.update(`${JSON.stringify(row)}\n`);
  }
  return hash.digest('hex');
}

/** Seals a year being signed off; call in the sign-off's transaction, after its year_state row is written. */
export function sealYear(db: WriteDb, year: number, findingIds: readonly string[] | null): YearSeal {
  const digest = computeYearDigest(db, year, findingIds);
  const findings = findingIds === null ? null : JSON.stringify([...findingIds].sort());
  statements(db).setSeal.run({ year, digest, findings });
  return { year, digest, findingIds: findingIds === null ? null : [...findingIds].sort() };
}

/** The seals of the signed-off years. */
export function listYearSeals(db: ReadDb): YearSeal[] {
  return (statements(db).seals.all() as { year: number; digest: string | null; signed_findings: string | null }[]).map((row) => ({
    year: row.year,
    digest: row.digest,
    findingIds: parseIds(row.signed_findings),
  }));
}

function parseIds(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    // Edited into something unreadable: no id matches, so the digest differs and says so.
    return [];
  }
}

/** Years whose stored figures differ from what was signed off. */
export function changedSignedYears(db: ReadDb): YearSeal[] {
  return listYearSeals(db).filter((seal) => computeYearDigest(db, seal.year, seal.findingIds) !== seal.digest);
}
