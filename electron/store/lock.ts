import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import type { LockHolder } from '../../shared/domain';
import type { Actor } from './actor';
import { appendAudit } from './audit';
import type { ReadDb, WriteDb } from './db';
import { preparedOnce } from './db';

// The workbook's lock (LockHolder) lives inside the file, not beside it: officers copy and mail
// the folder, and after a process ends only the .tzdb may remain there.

/** How often a holder stamps its heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 30_000;

/**
 * A holder on another computer whose heartbeat is older than this has gone away (crash, power
 * cut, network lost). Generous against clock differences between computers on one share.
 */
export const STALE_AFTER_MS = 5 * 60_000;

interface LockRow {
  host: string;
  os_user: string;
  pid: number;
  since: string;
  heartbeat: string;
}

const statements = preparedOnce((db) => ({
  read: db.prepare('SELECT host, os_user, pid, since, heartbeat FROM lock WHERE id = 1'),
  write: db.prepare(
    `INSERT OR REPLACE INTO lock (id, host, os_user, pid, since, heartbeat)
     VALUES (1, @host, @osUser, @pid, @since, @since)`,
  ),
  beat: db.prepare('UPDATE lock SET heartbeat = @now WHERE id = 1 AND host = @host AND pid = @pid'),
  release: db.prepare('DELETE FROM lock WHERE id = 1 AND host = @host AND pid = @pid'),
  clear: db.prepare('DELETE FROM lock'),
}));

export function readLock(db: ReadDb): LockHolder | null {
  const row = statements(db).read.get() as LockRow | undefined;
  if (!row) return null;
  return { host: row.host, osUser: row.os_user, pid: row.pid, since: row.since, heartbeat: row.heartbeat };
}

/** Whether the holder has gone: its process ended on this computer, or its heartbeat stopped. */
export function isLockStale(holder: LockHolder, now: Date = new Date()): boolean {
  const silentFor = now.getTime() - Date.parse(holder.heartbeat);
  if (!sameHost(holder.host)) return !(silentFor < STALE_AFTER_MS);
  // On this computer the process table answers; a live pid whose heartbeat stopped long ago is
  // a different program that was given the same pid after a crash.
  return !isProcessAlive(holder.pid) || !(silentFor < STALE_AFTER_MS);
}

export interface AcquireOptions {
  /** The officer confirmed that a lock left by a crashed process may be taken over. */
  takeOverStale: boolean;
}

/**
 * Takes the lock for this process, or refuses with `workbook_in_use` (a live holder) or
 * `workbook_lock_stale` (a crashed holder, until the officer confirms). The check and the write
 * are one immediate transaction, so two processes opening at once cannot both win.
 */
export function acquireLock(db: WriteDb, file: string, actor: Actor, options: AcquireOptions): LockHolder {
  const take = db.transaction(() => {
    const holder = readLock(db);
    if (holder && !isLockStale(holder)) throw inUseError(file, holder);
    if (holder && !options.takeOverStale) throw staleLockError(file, holder);
    const mine: LockHolder = {
      host: actor.host,
      osUser: actor.osUser,
      pid: process.pid,
      since: new Date().toISOString(),
      heartbeat: '',
    };
    mine.heartbeat = mine.since;
    statements(db).write.run({ host: mine.host, osUser: mine.osUser, pid: mine.pid, since: mine.since });
    if (holder) {
      appendAudit(db, {
        osUser: actor.osUser,
        operator: actor.operator,
        action: 'take_over_lock',
        target: path.basename(file),
        before: holder,
        after: { host: mine.host, osUser: mine.osUser, pid: mine.pid },
        note: '接管异常退出的程序留下的占用标记',
      });
    }
    return mine;
  });
  return take.immediate();
}

/** Stamps the heartbeat; false when the lock is no longer ours (taken over meanwhile). */
export function beatLock(db: WriteDb, host: string): boolean {
  return statements(db).beat.run({ now: new Date().toISOString(), host, pid: process.pid }).changes === 1;
}

export function releaseLock(db: WriteDb, host: string): void {
  statements(db).release.run({ host, pid: process.pid });
}

/** For copies: a backup must not claim to be open by the process that made it. */
export function clearLock(db: WriteDb): void {
  statements(db).clear.run();
}

export function inUseError(file: string, holder: LockHolder): UserError {
  return new UserError(
    'workbook_in_use',
    `工作簿正被另一程序使用：“${path.basename(file)}”已由计算机“${holder.host}”上的账户“${holder.osUser}”` +
      `自 ${formatLocalTime(holder.since)} 起打开。可以只读方式打开查看；如需修改，请等对方关闭后再打开。`,
    { file },
  );
}

export function staleLockError(file: string, holder: LockHolder): UserError {
  return new UserError(
    'workbook_lock_stale',
    `工作簿“${path.basename(file)}”仍标记为由计算机“${holder.host}”上的账户“${holder.osUser}”` +
      `自 ${formatLocalTime(holder.since)} 起打开，但该程序已不再运行（可能异常退出）。` +
      `确认对方确实已不再使用后，可以接管并打开；也可以只读方式打开查看。`,
    { file },
  );
}

/** `2025-03-14 09:05`, in this computer's time zone: what the officer reads on her clock. */
export function formatLocalTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

function sameHost(host: string): boolean {
  // Windows computer names are case-insensitive.
  return host.toLowerCase() === os.hostname().toLowerCase();
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another account.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
