import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileBytes } from '../../../shared/api/contract';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { insertNewReturnValues, listReportedRecordsOfReturn, listReportedValueRows } from '../../../electron/store/reported-values';
import { insertReturn } from '../../../electron/store/returns';
import type { ReturnValue } from '../../../shared/import/read-return-values';
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
      rows.map((r) => [r.indicator, r.name, r.decimals, r.rowName, r.region, r.year, r.role, r.value, r.rawText, r.unit, r.matchMethod, r.bureau, r.file, r.cell]),
    ).toEqual([
      ['B02', '示范性老年友好社区', 0, '示范性老年友好社区', '临沂市', 2023, 'value', 8, '8', '个', 'exact', '市民政局', '市民政局2023年养老服务指标.xlsx', 'C4'],
      ['D01', '养老机构护理型养老床位占比', 0, '养老机构护理型床位占比', '临沂市', 2023, 'value', 52.5, '52.5%', '%', 'alias', '市民政局', '市民政局2023年养老服务指标.xlsx', 'C5'],
      [null, null, null, '老年助餐点数量', '临沂市', 2023, 'value', 126, '126', '个', null, '市民政局', '市民政局2023年养老服务指标.xlsx', 'C6'],
      ['D08', '人均预期寿命', 2, '人均预期寿命', '兰山区', 2023, 'value', 79.35, '79.35', '岁', 'exact', '兰山区民政局', '兰山区民政局2023年指标.xlsx', 'C4'],
    ]);
    expect(rows.every((r) => r.sheet === 'Sheet1')).toBe(true);
    // Each row names its return, so the grid can tell two bureaus' cells apart.
    expect(rows.map((r) => r.returnId)).toEqual([results[0]!.returnId, results[0]!.returnId, results[0]!.returnId, results[2]!.returnId]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    workbook.close();
  });

  it('keeps to the region asked for, and to the year', async () => {
    const { workbook } = await filledWorkbook();
    expect(listReportedValueRows(workbook.db, 2023, '兰山区').map((r) => [r.indicator, r.value])).toEqual([['D08', 79.35]]);
    expect(listReportedValueRows(workbook.db, 2023, '罗庄区')).toEqual([]);
    expect(listReportedValueRows(workbook.db, 2022).map((r) => [r.indicator, r.value, r.file])).toEqual([['B02', 6, '市民政局2022年养老服务指标.xlsx']]);
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

describe('insertNewReturnValues', () => {
  function storedReturn(fileName: string, bureau: string | null) {
    const workbook = createWorkbookFromSchema(path.join(makeTempDir(), 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区'] });
    const returnId = insertReturn(workbook.db, {
      sha256: 'x',
      fileName,
      bytes: new Uint8Array([1]),
      bureau,
      region: '兰山区',
      year: 2023,
      title: '',
      contactPerson: '',
      contactPhone: '',
      reviewer: '',
      importedAt: '2024-01-01T00:00:00.000Z',
      layout: null,
      meta: null,
    });
    return { workbook, returnId };
  }

  const cell = (over: Partial<ReturnValue>): ReturnValue => ({
    indicator: 'B02',
    rowName: '示范性老年友好社区',
    region: '兰山区',
    year: 2023,
    role: 'value',
    value: 8,
    rawText: '8',
    unit: '个',
    matchMethod: 'exact',
    matchScore: 1,
    sheet: 'Sheet1',
    cell: 'C4',
    problem: null,
    ...over,
  });

  // The import's audit consolidates these records in place of reading them back: they must be the same.
  it('gives back the records reading the stored cells gives, problems, NaN and negative zero included', () => {
    const { workbook, returnId } = storedReturn('兰山区民政局.xlsx', '兰山区民政局');
    const values = [
      cell({}),
      cell({ indicator: null, rowName: '其中：农村敬老院', value: 12.5, rawText: '12.5', cell: 'C5', matchMethod: null, matchScore: 0, problem: { kind: 'unmatched_row', candidates: [{ code: 'B03', name: '养老机构', score: 0.4 }], nameCell: 'A5' } }),
      cell({ value: null, rawText: '——', cell: 'C6', problem: { kind: 'unparseable_value', text: '——' } }),
      cell({ value: -0, rawText: '-0', cell: 'C7' }),
      cell({ value: Number.NaN, rawText: 'NaN', cell: 'C8' }),
      cell({ role: 'target', year: 2025, value: 30, rawText: '30', cell: 'D4', problem: { kind: 'unit_converted', from: '万人', to: '人', original: 0.003 } }),
    ];
    const records = insertNewReturnValues(workbook.db, { returnId, state: 'counted', bureau: '兰山区民政局', file: '兰山区民政局.xlsx' }, values);
    expect(records).toEqual(listReportedRecordsOfReturn(workbook.db, returnId));
    expect(records.map((r) => Object.is(r.value, -0))).not.toContain(true);
    workbook.close();
  });

  // Cells go in many to a statement: the ids handed back must be the ones each cell got.
  it('gives each of many cells its own id, across statements and after cells already stored', () => {
    const { workbook, returnId } = storedReturn('兰山区民政局.xlsx', '兰山区民政局');
    insertNewReturnValues(workbook.db, { returnId, state: 'counted', bureau: '兰山区民政局', file: '兰山区民政局.xlsx' }, [cell({ cell: 'B2' }), cell({ cell: 'B3' })]);
    const many = Array.from({ length: 71 }, (_, i) => cell({ cell: `C${i + 4}`, value: i, rawText: String(i), rowName: `第${i}行` }));
    const records = insertNewReturnValues(workbook.db, { returnId, state: 'counted', bureau: '兰山区民政局', file: '兰山区民政局.xlsx' }, many);
    expect(records).toEqual(listReportedRecordsOfReturn(workbook.db, returnId).slice(2));
    expect(records.map((r) => r.cell)).toEqual(many.map((v) => v.cell));
    workbook.close();
  });

  it('reads back text with a lone surrogate, which the store does not keep as it was', () => {
    const { workbook, returnId } = storedReturn('报表.xlsx', null);
    const records = insertNewReturnValues(workbook.db, { returnId, state: 'counted', bureau: null, file: '报表.xlsx' }, [cell({ rowName: '养老\uD800床位' })]);
    expect(records).toEqual(listReportedRecordsOfReturn(workbook.db, returnId));
    expect(records[0]!.rowName).not.toBe('养老\uD800床位');
    workbook.close();
  });
});
