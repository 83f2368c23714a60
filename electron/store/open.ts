import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import { unsafeNameProblem } from '../../shared/schema/validate-schema';
import type { IntegrityProblem, LockHolder, Schema } from '../../shared/domain';
import type { Actor } from './actor';
import { currentActor } from './actor';
import { readAppVersion } from './app-version';
import { appendAudit } from './audit';
import type { ReadDb, WriteDb } from './db';
import { asReadDb, asWriteDb, readUserVersion } from './db';
import {
  notAWorkbook,
  translateFsError,
  translateSqliteError,
  workbookIsDirectory,
  workbookLockLost,
  workbookNeedsUpgrade,
  workbookReadOnly,
  workbookTooNew,
} from './errors';
import { recordIntegrityProblems, standingIntegrityProblems } from './integrity';
import { announceIntegrityProblems } from './integrity-notice';
import { HEARTBEAT_INTERVAL_MS, acquireLock, beatLock, clearLock, isLockStale, readLock, releaseLock } from './lock';
import { writeMeta } from './meta';
import { LATEST_VERSION, WORKBOOK_APPLICATION_ID, migrateTo } from './migrations';
import { writeRegions } from './regions';
import { writeSchemaCopy } from './schema-copy';
import { checkWorkbookTarget, removeSidecars } from './write-target';

export { WORKBOOK_EXTENSION } from './workbook-extension';
// Opening announces what it finds not as the app left it; callers outside the store listen here.
export { integrityNotice, onIntegrityProblems } from './integrity-notice';

interface WorkbookBase {
  /** Absolute path of the .tzdb file. */
  readonly path: string;
  readonly actor: Actor;
  /** Releases the lock, folds the WAL back into the file and closes; safe to call twice. */
  close(): void;
  /**
   * Writes a consistent copy (另存为/备份副本) at any time; returns its absolute path. Refuses the
   * workbook itself and any workbook open elsewhere as the target; replaces an existing file only
   * with `overwrite` (the save dialog has asked the officer), which is the default.
   */
  backupTo(target: string, options?: { overwrite?: boolean }): string;
  /**
   * What was found on opening not to be as the app left it (工作簿在本程序之外被修改过), and not
   * accepted by the officer: shown to her, never silently believed. Empty for a sound workbook.
   */
  readonly integrity: readonly IntegrityProblem[];
  /**
   * Runs a write of kept reconciled answers (reckoned_years: a cache that the triggers drop with
   * any write to what it rests on, neither locked nor audited). On a writable workbook it is any
   * write; on one opened read-only with `keepAnswers` (the command line's reads), that write
   * alone is let through; null where nothing may be written (the app's 只读打开).
   */
  readonly keepAnswers: KeepAnswers | null;
}

export type KeepAnswers = (write: (db: WriteDb) => void) => void;

export interface WritableWorkbook extends WorkbookBase {
  readonly readOnly: false;
  readonly db: WriteDb;
  /** True once another process took the lock over (after this one stopped answering). */
  readonly lockLost: boolean;
}

export interface ReadOnlyWorkbook extends WorkbookBase {
  readonly readOnly: true;
  readonly db: ReadDb;
  /** Who holds the workbook open for writing, if anyone, as of opening. */
  readonly heldBy: LockHolder | null;
}

export type Workbook = WritableWorkbook | ReadOnlyWorkbook;

export interface OpenOptions {
  readOnly?: boolean;
  /**
   * A read-only open may keep the years it reconciles in the file (keepAnswers), so that the
   * next command reads them instead of reconciling again: the command line's reads, which open
   * read-only so as to run beside the app.
   */
  keepAnswers?: boolean;
  /** The officer confirmed taking over a lock left by a crashed process. */
  takeOverStale?: boolean;
  /** 操作人 as set in the app; the OS account by default. */
  operator?: string;
  /** Force a rollback journal; UNC paths (\\server\share) get one anyway. */
  networkShare?: boolean;
}

export interface CreateOptions {
  schema: Schema;
  /** The workbook's region; the schema's by default. */
  region?: string;
  /** 县区 and 功能区, in the order tables list them. */
  subregions?: readonly string[];
  /** Replace an existing file (never one that another process has open). */
  force?: boolean;
  operator?: string;
  networkShare?: boolean;
  /** Workbooks the new one is made from: never the target (rollover's old workbook). */
  protect?: readonly string[];
  /**
   * More to write into the new workbook before it takes its name (rollover's aliases and
   * layouts), in the transaction that writes its schema: the file appears whole or not at all.
   */
  fill?: (db: WriteDb, actor: Actor) => void;
}

/** The connection a writable operation needs; refuses read-only handles and lost locks. */
export function requireWritable(workbook: Workbook): WriteDb {
  if (workbook.readOnly) throw workbookReadOnly(workbook.path);
  if (workbook.lockLost) throw workbookLockLost(workbook.path);
  return workbook.db;
}

/**
 * WAL does not work on network file systems (SQLite's documentation: shared memory across
 * machines is not supported), so a workbook on \\server\share keeps a rollback journal.
 */
export function isNetworkSharePath(file: string): boolean {
  return /^(\\\\|\/\/)[^\\/]+[\\/][^\\/]+/.test(file);
}

/**
 * Opens an existing workbook. Writable opens take the lock inside the file, copy the file aside
 * (`<name>.tzdb.bak-v<from>`) and migrate it when it is older than this build; read-only opens
 * take no lock and work while another process holds it.
 */
export function openWorkbook(file: string, options: OpenOptions = {}): Workbook {
  const absolute = path.resolve(file);
  checkWorkbookPath(file, absolute);
  const actor = currentActor(options.operator);
  const raw = connect(absolute);
  try {
    const version = checkWorkbookFile(asReadDb(raw), absolute);
    if (options.readOnly) {
      if (version < LATEST_VERSION) throw workbookNeedsUpgrade(absolute, version);
      // Read-write connection with query_only rather than SQLite's read-only mode: a read-only
      // connection cannot fold the WAL back on close, which would leave -wal/-shm beside the file.
      raw.pragma('query_only = ON');
      const integrity = standingIntegrityProblems(asReadDb(raw));
      announceIntegrityProblems(absolute, integrity);
      return readOnlyHandle(raw, absolute, actor, integrity, options.keepAnswers === true);
    }
    const db = asWriteDb(raw);
    const networkShare = options.networkShare ?? isNetworkSharePath(file);
    raw.pragma(networkShare ? 'journal_mode = DELETE' : 'journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    acquireLock(db, absolute, actor, { takeOverStale: options.takeOverStale ?? false });
    let integrity: IntegrityProblem[];
    try {
      if (version < LATEST_VERSION) upgrade(db, absolute, version, actor);
      integrity = standingIntegrityProblems(db);
      // Recorded once, when first found: the audit keeps what was seen even after it is accepted.
      recordIntegrityProblems(db, actor, integrity);
    } catch (error) {
      releaseLock(db, actor.host);
      throw error;
    }
    announceIntegrityProblems(absolute, integrity);
    return writableHandle(raw, absolute, actor, integrity);
  } catch (error) {
    raw.close();
    throw translateSqliteError(error, absolute);
  }
}

/**
 * The path names a regular file: a folder, a FIFO or a device is refused before SQLite is given
 * it (a FIFO would block it for ever), and the file system's refusals become plain messages.
 */
function checkWorkbookPath(file: string, absolute: string): void {
  let stat;
  try {
    stat = statSync(absolute);
  } catch (error) {
    throw translateFsError(error, file);
  }
  if (stat.isDirectory()) throw workbookIsDirectory(file);
  if (!stat.isFile()) throw notAWorkbook(file);
}

/**
 * Creates a workbook for `schema`: built aside under a temporary name and renamed into place,
 * so that a crash never leaves a half-made workbook under the real name. Returns it open.
 */
export function createWorkbook(file: string, options: CreateOptions): WritableWorkbook {
  const absolute = path.resolve(file);
  const region = (options.region ?? options.schema.region).trim();
  const subregions = checkSubregions(region, options.subregions ?? []);
  const actor = currentActor(options.operator);
  const target = { protect: (options.protect ?? []).map((source) => ({ file: source, open: true })), overwrite: options.force ?? false };
  checkWorkbookTarget(absolute, target);
  try {
    mkdirSync(path.dirname(absolute), { recursive: true });
  } catch (error) {
    throw translateFsError(error, path.dirname(absolute));
  }
  const building = path.join(path.dirname(absolute), `.${path.basename(absolute)}.creating-${process.pid}`);
  removeWithSidecars(building);
  try {
    const raw = connect(building);
    try {
      raw.pragma('synchronous = FULL');
      const db = asWriteDb(raw);
      migrateTo(db);
      db.transaction(() => {
        writeMeta(db, {
          workbookId: randomUUID(),
          appVersion: readAppVersion(),
          createdAt: new Date().toISOString(),
          region,
        });
        writeSchemaCopy(db, options.schema);
        writeRegions(db, region, subregions);
        appendAudit(db, {
          osUser: actor.osUser,
          operator: actor.operator,
          action: 'create_workbook',
          target: path.basename(absolute),
          before: null,
          after: { schema: options.schema.id, region, subregions, indicatorCount: options.schema.indicators.length },
        });
        options.fill?.(db, actor);
      })();
    } finally {
      raw.close();
    }
    // Asked again just before the rename: the target may have been opened meanwhile.
    checkWorkbookTarget(absolute, target);
    removeSidecars(absolute);
    renameSync(building, absolute);
  } catch (error) {
    removeWithSidecars(building);
    throw translateFsError(error, absolute);
  }
  const workbook = openWorkbook(absolute, {
    operator: actor.operator,
    ...(options.networkShare === undefined ? {} : { networkShare: options.networkShare }),
  });
  if (workbook.readOnly) throw new Error('a workbook opened for writing came back read-only');
  return workbook;
}

function connect(file: string): Database.Database {
  try {
    const db = new Database(file, { timeout: 5000 });
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    throw translateSqliteError(error, file);
  }
}

/** The file's schema version, after checking it is one of ours and not from a newer app. */
function checkWorkbookFile(db: ReadDb, file: string): number {
  const applicationId = Number(db.pragma('application_id', { simple: true }));
  const version = readUserVersion(db);
  if (applicationId !== WORKBOOK_APPLICATION_ID || version < 1) throw notAWorkbook(file);
  if (version > LATEST_VERSION) throw workbookTooNew(file, version, LATEST_VERSION);
  return version;
}

function upgrade(db: WriteDb, file: string, from: number, actor: Actor): void {
  copyConsistent(db, file, `${file}.bak-v${from}`, true);
  migrateTo(db, LATEST_VERSION, (migration, stepFrom) => {
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: 'upgrade_workbook',
      target: path.basename(file),
      before: { version: stepFrom },
      after: { version: migration.version, migration: migration.name, appVersion: readAppVersion() },
      note: `升级前的副本：${path.basename(file)}.bak-v${from}`,
    });
  });
}

/**
 * VACUUM INTO writes a consistent snapshot even while the WAL holds uncommitted-to-file pages.
 * It is written under a temporary name in the target's folder and renamed, so a reader never
 * sees half a copy; the copy carries no lock (it is not open anywhere) and uses a rollback
 * journal (it is closed). The target is never the workbook itself (`source`) nor one open elsewhere.
 */
function copyConsistent(db: ReadDb, source: string, target: string, overwrite: boolean): string {
  const absolute = path.resolve(target);
  const check = { protect: [{ file: source, open: true }], overwrite };
  checkWorkbookTarget(absolute, check);
  // As a new workbook does, a copy makes the folder it is to go in.
  try {
    mkdirSync(path.dirname(absolute), { recursive: true });
  } catch (error) {
    throw translateFsError(error, absolute);
  }
  const partial = `${absolute}.partial-${process.pid}`;
  removeWithSidecars(partial);
  const queryOnly = Number(db.pragma('query_only', { simple: true })) === 1;
  try {
    if (queryOnly) db.pragma('query_only = OFF');
    db.prepare('VACUUM INTO @target').run({ target: partial });
  } catch (error) {
    removeWithSidecars(partial);
    throw translateFsError(translateSqliteError(error, absolute), absolute);
  } finally {
    if (queryOnly) db.pragma('query_only = ON');
  }
  try {
    const copy = new Database(partial);
    try {
      copy.pragma('journal_mode = DELETE');
      clearLock(asWriteDb(copy));
    } finally {
      copy.close();
    }
    checkWorkbookTarget(absolute, check);
    removeSidecars(absolute);
    renameSync(partial, absolute);
  } catch (error) {
    removeWithSidecars(partial);
    throw translateFsError(error, absolute);
  }
  return absolute;
}

function writableHandle(raw: Database.Database, file: string, actor: Actor, integrity: readonly IntegrityProblem[]): WritableWorkbook {
  const db = asWriteDb(raw);
  let lockLost = false;
  let closed = false;
  const heartbeat = setInterval(() => {
    try {
      if (!beatLock(db, actor.host)) lockLost = true;
    } catch {
      // A busy file skips one beat; the next one comes in HEARTBEAT_INTERVAL_MS.
    }
  }, HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
  return {
    readOnly: false,
    db,
    path: file,
    actor,
    integrity,
    keepAnswers: (write) => write(db),
    get lockLost() {
      return lockLost;
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      try {
        if (!lockLost) releaseLock(db, actor.host);
      } finally {
        foldJournalAndClose(raw);
      }
    },
    backupTo(target, options) {
      return copyConsistent(db, file, target, options?.overwrite ?? true);
    },
  };
}

function readOnlyHandle(raw: Database.Database, file: string, actor: Actor, integrity: readonly IntegrityProblem[], keep: boolean): ReadOnlyWorkbook {
  const db = asReadDb(raw);
  const holder = readLock(db);
  let closed = false;
  const keepAnswers: KeepAnswers = (write) => {
    // query_only guards every other statement of this connection; only this write passes.
    raw.pragma('query_only = OFF');
    try {
      write(asWriteDb(raw));
    } finally {
      raw.pragma('query_only = ON');
    }
  };
  return {
    readOnly: true,
    db,
    path: file,
    actor,
    integrity,
    keepAnswers: keep ? keepAnswers : null,
    heldBy: holder && !isLockStale(holder) ? holder : null,
    close() {
      if (closed) return;
      closed = true;
      raw.pragma('query_only = OFF');
      foldJournalAndClose(raw);
    },
    backupTo(target, options) {
      return copyConsistent(db, file, target, options?.overwrite ?? true);
    },
  };
}

/**
 * Leaves a closed workbook as one self-contained file: checkpoint the WAL and switch back to a
 * rollback journal, so the file copied to a USB stick or a share needs no -wal/-shm beside it.
 * While another process still has it open the switch is refused (SQLITE_BUSY) and the last one
 * to close does it.
 */
function foldJournalAndClose(raw: Database.Database): void {
  try {
    raw.pragma('busy_timeout = 0');
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.pragma('journal_mode = DELETE');
  } catch {
    // Busy or read-only medium: SQLite still checkpoints on the last close where it can.
  }
  raw.close();
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function checkSubregions(region: string, subregions: readonly string[]): string[] {
  if (!region) throw new UserError('bad_region', '地区名称不能为空。请填写工作簿所属地区，如“临沂市”。');
  const names = subregions.map((name) => name.trim()).filter((name) => name.length > 0);
  for (const name of [region, ...names]) {
    const unsafe = unsafeNameProblem(`地区名称“${name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?')}”`, name);
    if (unsafe) throw new UserError('bad_region', unsafe);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (name === region) {
      throw new UserError('bad_subregions', `下辖地区中不能包含工作簿本身的地区“${region}”。请只列出县区和功能区。`);
    }
    if (seen.has(name)) throw new UserError('bad_subregions', `下辖地区“${name}”重复列出了。请每个县区只写一次。`);
    seen.add(name);
  }
  return names;
}
