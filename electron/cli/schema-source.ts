import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import type { Schema } from '../../shared/domain/schema';
import { loadBuiltinSchema, loadSchemaFile } from '../services/builtin-schemas';
import { readSchemaCopy } from '../store/schema-copy';
import { WORKBOOK_EXTENSION } from '../store/open';
import { openForReading } from './workbook-arg';

/** Whether an argument names a file rather than a built-in schema id. */
export function looksLikePath(value: string): boolean {
  return /[\\/]/.test(value) || path.extname(value) !== '';
}

/** `--schema <id|file.json>` of init: a built-in schema, or a schema file in the same JSON shape. */
export function loadSchemaArgument(value: string, cwd: string): Schema {
  if (!looksLikePath(value)) return loadBuiltinSchema(value);
  const file = path.resolve(cwd, value);
  if (!existsSync(file)) throw new UserError('schema_not_found', `找不到指标体系文件“${value}”。请检查路径是否正确。`, { file: value });
  const extension = path.extname(file).toLowerCase();
  if (extension === '.json') return loadSchemaFile(file);
  throw new UserError(
    'schema_source_unsupported',
    `暂不能从“${path.basename(file)}”读取指标体系：目前只支持内置指标体系编号（运行 taizhang schemas 查看）和 .json 指标体系文件。`,
    { file: value },
  );
}

/** `schema <id|workbook>`: a built-in schema, or the schema copy kept in a workbook. */
export function loadSchemaOrWorkbook(value: string, cwd: string): Schema {
  if (!looksLikePath(value)) return loadBuiltinSchema(value);
  if (path.extname(value).toLowerCase() !== WORKBOOK_EXTENSION) return loadSchemaArgument(value, cwd);
  const workbook = openForReading(value, cwd);
  try {
    return readSchemaCopy(workbook.db);
  } finally {
    workbook.close();
  }
}
