import type { ImportOverride } from '../api/contract';
import { UserError } from '../api/errors';
import { RESTATED_ROLES, type CellRole, type Region, type Schema } from '../domain';
import { applyLayoutOverride, type LayoutOverride } from './layout-override';
import { detectSurveyed, surveyReturn, surveyedBureau, type DetectionResult } from './detect-layout';
import { readTemplateKey } from './template-key';
import type { AliasEntry } from './match';
import { findLongestName } from './return-meta';
import { cellText, type Grid } from './grid';
import type { ParsedReturn, ReturnMeta, SheetLayout } from './parsed-return';
import { readReturnValues, type ReturnValues } from './read-return-values';
import type { ImportContext } from './import-context';
import { withRemedy, type Channel } from './remedies';
import { schemaHashOf } from './template-key';

/**
 * A read file laid out and matched to the schema: what becomes of a grid before it is stored.
 * Pure, so that the reader (electron/read/) runs it beside the file's parsing, off the thread
 * that stores, and the services run it on theirs.
 */

/** The column roles officers corrected before, per bureau (newest first for `all`). */
export interface LayoutMemory {
  forBureau(bureau: string): LayoutOverride | null;
  all(): { bureau: string; layout: LayoutOverride }[];
}

/** Layout memory as a list read once, for a reader that cannot reach the store. */
export function layoutMemoryOf(entries: { bureau: string; layout: LayoutOverride }[]): LayoutMemory {
  const byBureau = new Map(entries.map((entry) => [entry.bureau, entry.layout]));
  return { forBureau: (bureau) => byBureau.get(bureau) ?? null, all: () => entries };
}

/**
 * What the reader needs to lay returns out as this thread would: the inputs of the import
 * context and the remembered layouts. One per batch; the reader builds the context once for it.
 */
export interface ReturnReading {
  schema: Schema;
  regions: Region[];
  aliases: AliasEntry[];
  memory: { bureau: string; layout: LayoutOverride }[];
}

/** A return laid out and matched, as the reader sends it back: what storing needs of it. */
export interface LaidOutReturn {
  meta: ReturnMeta;
  layouts: SheetLayout[];
  bureau: string | null;
  region: string;
  year: number;
  values: ReturnValues;
  layout: LayoutOverride | null;
}

/** How a file was laid out: which layout its tables were read under. */
export type LayoutSource = 'template' | 'officer' | 'remembered' | 'detected';

export interface LaidOut {
  detection: DetectionResult;
  source: LayoutSource;
}

/**
 * Lays a file out: our template by its key; else the officer's correction for this file; else
 * the layout remembered for the bureau the file names; else detection as it stands. The tables'
 * columns and rows are read once, under the layout chosen: the bureau that picks a remembered
 * layout comes from the survey of where the tables sit (detect-layout.ts), before any column is
 * read (a remembered layout places the tables itself, so under it that survey is made again, at
 * the rows it names). The officer's bureau, region and year are forced on every path. Pure of
 * the store except for reading that memory.
 */
export function layOut(memory: LayoutMemory, grid: Grid, context: ImportContext, file: { name: string }, options: { year?: number; override?: ImportOverride }): LaidOut {
  const detectContext = context.detect(file.name, options.year ?? null);
  const corrections = overrideMeta(null, options.override)?.meta ?? {};
  const given = options.override?.layout;
  if (given && !readTemplateKey(grid)) {
    return { detection: applyLayoutOverride(grid, overrideMeta(given, options.override)!, detectContext), source: 'officer' };
  }
  const survey = surveyReturn(grid, detectContext, {});
  if (survey.templateKey) return { detection: detectSurveyed(detectContext, survey, corrections), source: 'template' };
  const bureau = context.canonicalBureau(options.override?.bureau ?? surveyedBureau(survey, detectContext) ?? bureauNamedIn(grid, context));
  const remembered = bureau ? memory.forBureau(bureau) : null;
  if (remembered) return { detection: applyLayoutOverride(grid, overrideMeta(remembered, options.override)!, detectContext), source: 'remembered' };
  const detected = detectSurveyed(detectContext, survey, corrections);
  if (!detected.parsed && !options.override?.bureau) {
    // A file whose table detection cannot read, from a bureau it cannot name: a layout an
    // officer corrected before may fit it (the same bureau's next year's file).
    for (const entry of memory.all()) {
      const tried = applyLayoutOverride(grid, overrideMeta(entry.layout, { ...options.override, bureau: entry.bureau })!, detectContext);
      if (tried.parsed && tried.parsed.rows.length > 0) return { detection: tried, source: 'remembered' };
    }
  }
  return { detection: detected, source: 'detected' };
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

function unreadableLayout(file: { name: string }, detection: DetectionResult, channel: Channel): UserError {
  const found = detection.problems.slice(0, 3).map((p) => p.message.replace(/[。；\s]+$/, '')).join('；');
  const remedy = detection.problems.find((p) => p.remedy)?.remedy ?? 'layout';
  return new UserError('layout_unreadable', withRemedy(`“${file.name}”中未找到可读取的指标表${found ? `：${found}` : ''}`, remedy, channel), { file: file.name });
}

/**
 * Why a laid-out file gave nothing to store or flag: what detection noted (a years-across
 * table naming no indicator, a sheet with headers and no rows), else that every figure was blank.
 */
function nothingRead(file: { name: string }, parsed: ParsedReturn, detection: DetectionResult, channel: Channel): UserError {
  // Why the tables gave nothing, not the year or bureau that nothing read could have told.
  const about = detection.problems.filter((p) => p.remedy !== 'year' && p.remedy !== 'bureau');
  const said = [...about.map((p) => p.message), ...(parsed.notes ?? []).map((n) => n.message)]
    .map((m) => m.replace(/[。；\s]+$/, ''))
    .slice(0, 2)
    .join('；');
  const reason = said || `找到表格（${parsed.layouts.map((l) => `“${l.sheet}”`).join('、')}），但其中没有填报任何数值`;
  return new UserError('nothing_read', withRemedy(`“${file.name}”中没有读到任何数值：${reason}`, 'layout', channel), { file: file.name });
}

export interface ReadOptions {
  year?: number;
  override?: ImportOverride;
  /** Whose words the refusals speak: the app's preview, or the command line's flags. */
  channel?: Channel;
}

/** A return's bureau, region and year. */
export interface ReturnFacts {
  /** The name on the workbook's bureau list (a name not on it as written). */
  bureau: string | null;
  region: string;
  year: number | null;
}

/**
 * Decides a return's bureau, region and year, once, for the preview and the import alike.
 * Detection found them in the file and already forced the officer's corrections and the default
 * year (layOut); here the bureau takes its name on the workbook's list and the region is trimmed,
 * the workbook's own where the file names none. A file with no table has only the corrections.
 */
export function returnFacts(parsed: ParsedReturn | null, context: ImportContext, options: { year?: number; override?: ImportOverride }): ReturnFacts {
  const meta = parsed?.meta ?? { bureau: options.override?.bureau ?? null, region: options.override?.region ?? null, year: options.override?.year ?? options.year ?? null };
  return { bureau: context.canonicalBureau(meta.bureau), region: meta.region?.trim() || context.workbookRegion, year: meta.year };
}

/**
 * Lays a read file out and matches its rows: what becomes of a grid before it is stored. Throws
 * the UserError saying why a file gives nothing to store.
 */
export function layOutReturn(memory: LayoutMemory, context: ImportContext, file: { name: string }, grid: Grid, options: ReadOptions): LaidOutReturn {
  return readLaidOut(context, file, layOut(memory, grid, context, file, options).detection, options);
}

/**
 * A file already laid out (in the preview, say) matched to the schema: its facts decided, its
 * rows read. Throws the UserError saying why it gives nothing to store.
 */
export function readLaidOut(context: ImportContext, file: { name: string }, detection: DetectionResult, options: ReadOptions): LaidOutReturn {
  const channel = options.channel ?? 'app';
  const parsed = detection.parsed;
  if (!parsed) throw unreadableLayout(file, detection, channel);
  const { bureau, region, year } = returnFacts(parsed, context, options);
  // Asked only of a file with rows to read: nothing read is the reason that comes first.
  const unsettled = parsed.rows.length > 0 ? detection.problems.find((p) => p.unsettled) : undefined;
  if (unsettled) throw new UserError(unsettled.unsettled === 'region' ? 'region_unsettled' : 'year_unsettled', withRemedy(unsettled.message, unsettled.remedy, channel), { file: file.name });
  if (year === null) {
    // A table from which no row could be read names no year: the reason it gave nothing comes first.
    if (parsed.rows.length === 0) throw nothingRead(file, parsed, detection, channel);
    throw new UserError('no_year', withRemedy(`“${file.name}”的标题、表头和文件名都没有写明年度`, 'year', channel), { file: file.name });
  }
  const values = readReturnValues(parsed, { indicators: context.schema.indicators, matcher: context.matcher, bureau, region, year });
  const key = parsed.templateKey;
  if (key && key.schemaHash !== schemaHashOf(context.schema)) {
    // Our template from before an edit in 指标体系: its 基期值 and 目标值 are the schema of the day
    // it was issued, printed by us, not restated by the bureau; its figures import by code.
    values.values = values.values.filter((v) => !(RESTATED_ROLES as readonly CellRole[]).includes(v.role));
  }
  if (values.values.length === 0) throw nothingRead(file, parsed, detection, channel);
  return { meta: parsed.meta, layouts: parsed.layouts, bureau, region, year, values, layout: options.override?.layout ?? null };
}
