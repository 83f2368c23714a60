import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppService } from '../../../electron/services/app-service';
import { makeTempDir } from '../../support/temp-dir';

/** A 民政局 return for `year` with one figure: 养老机构护理型养老床位占比 (D01, %). */
async function civilAffairs(year: number, value: number): Promise<{ name: string; bytes: Uint8Array }> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(['填报单位：市民政局']);
  sheet.addRow(['指标名称', '单位', `${year}年`]);
  sheet.addRow(['养老机构护理型养老床位占比', '%', value]);
  return { name: `民政局${year}.xlsx`, bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
}

async function openLinyi(dir: string): Promise<AppService> {
  const app = new AppService({ settingsDir: dir });
  await app.createWorkbook({ path: path.join(dir, '临沂市.tzdb'), source: { builtin: 'linyi-2022' }, region: '临沂市', subregions: ['兰山区'] });
  return app;
}

describe('另存为/备份副本 from the app', () => {
  it('writes a copy that opens with the same figures, leaves the open workbook in use, and asks before replacing a file', async () => {
    const dir = makeTempDir();
    const app = await openLinyi(dir);
    await app.importReturns({ files: [await civilAffairs(2023, 61.5)] });
    const copy = path.join(dir, '副本', '临沂市-备份');
    await expect(app.saveWorkbookCopy({ path: 'relative.tzdb' })).rejects.toMatchObject({ code: 'relative_path' });
    // A folder not there yet is made, as 新建工作簿 makes one.
    const written = await app.saveWorkbookCopy({ path: copy });
    expect(written.path).toBe(`${copy}.tzdb`);
    // The open workbook is still the one written to.
    expect((await app.workbookInfo({}))?.name).toBe('临沂市.tzdb');
    await app.importReturns({ files: [await civilAffairs(2024, 63)] });
    await expect(app.saveWorkbookCopy({ path: written.path })).rejects.toMatchObject({ code: 'workbook_exists' });
    await expect(app.saveWorkbookCopy({ path: path.join(dir, '临沂市.tzdb'), overwrite: true })).rejects.toMatchObject({ message: expect.stringMatching(/临沂市\.tzdb/) });
    app.close();

    const reader = new AppService({ settingsDir: dir });
    await reader.openWorkbook({ path: written.path, readOnly: true });
    expect((await reader.listValues({ year: 2023, region: '临沂市' })).find((v) => v.indicator === 'D01')).toMatchObject({ value: 61.5 });
    // Made before the 2024 return arrived: the copy is the workbook as it was then.
    expect((await reader.listReturns({})).map((r) => r.year)).toEqual([2023]);
    reader.close();
  });

  it('replaces an older copy once the officer says so', async () => {
    const dir = makeTempDir();
    const app = await openLinyi(dir);
    const target = path.join(dir, '备份.tzdb');
    await app.saveWorkbookCopy({ path: target });
    await app.importReturns({ files: [await civilAffairs(2023, 61.5)] });
    await app.saveWorkbookCopy({ path: target, overwrite: true });
    app.close();
    const reader = new AppService({ settingsDir: dir });
    await reader.openWorkbook({ path: target, readOnly: true });
    expect((await reader.listReturns({})).length).toBe(1);
    reader.close();
  });
});

describe('转入下一规划期 from the app', () => {
  it('makes the 2030 workbook with this plan’s final values as baselines, says what it could not carry, and leaves this one open', async () => {
    const dir = makeTempDir();
    const app = await openLinyi(dir);
    await app.importReturns({ files: [await civilAffairs(2024, 63), await civilAffairs(2025, 66.4)] });
    const target = path.join(dir, '临沂市2025—2030年指标台账.tzdb');
    await expect(app.rolloverWorkbook({ path: target, targetYear: 2025 })).rejects.toMatchObject({ code: 'bad_target_year' });
    expect(existsSync(target)).toBe(false);

    const summary = await app.rolloverWorkbook({ path: target, targetYear: 2030 });
    const schema = await app.getSchema({});
    expect(summary).toMatchObject({ path: target, name: '临沂市2025—2030年指标台账.tzdb', baseYear: 2025, targetYear: 2030, indicators: schema.indicators.length, baseYearOpen: true });
    // Only D01 reported: every other indicator's baseline is left to fill, and said so.
    expect(summary.withoutBaseline).toHaveLength(schema.indicators.length - 1);
    expect(summary.withoutBaseline).not.toContain('养老机构护理型养老床位占比');
    expect((await app.workbookInfo({}))?.name).toBe('临沂市.tzdb');
    await expect(app.rolloverWorkbook({ path: target, targetYear: 2030 })).rejects.toMatchObject({ code: 'workbook_exists' });

    await app.signOffYear({ year: 2025, note: '终期评估定稿' });
    const again = await app.rolloverWorkbook({ path: target, targetYear: 2030, force: true });
    expect(again.baseYearOpen).toBe(false);
    app.close();

    const next = new AppService({ settingsDir: dir });
    // The new workbook is offered among the recent ones.
    expect((await next.recentWorkbooks({})).map((r) => r.name)).toContain('临沂市2025—2030年指标台账.tzdb');
    const info = await next.openWorkbook({ path: target });
    expect(info).toMatchObject({ baseYear: 2025, targetYear: 2030, region: '临沂市', subregions: ['兰山区'] });
    const d01 = (await next.getSchema({})).indicators.find((i) => i.code === 'D01');
    expect(d01).toMatchObject({ baselineYear: 2025, baselineValue: 66.4, targetYear: 2030, targetValue: null });
    expect(d01?.notes).toMatch(/民政局2025\.xlsx/);
    expect((await next.listAudit({}))[0]).toMatchObject({ action: 'rollover' });
    next.close();
  });
});
