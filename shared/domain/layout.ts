/** Column roles and the officer's corrections of a detected layout: words the import preview, the
 *  contract and the readers share. */

/**
 * What a column of a return holds. `value` columns carry the figures being reported; `baseline`
 * and `target` columns restate the schema (checked for baseline_mismatch/target_mismatch).
 */
export type ColumnRoleKind =
  | 'name' // 指标名称
  | 'region' // 地区: regions down the rows (yearbook tables)
  | 'year' // 年份: each row's year (years down the rows, panel and long tables)
  | 'unit' // 单位 / 计量单位
  | 'code' // 指标编码 (a template's hidden key column included)
  | 'area' // 领域
  | 'category' // 类别 (养老/托育), often merged down
  | 'seq' // 序号
  | 'baseline' // 基期值 / 2020年
  | 'target' // 目标值 / 2025年目标
  | 'value' // 完成值 / 2023年 / 本年值 / a region's column
  | 'previous' // 上年值: kept for suspicious_change, not stored as this year's figure
  | 'note' // 备注 / 说明
  | 'ignore';

/**
 * An officer's correction of a detected layout, as plain JSON: stored with the import, and
 * remembered for the bureau (`rememberOverride`) so that its next file imports by itself.
 *
 * Columns are found again by their header text, not only by position: a bureau's next year's
 * file has the same headers one year on ("2023年完成值" → "2024年完成值") and maybe a column
 * more. Years of value and 上年值 columns are kept relative to the file's year; years of
 * baseline and target columns stay as they are (2020 is the baseline in every year's file).
 */
export const LAYOUT_OVERRIDE_VERSION = 1;

export interface LayoutOverride {
  version: number;
  /** The year of the file the correction was made on. */
  fileYear: number | null;
  /** Present keys replace what detection found; absent keys leave it. */
  meta: { bureau?: string | null; region?: string | null; year?: number | null };
  sheets: SheetOverride[];
}

export interface SheetOverride {
  /** The sheet's name when the correction was made. */
  sheet: string;
  /** true: read the sheet even if hidden or taken for a cover; false: skip it. */
  read?: boolean;
  /** 0-based; re-found by header text when a next file has more or fewer title rows. */
  headerRows?: number[];
  firstDataRow?: number;
  /** Kept for the same file only; a remembered override lets footnotes end the data. */
  lastDataRow?: number;
  columns?: ColumnOverride[];
}

export interface ColumnOverride {
  /** 0-based column when the correction was made; used when no header text matches. */
  col: number;
  /** The header text as read ("2023年/完成值"); '' for a column without header. */
  header: string;
  role: ColumnRoleKind;
  /** The year for baseline and target columns (and any column without `yearOffset`). */
  year: number | null;
  /** Value and 上年值 columns: the year relative to the file's year (0, -1 …); wins over `year`. */
  yearOffset: number | null;
  region: string | null;
}
