import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import type { Schema } from '../../shared/domain/schema';
import type { Actor } from './actor';
import { currentActor } from './actor';
import { readAppVersion } from './app-version';
import { appendAudit } from './audit';
import type { ReadDb, WriteDb } from './db';
import { asReadDb, asWriteDb, readUserVersion } from './db';
import {
  notAWorkbook,
  translateSqliteError,
  workbookExists,
  workbookLockLost,
  workbookNeedsUpgrade,
  workbookNotFound,
  workbookReadOnly,
  workbookTooNew,
} from './errors';
import type { LockHolder } from './lock';
import { HEARTBEAT_INTERVAL_MS, acquireLock, beatLock, clearLock, inUseError, isLockStale, readLock, releaseLock } from './lock';
import { writeMeta } from './meta';
import { LATEST_VERSION, WORKBOOK_APPLICATION_ID, migrateTo } from './migrations';
import { writeRegions } from './regions';
import { writeSchemaCopy } from './schema-copy';

export { WORKBOOK_EXTENSION } from './workbook-extension';

interface WorkbookBase {
  /** Absolute path of the .tzdb file. */
  readonly path: string;
  readonly actor: Actor;
  /** Releases the lock, folds the WAL back into the file and closes; safe to call twice. */
  close(): void;
  /** Writes a consistent copy (另存为/备份副本) at any time; returns its absolute path. */
  backupTo(target: string): string;
}

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
  if (!existsSync(absolute)) throw workbookNotFound(file);
  const actor = currentActor(options.operator);
  const raw = connect(absolute);
  try {
    const version = checkWorkbookFile(asReadDb(raw), absolute);
    if (options.readOnly) {
      if (version < LATEST_VERSION) throw workbookNeedsUpgrade(absolute, version);
      // Read-write connection with query_only rather than SQLite's read-only mode: a read-only
      // connection cannot fold the WAL back on close, which would leave -wal/-shm beside the file.
      raw.pragma('query_only = ON');
      return readOnlyHandle(raw, absolute, actor);
    }
    const db = asWriteDb(raw);
    const networkShare = options.networkShare ?? isNetworkSharePath(file);
    raw.pragma(networkShare ? 'journal_mode = DELETE' : 'journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    acquireLock(db, absolute, actor, { takeOverStale: options.takeOverStale ?? false });
    try {
      if (version < LATEST_VERSION) upgrade(db, absolute, version, actor);
    } catch (error) {
      releaseLock(db, actor.host);
      throw error;
    }
    return writableHandle(raw, absolute, actor);
  } catch (error) {
    raw.close();
    throw translateSqliteError(error, absolute);
  }
}

/**
 * Creates a workbook for `schema`: built aside under a temporary name and renamed into place,
 * so that a crash never leaves a half-made workbook under the real name. Returns it open.
 */
export function createWorkbook(file: string, options: CreateOptions): WritableWorkbook {
  const absolute = path.resolve(file);
  const region = (options.region ?? options.schema.region).trim();
  const subregions = checkSubregions(region, options.subregions ?? []);
  if (existsSync(absolute)) {
    if (!options.force) throw workbookExists(file);
    refuseIfInUse(absolute);
    removeWithSidecars(absolute);
  }
  mkdirSync(path.dirname(absolute), { recursive: true });
  const actor = currentActor(options.operator);
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
          after: { schema: options.schema.id, region, subregions, indicatorCount: options.schema.indicators.length },
        });
      })();
    } finally {
      raw.close();
    }
    renameSync(building, absolute);
  } catch (error) {
    removeWithSidecars(building);
    throw error;
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
  copyConsistent(db, `${file}.bak-v${from}`);
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
 * It is written under a temporary name and renamed, so a reader never sees half a copy; the
 * copy carries no lock (it is not open anywhere) and uses a rollback journal (it is closed).
 */
function copyConsistent(db: ReadDb, target: string): string {
  const absolute = path.resolve(target);
  const partial = `${absolute}.partial-${process.pid}`;
  removeWithSidecars(partial);
  const queryOnly = Number(db.pragma('query_only', { simple: true })) === 1;
  try {
    if (queryOnly) db.pragma('query_only = OFF');
    db.prepare('VACUUM INTO @target').run({ target: partial });
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
    renameSync(partial, absolute);
  } catch (error) {
    removeWithSidecars(partial);
    throw error;
  }
  return absolute;
}

function writableHandle(raw: Database.Database, file: string, actor: Actor): WritableWorkbook {
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
    backupTo(target) {
      return copyConsistent(db, target);
    },
  };
}

function readOnlyHandle(raw: Database.Database, file: string, actor: Actor): ReadOnlyWorkbook {
  const db = asReadDb(raw);
  const holder = readLock(db);
  let closed = false;
  return {
    readOnly: true,
    db,
    path: file,
    actor,
    heldBy: holder && !isLockStale(holder) ? holder : null,
    close() {
      if (closed) return;
      closed = true;
      raw.pragma('query_only = OFF');
      foldJournalAndClose(raw);
    },
    backupTo(target) {
      return copyConsistent(db, target);
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

function refuseIfInUse(file: string): void {
  let holder: LockHolder | null = null;
  try {
    const raw = new Database(file, { fileMustExist: true, timeout: 5000 });
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
    if (typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))) return;
    throw translateSqliteError(error, file);
  }
  if (holder && !isLockStale(holder)) throw inUseError(file, holder);
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function checkSubregions(region: string, subregions: readonly string[]): string[] {
  if (!region) throw new UserError('bad_region', '地区名称不能为空。请填写工作簿所属地区，如“临沂市”。');
  const names = subregions.map((name) => name.trim()).filter((name) => name.length > 0);
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
