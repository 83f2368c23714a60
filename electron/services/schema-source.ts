import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../shared/api/errors';
import { bureauIndex, canonicalBureau } from '../../shared/domain/bureau';
import type { Schema } from '../../shared/domain/schema';
import { bureausForRegion, type BureauLevel, type BureauList } from '../../shared/schema/bureau-list';
import { canonicalizeBureauNames } from '../../shared/schema/canonical-bureaus';
import { schemaFromPastedTable } from '../../shared/schema/schema-from-pasted';
import { validateSchema } from '../../shared/schema/validate-schema';
import { loadBuiltinSchema, loadSchemaJson } from './builtin-schemas';
import { loadSchemaFile } from './schema-file';

const BUREAU_LIST = fileURLToPath(new URL('../../resources/bureaus.json', import.meta.url));
const SPREADSHEET = new Set(['.xlsx', '.xlsm', '.xls', '.ods', '.csv']);
const PASTED_TEXT = new Set(['.txt', '.text']);

/** 江西省 → 省, 临沂市 → 市, 宣汉县 and 兰山区 → 县: which bureau names the documents use. */
function levelOf(region: string): BureauLevel | undefined {
  if (/省$|自治区$/.test(region)) return '省';
  if (/市$|州$|盟$/.test(region)) return '市';
  if (/县$|区$|旗$/.test(region)) return '县';
  return undefined;
}

/**
 * A schema from a document gets the bureau list of its region's level (with the aliases the
 * documents use); bureaus it names that the list lacks are kept as it names them.
 */
function withBureaus(schema: Schema, region: string): Schema {
  const list = JSON.parse(readFileSync(BUREAU_LIST, 'utf8')) as BureauList;
  const level = levelOf(region);
  const regional = level ? bureausForRegion(list, region, level) : [];
  if (regional.length === 0) return schema;
  const index = bureauIndex(regional);
  const extra = schema.bureaus.filter((b) => canonicalBureau(index, b.name) === null);
  const merged = regional.map((b) => {
    const own = schema.bureaus.filter((o) => canonicalBureau(index, o.name) === b.name);
    const aliases = [...b.aliases, ...own.flatMap((o) => [o.name, ...o.aliases])].filter((a) => a !== b.name);
    return { name: b.name, aliases: [...new Set(aliases)] };
  });
  return { ...schema, bureaus: [...merged, ...extra] };
}

function refuseInvalid(schema: Schema, file: string): Schema {
  const problems = validateSchema(schema);
  if (problems.length === 0) return schema;
  const listed = problems.slice(0, 5).map((p) => p.message).join('；');
  throw new UserError('schema_invalid', `“${file}”中的指标体系有 ${problems.length} 处问题：${listed}。请修改后再试。`, { file });
}

/** A schema from an indicator table pasted out of a document; unreadable lines refuse it. */
export function pastedSchema(text: string, id: string, region: string, label: string): Schema {
  const { schema, problems } = schemaFromPastedTable(text.replace(/^\uFEFF/, ''), { id, region });
  if (!schema) {
    const listed = problems.slice(0, 5).map((p) => (p.line > 0 ? `第 ${p.line} 行“${p.text}”：${p.reason}` : p.reason)).join('；');
    throw new UserError('schema_unparsed', `${label}中有 ${problems.length} 行无法识别为指标：${listed}。请修改后再试。`, { file: label });
  }
  return schema;
}

/** What every schema from a document goes through before it is stored. */
export function finishSchema(schema: Schema, region: string | undefined, label: string): Schema {
  const regional = region === undefined ? schema : { ...schema, region };
  return refuseInvalid(canonicalizeBureauNames(withBureaus(regional, regional.region)), label);
}

/**
 * `--schema <id|file>`: a built-in schema, our JSON, an Excel/WPS/LibreOffice indicator sheet
 * or an indicator table pasted into a .txt file. Checked before anything is stored.
 */
export async function loadSchemaSource(value: string, cwd: string, region?: string): Promise<Schema> {
  if (!/[\\/]/.test(value) && path.extname(value) === '') return loadBuiltinSchema(value);
  const file = path.resolve(cwd, value);
  const name = path.basename(file);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch {
    throw new UserError('schema_not_found', `找不到指标体系文件“${value}”。请检查路径是否正确。`, { file: value });
  }
  const extension = path.extname(file).toLowerCase();
  const regionName = region ?? '';
  let schema: Schema;
  if (extension === '.json') schema = loadSchemaJson(file);
  else if (SPREADSHEET.has(extension)) schema = await loadSchemaFile({ name, bytes }, region === undefined ? {} : { region });
  else if (PASTED_TEXT.has(extension)) schema = pastedSchema(readFileSync(file, 'utf8'), path.basename(file, extension), regionName, `“${name}”`);
  else {
    throw new UserError('schema_source_unsupported', `不能从“${name}”读取指标体系：请使用内置指标体系编号、Excel 指标表（.xlsx/.xls/.ods/.csv）或粘贴为文本的指标表（.txt）。`, { file: name });
  }
  return finishSchema(schema, region, name);
}
