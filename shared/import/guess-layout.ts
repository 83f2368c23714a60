import { cellText, type Grid, type GridSheet } from './grid';
import { LAYOUT_OVERRIDE_VERSION, type LayoutOverride } from './layout-override';

/** A row with at least this many filled cells can be a header. */
const MIN_HEADER_CELLS = 2;

function filled(sheet: GridSheet, row: number): number[] {
  const cols: number[] = [];
  for (let c = 0; c < sheet.colCount; c++) if (cellText(sheet.rows[row]?.[c]) !== '') cols.push(c);
  return cols;
}

function hasNumber(sheet: GridSheet, row: number): boolean {
  return (sheet.rows[row] ?? []).some((cell) => cell?.value.kind === 'number' || /^[\d.,，%％]+$/.test(cellText(cell)));
}

/**
 * A starting point for the column-role preview when detection found no table it could read:
 * the first visible sheet's first row that has text cells and figures below it, with the
 * wordiest column as the name and every other column left for the officer to name. Nothing
 * is imported from it until the officer sets the roles.
 */
export function guessLayout(grid: Grid): LayoutOverride | null {
  for (const sheet of grid.sheets) {
    if (sheet.state !== 'visible') continue;
    for (let r = 0; r + 1 < sheet.rowCount; r++) {
      const cols = filled(sheet, r);
      if (cols.length < MIN_HEADER_CELLS || !hasNumber(sheet, r + 1)) continue;
      const textLength = (c: number) => {
        let length = 0;
        for (let d = r + 1; d < Math.min(sheet.rowCount, r + 20); d++) {
          const cell = sheet.rows[d]?.[c];
          if (cell?.value.kind === 'text') length += cell.value.value.length;
        }
        return length;
      };
      const nameCol = [...cols].sort((a, b) => textLength(b) - textLength(a))[0]!;
      return {
        version: LAYOUT_OVERRIDE_VERSION,
        fileYear: null,
        meta: {},
        sheets: [
          {
            sheet: sheet.name,
            read: true,
            headerRows: [r],
            firstDataRow: r + 1,
            columns: cols.map((col) => ({
              col,
              header: cellText(sheet.rows[r]?.[col]),
              role: col === nameCol ? ('name' as const) : ('ignore' as const),
              year: null,
              yearOffset: null,
              region: null,
            })),
          },
        ],
      };
    }
  }
  return null;
}
