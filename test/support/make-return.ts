import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ReturnRow {
  name: string;
  unit: string;
  value: number | string | null;
}

/**
 * A bureau's return as bureaus lay them out by hand: a title, a 填报单位 line, a header
 * `指标名称 | 单位 | <year>年完成值`, the rows, and a 填表人/联系电话 footnote. Written with exceljs.
 */
export async function makeReturn(dir: string, fileName: string, options: { bureau: string; year: number; rows: ReturnRow[]; contact?: string }): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([`${options.year}年养老托育服务指标完成情况`]);
  sheet.addRow([`填报单位：${options.bureau}`]);
  sheet.addRow(['指标名称', '单位', `${options.year}年完成值`]);
  for (const row of options.rows) sheet.addRow([row.name, row.unit, row.value]);
  sheet.addRow([]);
  sheet.addRow([`填表人：${options.contact ?? '李娜'}`, '', '联系电话：0539-8765432']);
  const file = path.join(dir, fileName);
  writeFileSync(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return file;
}
