import type { CellProblem, CellRole, MatchMethod, ReportedCell, ReportedRecord, ReportedValueRow, ReturnState, ValueKey } from '../../shared/domain';
import { reportedRecord, valueKey, type RecordedReturn } from '../../shared/domain';
import { RESTATED_ROLES, yearsNeededFor } from '../../shared/domain';
import type { ReturnValue } from '../../shared/import/read-return-values';
import type Database from 'better-sqlite3';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

/** The value columns, read as arrays (no per-row object for better-sqlite3 to build). */
const VALUE_COLUMNS = `v.id, v.return_id, v.sheet, v.cell, v.indicator, v.row_name, v.region, v.year, v.role, v.value,
  v.raw_text, v.unit, v.problem`;

type ValueColumns = [number, number, string, string, string | null, string, string, number, CellRole, number | null, string, string, string | null];
type ReturnFacts = [number, ReturnState, string | null, string];

// Reads take the values alone and the returns' facts separately, joined here: a join in SQL
// steps over each return's stored file (the columns after the blob) once for every cell.
const statements = preparedOnce((db) => ({
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
  yearHoldsCells: db.prepare('SELECT EXISTS (SELECT 1 FROM reported_values WHERE year = ?)').pluck(),
  ofReturn: db.prepare(`SELECT ${VALUE_COLUMNS} FROM reported_values v WHERE v.return_id = ? ORDER BY v.id`).raw(true),
  returnFactsOf: db.prepare('SELECT id, state, bureau, file_name FROM returns WHERE id IN (SELECT value FROM json_each(?))').raw(true),
}));

/**
 * One copy of each repeated text: SQLite hands every row its own strings, and a province year's
 * cells repeat a few hundred region, sheet, unit and row names across hundreds of thousands of
 * records held at once while reconciling.
 */
class Interned {
  private readonly texts = new Map<string, string>();
  /** Cell problems, one object for each distinct text: a province year repeats a few hundred across 60 000 cells. Read-only. */
  private readonly problems = new Map<string, CellProblem>();
  of<T extends string | null>(text: T): T {
    if (text === null) return text;
    const known = this.texts.get(text);
    if (known !== undefined) return known as T;
    this.texts.set(text, text);
    return text;
  }
  problem(text: string | null): CellProblem | null {
    if (!text) return null;
    let problem = this.problems.get(text);
    if (problem === undefined) this.problems.set(text, (problem = JSON.parse(text) as CellProblem));
    return problem;
  }
}

/** Value rows with their return's state, bureau and file name; a row without its return is dropped (as the join did). */
function toRecords(db: ReadDb, rows: Iterable<ValueColumns>, everyReturn = true): ReportedRecord[] {
  const returns = new Map<number, ReturnFacts>();
  const s = statements(db);
  const listed = Array.isArray(rows) ? (rows as ValueColumns[]) : null;
  // A few cells need only their own returns' facts; reading every return's would cost more than the cells.
  const facts = everyReturn || !listed ? s.returnFacts.all() : s.returnFactsOf.all(JSON.stringify([...new Set(listed.map((v) => v[1]))]));
  for (const row of facts as ReturnFacts[]) returns.set(row[0], row);
  const texts = new Interned();
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
      sheet: texts.of(v[2]),
      cell: v[3],
      indicator: texts.of(v[4]),
      rowName: texts.of(v[5]),
      region: texts.of(v[6]),
      year: v[7],
      role: texts.of(v[8]),
      value: v[9],
      rawText: v[10],
      unit: texts.of(v[11]),
      problem: texts.problem(v[12]),
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
export function listReportedRecordsAt(db: ReadDb, keys: readonly ValueKey[]): ReportedRecord[] {
  const unique = [...new Map(keys.map((k) => [valueKey(k.indicator, k.region, k.year), [k.indicator, k.region, k.year]])).values()];
  const rows = statements(db).atKeys.all({ keys: JSON.stringify(unique) });
  return toRecords(db, rows as ValueColumns[], false);
}

/** Whether any cell of this year is stored (one probe of the year index). */
export function yearHoldsCells(db: ReadDb, year: number): boolean {
  return statements(db).yearHoldsCells.get(year) === 1;
}

/** One return's stored cells, as consolidation reads them. */
export function listReportedRecordsOfReturn(db: ReadDb, returnId: number): ReportedRecord[] {
  return toRecords(db, statements(db).ofReturn.all(returnId) as ValueColumns[], false);
}

/** Stores a return's cells; call inside the import's transaction. */
export function insertReturnValues(db: WriteDb, returnId: number, values: readonly ReturnValue[]): void {
  insertCells(db, returnId, values, values.map(problemText));
}

/**
 * Stores a new return's cells (as insertReturnValues) and gives back the records reading them
 * again would give (listReportedRecordsOfReturn), built from the cells in hand: an import's
 * audit needs them at once. Text with a surrogate is read back instead: SQLite's UTF-8 would
 * not keep a lone one as it was.
 */
export function insertNewReturnValues(db: WriteDb, stored: RecordedReturn, values: readonly ReturnValue[]): ReportedRecord[] {
  const problems = values.map(problemText);
  const ids = insertCells(db, stored.returnId, values, problems);
  const verbatim = !SURROGATE.test(stored.file) && !(stored.bureau !== null && SURROGATE.test(stored.bureau)) &&
    values.every((v) => ![v.sheet, v.cell, v.indicator ?? '', v.rowName, v.region, v.rawText, v.unit].some((text) => SURROGATE.test(text)));
  if (!verbatim) return listReportedRecordsOfReturn(db, stored.returnId);
  return values.map((v, i) =>
    reportedRecord(
      ids[i]!,
      stored,
      v,
      // A REAL column keeps no NaN (it becomes NULL) and no negative zero.
      v.value === null || Number.isNaN(v.value) ? null : v.value === 0 ? 0 : v.value,
      // The stored text read back: an object of its own, as a read from the store gives.
      problems[i] === null ? null : (JSON.parse(problems[i]!) as CellProblem),
    ),
  );
}

const SURROGATE = /[\uD800-\uDFFF]/;

function problemText(v: ReturnValue): string | null {
  return v.problem ? JSON.stringify(v.problem) : null;
}

const CELL_COLUMNS = `return_id, indicator, row_name, region, year, role, value, raw_text, unit,
  converted_from, match_method, match_score, sheet, cell, problem`;
const CELL_PARAMETERS = 15;
/**
 * Cells per INSERT statement: one call into SQLite for many cells rather than one each (the
 * bench's 14 824 cells: 129 → 105 ms, medians of 7). 32 × 15 = 480 parameters, far under
 * SQLite's limit of 32 766.
 */
const CELLS_PER_INSERT = 32;

/** The INSERT of `rows` cells at once, prepared once per size and connection (statementSize keeps the sizes few). */
const cellInserts = preparedOnce((db) => {
  const bySize = new Map<number, Database.Statement>();
  return (rows: number): Database.Statement => {
    let statement = bySize.get(rows);
    if (statement === undefined) {
      const row = `(${new Array<string>(CELL_PARAMETERS).fill('?').join(', ')})`;
      statement = db.prepare(`INSERT INTO reported_values (${CELL_COLUMNS}) VALUES ${new Array<string>(rows).fill(row).join(', ')}`);
      bySize.set(rows, statement);
    }
    return statement;
  };
});

/**
 * Inserts the cells in order and gives their ids. The ids of one statement's rows run on from
 * the last one SQLite reports: with no rowid given, SQLite gives each row one more than the
 * table's largest, row after row. (Only past the largest possible rowid, 2⁶³ − 1, which no
 * workbook reaches, would it pick others.)
 */
function insertCells(db: WriteDb, returnId: number, values: readonly ReturnValue[], problems: readonly (string | null)[]): number[] {
  const ids: number[] = [];
  const statementFor = cellInserts(db);
  for (let start = 0; start < values.length; ) {
    const end = start + statementSize(values.length - start);
    const parameters: unknown[] = [];
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      parameters.push(
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
        problems[i],
      );
    }
    const result = statementFor(end - start).run(parameters);
    const last = Number(result.lastInsertRowid);
    if (result.changes !== end - start) throw new Error(`单元格入库数目不符：应存 ${end - start} 个，实存 ${result.changes} 个`);
    for (let id = last - (end - start) + 1; id <= last; id++) ids.push(id);
    start = end;
  }
  return ids;
}

/**
 * How many of the `left` cells the next statement takes: CELLS_PER_INSERT, then the largest
 * power of two that fits, so that a process prepares at most six statements (a command-line
 * import preparing one for every size of a return's last few cells spent more than it saved).
 */
function statementSize(left: number): number {
  if (left >= CELLS_PER_INSERT) return CELLS_PER_INSERT;
  let size = 1;
  while (size * 2 <= left) size *= 2;
  return size;
}

/** Drops a return's cells before they are read again (a corrected bureau, region or year). */
export function deleteReturnValues(db: WriteDb, returnId: number): void {
  statements(db).deleteForReturn.run(returnId);
}

export function listReportedRecords(db: ReadDb): ReportedRecord[] {
  return toRecords(db, statements(db).all.all() as ValueColumns[]);
}

const RESTATED = RESTATED_ROLES.map((role) => `'${role}'`).join(', ');
const scopeStatements = preparedOnce((db) => ({
  /**
   * What reconciling some years reads (yearsNeededFor): every cell of each return with a
   * reported cell in those years or filed under one of them. A return comes whole, so that its
   * restated figures (filed under its year) and a mapping made on any of its rows' findings are
   * all there.
   */
  ofYears: db
    .prepare(
      `WITH years(year) AS (SELECT value FROM json_each(@years)),
       wanted(return_id) AS MATERIALIZED (
         SELECT DISTINCT return_id FROM reported_values WHERE year IN years AND role NOT IN (${RESTATED})
         UNION SELECT id FROM returns WHERE year IN years)
       SELECT ${VALUE_COLUMNS} FROM reported_values v
       WHERE v.return_id IN wanted AND v.year IS NOT NULL AND v.region IS NOT NULL`,
    )
    .raw(true),
  /** The years whose reconciliation some returns' cells enter: the years of their reported cells, and their own. */
  touchedBy: db.prepare(
    `WITH ids(id) AS MATERIALIZED (SELECT value FROM json_each(@ids))
     SELECT DISTINCT year FROM reported_values WHERE return_id IN ids AND year IS NOT NULL AND role NOT IN (${RESTATED})
     UNION SELECT year FROM returns WHERE id IN ids AND year IS NOT NULL`,
  ),
  /** Years with a figure from a counted return: a skip scan over years, one probe for each. */
  figureYears: db.prepare(
    `WITH RECURSIVE y(year) AS (
       SELECT min(year) FROM reported_values WHERE year IS NOT NULL
       UNION ALL SELECT (SELECT min(year) FROM reported_values WHERE year > y.year) FROM y WHERE y.year IS NOT NULL)
     SELECT year FROM y WHERE year IS NOT NULL AND EXISTS (
       SELECT 1 FROM reported_values v JOIN returns r ON r.id = v.return_id
       WHERE v.year = y.year AND v.role = 'value' AND v.value IS NOT NULL AND r.state = 'counted')`,
  ),
  /** The years some figure is reported for, each found by one index probe (a skip scan). */
  years: db.prepare(
    `WITH RECURSIVE y(year) AS (
       SELECT min(year) FROM reported_values WHERE year IS NOT NULL
       UNION ALL SELECT (SELECT min(year) FROM reported_values WHERE year > y.year) FROM y WHERE y.year IS NOT NULL)
     SELECT year FROM y WHERE year IS NOT NULL`,
  ),
}));

/**
 * The records reconciling `years` alone needs (the domain's yearsNeededFor says which). Their
 * values alone need only the returns of those years: the year before is read for the findings
 * that compare with it.
 */
export function listReportedRecordsForYears(db: ReadDb, years: readonly number[], options: { valuesOnly?: boolean } = {}): ReportedRecord[] {
  const read = options.valuesOnly ? [...years] : yearsNeededFor(years);
  // Read row by row: the rows as SQLite gives them and the records made of them are never all held at once.
  const records = toRecords(db, scopeStatements(db).ofYears.iterate({ years: JSON.stringify(read) }) as Iterable<ValueColumns>);
  return inIdOrder(records);
}

/**
 * The rows in the order they were stored (reconciliation depends on it). They come by return,
 * which is that order unless a corrected return's cells were stored again later; sorting here
 * costs little, where an ORDER BY made SQLite copy every row into a temporary tree first.
 */
function inIdOrder(records: ReportedRecord[]): ReportedRecord[] {
  for (let i = 1; i < records.length; i++) if (records[i]!.id < records[i - 1]!.id) return records.sort((a, b) => a.id - b.id);
  return records;
}

/** The years whose reconciled answer storing, withdrawing or restoring these returns can change (the year after each aside: ReconciledYears adds it). */
export function yearsTouchedByReturns(db: ReadDb, returnIds: readonly number[]): number[] {
  const rows = scopeStatements(db).touchedBy.all({ ids: JSON.stringify(returnIds) }) as { year: number }[];
  return rows.map((row) => row.year);
}

/** The years some counted return reports a figure for (matched or not), ascending. */
export function listFigureYears(db: ReadDb): number[] {
  return (scopeStatements(db).figureYears.all() as { year: number }[]).map((row) => row.year);
}

/** Every year some cell is stored for, whatever its role or return's state. */
export function listStoredYears(db: ReadDb): number[] {
  return (scopeStatements(db).years.all() as { year: number }[]).map((row) => row.year);
}

const keyStatements = preparedOnce((db) => ({
  keys: db.prepare(
    `SELECT DISTINCT indicator, region, year FROM reported_values
     WHERE return_id = ? AND role = 'value' AND indicator IS NOT NULL AND region IS NOT NULL AND year IS NOT NULL`,
  ),
}));

/** The (indicator, region, year) a return reports: the values an operation on it can change. */
export function listReturnKeys(db: ReadDb, returnId: number): ValueKey[] {
  return keyStatements(db).keys.all(returnId) as ValueKey[];
}

// Years from the latest down, one index probe each, until one holds a counted figure: a plain
// max() over the join reads every cell of the workbook.
const latestStatement = preparedOnce((db) =>
  db.prepare(
    `WITH RECURSIVE y(year) AS (
       SELECT max(year) FROM reported_values
       UNION ALL SELECT (SELECT max(year) FROM reported_values WHERE year < y.year) FROM y WHERE y.year IS NOT NULL)
     SELECT year FROM y WHERE year IS NOT NULL AND EXISTS (
       SELECT 1 FROM reported_values v JOIN returns r ON r.id = v.return_id
       WHERE v.year = y.year AND v.role = 'value' AND v.indicator IS NOT NULL AND v.value IS NOT NULL AND r.state = 'counted')
     LIMIT 1`,
  ),
);

/** The latest year any counted return reports a figure for, or null. */
export function latestReportedYear(db: ReadDb): number | null {
  return (latestStatement(db).get() as { year: number } | undefined)?.year ?? null;
}

type RowColumns = [
  number, number, string, string, string | null, string, string | null, number, CellRole, number | null, string, string,
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
  // An archived indicator's cells keep its code: they are listed under its name, said to be removed.
  indicators: db
    .prepare(
      `SELECT code, name, json_extract(data, '$.decimals') FROM indicators
       UNION ALL SELECT code, json_extract(data, '$.indicator.name') || '（已移除）', json_extract(data, '$.indicator.decimals')
       FROM removed_indicators WHERE archived = 1 AND code NOT IN (SELECT code FROM indicators)`,
    )
    .raw(true),
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
      file: from.file,
      bureau: from.bureau,
      sheet: v[2],
      cell: v[3],
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
export interface StoredFigure extends Pick<ReportedCell, 'sheet' | 'cell' | 'indicator' | 'role' | 'rawText' | 'unit'> {
  returnId: number;
  value: number;
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

/** A stored cell under one indicator, with its return's year and state: what a unit change reads again. */
export interface IndicatorCell {
  id: number;
  returnId: number;
  /** The year its return is filed under (a signed-off year's cells are sealed). */
  returnYear: number | null;
  returnState: ReturnState;
  role: CellRole;
  region: string | null;
  year: number | null;
  value: number | null;
  rawText: string;
  unit: string;
  problem: CellProblem | null;
}

const indicatorCellStatements = preparedOnce((db) => ({
  cells: db
    .prepare(
      `SELECT v.id, v.return_id, r.year, r.state, v.role, v.region, v.year, v.value, v.raw_text, v.unit, v.problem
       FROM reported_values v JOIN returns r ON r.id = v.return_id
       WHERE v.indicator = ? ORDER BY v.id`,
    )
    .raw(true),
  count: db.prepare('SELECT count(*) AS n FROM reported_values WHERE indicator = ?'),
  rewrite: db.prepare('UPDATE reported_values SET value = @value, unit = @unit, converted_from = @convertedFrom, problem = @problem WHERE id = @id'),
  valueKeys: db.prepare(
    `SELECT DISTINCT region, year FROM reported_values
     WHERE indicator IN (SELECT value FROM json_each(?)) AND role = 'value' AND region IS NOT NULL AND year IS NOT NULL`,
  ),
  codes: db.prepare('SELECT DISTINCT indicator FROM reported_values WHERE indicator IS NOT NULL'),
}));

/** Every stored cell matched to `code`, whatever its return's state. */
export function listIndicatorCells(db: ReadDb, code: string): IndicatorCell[] {
  type Row = [number, number, number | null, ReturnState, CellRole, string | null, number | null, number | null, string, string, string | null];
  return (indicatorCellStatements(db).cells.all(code) as Row[]).map((row) => ({
    id: row[0],
    returnId: row[1],
    returnYear: row[2],
    returnState: row[3],
    role: row[4],
    region: row[5],
    year: row[6],
    value: row[7],
    rawText: row[8],
    unit: row[9],
    problem: row[10] ? (JSON.parse(row[10]) as CellProblem) : null,
  }));
}

/** How many stored cells are matched to `code`. */
export function countIndicatorCells(db: ReadDb, code: string): number {
  return (indicatorCellStatements(db).count.get(code) as { n: number }).n;
}

/** A cell read again under its indicator's new unit (shared/import/reread-cell); its raw text stays as written. */
export function rewriteCellReading(db: WriteDb, id: number, reading: { value: number | null; unit: string; problem: CellProblem | null }): void {
  indicatorCellStatements(db).rewrite.run({
    id,
    value: reading.value,
    unit: reading.unit,
    convertedFrom: reading.problem?.kind === 'unit_converted' ? reading.problem.from : null,
    problem: reading.problem ? JSON.stringify(reading.problem) : null,
  });
}

/** The (region, year) some of these indicators have a reported figure for. */
export function listValueKeysOf(db: ReadDb, codes: readonly string[]): { region: string; year: number }[] {
  return indicatorCellStatements(db).valueKeys.all(JSON.stringify(codes)) as { region: string; year: number }[];
}

/** Every indicator code some stored cell carries (a removed indicator's among them). */
export function listStoredIndicatorCodes(db: ReadDb): string[] {
  return (indicatorCellStatements(db).codes.all() as { indicator: string }[]).map((row) => row.indicator);
}
