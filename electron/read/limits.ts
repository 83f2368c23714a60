/**
 * Bounds on what a reader will accept, so that a decompression bomb or a sheet declaring a
 * million rows is refused with a message instead of exhausting memory or time.
 */
export interface ReadLimits {
  /** Largest file accepted, in bytes, before anything is parsed. */
  maxFileBytes: number;
  /** Largest total uncompressed size of a zip package (.xlsx/.xlsm/.ods). */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of one zip entry; real sheets stay far below. */
  maxCompressionRatio: number;
  /** Most non-empty cells kept from one file, across all its sheets. */
  maxCells: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  // Highly repetitive sheet XML compresses to about 1:100; bombs go to 1:1000 and beyond.
  maxCompressionRatio: 500,
  maxCells: 2_000_000,
};

export function resolveLimits(limits: Partial<ReadLimits> = {}): ReadLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}
