import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileBytes } from '../../../shared/api/contract';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { makeTempDir } from '../../support/temp-dir';

async function xlsx(name: string, rows: (string | number)[][]): Promise<FileBytes> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return { name, bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
}

describe('a file refused whole says why its tables gave nothing', () => {
  // The shape of 1996-2023年地级市外商直接投资FDI.xlsx (biechouwo-coder/G-P @620eba9): its rows
  // are places and years, the places by short names no workbook region matches.
  it('names the rows that are more than years, not the year or bureau nothing read could tell', async () => {
    const dir = makeTempDir();
    const service = new WorkbookService(createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] }));
    const file = await xlsx('地级市外商直接投资.xlsx', [
      ['年份', '地级市', '外商直接投资'],
      [2020, '长春', 160.74],
      [2020, '四平', 74.47],
      [2021, '长春', 170.2],
    ]);
    const [result] = await service.importReturns({ files: [file], channel: 'cli' });
    expect(result).toMatchObject({ outcome: 'rejected', errorCode: 'nothing_read', values: 0 });
    expect(result!.message).toContain('第 2 行和第 3 行同为 2020 年，各行不只是年份不同，不能确定这些数是哪个地区的，未读取');
    expect(result!.message).not.toContain('年份：标题、封面和文件名中都没有写明年份');
    expect(result!.message).not.toContain('--year');
  });
});

describe('a return that names two regions is stored under neither until the officer says', () => {
  it('refuses it with both names and the remedy of the channel, and stores it under the region given', async () => {
    const dir = makeTempDir();
    const service = new WorkbookService(createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] }));
    // 兰山区民政局 filled in 罗庄区's file and left its title.
    const rows = [['2023年罗庄区养老服务指标完成情况'], ['填报单位：兰山区民政局'], ['指标名称', '单位', '2023年完成值'], ['全市养老服务设施', '处', 77]];
    // The window previews it, not confident, the disagreement among its problems, in the preview's words.
    const preview = await service.previewImport({ file: await xlsx('兰山区民政局.xlsx', rows) });
    expect(preview.confident).toBe(false);
    expect(preview.problems).toContain('“兰山区民政局.xlsx”中写明的地区不一致（“兰山区”与“罗庄区”），不能确定是哪个地区的报表。请在导入预览中选择地区。');
    const [refused] = await service.importReturns({ files: [await xlsx('兰山区民政局.xlsx', rows)], channel: 'cli' });
    expect(refused).toMatchObject({ outcome: 'rejected', errorCode: 'region_unsettled', values: 0 });
    expect(refused!.message).toBe('“兰山区民政局.xlsx”中写明的地区不一致（“兰山区”与“罗庄区”），不能确定是哪个地区的报表。请用 --region 指定地区。');
    expect(await service.listReturns({})).toEqual([]);

    const [stored] = await service.importReturns({ files: [await xlsx('兰山区民政局.xlsx', rows)], override: { region: '兰山区' }, channel: 'cli' });
    expect(stored).toMatchObject({ outcome: 'imported', region: '兰山区', values: 1 });
  });
});

describe('a return that states two years is stored under neither until the officer says', () => {
  it('refuses it with both years, even under --year, and stores it under the year the officer gives in the preview', async () => {
    const dir = makeTempDir();
    const service = new WorkbookService(createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] }));
    // Last year's file, renamed and filled in again, its title left as it was.
    const rows = [['2022年兰山区养老服务指标完成情况'], ['填报单位：兰山区民政局'], ['指标名称', '单位', '本年完成值'], ['全市养老服务设施', '处', 101]];
    const [refused] = await service.importReturns({ files: [await xlsx('兰山区民政局2023年.xlsx', rows)], channel: 'cli' });
    expect(refused).toMatchObject({ outcome: 'rejected', errorCode: 'year_unsettled', values: 0 });
    expect(refused!.message).toBe('“兰山区民政局2023年.xlsx”写明的年度不一致（标题为 2022 年，文件名为 2023 年），不能确定“本年值”“完成值”等列是哪一年的数。请改正文件标题或文件名中的年度后再导入，或在程序的“导入报表”预览中填写年度。');
    expect(await service.listReturns({})).toEqual([]);

    // --year is for files that state no year: it does not pick one of the two.
    const [again] = await service.importReturns({ files: [await xlsx('兰山区民政局2023年.xlsx', rows)], year: 2023, channel: 'cli' });
    expect(again).toMatchObject({ outcome: 'rejected', errorCode: 'year_unsettled' });
    const [stored] = await service.importReturns({ files: [await xlsx('兰山区民政局2023年.xlsx', rows)], override: { year: 2023 } });
    expect(stored).toMatchObject({ outcome: 'imported', year: 2023, values: 1 });
  });
});
