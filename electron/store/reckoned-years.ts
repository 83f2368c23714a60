import { createHash } from 'node:crypto';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

/**
 * Each year's reconciled answer kept in the workbook (migration 004 and its triggers): its values
 * and its findings as two texts, so that a read of values alone does not parse the findings. The
 * store does not know their shape. A row is read back only under the reckoning it was written
 * under and with its seal intact.
 */
export interface KeptAnswer {
  values: string;
  findings: string;
}

const statements = preparedOnce((db) => ({
  read: db.prepare('SELECT year, reckoning, values_text, findings_text, seal FROM reckoned_years WHERE year IN (SELECT value FROM json_each(?))').raw(true),
  write: db.prepare('INSERT OR REPLACE INTO reckoned_years (year, reckoning, values_text, findings_text, seal) VALUES (?, ?, ?, ?, ?)'),
  clear: db.prepare('DELETE FROM reckoned_years'),
}));

function sealOf(year: number, reckoning: string, answer: KeptAnswer): string {
  return createHash('sha256').update(`${year}\u001f${reckoning}\u001f${answer.values.length}\u001f`).update(answer.values).update(answer.findings).digest('hex');
}

/** The kept answers of these years written under `reckoning`, by year; others are left out. */
export function readReckonedYears(db: ReadDb, years: readonly number[], reckoning: string): Map<number, KeptAnswer> {
  const kept = new Map<number, KeptAnswer>();
  for (const [year, under, values, findings, seal] of statements(db).read.all(JSON.stringify(years)) as [number, string, string, string, string][]) {
    const answer = { values, findings };
    if (under === reckoning && seal === sealOf(year, under, answer)) kept.set(year, answer);
  }
  return kept;
}

/** Keeps these years' answers; one transaction. */
export function writeReckonedYears(db: WriteDb, answers: ReadonlyMap<number, KeptAnswer>, reckoning: string): void {
  const write = statements(db).write;
  db.transaction(() => {
    for (const [year, answer] of answers) write.run(year, reckoning, answer.values, answer.findings, sealOf(year, reckoning, answer));
  })();
}

/** Drops every kept answer (a workbook edited outside the program is reconciled afresh). */
export function clearReckonedYears(db: WriteDb): void {
  statements(db).clear.run();
}
