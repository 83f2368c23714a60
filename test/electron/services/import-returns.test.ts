import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { FileBytes } from '../../../shared/api/contract';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { snapshotValues } from '../../../electron/services/value-changes';
import type { ValueChange } from '../../../shared/domain';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { listAudit } from '../../../electron/store/audit';
import { makeTempDir } from '../../support/temp-dir';

/** How often a batch reads every region's cells of an indicator from the store. */
const storeReads = vi.hoisted(() => ({ wide: 0 }));
vi.mock('../../../electron/store/reported-values', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/store/reported-values')>();
  return {
    ...real,
    listReportedRecordsFor: (...args: Parameters<typeof real.listReportedRecordsFor>) => {
      storeReads.wide++;
      return real.listReportedRecordsFor(...args);
    },
  };
});

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

/** A county bureau's return of `year` with its 上年完成值 beside (null leaves the cell empty). */
async function yearReturn(name: string, bureau: string, year: number, rows: [string, string, number, number | null][]): Promise<FileBytes> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([`${year}年兰山区养老托育服务指标完成情况`]);
  sheet.addRow([`填报单位：${bureau}`]);
  sheet.addRow(['指标名称', '单位', `${year}年完成值`, '上年完成值']);
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

  it('records the workbook region’s changes from what the batch already read: every region’s cells of an indicator once, not around every file', async () => {
    const dir = makeTempDir();
    const book = createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] });
    const service = new WorkbookService(book);
    // A county's figure first, stored in an earlier batch: the city's own figures stand beside it.
    await service.importReturns({ files: [await countyReturn('兰山区民政局.xlsx', '兰山区民政局', [['全市养老服务设施', '处', 120]])], override: { region: '兰山区' } });
    storeReads.wide = 0;
    const files = [
      await countyReturn('市民政局.xlsx', '市民政局', [['全市养老服务设施', '处', 980], ['示范性老年友好社区', '个', 8]]),
      await countyReturn('市住建局.xlsx', '市住房城乡建设局', [['全市养老服务设施', '处', 990]]),
      await countyReturn('市民政局（更正）.xlsx', '市民政局', [['全市养老服务设施', '处', 990], ['示范性老年友好社区', '个', 8]]),
    ];
    const results = await service.importReturns({ files, override: { region: '临沂市' } });
    expect(results.map((r) => r.outcome)).toEqual(['imported', 'imported', 'imported']);
    const at = (c: ValueChange) => [c.indicator, c.region, c.year, c.before.status, c.before.value, c.after.status, c.after.value];
    expect(changesOf(service, '市民政局.xlsx').map(at)).toEqual([
      ['B01', '临沂市', 2023, 'missing', null, 'ok', 980],
      ['B02', '临沂市', 2023, 'missing', null, 'ok', 8],
    ]);
    expect(changesOf(service, '市住建局.xlsx').map(at)).toEqual([['B01', '临沂市', 2023, 'ok', 980, 'conflict', null]]);
    expect(changesOf(service, '市民政局（更正）.xlsx').map(at)).toEqual([['B01', '临沂市', 2023, 'conflict', null, 'ok', 990]]);
    // Read from the store once for the batch: B01 and B02 of 2023 in every region.
    expect(storeReads.wide).toBe(1);
    const now = snapshotValues(book.db, service.schema, [{ indicator: 'B01', region: '临沂市', year: 2023 }]);
    expect([...now.values()]).toEqual([{ value: 990, status: 'ok' }]);
    book.close();
  });
});

describe('a batch cancelled part-way', () => {
  it('records the same changes in one batch as file by file, where a file stores cells of another year than its own (上年完成值)', async () => {
    // 2022 is met empty (its first return), then 2023's returns store 2022's figures too (上年完成值)
    // at keys no file of 2022 has reported yet, then 2022's next return reports one of them.
    const files = async () => [
      await yearReturn('民政局2022.xlsx', '兰山区民政局', 2022, [['示范性老年友好社区', '个', 2, null]]),
      await yearReturn('民政局2023.xlsx', '兰山区民政局', 2023, [['全市养老服务设施', '处', 120, 100], ['示范性老年友好社区', '个', 3, 2]]),
      await yearReturn('住建局2023.xlsx', '兰山区住房城乡建设局', 2023, [['全市养老服务设施', '处', 120, 98]]),
      await yearReturn('住建局2022.xlsx', '兰山区住房城乡建设局', 2022, [['全市养老服务设施', '处', 98, null]]),
    ];
    const changesAfter = async (batches: FileBytes[][]) => {
      const book = createWorkbookFromSchema(path.join(makeTempDir(), 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] });
      const service = new WorkbookService(book);
      for (const batch of batches) {
        const results = await service.importReturns({ files: batch, override: { region: '兰山区' } });
        expect(results.map((r) => r.outcome)).toEqual(batch.map(() => 'imported'));
      }
      const changes = Object.fromEntries(batches.flat().map((f) => [f.name, changesOf(service, f.name)]));
      book.close();
      return changes;
    };
    const together = await changesAfter([await files()]);
    const apart = await changesAfter((await files()).map((f) => [f]));
    expect(together).toEqual(apart);
    expect(together['民政局2022.xlsx']!.map((c) => [c.indicator, c.year, c.before.status, c.after.status])).toEqual([['B02', 2022, 'missing', 'ok']]);
    // A 上年完成值 is checked against the year's own figure; it does not stand for it.
    expect(together['住建局2022.xlsx']!.map((c) => [c.indicator, c.year, c.before.status, c.after.status, c.after.value])).toEqual([['B01', 2022, 'missing', 'ok', 98]]);
    expect(together['住建局2023.xlsx']!.map((c) => [c.indicator, c.year, c.before.value, c.after.value])).toEqual([]);
  });

  it('keeps every file it stored, each once with its audit entry, and reads no further', async () => {
    const dir = makeTempDir();
    const book = createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] });
    const service = new WorkbookService(book);
    const files = await Promise.all(
      Array.from({ length: 20 }, (_, i) => countyReturn(`民政局${i + 1}.xlsx`, '兰山区民政局', [['全市养老服务设施', '处', 100 + i]])),
    );
    const cancel = new AbortController();
    const results = await service.importReturns({
      files,
      override: { region: '兰山区' },
      signal: cancel.signal,
      // The officer cancels as the eighth file comes up.
      onProgress: (done) => {
        if (done === 7) cancel.abort();
      },
    });
    expect(results.length).toBeGreaterThanOrEqual(7);
    expect(results.length).toBeLessThan(files.length);
    expect(results.every((r) => r.outcome === 'imported')).toBe(true);
    // What the batch reported stored is stored, in order, each with its audit entry.
    const stored = await service.listReturns({});
    expect(stored.map((r) => r.file).sort()).toEqual(results.map((r) => r.file).sort());
    const audited = listAudit(book.db).filter((e) => e.action === 'import_return').map((e) => e.target);
    expect(audited).toEqual(results.map((r) => r.file));
    // Committed, not merely visible to this connection: another one sees them all.
    const other = new Database(book.path, { readonly: true });
    expect(other.prepare('SELECT count(*) AS n FROM returns').get()).toEqual({ n: results.length });
    other.close();
    book.close();
  });
});

describe('importing where the officer has already decided', () => {
  it('records a figure filled in by hand as the value before, not as missing', async () => {
    const dir = makeTempDir();
    const book = createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] });
    const service = new WorkbookService(book);
    await service.assignReporters({ bureau: '市民政局', codes: ['B02'] });
    // A first return opens 2023; a figure its bureau did not send is missing, and is filled in by hand.
    await service.importReturns({ files: [await countyReturn('市民政局.xlsx', '市民政局', [['全市养老服务设施', '处', 980]])], override: { region: '临沂市' } });
    const missing = (await service.listFindings({ year: 2023 })).find((f) => f.kind === 'missing' && f.region === '临沂市')!;
    expect(missing).toBeDefined();
    await service.resolveFinding({ findingId: missing.id, resolution: { action: 'override', value: 7, note: '据电话核实' } });
    const indicator = service.schema.indicators.find((i) => i.code === missing.indicator)!;

    // Then its bureau's return brings the figure: the audit says what it replaced.
    const late = await countyReturn('补报.xlsx', '市民政局', [[indicator.name, indicator.unit, 9]]);
    expect((await service.importReturns({ files: [late], override: { region: '临沂市' } }))[0]!.outcome).toBe('imported');
    const at = (c: ValueChange) => [c.indicator, c.region, c.year, c.before.status, c.before.value, c.after.status, c.after.value];
    expect(changesOf(service, '补报.xlsx').map(at)).toEqual([[indicator.code, '临沂市', 2023, 'resolved', 7, 'ok', 9]]);
    book.close();
  });
});

describe('a yearbook district table through the app’s preview', () => {
  /** Regions down the rows, indicators across, as the 统计局 sends it each year. */
  async function districtTable(name: string, year: number, figures: [string, number, number][]): Promise<FileBytes> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('3-2');
    sheet.addRow([`${year}年各县区主要指标`]);
    sheet.addRow(['填报单位：临沂市统计局']);
    sheet.addRow(['地区', '常住人口（万人）', '全市养老服务设施（处）']);
    for (const row of figures) sheet.addRow(row);
    return { name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
  }

  it('previews the region rows, imports what it previewed, and reads next year’s table by the remembered layout', async () => {
    const dir = makeTempDir();
    const book = createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] });
    const service = new WorkbookService(book);
    const first = await districtTable('2022年县区.xlsx', 2022, [['全市', 1099.4, 980], ['兰山区', 145.2, 120], ['罗庄区', 60.8, 50]]);
    const preview = await service.previewImport({ file: first });
    expect(preview.sheets[0]!.columns.map((c) => [c.header, c.role])).toEqual([
      ['地区', 'region'],
      ['常住人口（万人）', 'value'],
      ['全市养老服务设施（处）', 'value'],
    ]);
    const [imported] = await service.importReturns({ files: [first], override: { layout: preview.layout!, remember: true, bureau: '市统计局' } });
    expect(imported).toMatchObject({ outcome: 'imported', year: 2022 });
    const facilities = (await service.listValues({ year: 2022 })).filter((v) => v.name === '全市养老服务设施' && !v.rollup);
    expect(facilities.map((v) => [v.region, v.value]).sort()).toEqual([['临沂市', 980], ['兰山区', 120], ['罗庄区', 50]].sort());
    const next = await districtTable('2023年县区.xlsx', 2023, [['全市', 1098.1, 1001], ['兰山区', 146.0, 125], ['罗庄区', 61.2, 52]]);
    const [again] = await service.importReturns({ files: [next] });
    expect(again).toMatchObject({ outcome: 'imported', year: 2023 });
    const later = (await service.listValues({ year: 2023 })).filter((v) => v.name === '全市养老服务设施' && !v.rollup);
    expect(later.map((v) => [v.region, v.value]).sort()).toEqual([['临沂市', 1001], ['兰山区', 125], ['罗庄区', 52]].sort());
    book.close();
  });
});

describe('a formula’s cached result', () => {
  it('takes a formula that came to 0 as a reported 0, not as a figure left out', async () => {
    const book = createWorkbookFromSchema(path.join(makeTempDir(), 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] });
    const service = new WorkbookService(book);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['2023年兰山区养老托育服务指标完成情况']);
    sheet.addRow(['填报单位：兰山区民政局']);
    sheet.addRow(['指标名称', '单位', '上年值', '本年新增', '2023年完成值']);
    // 示范性老年友好社区: none last year, none added: the bureau's sum comes to 0.
    sheet.addRow(['示范性老年友好社区', '个', 0, 0, { formula: 'C4+D4', result: 0 }]);
    sheet.addRow(['全市养老服务设施', '处', 90, 5, { formula: 'C5+D5', result: 95 }]);
    const file = { name: '兰山区民政局2023.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
    const [result] = await service.importReturns({ files: [file] });
    expect(result).toMatchObject({ outcome: 'imported', region: '兰山区', values: 2 });
    const values = await service.listValues({ year: 2023, region: '兰山区' });
    expect(values.filter((v) => v.indicator === 'B01' || v.indicator === 'B02').map((v) => [v.indicator, v.value, v.status]).sort()).toEqual([
      ['B01', 95, 'ok'],
      ['B02', 0, 'ok'],
    ]);
    book.close();
  });
});
