import type { Grid } from './grid';
import type { ColumnRole, ParsedReturn } from './parsed-return';
import { LAYOUT_OVERRIDE_VERSION, type ColumnOverride, type ColumnRoleKind, type LayoutOverride, type SheetOverride } from '../domain/layout';

export { LAYOUT_OVERRIDE_VERSION, type ColumnOverride, type LayoutOverride, type SheetOverride };
import { normalizeText, type SheetView } from './detect-sheet-view';
import { headerTexts } from './header-rows';
import { detectReturnWith, type DetectContext, type DetectionProblem, type DetectionResult, type SheetAdjust } from './detect-layout';
import { isTemplateKeySheet } from './template-key';

const RELATIVE_ROLES = new Set<ColumnRoleKind>(['value', 'previous']);

/** Records a (corrected) preview as an override: every sheet's table and columns, and the meta. */
export function overrideFromLayouts(parsed: ParsedReturn): LayoutOverride {
  const fileYear = parsed.meta.year;
  return {
    version: LAYOUT_OVERRIDE_VERSION,
    fileYear,
    meta: { bureau: parsed.meta.bureau, region: parsed.meta.region, year: parsed.meta.year },
    sheets: parsed.layouts.map((layout) => ({
      sheet: layout.sheet,
      headerRows: [...layout.headerRows],
      firstDataRow: layout.firstDataRow,
      lastDataRow: layout.lastDataRow,
      columns: layout.columns.map((c) => toColumnOverride(c, fileYear)),
    })),
  };
}

function toColumnOverride(column: ColumnRole, fileYear: number | null): ColumnOverride {
  const relative = RELATIVE_ROLES.has(column.role) && column.year !== null && fileYear !== null;
  return {
    col: column.col,
    header: column.header,
    role: column.role,
    year: column.year,
    yearOffset: relative ? column.year! - fileYear! : null,
    region: column.region,
  };
}

/**
 * The part of an override worth keeping for the bureau's next file: columns and table position,
 * and the bureau. The year and region are the file's own (a next file states its year; a bureau
 * may send one return per county); the last data row moves as indicators are added.
 */
export function rememberOverride(override: LayoutOverride): LayoutOverride {
  const meta: LayoutOverride['meta'] = {};
  if (override.meta.bureau !== undefined) meta.bureau = override.meta.bureau;
  return {
    version: override.version,
    fileYear: override.fileYear,
    meta,
    sheets: override.sheets.map(({ lastDataRow: _dropped, ...sheet }) => sheet),
  };
}

/**
 * Lays out a return with an officer's corrections: detection runs as usual, and the override
 * replaces what it names (sheets read or skipped, header and data rows, column roles, years and
 * regions, bureau, region and year). Corrections that find nothing to apply to in this file are
 * reported among the problems.
 */
export function applyLayoutOverride(grid: Grid, override: LayoutOverride, context: DetectContext): DetectionResult {
  const bySheet = matchSheets(grid, override);
  const meta = override.meta;
  return detectReturnWith(grid, context, {
    meta,
    sheet(view) {
      const sheetOverride = bySheet.get(view.sheet.name);
      return sheetOverride ? sheetAdjust(view, sheetOverride, override) : null;
    },
  });
}

/** Each grid sheet's override: same name; else same name but for its years; else the one. */
function matchSheets(grid: Grid, override: LayoutOverride): Map<string, SheetOverride> {
  const out = new Map<string, SheetOverride>();
  const sheets = grid.sheets.filter((s) => !isTemplateKeySheet(s));
  for (const o of override.sheets) {
    const target =
      sheets.find((s) => s.name === o.sheet) ??
      sheets.find((s) => yearless(s.name) === yearless(o.sheet)) ??
      (override.sheets.length === 1 && sheets.filter((s) => s.state === 'visible').length === 1
        ? sheets.find((s) => s.state === 'visible')
        : undefined);
    if (target && !out.has(target.name)) out.set(target.name, o);
  }
  return out;
}

function yearless(text: string): string {
  return normalizeText(text).replace(/(?<!\d)(?:19|20)\d{2}(?!\d)/g, '#');
}

/** Years in a header written relative to the file's year: "2023年/完成值" in a 2023 file → "{0}年/完成值". */
function relativeHeader(text: string, fileYear: number | null): string | null {
  if (fileYear === null) return null;
  return normalizeText(text).replace(/(?<!\d)((?:19|20)\d{2})(?!\d)/g, (_m, y: string) => `{${Number(y) - fileYear}}`);
}

function sheetAdjust(view: SheetView, o: SheetOverride, override: LayoutOverride): SheetAdjust {
  const adjust: SheetAdjust = {};
  if (o.read !== undefined) adjust.read = o.read;
  if (o.headerRows && o.headerRows.length > 0) {
    const shift = findHeaderShift(view, o);
    adjust.headerRows = o.headerRows.map((r) => r + shift);
    if (o.firstDataRow !== undefined) adjust.firstDataRow = o.firstDataRow + shift;
    if (o.lastDataRow !== undefined && shift === 0) adjust.lastDataRow = o.lastDataRow;
  }
  if (o.columns && o.columns.length > 0) {
    const columnOverrides = o.columns;
    adjust.fixColumns = (columns, fileYear, notes) => fixColumns(view.sheet.name, columns, columnOverrides, override.fileYear, fileYear, notes);
  }
  return adjust;
}

/**
 * How many rows the header moved since the correction (a title row added or dropped): the
 * shift, within 15 rows, at which most corrected headers read the same, nearest first.
 */
function findHeaderShift(view: SheetView, o: SheetOverride): number {
  const wanted = new Set((o.columns ?? []).map((c) => yearless(c.header)).filter((h) => h !== ''));
  if (wanted.size === 0) return 0;
  let best = { shift: 0, score: 0 };
  for (let step = 0; step <= 30; step++) {
    const shift = step % 2 === 0 ? step / 2 : -(step + 1) / 2;
    const rows = o.headerRows!.map((r) => r + shift);
    if (rows.some((r) => r < 0 || r >= view.sheet.rowCount)) continue;
    const seen = new Set(headerTexts(view, rows).map(yearless));
    const score = [...wanted].filter((h) => seen.has(h)).length;
    if (score > best.score) best = { shift, score };
  }
  return best.shift;
}

const SINGLE_ROLES = new Set<ColumnRoleKind>(['name', 'year', 'unit', 'code', 'area', 'category', 'seq']);

function fixColumns(
  sheet: string,
  columns: ColumnRole[],
  overrides: readonly ColumnOverride[],
  overrideYear: number | null,
  fileYear: number | null,
  notes: DetectionProblem[],
): ColumnRole[] {
  const out = columns.map((c) => ({ ...c }));
  const taken = new Set<number>();
  for (const o of overrides) {
    const target = findColumn(out, o, overrideYear, fileYear, taken);
    if (!target) {
      if (o.role !== 'ignore') {
        notes.push({ sheet, message: `工作表“${sheet}”中未找到表头为“${o.header || `第 ${o.col + 1} 列`}”的列，此前对该列的更正（${o.role}）未应用，请在预览中核对。` });
      }
      continue;
    }
    taken.add(target.col);
    target.role = o.role;
    target.region = o.region;
    target.year = o.yearOffset !== null && fileYear !== null ? fileYear + o.yearOffset : o.year;
  }
  // A role the officer gave one column is taken from any other column detection gave it to.
  for (const c of out) {
    if (!taken.has(c.col) && SINGLE_ROLES.has(c.role) && out.some((d) => taken.has(d.col) && d.role === c.role)) c.role = 'ignore';
  }
  return out;
}

/** Relative header text first (next year's "2024年完成值" for "2023年完成值"), then the exact
 *  text (a baseline "2020年"), then the text without years when unique, then the position: the
 *  column there if its header says the same but for years, or detection gave it the same role
 *  (a next file heading its figures 本年 where the corrected one said 2023年). */
function findColumn(
  columns: ColumnRole[],
  o: ColumnOverride,
  overrideYear: number | null,
  fileYear: number | null,
  taken: Set<number>,
): ColumnRole | undefined {
  const free = columns.filter((c) => !taken.has(c.col));
  if (o.header !== '') {
    const rel = relativeHeader(o.header, overrideYear);
    const byRelative = rel === null ? [] : free.filter((c) => relativeHeader(c.header, fileYear) === rel);
    if (byRelative.length === 1) return byRelative[0];
    const exact = free.filter((c) => normalizeText(c.header) === normalizeText(o.header));
    if (exact.length === 1) return exact[0];
    const neutral = free.filter((c) => yearless(c.header) === yearless(o.header));
    if (neutral.length === 1) return neutral[0];
  }
  const atCol = free.find((c) => c.col === o.col);
  if (atCol && (o.header === '' || atCol.header === '' || yearless(atCol.header) === yearless(o.header) || atCol.role === o.role)) return atCol;
  return undefined;
}

/**
 * Ties an override made in the preview to the year the file was imported for: value and 上年值
 * columns the officer dated get their offset from that year, so that next year's file from the
 * same bureau reads its own year's column.
 */
export function anchorOverride(override: LayoutOverride, fileYear: number): LayoutOverride {
  return {
    ...override,
    fileYear,
    sheets: override.sheets.map((sheet) => ({
      ...sheet,
      ...(sheet.columns
        ? {
            columns: sheet.columns.map((c) =>
              RELATIVE_ROLES.has(c.role) && c.yearOffset === null && c.year !== null ? { ...c, yearOffset: c.year - fileYear } : c,
            ),
          }
        : {}),
    })),
  };
}
