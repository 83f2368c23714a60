import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBuiltinSchema } from '../../electron/services/builtin-schemas';
import { WorkbookService } from '../../electron/services/workbook-service';
import { createWorkbook, type Workbook } from '../../electron/store/open';
import type { AuditEntry } from '../../shared/domain';
import { makeTempDir } from '../support/temp-dir';
import { returnBytes } from '../support/make-return';

const YEAR = 2023;
const open: Workbook[] = [];
afterEach(() => {
  for (const workbook of open.splice(0)) workbook.close();
});

function service(): WorkbookService {
  const dir = makeTempDir();
  const workbook = createWorkbook(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'], operator: '张敏' });
  open.push(workbook);
  return new WorkbookService(workbook);
}

/** A bureau's own sheet, without a footnote: 填报单位 line, 指标名称 | 单位 | 2023年完成值. */
async function bureauReturn(name: string, bureau: string, rows: [string, string, number][]): Promise<{ name: string; bytes: Uint8Array }> {
  return { name, bytes: await returnBytes({ bureau, year: YEAR, rows: rows.map(([row, unit, value]) => ({ name: row, unit, value })), contact: null }) };
}

async function importAll(s: WorkbookService, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  for (const file of files) {
    const [result] = await s.importReturns({ files: [file] });
    expect(result, file.name).toMatchObject({ outcome: 'imported' });
  }
}

async function value(s: WorkbookService, code: string, region = '临沂市') {
  return (await s.listValues({ year: YEAR, region })).find((v) => v.indicator === code)!;
}

async function lastAudit(s: WorkbookService): Promise<AuditEntry> {
  return (await s.listAudit()).at(-1)!;
}

const bureauNames = async (s: WorkbookService) => (await s.listBureaus()).map((b) => b.name);

describe('the list of bureaus: add, rename, merge', () => {
  it('refuses an empty name, 未指定, a name already listed (or an alias of one), merging a bureau into itself', async () => {
    const s = service();
    await expect(s.addBureau({ name: '  ' })).rejects.toMatchObject({ code: 'bad_bureau', message: '单位名称不能为空。' });
    await expect(s.addBureau({ name: '未指定' })).rejects.toMatchObject({ code: 'bad_bureau', message: expect.stringContaining('表示没有填报单位') });
    await expect(s.addBureau({ name: '市民政局' })).rejects.toMatchObject({ code: 'bureau_exists' });
    await expect(s.addBureau({ name: '临沂市经信局' })).rejects.toMatchObject({ code: 'bureau_exists', message: expect.stringContaining('“市经信局”的名称或别名') });
    await expect(s.renameBureau({ name: '市经信局', newName: '' })).rejects.toMatchObject({ code: 'bad_bureau' });
    await expect(s.renameBureau({ name: '市经信局', newName: '未指定' })).rejects.toMatchObject({ code: 'bad_bureau' });
    await expect(s.renameBureau({ name: '市经信局', newName: '市民政局' })).rejects.toMatchObject({ code: 'bureau_exists' });
    await expect(s.renameBureau({ name: '市经信局', newName: '市经信局' })).rejects.toMatchObject({ code: 'bad_bureau' });
    await expect(s.renameBureau({ name: '市统计局', newName: '市统计局（新）' })).rejects.toMatchObject({ code: 'unknown_bureau' });
    await expect(s.mergeBureaus({ from: '市经信局', into: '市经信局' })).rejects.toMatchObject({ code: 'bad_bureau', message: expect.stringContaining('合并到它自己') });
    await expect(s.mergeBureaus({ from: '市统计局', into: '市经信局' })).rejects.toMatchObject({ code: 'unknown_bureau' });
    // Nothing refused was written or audited.
    expect((await s.listAudit()).map((e) => e.action)).toEqual(['create_workbook']);
  });

  it('adds a bureau, audited, and 填报单位 can then be assigned to it', async () => {
    const s = service();
    expect(await s.addBureau({ name: '市统计局', aliases: ['临沂市统计局'] })).toEqual({ name: '市统计局', aliases: ['临沂市统计局'] });
    expect(await lastAudit(s)).toMatchObject({ action: 'add_bureau', target: '市统计局', operator: '张敏', after: { name: '市统计局', aliases: ['临沂市统计局'] } });
    expect(await s.assignReporters({ bureau: '临沂市统计局', codes: ['B01'] })).toMatchObject([{ code: 'B01', after: '市统计局' }]);
  });

  it('renames a bureau: the old name stays an alias, every indicator and return follows, and a decided conflict keeps its decision', async () => {
    const s = service();
    await s.assignReporters({ bureau: '市经信局', codes: ['B01'] });
    await importAll(s, [
      await bureauReturn('经信.xlsx', '市经信局', [['全市养老服务设施', '处', 990]]),
      await bureauReturn('民政.xlsx', '市民政局', [['全市养老服务设施', '处', 985]]),
      await bureauReturn('罗庄经信.xlsx', '罗庄区经济和信息化局', [['全市养老服务设施', '处', 40]]),
    ]);
    const conflict = (await s.listFindings({ year: YEAR })).find((f) => f.kind === 'conflict' && f.region === '临沂市')!;
    await s.resolveFinding({ findingId: conflict.id, resolution: { action: 'choose', value: 985, note: '以民政局为准' } });
    expect(await value(s, 'B01')).toMatchObject({ value: 985, status: 'resolved' });

    const moved = await s.renameBureau({ name: '市经信局', newName: '市经济和信息化局' });
    expect(moved).toMatchObject({ from: '市经信局', into: '市经济和信息化局', indicators: 1, returns: 1, resolutions: 1 });
    const renamed = (await s.listBureaus()).find((b) => b.name === '市经济和信息化局')!;
    expect(renamed.aliases).toContain('市经信局');
    expect(renamed.aliases).not.toContain('市经济和信息化局');
    expect(await bureauNames(s)).not.toContain('市经信局');
    expect(s.schema.indicators.find((i) => i.code === 'B01')).toMatchObject({ reporter: '市经济和信息化局', reporterProposed: false });
    expect((await s.listReturns()).map((r) => [r.file, r.bureau])).toEqual([
      ['经信.xlsx', '市经济和信息化局'],
      ['民政.xlsx', '市民政局'],
      ['罗庄经信.xlsx', '罗庄区经济和信息化局'],
    ]);
    // The conflict now reads 市经济和信息化局 报 990: the same figures, the same decision.
    const after = (await s.listFindings({ year: YEAR })).find((f) => f.kind === 'conflict' && f.region === '临沂市')!;
    expect(after).toMatchObject({ status: 'resolved', message: expect.stringContaining('市经济和信息化局 报 990') });
    expect(await value(s, 'B01')).toMatchObject({ value: 985, status: 'resolved' });
    const entry = await lastAudit(s);
    expect(entry).toMatchObject({ action: 'rename_bureau', target: '市经信局 → 市经济和信息化局', after: { from: '市经信局', into: '市经济和信息化局', changes: [] } });
    // A return that writes the old name still finds the bureau.
    await importAll(s, [await bureauReturn('经信2.xlsx', '临沂市经信局', [['示范性老年友好社区', '个', 9]])]);
    expect((await s.listReturns()).at(-1)!.bureau).toBe('市经济和信息化局');
  });

  it('merges 市经信局 into 市工业和信息化局: aliases, indicators, returns and county counterparts move; their conflict becomes a correction', async () => {
    const s = service();
    await s.assignReporters({ bureau: '市工业和信息化局', codes: ['B01'] });
    await s.assignReporters({ bureau: '市经信局', codes: ['B02'] });
    await importAll(s, [
      await bureauReturn('经信局.xlsx', '市经信局', [['全市养老服务设施', '处', 990], ['示范性老年友好社区', '个', 8]]),
      await bureauReturn('工信局.xlsx', '市工业和信息化局', [['全市养老服务设施', '处', 1002]]),
      await bureauReturn('罗庄经信.xlsx', '罗庄区经信局', [['全市养老服务设施', '处', 40]]),
      await bureauReturn('罗庄工信.xlsx', '罗庄区工业和信息化局', [['全市养老服务设施', '处', 41]]),
    ]);
    const conflicts = (await s.listFindings({ year: YEAR })).filter((f) => f.kind === 'conflict');
    expect(conflicts.map((f) => f.region).sort()).toEqual(['临沂市', '罗庄区']);
    const city = conflicts.find((f) => f.region === '临沂市')!;
    await s.resolveFinding({ findingId: city.id, resolution: { action: 'choose', value: 990 } });
    expect(await value(s, 'B01')).toMatchObject({ value: 990, status: 'resolved' });
    const usage = (await s.listBureaus()).find((b) => b.name === '市经信局')!;
    expect(usage).toMatchObject({ reporterOf: 1, returns: 2 });

    // The decision on their conflict would no longer hold: said, with the count, and nothing written.
    const refused = s.mergeBureaus({ from: '市经信局', into: '市工业和信息化局' });
    await expect(refused).rejects.toMatchObject({ code: 'overwrite_unconfirmed', message: expect.stringContaining('1 个已处理的核对问题的处理将不再适用') });
    expect(await bureauNames(s)).toContain('市经信局');
    expect((await s.listAudit()).at(-1)!.action).toBe('resolve_choose');

    const moved = await s.mergeBureaus({ from: '市经信局', into: '市工业和信息化局', confirmOverwrite: true });
    expect(moved).toMatchObject({ from: '市经信局', into: '市工业和信息化局', indicators: 1, returns: 2, aliases: 4 });
    expect(await bureauNames(s)).not.toContain('市经信局');
    const into = (await s.listBureaus()).find((b) => b.name === '市工业和信息化局')!;
    expect(into.aliases).toEqual(expect.arrayContaining(['市工信局', '市经信局', '市经济和信息化局', '临沂市经信局']));
    expect(into).toMatchObject({ reporterOf: 2, returns: 4 });
    expect(s.schema.indicators.find((i) => i.code === 'B02')!.reporter).toBe('市工业和信息化局');
    expect((await s.listReturns()).map((r) => r.bureau)).toEqual(['市工业和信息化局', '市工业和信息化局', '罗庄区工业和信息化局', '罗庄区工业和信息化局']);
    // One bureau now: its later return is a correction of the earlier, and counts.
    expect(await value(s, 'B01')).toMatchObject({ value: 1002, status: 'ok' });
    expect(await value(s, 'B01', '罗庄区')).toMatchObject({ value: 41, status: 'ok' });
    const findings = await s.listFindings({ year: YEAR });
    expect(findings.filter((f) => f.kind === 'conflict')).toEqual([]);
    expect(findings.filter((f) => f.kind === 'revised').map((f) => [f.region, f.bureau])).toEqual(
      expect.arrayContaining([
        ['临沂市', '市工业和信息化局'],
        ['罗庄区', '罗庄区工业和信息化局'],
      ]),
    );
    expect(findings.filter((f) => f.kind === 'not_responsible')).toEqual([]);
    const entry = await lastAudit(s);
    expect(entry).toMatchObject({ action: 'merge_bureaus', target: '市经信局 → 市工业和信息化局', operator: '张敏' });
    if (entry.action !== 'merge_bureaus') throw new Error('not a merge');
    expect(entry.before.bureaus.map((b) => b.name)).toContain('市经信局');
    expect(entry.after.returns).toHaveLength(2);
    expect(entry.after.changes).toEqual(
      expect.arrayContaining([
        { indicator: 'B01', region: '临沂市', year: YEAR, before: { value: 990, status: 'resolved' }, after: { value: 1002, status: 'ok' } },
        { indicator: 'B01', region: '罗庄区', year: YEAR, before: { value: null, status: 'conflict' }, after: { value: 41, status: 'ok' } },
      ]),
    );
  });

  it('undoes a merge exactly, once; and refuses a merge touching a signed-off year', async () => {
    const s = service();
    await s.assignReporters({ bureau: '市经信局', codes: ['B02'] });
    await importAll(s, [
      await bureauReturn('经信局.xlsx', '市经信局', [['全市养老服务设施', '处', 990]]),
      await bureauReturn('工信局.xlsx', '市工业和信息化局', [['全市养老服务设施', '处', 1002]]),
    ]);
    const conflict = (await s.listFindings({ year: YEAR })).find((f) => f.kind === 'conflict')!;
    await s.resolveFinding({ findingId: conflict.id, resolution: { action: 'choose', value: 990 } });
    const schemaBefore = s.schema;
    const returnsBefore = await s.listReturns();
    const findingsBefore = await s.listFindings({ year: YEAR });

    await s.mergeBureaus({ from: '市经信局', into: '市工业和信息化局', confirmOverwrite: true });
    expect(await value(s, 'B01')).toMatchObject({ value: 1002 });
    const undone = await s.undoLastChange();
    expect(undone).toMatchObject({ action: 'merge_bureaus', target: '市经信局 → 市工业和信息化局' });
    expect(s.schema).toEqual(schemaBefore);
    expect(await s.listReturns()).toEqual(returnsBefore);
    expect(await s.listFindings({ year: YEAR })).toEqual(findingsBefore);
    expect(await value(s, 'B01')).toMatchObject({ value: 990, status: 'resolved' });
    expect(await lastAudit(s)).toMatchObject({ action: 'undo_change', before: { action: 'merge_bureaus' }, after: { changes: [{ indicator: 'B01', region: '临沂市', before: { value: 1002 }, after: { value: 990 } }] } });
    await expect(s.undoLastChange()).rejects.toMatchObject({ code: 'nothing_to_undo' });
    // The workbook still opens as the app left it.
    expect(await s.integrityProblems()).toEqual([]);

    await s.signOffYear({ year: YEAR, note: '经信局数据以电话核实为准' });
    await expect(s.mergeBureaus({ from: '市经信局', into: '市工业和信息化局', confirmOverwrite: true })).rejects.toMatchObject({ code: 'year_signed_off', message: expect.stringContaining('2023年已定稿') });
    expect(await bureauNames(s)).toContain('市经信局');
  });
});
