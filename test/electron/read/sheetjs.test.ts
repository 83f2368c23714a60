import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readGrid } from '../../../electron/read/read-grid';

// Written by LibreOffice (test/fixtures/returns/README.md): its number styles carry conditions
// (value()>0 …) that SheetJS only approximates and complains about on the console.
const ODS = new URL('../../fixtures/returns/各县区养老托育指标汇总.ods', import.meta.url);

afterEach(() => vi.restoreAllMocks());

describe('readWithSheetJS', () => {
  it('reads a LibreOffice .ods without writing to the console, and leaves the console as it was', async () => {
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const grid = await readGrid({ name: '各县区养老托育指标汇总.ods', bytes: new Uint8Array(readFileSync(ODS)) });
    expect(grid.format).toBe('ods');
    expect(grid.sheets.map((s) => [s.name, s.state])).toEqual([['县区汇总', 'visible'], ['下拉选项', 'hidden']]);
    expect(grid.sheets[0]!.rows[7]![2]).toMatchObject({ value: { kind: 'number', value: 0.85 }, format: '0%' });
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    console.error('still reaches the console');
    expect(error).toHaveBeenCalledTimes(1);
  });
});
