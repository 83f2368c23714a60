import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ReturnRow {
  name: string;
  unit: string;
  value: number | string | null;
}

export interface ReturnSpec {
  bureau: string;
  year: number;
  rows: ReturnRow[];
  /** The 填表人 of the footnote; null for a return without one. */
  contact?: string | null;
}

/**
 * A bureau's return as bureaus lay them out by hand: a title, a 填报单位 line, a header
 * `指标名称 | 单位 | <year>年完成值`, the rows, and a 填表人/联系电话 footnote. Written with exceljs.
 */
export async function returnBytes(options: ReturnSpec): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([`${options.year}年养老托育服务指标完成情况`]);
  sheet.addRow([`填报单位：${options.bureau}`]);
  sheet.addRow(['指标名称', '单位', `${options.year}年完成值`]);
  for (const row of options.rows) sheet.addRow([row.name, row.unit, row.value]);
  if (options.contact !== null) {
    sheet.addRow([]);
    sheet.addRow([`填表人：${options.contact ?? '李娜'}`, '', '联系电话：0539-8765432']);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The same return written into `dir` as `fileName`; returns its path. */
export async function makeReturn(dir: string, fileName: string, options: ReturnSpec): Promise<string> {
  const file = path.join(dir, fileName);
  writeFileSync(file, await returnBytes(options));
  return file;
}
