/**
 * Bounds on what a reader will accept, so that a decompression bomb or a sheet declaring a
 * million rows is refused with a message instead of exhausting memory or time.
 */
export interface ReadLimits {
  /** Largest file accepted, in bytes, checked from the file system before it is read. */
  maxFileBytes: number;
  /** Largest total uncompressed size of a zip package (.xlsx/.xlsm/.ods). */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of one zip entry; real sheets stay far below. */
  maxCompressionRatio: number;
  /** Most entries in one zip package; a workbook has tens, a few hundred with many images. */
  maxZipEntries: number;
  /**
   * Most cells kept from one file, across all its sheets; the same bound applies to what a
   * library would build (ODS repeats, .xls records, CSV fields, empty ones included).
   */
  maxCells: number;
  /**
   * Most characters of text kept from one file, counted per cell: one long shared string used
   * by many cells costs its length at every use, in detection and in the store alike.
   */
  maxTextChars: number;
  /** Most merged ranges in one sheet. */
  maxMerges: number;
  /** Largest rows × columns one sheet may span (its cells' bounding box). */
  maxSheetArea: number;
}

/** Excel's own limit on the text of one cell; anything longer never came from Excel. */
export const MAX_CELL_TEXT = 32_767;

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  // Highly repetitive sheet XML compresses to about 1:100; bombs go to 1:1000 and beyond.
  maxCompressionRatio: 500,
  maxZipEntries: 10_000,
  maxCells: 2_000_000,
  // 1 000 cells at Excel's 32 767-character limit; a 5 000-row return holds about a million.
  // What passes may reach the store as reported values' text, so this also bounds its growth.
  maxTextChars: 32 * 1024 * 1024,
  maxMerges: 50_000,
  // 5 000 rows by 4 000 columns; detection walks rows and columns, so a stray cell at XFD1048576
  // must not make a sheet of 17 billion places.
  maxSheetArea: 20_000_000,
};

export function resolveLimits(limits: Partial<ReadLimits> = {}): ReadLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}
