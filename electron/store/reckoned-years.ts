import { createHash } from 'node:crypto';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

/**
 * Each year's reconciled answer kept in the workbook (migration 004 and its triggers): its values
 * and its findings as two texts, each sealed, so that a read of values alone neither reads nor
 * parses the findings (most of the text). The store does not know their shape. A text is read
 * back only under the reckoning it was written under and with its seal intact.
 */
export interface KeptAnswer {
  values: string;
  /**
   * Null when only the values were reckoned (a period table needs earlier years' values, not
   * their findings): the row then holds no findings, and its empty seal never reads as kept.
   */
  findings: string | null;
}

export type KeptPart = keyof KeptAnswer;

const statements = preparedOnce((db) => ({
  values: db.prepare('SELECT year, reckoning, values_text, values_seal FROM reckoned_years WHERE year IN (SELECT value FROM json_each(?))').raw(true),
  findings: db.prepare('SELECT year, reckoning, findings_text, findings_seal FROM reckoned_years WHERE year IN (SELECT value FROM json_each(?))').raw(true),
  write: db.prepare('INSERT OR REPLACE INTO reckoned_years (year, reckoning, values_text, values_seal, findings_text, findings_seal) VALUES (?, ?, ?, ?, ?, ?)'),
  clear: db.prepare('DELETE FROM reckoned_years'),
}));

function sealOf(year: number, reckoning: string, part: KeptPart, text: string): string {
  return createHash('sha256').update(`${year}\u001f${reckoning}\u001f${part}\u001f`).update(text).digest('hex');
}

/** One part of the kept answers of these years written under `reckoning`, by year; others are left out. */
export function readReckonedYears(db: ReadDb, years: readonly number[], reckoning: string, part: KeptPart): Map<number, string> {
  const kept = new Map<number, string>();
  for (const [year, under, text, seal] of statements(db)[part].all(JSON.stringify(years)) as [number, string, string, string][]) {
    if (under === reckoning && seal === sealOf(year, under, part, text)) kept.set(year, text);
  }
  return kept;
}

/** Keeps these years' answers; one transaction. */
export function writeReckonedYears(db: WriteDb, answers: ReadonlyMap<number, KeptAnswer>, reckoning: string): void {
  const write = statements(db).write;
  db.transaction(() => {
    for (const [year, answer] of answers) {
      const findings = answer.findings === null ? ['', ''] : [answer.findings, sealOf(year, reckoning, 'findings', answer.findings)];
      write.run(year, reckoning, answer.values, sealOf(year, reckoning, 'values', answer.values), ...findings);
    }
  })();
}

/** Drops every kept answer (a workbook edited outside the program is reconciled afresh). */
export function clearReckonedYears(db: WriteDb): void {
  statements(db).clear.run();
}
