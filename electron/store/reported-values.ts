import type { CellProblem, ReportedRecord } from '../../shared/reconcile/inputs';
import type { ReturnValue } from '../../shared/import/read-return-values';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

interface RecordRow {
  id: number;
  return_id: number;
  state: ReportedRecord['returnState'];
  bureau: string | null;
  file: string;
  sheet: string;
  cell: string;
  indicator: string | null;
  row_name: string;
  region: string;
  year: number;
  role: ReportedRecord['role'];
  value: number | null;
  raw_text: string;
  unit: string;
  problem: string | null;
}

const SELECT_RECORDS = `SELECT v.id, v.return_id, r.state, r.bureau, r.file_name AS file, v.sheet, v.cell, v.indicator,
  v.row_name, v.region, v.year, v.role, v.value, v.raw_text, v.unit, v.problem
  FROM reported_values v JOIN returns r ON r.id = v.return_id`;

const statements = preparedOnce((db) => ({
  insert: db.prepare(
    `INSERT INTO reported_values (return_id, indicator, row_name, region, year, role, value, raw_text, unit,
       converted_from, match_method, match_score, sheet, cell, problem)
     VALUES (@returnId, @indicator, @rowName, @region, @year, @role, @value, @rawText, @unit,
       @convertedFrom, @matchMethod, @matchScore, @sheet, @cell, @problem)`,
  ),
  deleteForReturn: db.prepare('DELETE FROM reported_values WHERE return_id = ?'),
  all: db.prepare(`${SELECT_RECORDS} WHERE v.year IS NOT NULL AND v.region IS NOT NULL ORDER BY v.id`),
}));

/** Records of some indicators in some years (json_each keeps it one prepared statement). */
const filtered = preparedOnce((db) =>
  db.prepare(
    `${SELECT_RECORDS}
     WHERE v.indicator IN (SELECT value FROM json_each(@codes)) AND v.year IN (SELECT value FROM json_each(@years))
     ORDER BY v.id`,
  ),
);

export function listReportedRecordsFor(db: ReadDb, codes: readonly string[], years: readonly number[]): ReportedRecord[] {
  return (filtered(db).all({ codes: JSON.stringify(codes), years: JSON.stringify(years) }) as RecordRow[]).map(toRecord);
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
  return (statements(db).all.all() as RecordRow[]).map(toRecord);
}

function toRecord(row: RecordRow): ReportedRecord {
  return {
    id: row.id,
    returnId: row.return_id,
    returnSeq: row.return_id,
    returnState: row.state,
    bureau: row.bureau,
    file: row.file,
    sheet: row.sheet,
    cell: row.cell,
    indicator: row.indicator,
    rowName: row.row_name,
    region: row.region,
    year: row.year,
    role: row.role,
    value: row.value,
    rawText: row.raw_text,
    unit: row.unit,
    problem: row.problem ? (JSON.parse(row.problem) as CellProblem) : null,
  };
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
