import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBuiltinSchema } from '../../electron/services/builtin-schemas';
import { WorkbookService } from '../../electron/services/workbook-service';
import { createWorkbook, type Workbook } from '../../electron/store/open';
import { withProposedReporters } from '../../shared/schema/reporters';
import { makeTempDir } from '../support/temp-dir';

const open: Workbook[] = [];
afterEach(() => {
  for (const workbook of open.splice(0)) workbook.close();
});

/** The Linyi workbook with the app's proposals (the first-named responsible bureau) not yet confirmed. */
function service(): WorkbookService {
  const dir = makeTempDir();
  const schema = loadBuiltinSchema('linyi-2022');
  const workbook = createWorkbook(path.join(dir, 'w.tzdb'), { schema: { ...schema, indicators: withProposedReporters(schema.indicators) }, region: '临沂市', subregions: ['兰山区'], operator: '张敏' });
  open.push(workbook);
  return new WorkbookService(workbook);
}

const reporterOf = (s: WorkbookService, code: string) => {
  const i = s.schema.indicators.find((x) => x.code === code)!;
  return { reporter: i.reporter, proposed: i.reporterProposed };
};

describe('bulk assignment of 填报单位 that cannot surprise', () => {
  it('assigns twice without overwriting the first: the second is refused with the count until confirmed', async () => {
    const s = service();
    expect(reporterOf(s, 'C01')).toEqual({ reporter: '市发展改革委', proposed: true });
    // A proposal is the app's guess: replacing it asks nothing.
    expect(await s.assignReporters({ bureau: '市民政局', codes: ['B01', 'B02', 'C01'] })).toHaveLength(3);

    const second = s.assignReporters({ bureau: '市卫健委', codes: ['B02', 'C01', 'C02', 'B03'] });
    await expect(second).rejects.toMatchObject({
      code: 'overwrite_unconfirmed',
      message: expect.stringMatching(/将覆盖 2 个已指定填报单位的指标（示范性老年友好社区：市民政局；街道综合养老服务中心覆盖率：市民政局）/),
    });
    // Refused means untouched, and not audited.
    expect(reporterOf(s, 'B02')).toEqual({ reporter: '市民政局', proposed: false });
    expect(reporterOf(s, 'C02')).toEqual({ reporter: '市发展改革委', proposed: true });
    expect((await s.listAudit()).filter((e) => e.action === 'assign_reporter')).toHaveLength(1);

    // Only the unassigned ones: the first assignment stands.
    const rest = await s.assignReporters({ bureau: '市卫健委', codes: ['B02', 'C01', 'C02', 'B03'], unassigned: true });
    expect(rest.map((c) => c.code)).toEqual(['B03', 'C02']);
    expect(reporterOf(s, 'B02')).toEqual({ reporter: '市民政局', proposed: false });
    expect(reporterOf(s, 'C02')).toEqual({ reporter: '市卫生健康委', proposed: false });

    // Confirmed, it overwrites, one entry holding each indicator before and after.
    const confirmed = await s.assignReporters({ bureau: '市卫健委', codes: ['B02', 'B03'], confirmOverwrite: true });
    expect(confirmed).toEqual([{ code: 'B02', name: '示范性老年友好社区', before: '市民政局', after: '市卫生健康委' }]);
    const entry = (await s.listAudit()).at(-1)!;
    expect(entry).toMatchObject({
      action: 'assign_reporter',
      target: '市卫生健康委',
      before: [{ code: 'B02', reporter: '市民政局', proposed: false }],
      after: [{ code: 'B02', reporter: '市卫生健康委', proposed: false }],
    });
  });

  it('offers 未指定: clearing a 填报单位 is an overwrite too, and is audited', async () => {
    const s = service();
    await s.assignReporters({ bureau: '市民政局', codes: ['B01'] });
    await expect(s.assignReporters({ bureau: null, codes: ['B01'] })).rejects.toMatchObject({ code: 'overwrite_unconfirmed', message: expect.stringContaining('指定为“未指定”，将覆盖 1 个') });
    expect(await s.assignReporters({ bureau: '未指定', codes: ['B01'], confirmOverwrite: true })).toEqual([{ code: 'B01', name: '全市养老服务设施', before: '市民政局', after: null }]);
    expect(reporterOf(s, 'B01')).toEqual({ reporter: null, proposed: false });
    expect((await s.listAudit()).at(-1)).toMatchObject({ action: 'assign_reporter', target: '未指定', after: [{ code: 'B01', reporter: null }] });
  });

  it('does not count a decision that still holds: a figure filled in for a missing one stays when its 填报单位 is cleared', async () => {
    const s = service();
    await s.assignReporters({ bureau: '市民政局', codes: ['B01', 'B02'] });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.addRow(['填报单位：市民政局']);
    sheet.addRow(['指标名称', '单位', '2023年完成值']);
    sheet.addRow(['全市养老服务设施', '处', 985]);
    await s.importReturns({ files: [{ name: '民政局.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) }] });
    const missing = (await s.listFindings({ year: 2023 })).find((f) => f.kind === 'missing' && f.indicator === 'B02' && f.region === '临沂市')!;
    await s.resolveFinding({ findingId: missing.id, resolution: { action: 'override', value: 18, note: '电话核实' } });

    const refused = s.assignReporters({ bureau: null, codes: ['B02'] });
    await expect(refused).rejects.toMatchObject({ code: 'overwrite_unconfirmed' });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringContaining('已处理的核对问题') });
    await s.assignReporters({ bureau: null, codes: ['B02'], confirmOverwrite: true });
    expect((await s.listValues({ year: 2023, region: '临沂市' })).find((v) => v.indicator === 'B02')).toMatchObject({ value: 18, status: 'resolved' });
  });

  it('undoes the latest bulk assignment exactly, proposals included, once', async () => {
    const s = service();
    await s.assignReporters({ bureau: '市民政局', codes: ['B01'] });
    const before = s.schema.indicators.map((i) => [i.code, i.reporter, i.reporterProposed]);
    const changes = await s.assignReporters({ bureau: '市卫健委', area: '服务覆盖面或可及性', confirmOverwrite: true });
    expect(changes.length).toBeGreaterThan(5);
    expect(await s.undoLastChange()).toMatchObject({ action: 'assign_reporter', target: '市卫生健康委', indicators: changes.length });
    expect(s.schema.indicators.map((i) => [i.code, i.reporter, i.reporterProposed])).toEqual(before);
    expect((await s.listAudit()).at(-1)).toMatchObject({ action: 'undo_change', target: '指定填报单位：市卫生健康委', before: { action: 'assign_reporter' } });
    await expect(s.undoLastChange()).rejects.toMatchObject({ code: 'nothing_to_undo' });
    expect(await s.integrityProblems()).toEqual([]);

    await s.confirmProposedReporters();
    expect(reporterOf(s, 'C01')).toEqual({ reporter: '市发展改革委', proposed: false });
    await s.undoLastChange();
    expect(reporterOf(s, 'C01')).toEqual({ reporter: '市发展改革委', proposed: true });
    expect(reporterOf(s, 'B01')).toEqual({ reporter: '市民政局', proposed: false });
  });

  it('refuses to undo what has changed since', async () => {
    const s = service();
    await s.assignReporters({ bureau: '市民政局', codes: ['B01'] });
    // Changed behind the app's back: the entry no longer describes the workbook.
    s.workbook.db.prepare("UPDATE indicators SET reporter = '市医保局' WHERE code = 'B01'").run();
    await expect(new WorkbookService(s.workbook).undoLastChange()).rejects.toMatchObject({ code: 'undo_stale', message: expect.stringContaining('全市养老服务设施') });
  });
});
