import Database from 'better-sqlite3';
import { realpathSync, rmSync, statSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asReadDb, readUserVersion } from './db';
import { notAWorkbook, targetIsSource, targetOpenHere, translateFsError, translateSqliteError, workbookExists, workbookIsDirectory } from './errors';
import type { LockHolder } from '../../shared/domain';
import { inUseError, isLockStale, readLock } from './lock';
import { WORKBOOK_APPLICATION_ID } from './migrations/migration';

/**
 * Where a workbook may be written (另存为, 备份副本, rollover's new workbook, a re-created one):
 * never onto a workbook being read from or open here, never onto one another process has open,
 * and only over an existing file when the officer said so. Files are compared as the file
 * system sees them (device and inode after following links, else the real path), so
 * `./w.tzdb`, a symbolic link, a hard link or other letter case on Windows and macOS all count
 * as the same file.
 */
export interface TargetCheck {
  /** Workbooks the write reads from or has open; the target may be none of them. */
  protect: readonly { file: string; open: boolean }[];
  /** The officer confirmed replacing an existing file. */
  overwrite: boolean;
}

export function checkWorkbookTarget(target: string, check: TargetCheck): void {
  const absolute = path.resolve(target);
  const stat = statIfExists(absolute);
  if (stat === null) return;
  if (stat.isDirectory()) throw workbookIsDirectory(target);
  for (const guarded of check.protect) {
    if (isSameFile(absolute, stat, guarded.file)) throw targetIsSource(target, guarded.file, guarded.open);
  }
  if (!stat.isFile()) throw notAWorkbook(target);
  const holder = liveHolder(absolute);
  if (holder) throw isThisProcess(holder) ? targetOpenHere(target) : inUseError(target, holder);
  if (!check.overwrite) throw workbookExists(target);
}

/** Removes the journal files a replaced workbook may have left, so that SQLite never applies them to the new one. */
export function removeSidecars(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function statIfExists(file: string): Stats | null {
  try {
    return statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw translateFsError(error, file);
  }
}

function isSameFile(target: string, targetStat: Stats, other: string): boolean {
  const otherStat = statIfExists(path.resolve(other));
  if (otherStat === null) return false;
  // Some file systems (FAT on a USB stick, some network shares) report inode 0 for every file.
  if (targetStat.ino !== 0 && otherStat.ino !== 0) return targetStat.dev === otherStat.dev && targetStat.ino === otherStat.ino;
  return comparable(realpath(target)) === comparable(realpath(other));
}

function realpath(file: string): string {
  try {
    return realpathSync.native(path.resolve(file));
  } catch {
    return path.resolve(file);
  }
}

function comparable(file: string): string {
  // Windows and macOS file systems ignore letter case by default.
  return process.platform === 'win32' || process.platform === 'darwin' ? file.toLowerCase() : file;
}

/** Who has the workbook at `file` open for writing, if it is one of ours and someone live does. */
function liveHolder(file: string): LockHolder | null {
  let holder: LockHolder | null = null;
  try {
    const raw = new Database(file, { fileMustExist: true, readonly: true, timeout: 5000 });
    try {
      const db = asReadDb(raw);
      const ours = Number(db.pragma('application_id', { simple: true })) === WORKBOOK_APPLICATION_ID;
      if (ours && readUserVersion(db) >= 1) holder = readLock(db);
    } finally {
      raw.close();
    }
  } catch (error) {
    // Not a workbook, or damaged beyond reading: the officer asked to overwrite it.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) return null;
    throw translateSqliteError(error, file);
  }
  return holder && !isLockStale(holder) ? holder : null;
}

function isThisProcess(holder: LockHolder): boolean {
  return holder.pid === process.pid && holder.host.toLowerCase() === os.hostname().toLowerCase();
}
