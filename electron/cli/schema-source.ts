import path from 'node:path';
import type { Schema } from '../../shared/domain/schema';
import { loadBuiltinSchema } from '../services/builtin-schemas';
import { WORKBOOK_EXTENSION } from '../store/workbook-extension';
import { openForReading } from './workbook-arg';

/** Whether an argument names a file rather than a built-in schema id. */
export function looksLikePath(value: string): boolean {
  return /[\\/]/.test(value) || path.extname(value) !== '';
}

/**
 * `schema <id|workbook|file>`: a built-in schema, a schema file, or the copy kept in a workbook.
 * Schema files and workbooks load their readers here, so that a built-in id needs neither.
 */
export async function loadSchemaOrWorkbook(value: string, cwd: string): Promise<Schema> {
  if (!looksLikePath(value)) return loadBuiltinSchema(value);
  if (path.extname(value).toLowerCase() !== WORKBOOK_EXTENSION) {
    const { loadSchemaSource } = await import('../services/schema-source');
    return loadSchemaSource(value, cwd);
  }
  const { WorkbookService } = await import('../services/workbook-service');
  const workbook = await openForReading(value, cwd);
  try {
    return new WorkbookService(workbook).schema;
  } finally {
    workbook.close();
  }
}
