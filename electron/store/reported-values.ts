import type { ReportedValueRow } from '../../shared/domain';
import type { MatchMethod } from '../../shared/domain/values';
import type { CellProblem, ReportedRecord } from '../../shared/domain';
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
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
  /** Records at exact (indicator, region, year) keys: one index probe per key, nothing scanned. */
  atKeys: db
    .prepare(
      `SELECT ${VALUE_COLUMNS} FROM json_each(@keys) k
       JOIN reported_values v ON v.indicator = k.value ->> 0 AND v.region = k.value ->> 1 AND v.year = k.value ->> 2
       ORDER BY v.id`,
    )
    .raw(true),
  ofReturn: db.prepare(`SELECT ${VALUE_COLUMNS} FROM reported_values v WHERE v.return_id = ? ORDER BY v.id`).raw(true),
  returnFactsOf: db.prepare('SELECT id, state, bureau, file_name FROM returns WHERE id IN (SELECT value FROM json_each(?))').raw(true),
}));

/** Value rows with their return's state, bureau and file name; a row without its return is dropped (as the join did). */
function toRecords(db: ReadDb, rows: ValueColumns[], everyReturn = true): ReportedRecord[] {
  const returns = new Map<number, ReturnFacts>();
  const s = statements(db);
  // A few cells need only their own returns' facts; reading every return's would cost more than the cells.
  const facts = everyReturn ? s.returnFacts.all() : s.returnFactsOf.all(JSON.stringify([...new Set(rows.map((v) => v[1]))]));
  for (const row of facts as ReturnFacts[]) returns.set(row[0], row);
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

/** Records of some indicators in some years, in every region. */
export function listReportedRecordsFor(db: ReadDb, codes: readonly string[], years: readonly number[]): ReportedRecord[] {
  const rows = statements(db).anyRegion.all({ codes: JSON.stringify(codes), years: JSON.stringify(years) });
  return toRecords(db, rows as ValueColumns[]);
}

/** Records at exactly these (indicator, region, year) keys. */
export function listReportedRecordsAt(db: ReadDb, keys: readonly { indicator: string; region: string; year: number }[]): ReportedRecord[] {
  const unique = [...new Map(keys.map((k) => [`${k.indicator}\u001f${k.region}\u001f${k.year}`, [k.indicator, k.region, k.year]])).values()];
  const rows = statements(db).atKeys.all({ keys: JSON.stringify(unique) });
  return toRecords(db, rows as ValueColumns[], false);
}

/** One return's stored cells, as consolidation reads them. */
export function listReportedRecordsOfReturn(db: ReadDb, returnId: number): ReportedRecord[] {
  return toRecords(db, statements(db).ofReturn.all(returnId) as ValueColumns[], false);
}

/** Stores a return's cells; call inside the import's transaction. */
export function insertReturnValues(db: WriteDb, returnId: number, values: readonly ReturnValue[]): void {
  const insert = statements(db).insert;
  // Positional parameters: binding by name costs a third more on a batch of thousands.
  for (const v of values) {
    insert.run(
      returnId,
      v.indicator,
      v.rowName,
      v.region,
      v.year,
      v.role,
      v.value,
      v.rawText,
      v.unit,
      v.problem?.kind === 'unit_converted' ? v.problem.from : null,
      v.matchMethod,
      v.matchScore,
      v.sheet,
      v.cell,
      v.problem ? JSON.stringify(v.problem) : null,
    );
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

type RowColumns = [
  number, number, string, string, string | null, string, string | null, number, ReportedValueRow['role'], number | null, string, string,
  MatchMethod | null, number | null,
];

// The cells alone, then the counted returns' and the indicators' few columns, joined here: a
// return's file name and bureau, an indicator's name, are then one string each, shared by all
// their rows, not a new one per cell (with fifty thousand cells, making those strings was half
// the time of the list).
const rowStatements = preparedOnce((db) => ({
  rows: db
    .prepare(
      `SELECT v.id, v.return_id, v.sheet, v.cell, v.indicator, v.row_name, v.region, v.year, v.role, v.value, v.raw_text, v.unit,
         v.match_method, v.match_score
       FROM reported_values v
       WHERE v.year = @year AND (@region IS NULL OR v.region = @region)
       ORDER BY v.id`,
    )
    .raw(true),
  returns: db.prepare(`SELECT id, file_name, bureau FROM returns WHERE state = 'counted'`).raw(true),
  indicators: db.prepare(`SELECT code, name, json_extract(data, '$.decimals') FROM indicators`).raw(true),
}));

/**
 * 报送明细: every cell of `year` from the counted returns (a withdrawn return's cells stay stored
 * but leave the list, as they leave consolidation), matched or not, in import order.
 */
export function listReportedValueRows(db: ReadDb, year: number, region?: string): ReportedValueRow[] {
  const s = rowStatements(db);
  const returns = new Map<number, { file: string; bureau: string }>();
  for (const [id, file, bureau] of s.returns.all() as [number, string, string | null][]) returns.set(id, { file, bureau: bureau ?? '' });
  const indicators = new Map<string, { name: string; decimals: number | null }>();
  for (const [code, name, decimals] of s.indicators.all() as [string, string, number | null][]) indicators.set(code, { name, decimals });
  const rows: ReportedValueRow[] = [];
  for (const v of s.rows.all({ year, region: region ?? null }) as RowColumns[]) {
    const from = returns.get(v[1]);
    if (from === undefined) continue;
    const indicator = v[4] === null ? undefined : indicators.get(v[4]);
    rows.push({
      id: v[0],
      returnId: v[1],
      source: { file: from.file, sheet: v[2], cell: v[3], bureau: from.bureau },
      indicator: v[4],
      name: indicator?.name ?? null,
      decimals: indicator?.decimals ?? null,
      rowName: v[5],
      region: v[6] ?? '',
      year: v[7],
      role: v[8],
      value: v[9],
      rawText: v[10],
      unit: v[11],
      matchMethod: v[4] === null ? null : v[12],
      matchScore: v[13] ?? 0,
    });
  }
  return rows;
}

/** A stored figure with what is needed to read its cell again from the original. */
export interface StoredFigure {
  returnId: number;
  sheet: string;
  cell: string;
  indicator: string | null;
  role: ReportedRecord['role'];
  value: number;
  rawText: string;
  unit: string;
  /** The unit it was written in, where it was converted into `unit`. */
  convertedFrom: string | null;
}

const figureStatements = preparedOnce((db) => ({
  ofYear: db.prepare(
    `SELECT return_id AS returnId, sheet, cell, indicator, role, value, raw_text AS rawText, unit, converted_from AS convertedFrom
     FROM reported_values
     WHERE year = ? AND value IS NOT NULL AND return_id IN (SELECT id FROM returns WHERE state = 'counted')
     ORDER BY return_id, id`,
  ),
}));

/** Every figure the counted returns give for `year`: what sign-off checks against the originals. */
export function listCountedFiguresOfYear(db: ReadDb, year: number): StoredFigure[] {
  return figureStatements(db).ofYear.all(year) as StoredFigure[];
}
