import type { CellProblem, ReportedRecord } from '../../shared/reconcile/inputs';
import type { ReturnValue } from '../../shared/import/read-return-values';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

/** The value columns, read as arrays (no per-row object for better-sqlite3 to build). */
const VALUE_COLUMNS = `v.id, v.return_id, v.sheet, v.cell, v.indicator, v.row_name, v.region, v.year, v.role, v.value,
  v.raw_text, v.unit, v.problem`;

type ValueColumns = [number, number, string, string, string | null, string, string, number, ReportedRecord['role'], number | null, string, string, string | null];
type ReturnFacts = [number, ReportedRecord['returnState'], string | null, string];

// Reads take the values alone and the returns' facts separately, joined here: a join in SQL
// steps over each return's stored file (the columns after the blob) once for every cell.
const statements = preparedOnce((db) => ({
  insert: db.prepare(
    `INSERT INTO reported_values (return_id, indicator, row_name, region, year, role, value, raw_text, unit,
       converted_from, match_method, match_score, sheet, cell, problem)
     VALUES (@returnId, @indicator, @rowName, @region, @year, @role, @value, @rawText, @unit,
       @convertedFrom, @matchMethod, @matchScore, @sheet, @cell, @problem)`,
  ),
  deleteForReturn: db.prepare('DELETE FROM reported_values WHERE return_id = ?'),
  all: db.prepare(`SELECT ${VALUE_COLUMNS} FROM reported_values v WHERE v.year IS NOT NULL AND v.region IS NOT NULL ORDER BY v.id`).raw(true),
  returnFacts: db.prepare('SELECT id, state, bureau, file_name FROM returns').raw(true),
  /** Records of some indicators in some years (json_each keeps it one prepared statement). */
  anyRegion: db
    .prepare(
      `SELECT ${VALUE_COLUMNS} FROM reported_values v
       WHERE v.indicator IN (SELECT value FROM json_each(@codes)) AND v.year IN (SELECT value FROM json_each(@years))
       ORDER BY v.id`,
    )
    .raw(true),
  // Its own statement rather than an OR in the one above, so that SQLite keeps to the
  // (indicator, region, year) index.
  inRegions: db
    .prepare(
      `SELECT ${VALUE_COLUMNS} FROM reported_values v
       WHERE v.indicator IN (SELECT value FROM json_each(@codes)) AND v.region IN (SELECT value FROM json_each(@regions))
         AND v.year IN (SELECT value FROM json_each(@years))
       ORDER BY v.id`,
    )
    .raw(true),
}));

/** Value rows with their return's state, bureau and file name; a row without its return is dropped (as the join did). */
function toRecords(db: ReadDb, rows: ValueColumns[]): ReportedRecord[] {
  const returns = new Map<number, ReturnFacts>();
  for (const row of statements(db).returnFacts.all() as ReturnFacts[]) returns.set(row[0], row);
  const records: ReportedRecord[] = [];
  for (const v of rows) {
    const r = returns.get(v[1]);
    if (r === undefined) continue;
    records.push({
      id: v[0],
      returnId: v[1],
      returnSeq: v[1],
      returnState: r[1],
      bureau: r[2],
      file: r[3],
      sheet: v[2],
      cell: v[3],
      indicator: v[4],
      rowName: v[5],
      region: v[6],
      year: v[7],
      role: v[8],
      value: v[9],
      rawText: v[10],
      unit: v[11],
      problem: v[12] ? (JSON.parse(v[12]) as CellProblem) : null,
    });
  }
  return records;
}

/** Records of some indicators in some years, in the regions given (every region without). */
export function listReportedRecordsFor(db: ReadDb, codes: readonly string[], years: readonly number[], regions?: readonly string[]): ReportedRecord[] {
  const params = { codes: JSON.stringify(codes), years: JSON.stringify(years) };
  const s = statements(db);
  const rows = regions === undefined ? s.anyRegion.all(params) : s.inRegions.all({ ...params, regions: JSON.stringify(regions) });
  return toRecords(db, rows as ValueColumns[]);
}

/** Stores a return's cells; call inside the import's transaction. */
export function insertReturnValues(db: WriteDb, returnId: number, values: readonly ReturnValue[]): void {
  const insert = statements(db).insert;
  for (const v of values) {
    insert.run({
      returnId,
      indicator: v.indicator,
      rowName: v.rowName,
      region: v.region,
      year: v.year,
      role: v.role,
      value: v.value,
      rawText: v.rawText,
      unit: v.unit,
      convertedFrom: v.problem?.kind === 'unit_converted' ? v.problem.from : null,
      matchMethod: v.matchMethod,
      matchScore: v.matchScore,
      sheet: v.sheet,
      cell: v.cell,
      problem: v.problem ? JSON.stringify(v.problem) : null,
    });
  }
}

/** Drops a return's cells before they are read again (a corrected bureau, region or year). */
export function deleteReturnValues(db: WriteDb, returnId: number): void {
  statements(db).deleteForReturn.run(returnId);
}

export function listReportedRecords(db: ReadDb): ReportedRecord[] {
  return toRecords(db, statements(db).all.all() as ValueColumns[]);
}

const keyStatements = preparedOnce((db) => ({
  keys: db.prepare(
    `SELECT DISTINCT indicator, region, year FROM reported_values
     WHERE return_id = ? AND role = 'value' AND indicator IS NOT NULL AND region IS NOT NULL AND year IS NOT NULL`,
  ),
}));

/** The (indicator, region, year) a return reports: the values an operation on it can change. */
export function listReturnKeys(db: ReadDb, returnId: number): { indicator: string; region: string; year: number }[] {
  return keyStatements(db).keys.all(returnId) as { indicator: string; region: string; year: number }[];
}

const latestStatement = preparedOnce((db) =>
  db.prepare(
    `SELECT max(v.year) AS year FROM reported_values v JOIN returns r ON r.id = v.return_id
     WHERE v.role = 'value' AND v.indicator IS NOT NULL AND v.value IS NOT NULL AND r.state = 'counted'`,
  ),
);

/** The latest year any counted return reports a figure for, or null. */
export function latestReportedYear(db: ReadDb): number | null {
  return (latestStatement(db).get() as { year: number | null }).year;
}
