import type { GridCell } from './grid';
import type { CellRole } from '../domain/return';
import type { ColumnRoleKind } from '../domain/layout';

export type { ColumnRoleKind };

export interface ColumnRole {
  col: number;
  role: ColumnRoleKind;
  /** The year a value/baseline/target column speaks of, when the header or file says it. */
  year: number | null;
  /** For regions-as-columns sheets (兰山区 罗庄区 …): the region of this column. */
  region: string | null;
  /** The header text as read, joined over header rows ("2023年/完成值"). */
  header: string;
  /** A unit the header states for its figures ("2023年（万人）", "地区生产总值(亿元)"). */
  unit?: string | null;
  /** Regions-as-rows with indicators across: the indicator this column holds, as written. */
  indicator?: string | null;
  /** Why a column with a year in its header is not read (a quarter, a growth rate). */
  note?: string | null;
}

/**
 * Which way a table runs: indicators down the rows (the plan's own layout, and our templates),
 * or regions down the rows with years or indicators across (the yearbook's district table, the
 * 国家数据 分省年度数据 export).
 */
export type Orientation = 'indicator-rows' | 'region-rows' | 'year-rows';

/** Where the table sits in a sheet and what each column holds. */
export interface SheetLayout {
  sheet: string;
  /** 0-based header row indices (one or two rows). */
  headerRows: number[];
  firstDataRow: number;
  /** Last data row before footnotes (注:, 填表人 …), inclusive. */
  lastDataRow: number;
  columns: ColumnRole[];
  /** The region a sheet named after a region (兰山区) speaks of; absent or null otherwise. */
  region?: string | null;
  /** Absent means indicator-rows. */
  orientation?: Orientation;
  /** Region-rows with years across: the one indicator the table holds (a 指标： line, the title
   *  or the sheet name), with where it is written and its unit. */
  indicator?: { name: string; cell: string; unit: string | null } | null;
}

/** Facts about the return found in its title, 填报单位 lines, sheet or file name. */
export interface ReturnMeta {
  /** As written in the file; canonicalised against the bureau list later. */
  bureau: string | null;
  region: string | null;
  year: number | null;
  title: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  reviewer: string | null;
  /** A unit stated for the whole table ("单位：万人"), applied where a row has none. */
  tableUnit: string | null;
}

/** One data row of a return: the indicator's name as written and the cells to read. */
export interface ParsedRow {
  sheet: string;
  /** 0-based row index in the sheet. */
  row: number;
  name: string;
  /** A1 address of the name cell. */
  nameCell: string;
  /** Unit from the unit column or the name's brackets; null when neither says. */
  unit: string | null;
  /** Indicator code from a code column or a template key, when present. */
  code: string | null;
  area: string | null;
  category: string | null;
  cells: ParsedCell[];
}

export interface ParsedCell {
  role: CellRole;
  year: number | null;
  region: string | null;
  /** A1 address, without `$`. */
  address: string;
  cell: GridCell | undefined;
  /** The unit its column header states, which wins over the row's. */
  unit?: string | null;
}

/** A return laid out: meta data, the layout chosen per sheet, and its rows. */
export interface ParsedReturn {
  fileName: string;
  meta: ReturnMeta;
  layouts: SheetLayout[];
  rows: ParsedRow[];
  /** Template metadata when the file is one of our templates (DESIGN "Template key"). */
  templateKey: TemplateKey | null;
  /** Sheets passed over and why (cover sheet, hidden sheet, no table found). */
  skippedSheets: { sheet: string; reason: string }[];
  /** Rows passed over inside a table (合计, 小计, section headings) and override columns that
   *  found no match, each with a Chinese note naming the cell. */
  notes?: { sheet?: string; cell?: string; message: string }[];
}

export interface TemplateKey {
  workbookId: string;
  schemaHash: string;
  bureau: string;
  region: string;
  year: number;
  /** The key sheet's format_version (template-key.ts); 1 when the sheet does not say. */
  formatVersion?: number;
}
