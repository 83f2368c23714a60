import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileBytes } from '../../../shared/api/contract';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { openWorkbook } from '../../../electron/store/open';
import { makeTempDir } from '../../support/temp-dir';

/**
 * 更正 re-reads a stored return with one fact changed. Everything else the import decided stays:
 * the bureau and year the officer gave for a file that names neither, and the columns the officer
 * chose in the preview. Re-reading the bare file instead lost the year (the 更正 was refused) or,
 * worse, read figures from a column the officer had set aside.
 */

/** A bureau's own sheet: no 填报单位, no year anywhere, and two figure columns whose headers say nothing. */
async function bareReturn(): Promise<FileBytes> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['养老服务指标情况']);
  sheet.addRow(['指标名称', '单位', '（一）', '（二）']);
  sheet.addRow(['全市养老服务设施', '处', 940, 971]);
  sheet.addRow(['示范性老年友好社区', '个', 12, 15]);
  return { name: '民政数据.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

describe('更正 of a stored return', () => {
  it('keeps what the import decided and changes only the fact corrected', async () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    createWorkbookFromSchema(file, { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] }).close();
    const book = openWorkbook(file);
    const service = new WorkbookService(book);
    const bytes = await bareReturn();

    const preview = await service.previewImport({ file: bytes, year: 2023, override: { bureau: '市民政局' } });
    // The officer sets the first column aside and reads the second as the year's figure.
    const layout = preview.layout;
    const sheet = layout?.sheets[0];
    if (!layout || !sheet) throw new Error('the preview laid nothing out');
    const columns = (sheet.columns ?? []).map((c) =>
      c.header.includes('一') ? { ...c, role: 'ignore' as const, year: null, yearOffset: null } : c.header.includes('二') ? { ...c, role: 'value' as const, year: 2023, yearOffset: 0 } : c,
    );
    const chosen = { ...layout, sheets: [{ ...sheet, columns }] };
    const [imported] = await service.importReturns({ files: [], previewed: [{ previewId: preview.previewId, year: 2023, override: { bureau: '市民政局', layout: chosen } }] });
    expect(imported).toMatchObject({ outcome: 'imported', bureau: '市民政局', year: 2023 });
    const before = (await service.listValues({ year: 2023 })).filter((v) => v.value !== null && v.region === '临沂市');
    expect(before.map((v) => v.value).sort()).toEqual([15, 971]);

    const corrected = await service.correctReturn({ returnId: imported!.returnId!, region: '兰山区' });
    expect(corrected).toMatchObject({ bureau: '市民政局', region: '兰山区', year: 2023 });
    const values = await service.listValues({ year: 2023 });
    expect(values.filter((v) => v.value !== null && v.region === '临沂市')).toEqual([]);
    expect(values.filter((v) => v.value !== null && v.region === '兰山区').map((v) => v.value).sort()).toEqual([15, 971]);
    // And back: the same figures, from the same column.
    await service.correctReturn({ returnId: imported!.returnId!, region: '临沂市', year: 2023 });
    expect((await service.listValues({ year: 2023 })).filter((v) => v.value !== null && v.region === '临沂市').map((v) => v.value).sort()).toEqual([15, 971]);
    book.close();
  });
});
