import { createHash } from 'node:crypto';
import type { FileBytes, ImportFileResult, ImportOverride, ImportPreview } from '../../shared/api/contract';
import { UserError, isUserError } from '../../shared/api/errors';
import { refusedImport } from '../../shared/api/import-results';
import { anchorOverride, applyLayoutOverride, overrideFromLayouts, rememberOverride, type LayoutOverride } from '../../shared/import/layout-override';
import { detectReturn, type DetectionResult } from '../../shared/import/detect-layout';
import { guessLayout } from '../../shared/import/guess-layout';
import { findLongestName } from '../../shared/import/return-meta';
import { cellText, type Grid } from '../../shared/import/grid';
import type { ColumnRole, ParsedReturn } from '../../shared/import/parsed-return';
import { readReturnValues, type ReturnValues } from '../../shared/import/read-return-values';
import { readGrid } from '../read/read-grid';
import type { Actor } from '../store/actor';
import { appendAudit } from '../store/audit';
import type { ReadDb, WriteDb } from '../store/db';
import { listLayoutMemory, readLayoutMemory, saveLayoutMemory } from '../store/layout-memory';
import { insertReturnValues } from '../store/reported-values';
import { findReturnBySha, insertReturn } from '../store/returns';
import { readYearState } from '../store/year-state';
import type { ImportContext } from './import-context';
import { BatchSnapshots, diffValues, type ValueKey } from './value-changes';

/** A return read and laid out, ready to store: everything but the transaction. */
export interface ReadReturn {
  file: FileBytes;
  sha256: string;
  parsed: ParsedReturn;
  bureau: string | null;
  region: string;
  year: number;
  values: ReturnValues;
  layout: LayoutOverride | null;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Lays a file out: detection, then the officer's correction for this file, else the layout
 * remembered for its bureau. Pure of the store except for reading that memory.
 */
function layOut(db: ReadDb, grid: Grid, context: ImportContext, file: FileBytes, options: { year?: number; override?: ImportOverride }): DetectionResult {
  const detectContext = context.detect(file.name, options.year ?? null);
  const detected = detectReturn(grid, detectContext);
  if (detected.parsed?.templateKey) return withMetaOverride(grid, detected, detectContext, options.override);
  const given = options.override?.layout;
  if (given) return applyLayoutOverride(grid, overrideMeta(given, options.override)!, detectContext);
  const bureau = context.canonicalBureau(options.override?.bureau ?? detected.parsed?.meta.bureau ?? bureauNamedIn(grid, context));
  const remembered = bureau ? readLayoutMemory(db, bureau) : null;
  if (remembered) return applyLayoutOverride(grid, overrideMeta(remembered, options.override)!, detectContext);
  if (!detected.parsed && !options.override?.bureau) {
    // A file whose table detection cannot read, from a bureau it cannot name: a layout an
    // officer corrected before may fit it (the same bureau's next year's file).
    for (const memory of listLayoutMemory(db)) {
      const tried = applyLayoutOverride(grid, overrideMeta(memory.layout, { ...options.override, bureau: memory.bureau })!, detectContext);
      if (tried.parsed && tried.parsed.rows.length > 0) return tried;
    }
  }
  return withMetaOverride(grid, detected, detectContext, options.override);
}

/** Detection as it stands, with only the officer's bureau/region/year corrections applied. */
function withMetaOverride(grid: Grid, detected: DetectionResult, detectContext: ReturnType<ImportContext['detect']>, override?: ImportOverride): DetectionResult {
  const meta = overrideMeta(null, override);
  return meta ? applyLayoutOverride(grid, meta, detectContext) : detected;
}

/** The bureau named in the first rows of any sheet (a title or 填报单位 line above a table detection could not read). */
function bureauNamedIn(grid: Grid, context: ImportContext): string | null {
  for (const sheet of grid.sheets) {
    for (let r = 0; r < Math.min(sheet.rowCount, 8); r++) {
      const line = (sheet.rows[r] ?? []).map((cell) => cellText(cell)).join(' ');
      const found = findLongestName(line, context.bureauNames);
      if (found) return found;
    }
  }
  return null;
}

/** The officer's bureau/region/year corrections ride on the layout override's meta. */
function overrideMeta(layout: LayoutOverride | null, override?: ImportOverride): LayoutOverride | null {
  const meta = {
    ...(override?.bureau !== undefined ? { bureau: override.bureau } : {}),
    ...(override?.region !== undefined ? { region: override.region } : {}),
    ...(override?.year !== undefined ? { year: override.year } : {}),
  };
  if (!layout && Object.keys(meta).length === 0) return null;
  const base: LayoutOverride = layout ?? { version: 1, fileYear: null, meta: {}, sheets: [] };
  return { ...base, meta: { ...base.meta, ...meta } };
}

function unreadableLayout(file: FileBytes, detection: DetectionResult): UserError {
  const found = detection.problems.map((p) => p.message).slice(0, 3).join('；');
  return new UserError(
    'layout_unreadable',
    `“${file.name}”中未找到可读取的指标表${found ? `：${found}` : ''}。请在导入预览中指定各列的含义后再导入。`,
    { file: file.name },
  );
}

/** Reads one file into a return, outside any transaction (exceljs is asynchronous). */
export async function readReturn(db: ReadDb, context: ImportContext, file: FileBytes, options: { year?: number; override?: ImportOverride }): Promise<ReadReturn> {
  const grid = await readGrid(file);
  const detection = layOut(db, grid, context, file, options);
  const parsed = detection.parsed;
  if (!parsed) throw unreadableLayout(file, detection);
  const meta = parsed.meta;
  const key = parsed.templateKey;
  const bureau = context.canonicalBureau(options.override?.bureau ?? key?.bureau ?? meta.bureau);
  const region = (options.override?.region ?? key?.region ?? meta.region ?? context.workbookRegion).trim();
  const year = options.override?.year ?? key?.year ?? meta.year ?? options.year ?? null;
  if (year === null) {
    throw new UserError('no_year', `“${file.name}”的标题、表头和文件名都没有写明年度。请用 --year 指定（如 --year 2023），或在预览中填写年度。`, { file: file.name });
  }
  const values = readReturnValues(parsed, { indicators: context.schema.indicators, matcher: context.matcher, bureau, region, year });
  const layout = options.override?.layout ?? null;
  return { file, sha256: sha256Of(file.bytes), parsed, bureau, region, year, values, layout };
}

function signedOffError(file: string, year: number): UserError {
  return new UserError('year_signed_off', `${year}年已定稿，不能再导入“${file}”。如需更正，请先在“定稿与导出”中重新打开该年度。`, { file });
}

/** Stores one read return: one transaction with its audit entry. */
function storeReturn(db: WriteDb, actor: Actor, context: ImportContext, snapshots: BatchSnapshots, read: ReadReturn, override?: ImportOverride): number {
  if (readYearState(db, read.year).signedOff) throw signedOffError(read.file.name, read.year);
  const keys: ValueKey[] = read.values.values
    .filter((v) => v.indicator !== null && v.role === 'value')
    .map((v) => ({ indicator: v.indicator!, region: v.region, year: v.year }));
  let committed = () => {};
  const stored = db.transaction(() => {
    const before = snapshots.snapshot(keys);
    const returnId = insertReturn(db, {
      sha256: read.sha256,
      fileName: read.file.name,
      bytes: read.file.bytes,
      bureau: read.bureau,
      region: read.region,
      year: read.year,
      title: read.parsed.meta.title ?? '',
      contactPerson: read.parsed.meta.contactPerson ?? '',
      contactPhone: read.parsed.meta.contactPhone ?? '',
      reviewer: read.parsed.meta.reviewer ?? '',
      importedAt: new Date().toISOString(),
      layout: { layouts: read.parsed.layouts, override: read.layout },
      meta: read.parsed.meta,
    });
    insertReturnValues(db, returnId, read.values.values);
    if (override?.remember && override.layout && read.bureau) saveLayoutMemory(db, read.bureau, rememberOverride(anchorOverride(override.layout, read.year)));
    const after = snapshots.snapshotWith(keys, returnId);
    committed = after.commit;
    const changes = diffValues(keys, before, after.snapshot);
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: 'import_return',
      target: read.file.name,
      after: {
        returnId,
        bureau: read.bureau,
        region: read.region,
        year: read.year,
        sha256: read.sha256,
        values: read.values.values.length,
        matchedRows: read.values.matchedRows,
        unmatchedRows: read.values.unmatchedRows,
        changes,
      },
    });
    return returnId;
  })();
  committed();
  return stored;
}

function rejected(file: string, error: UserError): ImportFileResult {
  return refusedImport(file, error.code, error.message);
}

/**
 * Imports a batch: each file on its own, each stored in its own transaction, so a refused file
 * never stops the others and a cancelled batch leaves every finished file stored.
 */
export async function importFiles(
  db: WriteDb,
  actor: Actor,
  context: ImportContext,
  files: readonly FileBytes[],
  options: { year?: number; override?: ImportOverride; onProgress?: (done: number, total: number, current: string) => void; signal?: AbortSignal },
): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  const snapshots = new BatchSnapshots(db, context.schema);
  for (const [index, file] of files.entries()) {
    if (options.signal?.aborted) break;
    options.onProgress?.(index, files.length, file.name);
    const sha = sha256Of(file.bytes);
    const existing = findReturnBySha(db, sha);
    if (existing !== null) {
      results.push({ ...rejected(file.name, new UserError('duplicate_file', `“${file.name}”与已导入的报表（编号 ${existing}）内容完全相同，未重复计入。`)), outcome: 'duplicate', duplicateOf: existing });
      continue;
    }
    try {
      const read = await readReturn(db, context, file, options);
      const returnId = storeReturn(db, actor, context, snapshots, read, options.override);
      results.push({
        file: file.name,
        outcome: 'imported',
        returnId,
        bureau: read.bureau,
        region: read.region,
        year: read.year,
        matched: read.values.matchedRows,
        unmatched: read.values.unmatchedRows,
        values: read.values.values.filter((v) => v.indicator !== null && v.value !== null && v.role === 'value').length,
        errorCode: null,
        message: null,
        duplicateOf: null,
      });
    } catch (error) {
      if (!isUserError(error)) throw error;
      results.push(rejected(file.name, error));
    }
  }
  options.onProgress?.(results.length, files.length, '');
  return results;
}

const SAMPLE_ROWS = 12;

/** Detects a file's bureau, region, year and column roles without storing anything. */
export async function previewFile(db: ReadDb, context: ImportContext, file: FileBytes, options: { year?: number; override?: ImportOverride }): Promise<ImportPreview> {
  const grid = await readGrid(file);
  const detection = layOut(db, grid, context, file, options);
  const parsed = detection.parsed;
  // Nothing readable found: offer a best guess of the table for the officer to correct.
  const guess = parsed ? null : guessLayout(grid);
  const meta = parsed?.meta ?? { bureau: null, region: null, year: null, title: null, contactPerson: null, contactPhone: null, reviewer: null, tableUnit: null };
  return {
    file: file.name,
    bureau: context.canonicalBureau(options.override?.bureau ?? parsed?.templateKey?.bureau ?? meta.bureau),
    region: options.override?.region ?? parsed?.templateKey?.region ?? meta.region ?? context.workbookRegion,
    year: options.override?.year ?? parsed?.templateKey?.year ?? meta.year ?? options.year ?? null,
    meta,
    template: parsed?.templateKey !== null && parsed?.templateKey !== undefined,
    sheets: (parsed?.layouts ?? guessedLayouts(guess)).map((layout) => {
      const sheet = grid.sheets.find((s) => s.name === layout.sheet)!;
      const top = Math.max(0, (layout.headerRows[0] ?? 0) - 2);
      const sample: string[][] = [];
      for (let r = top; r < Math.min(sheet.rowCount, top + SAMPLE_ROWS); r++) {
        sample.push(Array.from({ length: sheet.colCount }, (_, c) => cellText(sheet.rows[r]?.[c])));
      }
      return { sheet: layout.sheet, headerRows: layout.headerRows, firstDataRow: layout.firstDataRow, columns: layout.columns, sample, sampleTop: top };
    }),
    skippedSheets: parsed?.skippedSheets ?? [],
    problems: detection.problems.map((p) => p.message),
    layout: parsed ? overrideFromLayouts(parsed) : guess,
  };
}

function guessedLayouts(guess: LayoutOverride | null): { sheet: string; headerRows: number[]; firstDataRow: number; columns: ColumnRole[] }[] {
  return (guess?.sheets ?? []).map((s) => ({
    sheet: s.sheet,
    headerRows: s.headerRows ?? [0],
    firstDataRow: s.firstDataRow ?? 1,
    columns: (s.columns ?? []).map((c) => ({ col: c.col, role: c.role, year: c.year, region: c.region, header: c.header })),
  }));
}
