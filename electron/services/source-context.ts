import type { SourceContext } from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import type { Grid } from '../../shared/import/grid';
import { rawTextOf } from '../../shared/import/parse-cell';
import { readGrid } from '../read/read-grid';
import type { ReadDb } from '../store/db';
import { listReturns, readReturnBytes } from '../store/returns';

const ROWS_AROUND = 6;
const COLUMNS_AROUND = 4;

/** Parsed originals, kept while the officer walks the findings of the same few returns. */
const cache = new Map<string, Grid>();
const CACHE_SIZE = 8;

function parseAddress(cell: string): { row: number; col: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(cell.replace(/\$/g, '').toUpperCase());
  if (!match) throw new UserError('bad_cell', `单元格地址“${cell}”不正确。`);
  let col = 0;
  for (const ch of match[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}

/**
 * Kept by the file's content hash, not its return id: ids repeat across workbooks (return 1 of
 * one workbook is not return 1 of the next one opened), the bytes of a file do not.
 */
async function gridOf(db: ReadDb, returnId: number, sha256: string): Promise<Grid> {
  const cached = cache.get(sha256);
  if (cached) return cached;
  const file = readReturnBytes(db, returnId)!;
  const grid = await readGrid(file);
  cache.set(sha256, grid);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return grid;
}

/**
 * The rows around a reported cell, read from the return's original kept in the workbook, so
 * the officer sees the figure in its sheet without the mailed file.
 */
export async function sourceContext(db: ReadDb, arg: { file: string; sheet: string; cell: string }): Promise<SourceContext> {
  const returns = listReturns(db).filter((r) => r.file === arg.file);
  const found = returns.find((r) => r.state === 'counted') ?? returns.at(-1);
  if (!found) throw new UserError('return_not_found', `工作簿中没有名为“${arg.file}”的报表。`, { file: arg.file });
  const grid = await gridOf(db, found.id, found.sha256);
  const sheet = grid.sheets.find((s) => s.name === arg.sheet) ?? grid.sheets[0];
  if (!sheet) throw new UserError('sheet_not_found', `报表“${arg.file}”中没有工作表“${arg.sheet}”。`, { file: arg.file, sheet: arg.sheet });
  const at = parseAddress(arg.cell);
  const top = Math.max(0, at.row - ROWS_AROUND);
  const left = Math.max(0, at.col - COLUMNS_AROUND);
  const bottom = Math.min(Math.max(sheet.rowCount, at.row + 1), at.row + ROWS_AROUND + 1);
  const right = Math.min(Math.max(sheet.colCount, at.col + 1), at.col + COLUMNS_AROUND + 1);
  const rows: string[][] = [];
  for (let r = top; r < bottom; r++) {
    const row: string[] = [];
    // As the bureau saw the sheet: 82% for a percent-formatted 0.82, 1,012 with grouping.
    for (let c = left; c < right; c++) row.push(rawTextOf(sheet.rows[r]?.[c]));
    rows.push(row);
  }
  return { file: arg.file, sheet: sheet.name, cell: arg.cell, returnId: found.id, top, left, rows, focus: { row: at.row - top, col: at.col - left } };
}
