import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../shared/api/errors';
import type { Bureau } from '../../shared/domain/bureau';
import type { Indicator, Responsibility } from '../../shared/domain/indicator';
import type { Rule, Schema } from '../../shared/domain/schema';

/** resources/schemas/, found from this file so that the CLI works from any folder. */
export const BUILTIN_SCHEMA_DIR = fileURLToPath(new URL('../../resources/schemas/', import.meta.url));

/** Every built-in schema, ordered by id. */
export function listBuiltinSchemas(dir: string = BUILTIN_SCHEMA_DIR): Schema[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.toLowerCase().endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const schemas = files.sort().map((name) => loadSchemaJson(path.join(dir, name)));
  const ids = new Set<string>();
  for (const schema of schemas) {
    if (ids.has(schema.id)) throw new Error(`two built-in schemas share the id ${schema.id}`);
    ids.add(schema.id);
  }
  return schemas.sort((a, b) => a.id.localeCompare(b.id));
}

/** The built-in schema with this id, or a UserError naming the ones there are. */
export function loadBuiltinSchema(id: string, dir: string = BUILTIN_SCHEMA_DIR): Schema {
  const schemas = listBuiltinSchemas(dir);
  const found = schemas.find((schema) => schema.id === id);
  if (found) return found;
  const known = schemas.map((schema) => schema.id).join('、') || '（无）';
  throw new UserError('schema_not_found', `没有编号为“${id}”的内置指标体系。可用的内置指标体系：${known}。`);
}

/** Published indicators: 辅助指标 feed rules and roll-up but are not in the published tables. */
export function countPublishedIndicators(schema: Schema): number {
  return schema.indicators.filter((indicator) => !indicator.auxiliary).length;
}

/** Reads one schema file and checks its shape; fields a hand-written file may omit get their defaults. */
export function loadSchemaJson(file: string): Schema {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (error) {
    throw invalid(file, '', `不是有效的 JSON（${(error as Error).message}）`);
  }
  return checkSchema(data, file);
}

type Json = Record<string, unknown>;

function checkSchema(data: unknown, file: string): Schema {
  const root = object(data, file, '');
  const schema: Schema = {
    id: text(root, 'id', file, ''),
    name: text(root, 'name', file, ''),
    region: text(root, 'region', file, ''),
    baseYear: year(root, 'baseYear', file, ''),
    targetYear: year(root, 'targetYear', file, ''),
    source: optionalText(root, 'source', file, '') ?? '',
    indicators: list(root, 'indicators', file, '').map((item, index) => checkIndicator(item, file, `indicators[${index}]`)),
    rules: optionalList(root, 'rules', file, '').map((item, index) => checkRule(item, file, `rules[${index}]`)),
    bureaus: optionalList(root, 'bureaus', file, '').map((item, index) => checkBureau(item, file, `bureaus[${index}]`)),
  };
  if (!schema.id) throw invalid(file, 'id', '不能为空');
  if (schema.targetYear <= schema.baseYear) throw invalid(file, 'targetYear', '应晚于 baseYear');
  if (schema.indicators.length === 0) throw invalid(file, 'indicators', '不能为空');
  const codes = new Set<string>();
  schema.indicators.forEach((indicator, index) => {
    if (codes.has(indicator.code)) throw invalid(file, `indicators[${index}].code`, `重复的指标代码 ${indicator.code}`);
    codes.add(indicator.code);
  });
  return schema;
}

function checkIndicator(item: unknown, file: string, at: string): Indicator {
  const o = object(item, file, at);
  const targetOp = optionalText(o, 'targetOp', file, at) ?? null;
  if (targetOp !== null && targetOp !== '>=' && targetOp !== '<=' && targetOp !== '=') {
    throw invalid(file, `${at}.targetOp`, '只能是 ">="、"<="、"=" 或 null');
  }
  const attribute = optionalText(o, 'attribute', file, at) ?? '';
  if (attribute !== '' && attribute !== '约束性' && attribute !== '预期性') {
    throw invalid(file, `${at}.attribute`, '只能是 "约束性"、"预期性" 或空');
  }
  const direction = optionalText(o, 'direction', file, at) ?? 'higher';
  if (direction !== 'higher' && direction !== 'lower') throw invalid(file, `${at}.direction`, '只能是 "higher" 或 "lower"');
  const scope = optionalText(o, 'scope', file, at) ?? 'stock';
  if (scope !== 'stock' && scope !== 'cumulative' && scope !== 'annual') {
    throw invalid(file, `${at}.scope`, '只能是 "stock"、"cumulative" 或 "annual"');
  }
  const aggregation = optionalText(o, 'aggregation', file, at) ?? 'none';
  if (aggregation !== 'sum' && aggregation !== 'recompute' && aggregation !== 'none') {
    throw invalid(file, `${at}.aggregation`, '只能是 "sum"、"recompute" 或 "none"');
  }
  return {
    code: text(o, 'code', file, at),
    name: text(o, 'name', file, at),
    area: optionalText(o, 'area', file, at) ?? '',
    category: optionalText(o, 'category', file, at) ?? '',
    unit: optionalText(o, 'unit', file, at) ?? '',
    unitSynonyms: optionalStrings(o, 'unitSynonyms', file, at),
    decimals: optionalNumber(o, 'decimals', file, at) ?? 0,
    baselineYear: year(o, 'baselineYear', file, at),
    baselineValue: nullableNumber(o, 'baselineValue', file, at),
    targetYear: year(o, 'targetYear', file, at),
    targetValue: nullableNumber(o, 'targetValue', file, at),
    targetOp,
    targetText: optionalText(o, 'targetText', file, at) ?? null,
    attribute,
    direction,
    scope,
    aggregation,
    formula: optionalText(o, 'formula', file, at) ?? null,
    auxiliary: optionalBoolean(o, 'auxiliary', file, at) ?? false,
    allowAbove100: optionalBoolean(o, 'allowAbove100', file, at) ?? false,
    changeFactor: optionalNumber(o, 'changeFactor', file, at) ?? null,
    aliases: optionalStrings(o, 'aliases', file, at),
    responsibility: checkResponsibility(o.responsibility, file, `${at}.responsibility`),
    reporter: optionalText(o, 'reporter', file, at) ?? null,
    reporterProposed: optionalBoolean(o, 'reporterProposed', file, at) ?? false,
    notes: optionalText(o, 'notes', file, at) ?? '',
  };
}

function checkResponsibility(item: unknown, file: string, at: string): Responsibility {
  if (item === undefined || item === null) {
    return { leadBureaus: [], coBureaus: [], jointBureaus: [], localGovernments: [], text: '', citation: '' };
  }
  const o = object(item, file, at);
  return {
    leadBureaus: optionalStrings(o, 'leadBureaus', file, at),
    coBureaus: optionalStrings(o, 'coBureaus', file, at),
    jointBureaus: optionalStrings(o, 'jointBureaus', file, at),
    localGovernments: optionalStrings(o, 'localGovernments', file, at),
    text: optionalText(o, 'text', file, at) ?? '',
    citation: optionalText(o, 'citation', file, at) ?? '',
  };
}

function checkRule(item: unknown, file: string, at: string): Rule {
  const o = object(item, file, at);
  const op = text(o, 'op', file, at);
  if (!['<=', '>=', '=', '<', '>'].includes(op)) throw invalid(file, `${at}.op`, '只能是 <=、>=、=、<、>');
  return {
    id: text(o, 'id', file, at),
    name: optionalText(o, 'name', file, at) ?? '',
    left: text(o, 'left', file, at),
    op: op as Rule['op'],
    right: text(o, 'right', file, at),
    tolerance: optionalNumber(o, 'tolerance', file, at) ?? null,
    note: optionalText(o, 'note', file, at) ?? '',
  };
}

function checkBureau(item: unknown, file: string, at: string): Bureau {
  const o = object(item, file, at);
  return { name: text(o, 'name', file, at), aliases: optionalStrings(o, 'aliases', file, at) };
}

function object(value: unknown, file: string, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(file, at, '应为对象');
  return value as Json;
}

function text(o: Json, key: string, file: string, at: string): string {
  const value = o[key];
  if (typeof value !== 'string') throw invalid(file, join(at, key), '应为文字');
  return value;
}

function optionalText(o: Json, key: string, file: string, at: string): string | undefined {
  const value = o[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(file, join(at, key), '应为文字');
  return value;
}

function year(o: Json, key: string, file: string, at: string): number {
  const value = o[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1900 || value > 2200) {
    throw invalid(file, join(at, key), '应为四位年份');
  }
  return value;
}

function nullableNumber(o: Json, key: string, file: string, at: string): number | null {
  const value = o[key];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(file, join(at, key), '应为数字或 null');
  return value;
}

function optionalNumber(o: Json, key: string, file: string, at: string): number | undefined {
  const value = nullableNumber(o, key, file, at);
  return value === null ? undefined : value;
}

function optionalBoolean(o: Json, key: string, file: string, at: string): boolean | undefined {
  const value = o[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(file, join(at, key), '应为 true 或 false');
  return value;
}

function list(o: Json, key: string, file: string, at: string): unknown[] {
  const value = o[key];
  if (!Array.isArray(value)) throw invalid(file, join(at, key), '应为数组');
  return value;
}

function optionalList(o: Json, key: string, file: string, at: string): unknown[] {
  return o[key] === undefined ? [] : list(o, key, file, at);
}

function optionalStrings(o: Json, key: string, file: string, at: string): string[] {
  const values = optionalList(o, key, file, at);
  values.forEach((value, index) => {
    if (typeof value !== 'string') throw invalid(file, `${join(at, key)}[${index}]`, '应为文字');
  });
  return values as string[];
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

function invalid(file: string, at: string, problem: string): UserError {
  const where = at ? `字段 ${at} ` : '';
  return new UserError(
    'schema_invalid',
    `指标体系文件“${path.basename(file)}”格式有误：${where}${problem}。请修正该文件后重试。`,
    { file },
  );
}
