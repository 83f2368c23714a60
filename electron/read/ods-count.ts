/**
 * The cells an OpenDocument spreadsheet really asks for, counted from its XML before SheetJS
 * expands them. ODS writes a run of equal cells once, with `table:number-columns-repeated`, and
 * equal rows once, with `table:number-rows-repeated`; SheetJS builds every repeat. LibreOffice
 * itself ends each sheet with empty cells and rows repeated to the sheet's edge, which SheetJS
 * skips, so only cells with content count: a value type, a formula, or any child (text:p).
 * A 7 KB file repeating one number 1 000 × 100 000 times counts 100 million here.
 */
export interface OdsCount {
  /** Cells with content, each repeat counted. */
  cells: number;
}

// Any prefix: the table namespace need not be bound to `table:` (SheetJS ignores prefixes too).
const TAG = /<(\/?)(?:[\w.-]+:)?(table-row|table-cell|covered-table-cell)\b([^>]*?)(\/?)>/g;
const ROWS_REPEATED = /(?:^|\s)(?:[\w.-]+:)?number-rows-repeated\s*=\s*["'](\d+)["']/;
const COLUMNS_REPEATED = /(?:^|\s)(?:[\w.-]+:)?number-columns-repeated\s*=\s*["'](\d+)["']/;
const HAS_CONTENT = /(?:^|\s)(?:[\w.-]+:)?(?:value-type|formula)\s*=/;

function repeatOf(attributes: string, pattern: RegExp): number {
  const m = pattern.exec(attributes);
  return m ? Math.max(1, Number(m[1])) : 1;
}

/** Counts content cells with their repeats; stops counting once past `stopAbove`. */
export function countOdsCells(xml: string, stopAbove = Number.POSITIVE_INFINITY): OdsCount {
  let cells = 0;
  let rowRepeat = 1;
  let rowCells = 0;
  const endRow = () => {
    cells += rowRepeat * rowCells;
    rowRepeat = 1;
    rowCells = 0;
  };
  TAG.lastIndex = 0;
  for (let m = TAG.exec(xml); m; m = TAG.exec(xml)) {
    const [, closing, element, attributes = '', selfClosing] = m;
    if (element === 'table-row') {
      if (closing) {
        endRow();
        if (cells > stopAbove) break;
      } else {
        rowRepeat = repeatOf(attributes, ROWS_REPEATED);
        rowCells = 0;
        if (selfClosing) endRow();
      }
    } else if (!closing && (!selfClosing || HAS_CONTENT.test(attributes))) {
      rowCells += repeatOf(attributes, COLUMNS_REPEATED);
    }
  }
  return { cells };
}
