import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isUserError } from '../../shared/api/errors';
import { readGrid } from '../../electron/read/read-grid';

/**
 * Reads one corpus file and prints one JSON line: {ok:true, sheets, cells} or
 * {ok:false, code, message}. Run in a child process by corpus.test.ts, so a hang or a crash
 * is contained and visible. Anything that is not a UserError is printed to stderr and exits 1.
 */
async function main(path: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(path));
  try {
    const grid = await readGrid({ name: basename(path), bytes });
    let cells = 0;
    for (const sheet of grid.sheets) for (const row of sheet.rows) for (const cell of row) if (cell) cells++;
    console.log(JSON.stringify({ ok: true, sheets: grid.sheets.length, cells }));
  } catch (error) {
    if (!isUserError(error)) throw error;
    console.log(JSON.stringify({ ok: false, code: error.code, message: error.message }));
  }
}

const path = process.argv[2];
if (!path) {
  console.error('usage: read-one.ts <file>');
  process.exit(2);
}
await main(path);
