import type { Bureau } from '../../shared/domain/bureau';
import type { Indicator } from '../../shared/domain/indicator';
import type { Rule, Schema } from '../../shared/domain/schema';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

/**
 * The workbook's own copy of its schema: upgrading the app never changes a workbook's schema.
 * Each indicator is kept whole as JSON; the columns beside it (name, auxiliary, reporter) are
 * the ones queries filter on, and the reporter columns win over the JSON because assigning a
 * 填报单位 updates them alone.
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
  schema.indicators.forEach((indicator, position) => {
    s.insertIndicator.run({
      code: indicator.code,
      position,
      name: indicator.name,
      auxiliary: indicator.auxiliary ? 1 : 0,
      reporter: indicator.reporter,
      reporterProposed: indicator.reporterProposed ? 1 : 0,
      data: JSON.stringify(indicator),
    });
  });
  schema.rules.forEach((rule, position) => {
    s.insertRule.run({ id: rule.id, position, data: JSON.stringify(rule) });
  });
  for (const bureau of schema.bureaus) {
    s.insertBureau.run({ name: bureau.name, aliases: JSON.stringify(bureau.aliases) });
  }
}

/** The workbook's schema, as written by writeSchemaCopy and edited since. */
export function readSchemaCopy(db: ReadDb): Schema {
  const s = statements(db);
  const info = s.readInfo.get() as SchemaInfoRow | undefined;
  if (!info) throw new Error('workbook has no schema copy');
  const indicators = (s.readIndicators.all() as IndicatorRow[]).map((row): Indicator => {
    const indicator = JSON.parse(row.data) as Indicator;
    return { ...indicator, code: row.code, reporter: row.reporter, reporterProposed: row.reporter_proposed === 1 };
  });
  const rules = (s.readRules.all() as { data: string }[]).map((row) => JSON.parse(row.data) as Rule);
  const bureaus = (s.readBureaus.all() as { name: string; aliases: string }[]).map(
    (row): Bureau => ({ name: row.name, aliases: JSON.parse(row.aliases) as string[] }),
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

const reporterStatements = preparedOnce((db) => ({
  setReporter: db.prepare('UPDATE indicators SET reporter = @reporter, reporter_proposed = @proposed WHERE code = @code'),
}));

/** Sets one indicator's 填报单位 (or a proposal for it). Call inside the operation's transaction. */
export function writeReporter(db: WriteDb, code: string, reporter: string | null, proposed: boolean): void {
  reporterStatements(db).setReporter.run({ code, reporter, proposed: proposed ? 1 : 0 });
}
