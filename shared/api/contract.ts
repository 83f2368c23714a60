import type { Finding, SchemaSummary, Value } from '../domain';
import type { LayoutOverride } from '../import/layout-override';
import type { ColumnRole, ReturnMeta } from '../import/parsed-return';

/** A file travels as its name and its bytes, never as a path the other side must open. */
export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

/** The officer's corrections to a detected return (DESIGN "Preview and override"). */
export interface ImportOverride {
  bureau?: string;
  region?: string;
  year?: number;
  /** The corrected layout from the preview (column roles, header rows, sheets to read). */
  layout?: LayoutOverride;
  /** Remember the corrected layout for this bureau so its next file imports by itself. */
  remember?: boolean;
}

export interface ImportPreview {
  file: string;
  bureau: string | null;
  region: string | null;
  year: number | null;
  meta: ReturnMeta;
  template: boolean;
  sheets: {
    sheet: string;
    headerRows: number[];
    firstDataRow: number;
    columns: ColumnRole[];
    /** The first rows of the sheet as text, for the column-role preview. */
    sample: string[][];
    /** 0-based sheet row of `sample[0]`. */
    sampleTop: number;
  }[];
  skippedSheets: { sheet: string; reason: string }[];
  problems: string[];
}

export type ImportOutcome = 'imported' | 'duplicate' | 'rejected';

export interface ImportFileResult {
  file: string;
  outcome: ImportOutcome;
  returnId: number | null;
  bureau: string | null;
  region: string | null;
  year: number | null;
  matched: number;
  unmatched: number;
  values: number;
  /** Set when rejected: the UserError's code and Chinese message. */
  errorCode: string | null;
  message: string | null;
  /** For duplicates: the return the same bytes were imported as. */
  duplicateOf: number | null;
}

export interface ReturnSummary {
  id: number;
  file: string;
  bureau: string | null;
  region: string | null;
  year: number | null;
  state: 'counted' | 'superseded' | 'withdrawn' | 'duplicate';
  importedAt: string;
  contactPerson: string | null;
  contactPhone: string | null;
  values: number;
  matched: number;
  unmatched: number;
  sha256: string;
}

/**
 * The whole API, one typed interface: every method takes one plain object and returns a promise
 * of plain data. The Electron preload, the loopback HTTP transport and the CLI all reach the same
 * services through it.
 */
export interface TaiZhangApi {
  /** The built-in schemas with their indicator counts and years. */
  listSchemas(arg: Record<string, never>): Promise<SchemaSummary[]>;
  /** Detects bureau, region, year and each column's role without storing anything. */
  previewImport(arg: { file: FileBytes; override?: ImportOverride }): Promise<ImportPreview>;
  /** Reads each file on its own; a refused file never stops the others. Each file is one transaction. */
  importReturns(arg: { files: FileBytes[]; year?: number; override?: ImportOverride }): Promise<ImportFileResult[]>;
  listReturns(arg: { year?: number }): Promise<ReturnSummary[]>;
  /** 撤销导入: the return's figures leave consolidation; the return itself is kept, marked withdrawn. */
  withdrawReturn(arg: { returnId: number; note?: string }): Promise<ReturnSummary>;
  /** Consolidated values, one per published indicator × region × year of the request. */
  listValues(arg: { year?: number; region?: string }): Promise<Value[]>;
  listFindings(arg: { year?: number }): Promise<Finding[]>;
}
