import type { GridSheet } from './grid';
import type { SheetView } from './detect-sheet-view';
import { normalizeText } from './detect-sheet-view';
import { findLongestName } from './return-meta';
import { isTemplateKeySheet } from './template-key';

/**
 * Which sheets are read, and as what. The rules, in order:
 *
 * 1. The template key sheet (`_taizhang`) is read for the key only.
 * 2. Hidden and very hidden sheets are skipped: in bureaus' files they hold drop-down lists,
 *    lookup tables or last year's copy kept out of sight, and reading them would count figures
 *    nobody sees. An officer's correction (layout override `read: true`) reads one anyway.
 * 3. A visible sheet with a table (a header row, a name column, figure columns) is read, every
 *    such sheet (a 养老 sheet and a 托育 sheet in one file are both read).
 * 4. A visible sheet without a table that is named as a cover (封面, 说明, 填表说明 …) or holds
 *    few cells is a cover sheet: its 填报单位, year and contact lines count, it yields no rows.
 * 5. Any other visible sheet without a table is reported with what it holds.
 *
 * A sheet named after a region (兰山区) gives that region to its figures.
 */
export type SheetKind = 'key' | 'hidden' | 'cover' | 'table' | 'empty' | 'unreadable';

const COVER_NAMES = /^(封面|说明|填表说明|填报说明|编制说明|目录|首页|说明页|指标解释|填表须知)/;

/** A sheet with at most this many non-empty cells and no table reads as a cover. */
const COVER_MAX_CELLS = 20;

export function isHiddenSheet(sheet: GridSheet): boolean {
  return sheet.state !== 'visible';
}

export function classifyUntabledSheet(view: SheetView): SheetKind {
  if (isTemplateKeySheet(view.sheet)) return 'key';
  let cells = 0;
  for (let r = 0; r < view.sheet.rowCount; r++) cells += view.rowCells(r).length;
  if (cells === 0) return 'empty';
  if (COVER_NAMES.test(normalizeText(view.sheet.name)) || cells <= COVER_MAX_CELLS) return 'cover';
  return 'unreadable';
}

export function isCoverName(name: string): boolean {
  return COVER_NAMES.test(normalizeText(name));
}

/** The region a sheet's name names (a county roll-up with one sheet per county). */
export function sheetRegion(sheet: GridSheet, regions: readonly string[]): string | null {
  return findLongestName(sheet.name, regions);
}
