import type { Schema } from '../domain/schema';
import { stableHash } from '../reconcile/stable-id';
import { cellText, type Grid, type GridSheet } from './grid';
import type { TemplateKey } from './parsed-return';
import { normalizeText } from './detect-sheet-view';

/**
 * The template key (DESIGN "Template key"), defined here for both sides: the template writer
 * follows it and the reader below reads it.
 *
 * - A sheet named `_taizhang`, hidden (`veryHidden` where the writer can, else `hidden`) and
 *   protected, holds one key per row: the key in column A, its value in column B, keys as in
 *   `TEMPLATE_KEYS`. Row order does not matter; unknown keys are ignored, so later versions may
 *   add keys.
 * - Each indicator row carries its code in a column whose header is `指标编码` (or `_code`),
 *   hidden by the writer. Rows are matched by that code, so rows inserted, deleted or re-ordered
 *   by the bureau still import by key.
 * - Values are written as text; a program that re-saves the file may turn "2024" into a number,
 *   which is read back the same.
 */
export const TEMPLATE_KEY_SHEET = '_taizhang';

export const TEMPLATE_KEYS = {
  workbookId: 'workbook_id',
  schemaHash: 'schema_hash',
  bureau: 'bureau',
  region: 'region',
  year: 'year',
  formatVersion: 'format_version',
} as const;

/** The format this reader understands; a newer template is read for what it shares. */
export const TEMPLATE_FORMAT_VERSION = 1;

/**
 * A fingerprint of what a template asks and prints: codes, names, units, decimals, baselines and
 * targets. A filled template whose hash differs from the workbook's schema was made before the
 * schema was edited in 指标体系: its rows still import by code, but what it printed beside them
 * (基期值, 目标值) is the schema of that day, not the bureau's statement.
 */
export function schemaHashOf(schema: Pick<Schema, 'id' | 'indicators'>): string {
  return stableHash([
    schema.id,
    ...schema.indicators.map((i) => `${i.code}|${i.name}|${i.unit}|${i.decimals}|${i.baselineValue}|${i.targetOp}|${i.targetValue}|${i.targetText}`),
  ]);
}

/** Headers of the key column in a template's data sheet. */
export const TEMPLATE_CODE_HEADERS = ['指标编码', '_code'] as const;

function findKeySheet(grid: Grid): GridSheet | undefined {
  // Another program re-saving the file may change a sheet name's case, never its letters.
  return grid.sheets.find((s) => s.name.trim().toLowerCase() === TEMPLATE_KEY_SHEET);
}

/** The key/value rows of the key sheet. */
function readKeyRows(sheet: GridSheet): Map<string, string> {
  const values = new Map<string, string>();
  for (const row of sheet.rows) {
    const key = normalizeText(cellText(row?.[0])).toLowerCase();
    if (key !== '' && !values.has(key)) values.set(key, cellText(row?.[1]));
  }
  return values;
}

/**
 * The template key of a filled template, or null when the file is not one of ours (no key sheet,
 * or one lacking workbook id, bureau or a year).
 */
export function readTemplateKey(grid: Grid): TemplateKey | null {
  const sheet = findKeySheet(grid);
  if (!sheet) return null;
  const values = readKeyRows(sheet);
  const workbookId = values.get(TEMPLATE_KEYS.workbookId) ?? '';
  const bureau = values.get(TEMPLATE_KEYS.bureau) ?? '';
  const year = Number((values.get(TEMPLATE_KEYS.year) ?? '').replace(/\.0+$/, ''));
  if (workbookId === '' || bureau === '' || !Number.isInteger(year) || year <= 0) return null;
  const version = Number(values.get(TEMPLATE_KEYS.formatVersion) ?? '');
  return {
    workbookId,
    schemaHash: values.get(TEMPLATE_KEYS.schemaHash) ?? '',
    bureau,
    region: values.get(TEMPLATE_KEYS.region) ?? '',
    year,
    formatVersion: Number.isInteger(version) && version > 0 ? version : TEMPLATE_FORMAT_VERSION,
  };
}

/** Is this the key sheet? It is read for the key only, never for rows. */
export function isTemplateKeySheet(sheet: GridSheet): boolean {
  return sheet.name.trim().toLowerCase() === TEMPLATE_KEY_SHEET;
}
