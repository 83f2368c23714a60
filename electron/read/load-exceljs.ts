import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded when a file is first read or written with it: loading it (with its zip and
 * stream libraries) is a sixth of a command's start, and most commands never touch an .xlsx.
 */
export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
