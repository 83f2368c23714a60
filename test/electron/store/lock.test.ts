import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/store/audit';
import { STALE_AFTER_MS, isLockStale } from '../../../electron/store/lock';
import { createWorkbook, openWorkbook } from '../../../electron/store/open';
import { spawnHolder } from '../../support/processes';
import { makeSchema } from '../../support/schema-fixture';
import { listDir, makeTempDir } from '../../support/temp-dir';

function newWorkbookFile(): { dir: string; file: string } {
  const dir = makeTempDir();
  const file = path.join(dir, '临沂市台账.tzdb');
  createWorkbook(file, { schema: makeSchema() }).close();
  return { dir, file };
}

function refusal(open: () => unknown): { code: string; message: string } {
  try {
    open();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the open to be refused');
}

/** Writes a lock row as another program would have left it. */
function plantLock(file: string, row: { host: string; os_user: string; pid: number; since: string; heartbeat: string }): void {
  const db = new Database(file);
  db.prepare('INSERT OR REPLACE INTO lock (id, host, os_user, pid, since, heartbeat) VALUES (1, @host, @os_user, @pid, @since, @heartbeat)').run(row);
  db.close();
}

describe('the lock between two processes', () => {
  it('tells the second process which computer and account hold the workbook, and since when', async () => {
    const { dir, file } = newWorkbookFile();
    const holder = await spawnHolder(file);
    expect(holder.report.ready).toBe(true);

    const answer = refusal(() => openWorkbook(file));
    expect(answer.code).toBe('workbook_in_use');
    expect(answer.message).toContain('工作簿正被另一程序使用');
    expect(answer.message).toContain(`计算机“${os.hostname()}”`);
    expect(answer.message).toContain(`账户“${os.userInfo().username}”`);
    expect(answer.message).toMatch(/自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起打开/);

    expect(await holder.stop()).toBe(0);
    expect(listDir(dir)).toEqual(['临沂市台账.tzdb']);
    const after = openWorkbook(file);
    after.close();
  });

  it('lets a second process open read-only while the first holds it', async () => {
    const { dir, file } = newWorkbookFile();
    const writer = await spawnHolder(file);
    const reader = await spawnHolder(file, 'read');
    expect(reader.report).toMatchObject({ ready: true, readOnly: true, heldBy: { pid: writer.report.pid, host: os.hostname() } });

    expect(await writer.stop()).toBe(0);
    expect(await reader.stop()).toBe(0);
    expect(listDir(dir)).toEqual(['临沂市台账.tzdb']);
  });

  it('refuses a lock left by a crashed process until the officer confirms, then takes it over', async () => {
    const { dir, file } = newWorkbookFile();
    const crashed = await spawnHolder(file);
    const crashedPid = crashed.report.pid;
    await crashed.kill();

    const answer = refusal(() => openWorkbook(file));
    expect(answer.code).toBe('workbook_lock_stale');
    expect(answer.message).toContain(`计算机“${os.hostname()}”`);
    expect(answer.message).toContain('确认');

    // Another process may take it over once confirmed.
    const successor = await spawnHolder(file, 'take-over');
    expect(successor.report.ready).toBe(true);
    expect(refusal(() => openWorkbook(file)).code).toBe('workbook_in_use');
    expect(await successor.stop()).toBe(0);
    expect(listDir(dir)).toEqual(['临沂市台账.tzdb']);

    const workbook = openWorkbook(file, { readOnly: true });
    const takeOver = listAudit(workbook.db).find((entry) => entry.action === 'take_over_lock');
    expect(takeOver).toMatchObject({ operator: '王统计', before: { pid: crashedPid, host: os.hostname() } });
    workbook.close();
  });

  it('takes over in this process too when asked, and the clean close folds the WAL of the crash in', async () => {
    const { dir, file } = newWorkbookFile();
    const crashed = await spawnHolder(file);
    await crashed.kill();
    expect(refusal(() => openWorkbook(file)).code).toBe('workbook_lock_stale');
    const workbook = openWorkbook(file, { takeOverStale: true });
    expect(workbook.readOnly).toBe(false);
    workbook.close();
    // The crash left a WAL behind; the clean close folds it in.
    expect(listDir(dir)).toEqual(['临沂市台账.tzdb']);
  });
});

describe('staleness', () => {
  const now = new Date('2024-03-14T09:00:00.000Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

  it('treats another computer as present while its heartbeat is recent', () => {
    const holder = { host: 'FGW-TJK-02', osUser: 'liuli', pid: 4242, since: minutesAgo(90), heartbeat: minutesAgo(1) };
    expect(isLockStale(holder, now)).toBe(false);
    expect(isLockStale({ ...holder, heartbeat: minutesAgo(STALE_AFTER_MS / 60_000 + 1) }, now)).toBe(true);
  });

  it('treats this computer’s live process as present and a dead one as gone', () => {
    const recent = minutesAgo(0);
    expect(isLockStale({ host: os.hostname(), osUser: 'x', pid: process.pid, since: recent, heartbeat: recent }, now)).toBe(false);
    expect(isLockStale({ host: os.hostname().toUpperCase(), osUser: 'x', pid: process.pid, since: recent, heartbeat: recent }, now)).toBe(false);
    // Pids are far below this on every system we run on.
    expect(isLockStale({ host: os.hostname(), osUser: 'x', pid: 2 ** 22 + 17, since: recent, heartbeat: recent }, now)).toBe(true);
  });

  it('refuses a workbook held from another computer, naming it, and takes it over only when silent and confirmed', () => {
    const { file } = newWorkbookFile();
    const fresh = new Date().toISOString();
    plantLock(file, { host: 'FGW-TJK-02', os_user: 'liuli', pid: 4242, since: '2024-03-14T01:30:00.000Z', heartbeat: fresh });
    const inUse = refusal(() => openWorkbook(file, { takeOverStale: true }));
    expect(inUse.code).toBe('workbook_in_use');
    expect(inUse.message).toContain('计算机“FGW-TJK-02”上的账户“liuli”');

    const silent = new Date(Date.now() - STALE_AFTER_MS - 60_000).toISOString();
    plantLock(file, { host: 'FGW-TJK-02', os_user: 'liuli', pid: 4242, since: '2024-03-14T01:30:00.000Z', heartbeat: silent });
    expect(refusal(() => openWorkbook(file)).code).toBe('workbook_lock_stale');
    const workbook = openWorkbook(file, { takeOverStale: true });
    workbook.close();
  });
});
