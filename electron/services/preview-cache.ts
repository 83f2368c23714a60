import { createHash } from 'node:crypto';
import type { FileBytes, ImportOverride } from '../../shared/api/contract';
import type { Grid } from '../../shared/import/grid';
import type { LaidOut } from '../../shared/import/lay-out-return';

/**
 * What a preview read and laid out, kept so that importing the file it showed neither sends nor
 * reads it again, and lays it out again only when the officer corrected it.
 */
export interface PreviewedFile {
  file: FileBytes;
  sha256: string;
  grid: Grid;
  /** The default year and corrections the preview was laid out under. */
  options: { year?: number; override?: ImportOverride };
  laidOut: LaidOut;
  /** The workbook's import basis (schema, regions, remembered layouts) it was laid out against. */
  basis: number;
}

export interface PreviewCacheLimits {
  /** Previews kept at most: the app previews one file, then imports it, then the next. */
  entries: number;
  /** Cells kept across the grids: two of the largest files a reader accepts. */
  cells: number;
}

export const PREVIEW_CACHE_LIMITS: PreviewCacheLimits = { entries: 8, cells: 4_000_000 };

/** Names of previews gone kept, for the refusals of imports that still ask for them. */
const GONE_NAMES = 256;

function cellsOf(grid: Grid): number {
  let n = 0;
  for (const sheet of grid.sheets) for (const row of sheet.rows) n += row?.length ?? 0;
  return n;
}

/**
 * The previews of one open workbook, bounded in count and in cells: the oldest go first, the
 * newest always stays. An import takes its preview out; a preview no longer here is refused
 * with the words to choose the file again.
 */
export class PreviewCache {
  private readonly kept = new Map<string, { entry: PreviewedFile; cells: number }>();
  private cells = 0;
  /** The file names of previews taken or crowded out, the latest few: a refusal then names its file. */
  private readonly gone = new Map<string, string>();

  constructor(private readonly limits: PreviewCacheLimits = PREVIEW_CACHE_LIMITS) {}

  /** Keeps a preview under its id: the file's content with what it was laid out under. */
  put(entry: PreviewedFile): string {
    const id = createHash('sha256').update(entry.sha256).update('\0').update(JSON.stringify(entry.options)).digest('hex').slice(0, 32);
    this.drop(id);
    const cells = cellsOf(entry.grid);
    this.kept.set(id, { entry, cells });
    this.cells += cells;
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= 1 || (this.kept.size <= this.limits.entries && this.cells <= this.limits.cells)) break;
      this.drop(oldest);
    }
    return id;
  }

  /** The file a preview no longer kept was of, while it is among the latest gone. */
  nameOf(id: string): string | null {
    return this.gone.get(id) ?? null;
  }

  /** The preview under `id`, taken out; null when it is no longer kept. */
  take(id: string): PreviewedFile | null {
    const found = this.kept.get(id);
    if (!found) return null;
    this.drop(id);
    return found.entry;
  }

  clear(): void {
    this.kept.clear();
    this.cells = 0;
  }

  get size(): number {
    return this.kept.size;
  }

  private drop(id: string): void {
    const found = this.kept.get(id);
    if (!found) return;
    this.kept.delete(id);
    this.cells -= found.cells;
    this.gone.delete(id);
    this.gone.set(id, found.entry.file.name);
    for (const oldest of this.gone.keys()) {
      if (this.gone.size <= GONE_NAMES) break;
      this.gone.delete(oldest);
    }
  }
}
