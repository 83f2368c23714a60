import ExcelJS from 'exceljs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppService } from '../../../electron/services/app-service';
import { makeTempDir } from '../../support/temp-dir';

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('AppService', () => {
  it('refuses workbook methods until a workbook is open, then creates, reports and reopens one', async () => {
    const dir = makeTempDir();
    const app = new AppService({ settingsDir: dir });
    await expect(app.listValues({})).rejects.toMatchObject({ code: 'no_workbook' });
    expect(await app.workbookInfo({})).toBeNull();

    const file = path.join(dir, '临沂');
    const info = await app.createWorkbook({ path: file, source: { builtin: 'linyi-2022' }, region: '临沂市', subregions: ['兰山区', '临沂高新区'] });
    expect(info).toMatchObject({ name: '临沂.tzdb', region: '临沂市', subregions: ['兰山区', '临沂高新区'], schemaId: 'linyi-2022', baseYear: 2020, targetYear: 2025, returnCount: 0 });
    await app.setOperator({ name: '张敏' });
    await app.assignReporters({ bureau: '市人社局', codes: ['A01'] });
    const audit = await app.listAudit({});
    expect(audit[0]).toMatchObject({ action: 'assign_reporter', operator: '张敏' });
    app.close();

    const again = new AppService({ settingsDir: dir });
    expect((await again.recentWorkbooks({})).map((r) => [r.name, r.region])).toEqual([['临沂.tzdb', '临沂市']]);
    await again.openWorkbook({ path: `${file}.tzdb` });
    expect((await again.getSchema({})).indicators.find((i) => i.code === 'A01')).toMatchObject({ reporter: '市人力资源社会保障局', reporterProposed: false });
    again.close();
  });

  it('creates a workbook from pasted text and refuses unreadable lines', async () => {
    const dir = makeTempDir();
    const app = new AppService({ settingsDir: dir });
    const text = '指 标 2020年 2025年\n社会保障情况 基本养老保险参保率(%) 93.5 95\n长期护理保险参保率(%) 13 50\n';
    const preview = await app.previewPastedSchema({ text });
    expect(preview.rows.map((r) => [r.name, r.unit, r.baseline, r.target])).toEqual([
      ['基本养老保险参保率', '%', '93.5', '95'],
      ['长期护理保险参保率', '%', '13', '50'],
    ]);
    await expect(app.createWorkbook({ path: path.join(dir, 'x.tzdb'), source: { text: `${text}乱码一行\n` }, region: '临沂市', subregions: [] })).rejects.toMatchObject({ code: 'schema_unparsed' });
    const info = await app.createWorkbook({ path: path.join(dir, 'p.tzdb'), source: { text }, region: '临沂市', subregions: [] });
    expect((await app.getSchema({})).indicators.map((i) => i.name)).toEqual(['基本养老保险参保率', '长期护理保险参保率']);
    expect(info.baseYear).toBe(2020);
    app.close();
  });

  it('shows a source cell as the bureau saw it: a percent-formatted 0.82 as 82%', async () => {
    const dir = makeTempDir();
    const app = new AppService({ settingsDir: dir });
    await app.createWorkbook({ path: path.join(dir, 'w'), source: { builtin: 'linyi-2022' }, region: '临沂市', subregions: [] });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.addRow(['填报单位：市民政局']);
    sheet.addRow(['指标名称', '单位', '2023年']);
    sheet.addRow(['养老机构护理型养老床位占比', '%', 0.82]);
    sheet.getCell('C3').numFmt = '0%';
    const file = { name: '民政局.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
    // Bureau, year, name and value columns all found: the file imports without asking.
    expect((await app.previewImport({ file })).confident).toBe(true);
    const [result] = await app.importReturns({ files: [file] });
    expect(result).toMatchObject({ outcome: 'imported', year: 2023 });
    expect((await app.listValues({ year: 2023, region: '临沂市' })).find((v) => v.indicator === 'D01')).toMatchObject({ value: 82 });
    const context = await app.sourceContext({ file: '民政局.xlsx', sheet: 'Sheet1', cell: 'C3' });
    expect(context.rows[context.focus.row]![context.focus.col]).toBe('82%');
    app.close();
  });

  it('runs a write asked for while a batch imports after the batch, never among its files', async () => {
    const dir = makeTempDir();
    const app = new AppService({ settingsDir: dir });
    await app.createWorkbook({ path: path.join(dir, 'w'), source: { builtin: 'linyi-2022' }, region: '临沂市', subregions: [] });
    const files = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => ({
        name: `民政局${i + 1}.xlsx`,
        bytes: await xlsx([['填报单位：市民政局'], ['指标名称', '单位', '2023年'], ['养老机构护理型养老床位占比', '%', 60 + i]]),
      })),
    );
    const batch = app.importReturns({ files });
    // Asked for while the batch waits for its first file to be read.
    const assigned = app.assignReporters({ bureau: '市人社局', codes: ['A01'] });
    expect((await batch).map((r) => r.outcome)).toEqual(files.map(() => 'imported'));
    await assigned;
    const actions = (await app.listAudit({})).reverse().map((entry) => entry.action).filter((a) => a === 'import_return' || a === 'assign_reporter');
    expect(actions).toEqual([...files.map(() => 'import_return'), 'assign_reporter']);
    app.close();
  });

  it('offers an unreadable layout for correction, imports it as corrected, and shows the source cell', async () => {
    const dir = makeTempDir();
    const app = new AppService({ settingsDir: dir });
    await app.createWorkbook({ path: path.join(dir, 'w.tzdb'), source: { builtin: 'linyi-2022' }, region: '临沂市', subregions: [] });
    const file = { name: '人社局.xlsx', bytes: await xlsx([['项目', '计量', '数'], ['基本养老保险参保率', '%', 94.1], ['长期护理保险参保人数', '万人', 0.52]]) };
    const preview = await app.previewImport({ file });
    // A headed column left unread (计量 holds the units): the preview says the officer must look.
    expect(preview.confident).toBe(false);
    expect(preview.sheets[0]!.columns.map((c) => [c.header, c.role])).toEqual([['项目', 'name'], ['计量', 'ignore'], ['数', 'ignore']]);
    expect(preview.sheets[0]!.sample[0]).toEqual(['项目', '计量', '数']);
    const layout = preview.layout!;
    layout.sheets[0]!.columns = layout.sheets[0]!.columns!.map((c) =>
      c.header === '计量' ? { ...c, role: 'unit' as const } : c.header === '数' ? { ...c, role: 'value' as const, year: 2023 } : c,
    );
    const [result] = await app.importReturns({ files: [file], override: { layout, bureau: '市人社局', year: 2023, remember: true } });
    expect(result).toMatchObject({ outcome: 'imported', bureau: '市人力资源社会保障局', year: 2023, matched: 1, unmatched: 1 });
    const value = (await app.listValues({ year: 2023, region: '临沂市' })).find((v) => v.indicator === 'A01')!;
    expect(value).toMatchObject({ value: 94.1, sources: [{ file: '人社局.xlsx', sheet: 'Sheet1', cell: 'C2' }] });

    const context = await app.sourceContext({ file: '人社局.xlsx', sheet: 'Sheet1', cell: 'C2' });
    expect(context.rows[context.focus.row]![context.focus.col]).toBe('94.1');
    expect(context.rows[0]).toEqual(['项目', '计量', '数']);

    // The correction was remembered for 市人社局: its next year's file imports by itself.
    const next = { name: '人社局2024.xlsx', bytes: await xlsx([['填报单位：市人社局'], ['项目', '计量', '数'], ['基本养老保险参保率', '%', 94.6]]) };
    const [second] = await app.importReturns({ files: [next], year: 2024 });
    expect(second).toMatchObject({ outcome: 'imported', bureau: '市人力资源社会保障局', year: 2024, values: 1 });
    expect((await app.listValues({ year: 2024, region: '临沂市' })).find((v) => v.indicator === 'A01')!.value).toBe(94.6);
    app.close();
  });
});

describe('AppService: a workbook edited outside the app', () => {
  it('tells the officer what changed on every workbookInfo, and takes her acceptance once, audited', async () => {
    const dir = makeTempDir();
    const app = new AppService({ settingsDir: dir });
    const file = path.join(dir, '临沂.tzdb');
    await app.createWorkbook({ path: file, source: { builtin: 'linyi-2022' }, region: '临沂市', subregions: [] });
    await app.assignReporters({ bureau: '市人社局', codes: ['A01'] });
    expect((await app.workbookInfo({}))!.outsideChanges).toEqual([]);
    app.close();

    // Someone with an SQLite tool rewrites an audit row.
    const raw = new Database(file);
    raw.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    raw.prepare("UPDATE audit SET operator = '别人' WHERE action = 'assign_reporter'").run();
    raw.close();

    const again = new AppService({ settingsDir: dir });
    const info = await again.openWorkbook({ path: file });
    expect(info.outsideChanges.length).toBeGreaterThan(0);
    expect(info.outsideChanges.join('')).toMatch(/审计/);
    const accepted = await again.acceptOutsideChanges({ note: '已与纸质记录核对' });
    expect(accepted).toEqual(info.outsideChanges);
    expect((await again.workbookInfo({}))!.outsideChanges).toEqual([]);
    expect((await again.listAudit({})).some((entry) => entry.note === '已与纸质记录核对')).toBe(true);
    again.close();
  });
});
