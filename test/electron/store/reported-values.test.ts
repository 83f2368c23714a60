import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileBytes } from '../../../shared/api/contract';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { listReportedValueRows } from '../../../electron/store/reported-values';
import { makeReturn, type ReturnRow } from '../../support/make-return';
import { makeTempDir } from '../../support/temp-dir';

async function returnFile(dir: string, name: string, bureau: string, year: number, rows: ReturnRow[]): Promise<FileBytes> {
  const file = await makeReturn(dir, name, { bureau, year, rows });
  return { name, bytes: new Uint8Array(readFileSync(file)) };
}

/**
 * A linyi-2022 workbook for 临沂市 with 兰山区 and 罗庄区, and four returns imported the way the
 * officer imports them: 市民政局's 2023 figures (one row the plan does not list, one percentage
 * typed as text), 市卫生健康委's (withdrawn later), 兰山区民政局's, and 市民政局's 2022 figures.
 */
async function filledWorkbook() {
  const dir = makeTempDir();
  const workbook = createWorkbookFromSchema(path.join(dir, '临沂市养老托育指标台账.tzdb'), {
    schema: loadBuiltinSchema('linyi-2022'),
    region: '临沂市',
    subregions: ['兰山区', '罗庄区'],
  });
  const service = new WorkbookService(workbook);
  const results = await service.importReturns({
    files: [
      await returnFile(dir, '市民政局2023年养老服务指标.xlsx', '市民政局', 2023, [
        { name: '示范性老年友好社区', unit: '个', value: 8 },
        { name: '养老机构护理型床位占比', unit: '%', value: '52.5%' },
        { name: '老年助餐点数量', unit: '个', value: 126 },
      ]),
      await returnFile(dir, '卫健委2023年托育指标.xlsx', '市卫生健康委', 2023, [{ name: '登记备案的托育机构数', unit: '处', value: 95 }]),
      await returnFile(dir, '兰山区民政局2023年指标.xlsx', '兰山区民政局', 2023, [{ name: '人均预期寿命', unit: '岁', value: 79.35 }]),
      await returnFile(dir, '市民政局2022年养老服务指标.xlsx', '市民政局', 2022, [{ name: '示范性老年友好社区', unit: '个', value: 6 }]),
    ],
  });
  expect(results.map((r) => [r.outcome, r.bureau, r.region, r.year])).toEqual([
    ['imported', '市民政局', '临沂市', 2023],
    ['imported', '市卫生健康委', '临沂市', 2023],
    ['imported', '兰山区民政局', '兰山区', 2023],
    ['imported', '市民政局', '临沂市', 2022],
  ]);
  return { workbook, service, results };
}

describe('listReportedValueRows', () => {
  it('lists every cell of the year with its indicator, the row as read, and its source', async () => {
    const { workbook, service, results } = await filledWorkbook();
    await service.withdrawReturn({ returnId: results[1]!.returnId!, note: '误导入' });

    const rows = listReportedValueRows(workbook.db, 2023);
    expect(
      rows.map((r) => [r.indicator, r.name, r.decimals, r.rowName, r.region, r.year, r.role, r.value, r.rawText, r.unit, r.matchMethod, r.source.bureau, r.source.file, r.source.cell]),
    ).toEqual([
      ['B02', '示范性老年友好社区', 0, '示范性老年友好社区', '临沂市', 2023, 'value', 8, '8', '个', 'exact', '市民政局', '市民政局2023年养老服务指标.xlsx', 'C4'],
      ['D01', '养老机构护理型养老床位占比', 0, '养老机构护理型床位占比', '临沂市', 2023, 'value', 52.5, '52.5%', '%', 'alias', '市民政局', '市民政局2023年养老服务指标.xlsx', 'C5'],
      [null, null, null, '老年助餐点数量', '临沂市', 2023, 'value', 126, '126', '个', null, '市民政局', '市民政局2023年养老服务指标.xlsx', 'C6'],
      ['D08', '人均预期寿命', 2, '人均预期寿命', '兰山区', 2023, 'value', 79.35, '79.35', '岁', 'exact', '兰山区民政局', '兰山区民政局2023年指标.xlsx', 'C4'],
    ]);
    expect(rows.every((r) => r.source.sheet === 'Sheet1')).toBe(true);
    // Each row names its return, so the grid can tell two bureaus' cells apart.
    expect(rows.map((r) => r.returnId)).toEqual([results[0]!.returnId, results[0]!.returnId, results[0]!.returnId, results[2]!.returnId]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    workbook.close();
  });

  it('keeps to the region asked for, and to the year', async () => {
    const { workbook } = await filledWorkbook();
    expect(listReportedValueRows(workbook.db, 2023, '兰山区').map((r) => [r.indicator, r.value])).toEqual([['D08', 79.35]]);
    expect(listReportedValueRows(workbook.db, 2023, '罗庄区')).toEqual([]);
    expect(listReportedValueRows(workbook.db, 2022).map((r) => [r.indicator, r.value, r.source.file])).toEqual([['B02', 6, '市民政局2022年养老服务指标.xlsx']]);
    expect(listReportedValueRows(workbook.db, 2024)).toEqual([]);
    workbook.close();
  });

  it('brings a withdrawn return’s cells back when it is restored', async () => {
    const { workbook, service, results } = await filledWorkbook();
    const health = results[1]!.returnId!;
    await service.withdrawReturn({ returnId: health });
    expect(listReportedValueRows(workbook.db, 2023).some((r) => r.returnId === health)).toBe(false);
    await service.restoreReturn({ returnId: health });
    expect(listReportedValueRows(workbook.db, 2023).filter((r) => r.returnId === health).map((r) => [r.indicator, r.name, r.value])).toEqual([
      ['B03', '登记备案的托育机构数', 95],
    ]);
    workbook.close();
  });
});
