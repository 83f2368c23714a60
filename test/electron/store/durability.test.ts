import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitBatchDurably } from '../../../electron/store/durability';
import { createWorkbook, openWorkbook, requireWritable } from '../../../electron/store/open';
import { makeSchema } from '../../support/schema-fixture';
import { makeTempDir } from '../../support/temp-dir';

const synchronous = (db: Database.Database) => Number(db.pragma('synchronous', { simple: true }));
const autoCheckpoint = (db: Database.Database) => Number(db.pragma('wal_autocheckpoint', { simple: true }));
const FULL = 2;
const NORMAL = 1;

function workbookFile(networkShare: boolean) {
  const dir = makeTempDir();
  const file = path.join(dir, 'w.tzdb');
  createWorkbook(file, { schema: makeSchema() }).close();
  return openWorkbook(file, { networkShare });
}

describe('a batch of commits made durable at its end', () => {
  it('commits without waiting for the disk during the batch, then syncs the WAL into the file and waits again', async () => {
    const workbook = workbookFile(false);
    const db = requireWritable(workbook);
    db.exec('CREATE TABLE t (x)');
    const before = autoCheckpoint(db);
    const during = await commitBatchDurably(db, async () => {
      for (let i = 0; i < 20; i++) db.prepare('INSERT INTO t VALUES (?)').run(i);
      return [synchronous(db), autoCheckpoint(db)];
    });
    expect(during).toEqual([NORMAL, 0]);
    expect([synchronous(db), autoCheckpoint(db)]).toEqual([FULL, before]);
    expect(before).toBeGreaterThan(0);
    // The checkpoint has written the batch into the workbook file itself: a copy of the file
    // alone, without its -wal, holds every row.
    const copy = path.join(path.dirname(workbook.path), 'copy.sqlite');
    copyFileSync(workbook.path, copy);
    expect(new Database(copy, { readonly: true }).prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 20 });
    workbook.close();
  });

  it('goes back to waiting for the disk when the batch fails', async () => {
    const workbook = workbookFile(false);
    const db = requireWritable(workbook);
    const before = autoCheckpoint(db);
    await expect(commitBatchDurably(db, async () => { throw new Error('中途失败'); })).rejects.toThrow('中途失败');
    expect([synchronous(db), autoCheckpoint(db)]).toEqual([FULL, before]);
    workbook.close();
  });

  it('keeps every commit waiting for the disk on a network share (rollback journal)', async () => {
    const workbook = workbookFile(true);
    const db = requireWritable(workbook);
    expect(await commitBatchDurably(db, async () => synchronous(db))).toBe(FULL);
    workbook.close();
  });

  it('writes the batch into the workbook file every few files, so a copy of the file alone mid-batch holds them', async () => {
    const workbook = workbookFile(false);
    const db = requireWritable(workbook);
    db.exec('CREATE TABLE t (x)');
    // The table itself reaches the file at the first checkpoint.
    db.pragma('wal_checkpoint(PASSIVE)');
    const copy = path.join(path.dirname(workbook.path), 'copy.sqlite');
    const rowsInCopy = () => {
      copyFileSync(workbook.path, copy);
      const copied = new Database(copy, { readonly: true });
      try {
        return (copied.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
      } finally {
        copied.close();
      }
    };
    const seen: number[] = [];
    await commitBatchDurably(db, async (batch) => {
      for (let file = 1; file <= 7; file++) {
        db.prepare('INSERT INTO t VALUES (?)').run(file);
        batch.committed();
        seen.push(rowsInCopy());
      }
    }, { everyFiles: 3, everyMs: 60_000 });
    // Checkpoints after the 3rd and the 6th file; the 7th reaches the file when the batch ends.
    expect(seen).toEqual([0, 0, 3, 3, 3, 6, 6]);
    expect(rowsInCopy()).toBe(7);
    workbook.close();
  });

  it('also checkpoints when enough time has gone by, whatever the count', async () => {
    const workbook = workbookFile(false);
    const db = requireWritable(workbook);
    db.exec('CREATE TABLE t (x)');
    db.pragma('wal_checkpoint(PASSIVE)');
    const copy = path.join(path.dirname(workbook.path), 'copy.sqlite');
    await commitBatchDurably(db, async (batch) => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      batch.committed();
    }, { everyFiles: 1_000, everyMs: 0 });
    copyFileSync(workbook.path, copy);
    expect(new Database(copy, { readonly: true }).prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    workbook.close();
  });

  it('goes on when a checkpoint fails: the commits stay in the WAL', async () => {
    const workbook = workbookFile(false);
    const db = requireWritable(workbook);
    db.exec('CREATE TABLE t (x)');
    const failing = new Proxy(db, {
      get(target, key) {
        if (key === 'pragma') {
          return (text: string, options?: { simple?: boolean }) => {
            if (text.startsWith('wal_checkpoint')) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
            return target.pragma(text, options);
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const stored = await commitBatchDurably(failing, async (batch) => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      batch.committed();
      return 'stored';
    }, { everyFiles: 1, everyMs: 0 });
    expect(stored).toBe('stored');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    workbook.close();
  });
});

