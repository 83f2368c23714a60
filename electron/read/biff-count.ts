/**
 * The cells of a BIFF stream (.xls, and the raw Excel 2.x–4.0 files) counted from its record
 * headers before SheetJS parses it: a 40 MB .xls can hold 6.5 million cells, which SheetJS would
 * build in full (several GB) before our own cell count could say no. Walking the records is a
 * read of four bytes per record.
 */
export interface BiffCount {
  /** Cells holding a value, string or formula. */
  cells: number;
  /** Formatted empty cells (BLANK, MULBLANK): SheetJS walks them without keeping them. */
  blanks: number;
}

/** Record types of one cell each, BIFF2 to BIFF8. */
const CELL_RECORDS = new Set([
  0x0002, 0x0003, 0x0004, 0x0005, 0x0006, // BIFF2 INTEGER, NUMBER, LABEL, BOOLERR, FORMULA
  0x0203, 0x0204, 0x0205, 0x0206, 0x0406, // NUMBER, LABEL, BOOLERR, FORMULA (BIFF3, BIFF4)
  0x027e, 0x00fd, 0x00d6, // RK, LABELSST, RSTRING
]);
const BLANK_RECORDS = new Set([0x0001, 0x0201]);
const MULRK = 0x00bd;
const MULBLANK = 0x00be;

/** Counts the cells of a BIFF stream; stops once the cells pass `stopAbove`. */
export function countBiffCells(stream: Uint8Array, stopAbove = Number.POSITIVE_INFINITY): BiffCount {
  const dv = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let cells = 0;
  let blanks = 0;
  for (let p = 0; p + 4 <= stream.length; ) {
    const type = dv.getUint16(p, true);
    const length = dv.getUint16(p + 2, true);
    if (CELL_RECORDS.has(type)) cells++;
    else if (BLANK_RECORDS.has(type)) blanks++;
    // MULRK: row, first column, 6 bytes per cell, last column; MULBLANK: 2 bytes per cell.
    else if (type === MULRK && length >= 6) cells += Math.floor((length - 6) / 6);
    else if (type === MULBLANK && length >= 6) blanks += Math.floor((length - 6) / 2);
    if (cells > stopAbove) break;
    p += 4 + length;
  }
  return { cells, blanks };
}
