import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { FileBytes } from '../../shared/api/contract';
import { closeReadWorkers } from '../../electron/read/read-isolated';
import { loadBuiltinSchema } from '../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../electron/services/create-workbook';
import { setFaultSink } from '../../electron/services/fault-log';
import { WorkbookService } from '../../electron/services/workbook-service';
import { makeTempDir } from '../support/temp-dir';

/**
 * A batch reports each file on its own whatever happens to one of them: a bug met reading one
 * file, or the disk filling up while storing one. The others are still read and stored.
 */

// A reader bug on demand: any file named 故障… fails as a bug would (not a UserError).
vi.mock('../../electron/read/read-isolated', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../electron/read/read-isolated')>();
  const faulty = <T extends (file: FileBytes, ...rest: never[]) => Promise<unknown>>(read: T): T =>
    ((file: FileBytes, ...rest: never[]) => (file.name.startsWith('故障') ? Promise.reject(new RangeError('Map maximum size exceeded')) : read(file, ...rest))) as T;
  return { ...actual, readGridIsolated: faulty(actual.readGridIsolated), readReturnIsolated: faulty(actual.readReturnIsolated) };
});

afterAll(async () => {
  setFaultSink();
  await closeReadWorkers();
});

async function bureauReturn(name: string, bureau: string, value: number, padding = 0): Promise<FileBytes> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['2023年养老托育服务指标完成情况']);
  sheet.addRow([`填报单位：${bureau}`]);
  sheet.addRow(['指标名称', '单位', '2023年完成值']);
  sheet.addRow(['全市养老服务设施', '处', value]);
  // Notes below the table that make the stored file large: a digest each, so that they do not compress.
  for (let i = 0; i < padding; i++) sheet.addRow([`说明${i}：${createHash('sha256').update(String(i)).digest('hex')}`]);
  return { name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

function openService(): WorkbookService {
  const dir = makeTempDir();
  const book = createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] });
  return new WorkbookService(book);
}

describe('one file’s fault stays that file’s', () => {
  it('reports a bug in one file as its 内部错误, logs it, and imports the files before and after it', { timeout: 120_000 }, async () => {
    const logged: [unknown, string][] = [];
    setFaultSink((error, context) => {
      logged.push([error, context]);
      return { logFile: '/var/log/taizhang.log' };
    });
    const service = openService();
    const results = await service.importReturns({
      files: [
        await bureauReturn('民政局.xlsx', '市民政局', 985),
        await bureauReturn('故障.xlsx', '市卫健委', 1),
        await bureauReturn('住建局.xlsx', '市住房城乡建设局', 986),
      ],
    });
    expect(results.map((r) => [r.file, r.outcome, r.errorCode])).toEqual([
      ['民政局.xlsx', 'imported', null],
      ['故障.xlsx', 'rejected', 'internal'],
      ['住建局.xlsx', 'imported', null],
    ]);
    expect(results[1]!.message).toBe('“故障.xlsx”没有导入：程序出现内部错误（Map maximum size exceeded）。其余文件照常导入；详细情况已记入日志 /var/log/taizhang.log，请把这个文件和程序日志交给维护人员。');
    expect(logged).toHaveLength(1);
    expect(logged[0]![0]).toBeInstanceOf(RangeError);
    expect(logged[0]![1]).toContain('故障.xlsx');
    expect((await service.listReturns({})).map((r) => r.file)).toEqual(['民政局.xlsx', '住建局.xlsx']);
    service.workbook.close();
  });

  it('reports a full disk on the file it struck, with what the batch stored before it, and goes on', { timeout: 120_000 }, async () => {
    const service = openService();
    const db = service.workbook.db;
    const pages = Number(db.pragma('page_count', { simple: true }));
    const files = [
      await bureauReturn('民政局.xlsx', '市民政局', 985),
      await bureauReturn('卫健委.xlsx', '市卫健委', 990),
      await bureauReturn('统计局（附长说明）.xlsx', '市统计局', 991, 20_000),
      await bureauReturn('住建局.xlsx', '市住房城乡建设局', 986),
    ];
    // Room for the small returns (a few pages each), none for the 1 MB one with 20 000 rows of
    // notes (some 250 pages): SQLite answers SQLITE_FULL exactly as on a full disk.
    db.pragma(`max_page_count = ${pages + 100}`);
    const results = await service.importReturns({ files });
    expect(results.map((r) => [r.file, r.outcome, r.errorCode])).toEqual([
      ['民政局.xlsx', 'imported', null],
      ['卫健委.xlsx', 'imported', null],
      ['统计局（附长说明）.xlsx', 'rejected', 'write_failed'],
      ['住建局.xlsx', 'imported', null],
    ]);
    expect(results[2]!.message).toBe('“统计局（附长说明）.xlsx”没有存入工作簿：磁盘空间已满（SQLITE_FULL），这个文件的数据一项也没有写入。本批此前已存入 2 个文件（“民政局.xlsx”、“卫健委.xlsx”），它们不受影响。请腾出磁盘空间（或把工作簿移到空间充足的磁盘）后，重新导入这个文件和其后未存入的文件。');
    expect((await service.listReturns({})).map((r) => r.file)).toEqual(['民政局.xlsx', '卫健委.xlsx', '住建局.xlsx']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    service.workbook.close();
  });

  it('stores again, one by one, the files of a commit the disk refused', { timeout: 120_000 }, async () => {
    const service = openService();
    const db = service.workbook.db;
    // The first commit of several files fails as on a full disk; the statements before it ran.
    const prepare = db.prepare.bind(db);
    let commits = 0;
    db.prepare = ((sql: string) =>
      sql === 'COMMIT' && commits++ === 0
        ? { run: () => { throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }); } }
        : prepare(sql)) as typeof db.prepare;
    const files = [
      await bureauReturn('民政局.xlsx', '市民政局', 985),
      await bureauReturn('卫健委.xlsx', '市卫健委', 990),
      await bureauReturn('统计局.xlsx', '市统计局', 991),
      await bureauReturn('住建局.xlsx', '市住房城乡建设局', 986),
    ];
    const results = await service.importReturns({ files });
    // The refused commit, then the files stored again after it.
    expect(commits).toBeGreaterThan(1);
    expect(results.map((r) => [r.file, r.outcome])).toEqual(files.map((f) => [f.name, 'imported']));
    const stored = await service.listReturns({});
    expect(stored.map((r) => r.file).sort()).toEqual(files.map((f) => f.name).sort());
    // Each result names the return as stored again, and each file is audited once.
    expect(results.map((r) => r.returnId).sort()).toEqual(stored.map((r) => r.id).sort());
    expect((await service.listAudit()).filter((entry) => entry.action === 'import_return')).toHaveLength(files.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    service.workbook.close();
  });
});
