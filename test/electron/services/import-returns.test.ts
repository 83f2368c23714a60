import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileBytes } from '../../../shared/api/contract';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { snapshotValues, type ValueChange } from '../../../electron/services/value-changes';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { listAudit } from '../../../electron/store/audit';
import { makeTempDir } from '../../support/temp-dir';

/** A county bureau's return: title, 填报单位 line, header, rows (linyi-2022 names). */
async function countyReturn(name: string, bureau: string, rows: [string, string, number][]): Promise<FileBytes> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['2023年兰山区养老托育服务指标完成情况']);
  sheet.addRow([`填报单位：${bureau}`]);
  sheet.addRow(['指标名称', '单位', '2023年完成值']);
  for (const row of rows) sheet.addRow(row);
  return { name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

function changesOf(service: WorkbookService, file: string): ValueChange[] {
  const entry = listAudit(service.workbook.db).find((e) => e.action === 'import_return' && e.target === file);
  return (entry?.after as { changes: ValueChange[] }).changes;
}

describe('importing a batch', () => {
  it('records in each file’s audit entry the values it changed, counting the files stored before it in the same batch', async () => {
    const dir = makeTempDir();
    const book = createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] });
    const service = new WorkbookService(book);
    const files = [
      await countyReturn('民政局.xlsx', '兰山区民政局', [['全市养老服务设施', '处', 120], ['示范性老年友好社区', '个', 3]]),
      // Another bureau reports one of the same figures, differently: a conflict.
      await countyReturn('住建局.xlsx', '兰山区住房城乡建设局', [['全市养老服务设施', '处', 126]]),
      // The first bureau's corrected return agrees with the second: the conflict is gone.
      await countyReturn('民政局（更正）.xlsx', '兰山区民政局', [['全市养老服务设施', '处', 126], ['示范性老年友好社区', '个', 3]]),
    ];
    const results = await service.importReturns({ files, override: { region: '兰山区' } });
    expect(results.map((r) => r.outcome)).toEqual(['imported', 'imported', 'imported']);

    const at = (c: ValueChange) => [c.indicator, c.region, c.year, c.before.status, c.before.value, c.after.status, c.after.value];
    expect(changesOf(service, '民政局.xlsx').map(at)).toEqual([
      ['B01', '兰山区', 2023, 'missing', null, 'ok', 120],
      ['B02', '兰山区', 2023, 'missing', null, 'ok', 3],
    ]);
    expect(changesOf(service, '住建局.xlsx').map(at)).toEqual([['B01', '兰山区', 2023, 'ok', 120, 'conflict', null]]);
    expect(changesOf(service, '民政局（更正）.xlsx').map(at)).toEqual([['B01', '兰山区', 2023, 'conflict', null, 'ok', 126]]);

    // What the batch recorded last is what a fresh look at the store says now.
    const now = snapshotValues(book.db, service.schema, [{ indicator: 'B01', region: '兰山区', year: 2023 }]);
    expect([...now.values()]).toEqual([{ value: 126, status: 'ok' }]);
    book.close();
  });
});
