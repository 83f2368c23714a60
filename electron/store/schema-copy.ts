import { createHash } from 'node:crypto';
import type { IndicatorBureaus } from '../../shared/domain/audit';
import type { Bureau } from '../../shared/domain/bureau';
import type { Indicator } from '../../shared/domain/indicator';
import type { Rule, Schema } from '../../shared/domain/schema';
import { isIndicatorShape, validateSchema } from '../../shared/schema/validate-schema';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';
import { workbookSchemaUnreadable } from './errors';
import { readMetaValue, writeMetaValue } from './meta';

/**
 * The workbook's own copy of its schema: upgrading the app never changes a workbook's schema.
 * Each indicator is kept whole as JSON; the columns beside it (name, auxiliary, reporter) are
 * the ones queries filter on, and the reporter columns win over the JSON because assigning a
 * 填报单位 updates them alone.
 *
 * Every write here also updates the schema's seal (a hash of each stored row, in `meta`), so
 * that opening the workbook can tell an edit made outside the app and name what it changed.
 */

interface SchemaInfoRow {
  schema_id: string;
  name: string;
  region: string;
  base_year: number;
  target_year: number;
  source: string;
}

interface IndicatorRow {
  code: string;
  reporter: string | null;
  reporter_proposed: number;
  data: string;
}

const statements = preparedOnce((db) => ({
  clearInfo: db.prepare('DELETE FROM schema_info'),
  clearIndicators: db.prepare('DELETE FROM indicators'),
  clearRules: db.prepare('DELETE FROM rules'),
  clearBureaus: db.prepare('DELETE FROM bureaus'),
  insertInfo: db.prepare(
    `INSERT INTO schema_info (id, schema_id, name, region, base_year, target_year, source)
     VALUES (1, @schemaId, @name, @region, @baseYear, @targetYear, @source)`,
  ),
  insertIndicator: db.prepare(
    `INSERT INTO indicators (code, position, name, auxiliary, reporter, reporter_proposed, data)
     VALUES (@code, @position, @name, @auxiliary, @reporter, @reporterProposed, @data)`,
  ),
  insertRule: db.prepare('INSERT INTO rules (id, position, data) VALUES (@id, @position, @data)'),
  insertBureau: db.prepare('INSERT INTO bureaus (name, aliases) VALUES (@name, @aliases)'),
  readInfo: db.prepare('SELECT schema_id, name, region, base_year, target_year, source FROM schema_info WHERE id = 1'),
  readIndicators: db.prepare('SELECT code, reporter, reporter_proposed, data FROM indicators ORDER BY position, code'),
  readRules: db.prepare('SELECT data FROM rules ORDER BY position, id'),
  readBureaus: db.prepare('SELECT name, aliases FROM bureaus ORDER BY rowid'),
}));

/** Replaces the workbook's schema copy with `schema`. Call inside the operation's transaction. */
export function writeSchemaCopy(db: WriteDb, schema: Schema): void {
  const s = statements(db);
  s.clearInfo.run();
  s.clearRules.run();
  s.clearBureaus.run();
  s.clearIndicators.run();
  s.insertInfo.run({
    schemaId: schema.id,
    name: schema.name,
    region: schema.region,
    baseYear: schema.baseYear,
    targetYear: schema.targetYear,
    source: schema.source,
  });
  schema.indicators.forEach((indicator, position) => s.insertIndicator.run(indicatorRow(indicator, position)));
  schema.rules.forEach((rule, position) => {
    s.insertRule.run({ id: rule.id, position, data: JSON.stringify(rule) });
  });
  for (const bureau of schema.bureaus) {
    s.insertBureau.run({ name: bureau.name, aliases: JSON.stringify(bureau.aliases) });
  }
  sealSchemaCopy(db);
}

/**
 * The workbook's schema, as written by writeSchemaCopy and edited since. Checked as an imported
 * schema is: a copy edited outside the app into something the app cannot use (a unit that is a
 * number, decimals 500, an indicator without a name) is refused with a UserError naming it.
 */
export function readSchemaCopy(db: ReadDb): Schema {
  const schema = readSchemaCopyUnchecked(db);
  const problems = validateSchema(schema);
  if (problems.length > 0) throw workbookSchemaUnreadable(problems.map((p) => p.message));
  return schema;
}

/** The stored copy as it stands, unchecked: for the check on opening, which reports rather than refuses. */
export function readSchemaCopyUnchecked(db: ReadDb): Schema {
  const s = statements(db);
  const info = s.readInfo.get() as SchemaInfoRow | undefined;
  if (!info) throw workbookSchemaUnreadable(['工作簿中没有指标体系']);
  const indicators = (s.readIndicators.all() as IndicatorRow[]).map((row): Indicator => {
    const indicator = parseStored(row.data, `指标 ${row.code}`) as Indicator;
    return { ...indicator, code: row.code, reporter: row.reporter, reporterProposed: row.reporter_proposed === 1 };
  });
  const rules = (s.readRules.all() as { data: string }[]).map((row, index) => parseStored(row.data, `第 ${index + 1} 条核对规则`) as Rule);
  const bureaus = (s.readBureaus.all() as { name: string; aliases: string }[]).map(
    (row): Bureau => ({ name: row.name, aliases: parseStored(row.aliases, `单位“${row.name}”的别名`) as string[] }),
  );
  return {
    id: info.schema_id,
    name: info.name,
    region: info.region,
    baseYear: info.base_year,
    targetYear: info.target_year,
    source: info.source,
    indicators,
    rules,
    bureaus,
  };
}

function parseStored(text: string, what: string): unknown {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) throw new Error('not an object');
    return value;
  } catch {
    throw workbookSchemaUnreadable([`${what}的记录无法读取`]);
  }
}

const reporterStatements = preparedOnce((db) => ({
  setReporter: db.prepare('UPDATE indicators SET reporter = @reporter, reporter_proposed = @proposed WHERE code = @code'),
  readData: db.prepare('SELECT data FROM indicators WHERE code = ?'),
  setBureaus: db.prepare('UPDATE indicators SET reporter = @reporter, reporter_proposed = @proposed, data = @data WHERE code = @code'),
}));

/** Sets one indicator's 填报单位 (or a proposal for it). Call inside the operation's transaction. */
export function writeReporter(db: WriteDb, code: string, reporter: string | null, proposed: boolean): void {
  reporterStatements(db).setReporter.run({ code, reporter, proposed: proposed ? 1 : 0 });
  resealIndicator(db, code);
}

/**
 * Sets the bureaus one indicator names: its 填报单位 and the responsibilities in its stored
 * record. Call inside the operation's transaction, then sealSchemaCopy once for all of them.
 */
export function writeIndicatorBureaus(db: WriteDb, refs: IndicatorBureaus): void {
  const s = reporterStatements(db);
  const row = s.readData.get(refs.code) as { data: string } | undefined;
  if (!row) throw new Error(`no indicator ${refs.code}`);
  const indicator = parseStored(row.data, `指标 ${refs.code}`) as Indicator;
  const data: Indicator = {
    ...indicator,
    reporter: refs.reporter,
    reporterProposed: refs.proposed,
    responsibility: { ...indicator.responsibility, leadBureaus: refs.leadBureaus, coBureaus: refs.coBureaus, jointBureaus: refs.jointBureaus },
  };
  s.setBureaus.run({ code: refs.code, reporter: refs.reporter, proposed: refs.proposed ? 1 : 0, data: JSON.stringify(data) });
}

/** Replaces the list of bureaus (a rename or merge). Call inside the operation's transaction, then sealSchemaCopy. */
export function replaceBureaus(db: WriteDb, bureaus: readonly Bureau[]): void {
  const s = statements(db);
  s.clearBureaus.run();
  for (const bureau of bureaus) s.insertBureau.run({ name: bureau.name, aliases: JSON.stringify(bureau.aliases) });
}

/** Adds one bureau to the list (a workbook made from a pasted table starts with none). */
export function insertBureau(db: WriteDb, bureau: Bureau): void {
  statements(db).insertBureau.run({ name: bureau.name, aliases: JSON.stringify(bureau.aliases) });
  sealSchemaCopy(db);
}

// --- The seal -------------------------------------------------------------------------------

export const SCHEMA_SEAL_KEY = 'schema_seal';

/** A hash of each stored part of the schema; the indicators one by one, so a change can be named. */
export interface SchemaSeal {
  info: string;
  rules: string;
  bureaus: string;
  indicators: Record<string, string>;
}

const sealStatements = preparedOnce((db) => ({
  info: db.prepare('SELECT schema_id, name, region, base_year, target_year, source FROM schema_info ORDER BY id').raw(true),
  indicators: db.prepare('SELECT code, position, name, auxiliary, reporter, reporter_proposed, data FROM indicators ORDER BY code').raw(true),
  indicator: db.prepare('SELECT code, position, name, auxiliary, reporter, reporter_proposed, data FROM indicators WHERE code = ?').raw(true),
  rules: db.prepare('SELECT id, position, data FROM rules ORDER BY id').raw(true),
  bureaus: db.prepare('SELECT rowid, name, aliases FROM bureaus ORDER BY rowid').raw(true),
}));

function rowHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value), 'utf8').digest('hex').slice(0, 32);
}

/** The seal of the schema as it is stored now. */
export function computeSchemaSeal(db: ReadDb): SchemaSeal {
  const s = sealStatements(db);
  const indicators: Record<string, string> = {};
  for (const row of s.indicators.all() as unknown[][]) indicators[String(row[0])] = rowHash(row);
  return { info: rowHash(s.info.all()), rules: rowHash(s.rules.all()), bureaus: rowHash(s.bureaus.all()), indicators };
}

/** Records the schema as it stands as the app's own. Writes here call it; so does accepting an outside edit. */
export function sealSchemaCopy(db: WriteDb): void {
  writeMetaValue(db, SCHEMA_SEAL_KEY, JSON.stringify(computeSchemaSeal(db)));
}

export function readSchemaSeal(db: ReadDb): SchemaSeal | null {
  const text = readMetaValue(db, SCHEMA_SEAL_KEY);
  if (text === null) return null;
  try {
    const seal = JSON.parse(text) as SchemaSeal;
    return typeof seal === 'object' && seal !== null && typeof seal.indicators === 'object' && seal.indicators !== null ? seal : null;
  } catch {
    return null;
  }
}

/**
 * What differs between the stored schema and its seal, each said plainly (指标“…”（A01）的内容被改动);
 * empty when they agree.
 */
export function schemaSealDifferences(db: ReadDb): string[] {
  const seal = readSchemaSeal(db);
  if (!seal) return ['指标体系的校验记录缺失或被改动'];
  const now = computeSchemaSeal(db);
  const names = new Map((sealStatements(db).indicators.all() as unknown[][]).map((row) => [String(row[0]), String(row[2])]));
  const found: string[] = [];
  if (now.info !== seal.info) found.push('指标体系的名称、地区或规划年份被改动');
  for (const [code, hash] of Object.entries(now.indicators)) {
    const sealed = seal.indicators[code];
    if (sealed === undefined) found.push(`多出指标“${names.get(code) ?? ''}”（${code}）`);
    else if (sealed !== hash) found.push(`指标“${names.get(code) ?? ''}”（${code}）的内容被改动`);
  }
  for (const code of Object.keys(seal.indicators)) {
    if (!(code in now.indicators)) found.push(`指标 ${code} 被删除`);
  }
  if (now.rules !== seal.rules) found.push('核对规则被改动');
  if (now.bureaus !== seal.bureaus) found.push('单位名单被改动');
  return found;
}

// --- Edits in 指标体系 ----------------------------------------------------------------------

const editStatements = preparedOnce((db) => ({
  updateIndicator: db.prepare('UPDATE indicators SET name = @name, auxiliary = @auxiliary, data = @data WHERE code = @code'),
  positions: db.prepare('SELECT code, position, auxiliary, json_extract(data, \'$.area\') AS area FROM indicators ORDER BY position, code'),
  shiftFrom: db.prepare('UPDATE indicators SET position = position + 1 WHERE position >= ?'),
  deleteIndicator: db.prepare('DELETE FROM indicators WHERE code = ?'),
  aliasesOf: db.prepare('SELECT alias, bureau, created_at AS createdAt FROM indicator_aliases WHERE code = ? ORDER BY created_at'),
  deleteAliases: db.prepare('DELETE FROM indicator_aliases WHERE code = ?'),
  insertRemoved: db.prepare('INSERT INTO removed_indicators (code, removed_at, archived, data) VALUES (@code, @at, @archived, @data)'),
  removed: db.prepare('SELECT code, removed_at, archived, data FROM removed_indicators ORDER BY removed_at, code'),
  lastRulePosition: db.prepare('SELECT max(position) AS position FROM rules'),
  deleteRule: db.prepare('DELETE FROM rules WHERE id = ?'),
}));

/** Rewrites one indicator's stored record (its 填报单位 columns stay as they are). */
export function updateIndicator(db: WriteDb, indicator: Indicator): void {
  editStatements(db).updateIndicator.run({ code: indicator.code, name: indicator.name, auxiliary: indicator.auxiliary ? 1 : 0, data: JSON.stringify(indicator) });
  resealIndicator(db, indicator.code);
}

/**
 * Adds an indicator after the last one of its 领域 (an auxiliary one after the last auxiliary
 * one), so that tables and templates list it among its kin; at the end when it starts a 领域.
 */
export function insertIndicator(db: WriteDb, indicator: Indicator): void {
  const s = editStatements(db);
  const rows = s.positions.all() as { code: string; position: number; auxiliary: number; area: string | null }[];
  const kin = rows.filter((row) => (indicator.auxiliary ? row.auxiliary === 1 : row.auxiliary === 0 && row.area === indicator.area));
  const published = rows.filter((row) => row.auxiliary === 0);
  const after = kin.at(-1) ?? (indicator.auxiliary ? rows.at(-1) : published.at(-1));
  const position = after === undefined ? 0 : after.position + 1;
  s.shiftFrom.run(position);
  statements(db).insertIndicator.run(indicatorRow(indicator, position));
  sealSchemaCopy(db);
}

/** An indicator as its row stores it: the columns queries look at, and the whole as JSON. */
function indicatorRow(indicator: Indicator, position: number) {
  return {
    code: indicator.code,
    position,
    name: indicator.name,
    auxiliary: indicator.auxiliary ? 1 : 0,
    reporter: indicator.reporter,
    reporterProposed: indicator.reporterProposed ? 1 : 0,
    data: JSON.stringify(indicator),
  };
}

/** An indicator taken out of the schema, as removed_indicators keeps it. */
export interface StoredRemoval {
  code: string;
  removedAt: string;
  archived: boolean;
  indicator: Indicator | null;
  aliases: { alias: string; bureau: string | null }[];
}

/**
 * Takes an indicator out of the schema: archived (its figures stay stored under its code) or
 * deleted, and in both cases kept in removed_indicators so that its code is never given again.
 * Its confirmed aliases go with it: they would match rows to an indicator no longer there.
 */
export function removeIndicator(db: WriteDb, indicator: Indicator, archived: boolean, at: string): void {
  const s = editStatements(db);
  const aliases = (s.aliasesOf.all(indicator.code) as { alias: string; bureau: string | null }[]).map(({ alias, bureau }) => ({ alias, bureau }));
  s.deleteAliases.run(indicator.code);
  s.deleteIndicator.run(indicator.code);
  s.insertRemoved.run({ code: indicator.code, at, archived: archived ? 1 : 0, data: JSON.stringify({ indicator, aliases }) });
  sealSchemaCopy(db);
}

/** Every indicator ever taken out of the schema, oldest first. */
export function listRemovedIndicators(db: ReadDb): StoredRemoval[] {
  return (editStatements(db).removed.all() as { code: string; removed_at: string; archived: number; data: string }[]).map((row) => {
    let data: { indicator?: unknown; aliases?: unknown } = {};
    try {
      data = JSON.parse(row.data) as typeof data;
    } catch {
      // Edited outside the app into something unreadable: the code alone still reserves it.
    }
    return {
      code: row.code,
      removedAt: row.removed_at,
      archived: row.archived === 1,
      indicator: isIndicatorShape(data.indicator) ? data.indicator : null,
      aliases: Array.isArray(data.aliases) ? (data.aliases as { alias: string; bureau: string | null }[]) : [],
    };
  });
}

export function insertRule(db: WriteDb, rule: Rule): void {
  const last = (editStatements(db).lastRulePosition.get() as { position: number | null }).position;
  statements(db).insertRule.run({ id: rule.id, position: last === null ? 0 : last + 1, data: JSON.stringify(rule) });
  sealSchemaCopy(db);
}

export function deleteRule(db: WriteDb, id: string): void {
  editStatements(db).deleteRule.run(id);
  sealSchemaCopy(db);
}

/** After one indicator's row changed: its hash in the seal, the others' as they were. */
function resealIndicator(db: WriteDb, code: string): void {
  const seal = readSchemaSeal(db);
  const row = sealStatements(db).indicator.get(code) as unknown[] | undefined;
  if (!seal || !row) return sealSchemaCopy(db);
  seal.indicators[code] = rowHash(row);
  writeMetaValue(db, SCHEMA_SEAL_KEY, JSON.stringify(seal));
}
