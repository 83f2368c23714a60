import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitBatchDurably, type CheckpointPolicy } from '../../../electron/store/durability';
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
        await batch.settled();
        seen.push(rowsInCopy());
      }
    }, { everyFiles: 3, everyMs: 60_000, slowMs: 10, threadAfterMs: 200 });
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
    }, { everyFiles: 1_000, everyMs: 0, slowMs: 10, threadAfterMs: 200 });
    copyFileSync(workbook.path, copy);
    expect(new Database(copy, { readonly: true }).prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    workbook.close();
  });

  it('checkpoints on this thread while checkpoints are quick and few, starting no thread', async () => {
    const { here, rows } = await storeWatched(4, { everyFiles: 2, everyMs: 60_000, slowMs: 60_000, threadAfterMs: 60_000 });
    // After the 2nd and the 4th file, and the batch's last: none went to a thread.
    expect(here).toHaveLength(3);
    expect(rows).toBe(4);
  });

  it('hands checkpoints to a thread of their own once one here is slow, and goes on storing', async () => {
    const { here, rows } = await storeWatched(6, { everyFiles: 2, everyMs: 60_000, slowMs: 0, threadAfterMs: 60_000 });
    // The first checkpoint ran here (with slowMs 0, slow enough to start the thread); the 4th and
    // the 6th file's went to the thread; the batch's last, once storing is over, runs here.
    expect(here).toHaveLength(2);
    expect(rows).toBe(6);
  });

  it('hands checkpoints to a thread of their own once those here add up, however quick each', async () => {
    const { here, rows } = await storeWatched(6, { everyFiles: 2, everyMs: 60_000, slowMs: 60_000, threadAfterMs: 0 });
    // As above: only the first and the batch's last ran here.
    expect(here).toHaveLength(2);
    expect(rows).toBe(6);
  });

  it('checkpoints on this thread when the other cannot open the workbook', async () => {
    const workbook = workbookFile(false);
    const db = requireWritable(workbook);
    db.exec('CREATE TABLE t (x)');
    db.pragma('wal_checkpoint(PASSIVE)');
    const here: string[] = [];
    // A connection whose file name leads nowhere: the checkpoint thread fails to open it.
    const elsewhere = watchCheckpoints(db, here, false, path.join(path.dirname(workbook.path), 'gone', 'w.tzdb'));
    // slowMs 0: the first checkpoint, here, starts the thread, which fails.
    const copy = path.join(path.dirname(workbook.path), 'copy.sqlite');
    const seen: number[] = [];
    await commitBatchDurably(elsewhere, async (batch) => {
      for (let file = 1; file <= 4; file++) {
        db.prepare('INSERT INTO t VALUES (?)').run(file);
        batch.committed();
        await batch.settled();
        copyFileSync(workbook.path, copy);
        const copied = new Database(copy, { readonly: true });
        seen.push((copied.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n);
        copied.close();
      }
    }, { everyFiles: 2, everyMs: 60_000, slowMs: 0, threadAfterMs: 60_000 });
    expect(seen).toEqual([0, 2, 2, 4]);
    // The first here, the second here (the thread failed), and the batch's last.
    expect(here).toHaveLength(3);
    workbook.close();
  });

  // A thread that ended between checkpoints must not be asked for the next one: nothing would
  // answer, and the batch would wait for it for ever.
  it('checkpoints here once the thread has ended between checkpoints', async () => {
    const workbook = workbookFile(false);
    const db = requireWritable(workbook);
    db.exec('CREATE TABLE t (x)');
    db.pragma('wal_checkpoint(PASSIVE)');
    const here: string[] = [];
    const elsewhere = watchCheckpoints(db, here, false, path.join(path.dirname(workbook.path), 'gone', 'w.tzdb'));
    await commitBatchDurably(elsewhere, async (batch) => {
      for (let file = 1; file <= 4; file++) {
        db.prepare('INSERT INTO t VALUES (?)').run(file);
        batch.committed();
        // After the 2nd file's checkpoint (here) the thread starts and fails to
        // open the file; give it time to end before the 4th file's.
        if (file === 2) await new Promise((resolve) => setTimeout(resolve, 1_000));
        await batch.settled();
      }
    }, { everyFiles: 2, everyMs: 60_000, slowMs: 0, threadAfterMs: 60_000 });
    expect(here).toHaveLength(3);
    workbook.close();
  });

  it('goes on when a checkpoint fails: the commits stay in the WAL', async () => {
    const workbook = workbookFile(false);
    const db = requireWritable(workbook);
    db.exec('CREATE TABLE t (x)');
    const failing = watchCheckpoints(db, [], true, path.join(path.dirname(workbook.path), 'gone', 'w.tzdb'));
    const stored = await commitBatchDurably(failing, async (batch) => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      batch.committed();
      return 'stored';
    }, { everyFiles: 1, everyMs: 0, slowMs: 10, threadAfterMs: 200 });
    expect(stored).toBe('stored');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    workbook.close();
  });
});

/**
 * Stores `files` rows as a batch's files under `policy`, noting the checkpoints the connection
 * runs itself; then copies the workbook file alone (as the batch's checkpoints left it, before
 * the batch's last) and counts the rows the copy holds.
 */
async function storeWatched(files: number, policy: CheckpointPolicy): Promise<{ here: string[]; rows: number }> {
  const workbook = workbookFile(false);
  const db = requireWritable(workbook);
  db.exec('CREATE TABLE t (x)');
  db.pragma('wal_checkpoint(PASSIVE)');
  const here: string[] = [];
  const copy = path.join(path.dirname(workbook.path), 'mid.sqlite');
  await commitBatchDurably(watchCheckpoints(db, here, false), async (batch) => {
    for (let file = 1; file <= files; file++) {
      db.prepare('INSERT INTO t VALUES (?)').run(file);
      batch.committed();
    }
    await batch.settled();
    copyFileSync(workbook.path, copy);
  }, policy);
  const copied = new Database(copy, { readonly: true });
  const rows = (copied.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  copied.close();
  workbook.close();
  return { here, rows };
}

/**
 * The connection as the batch sees it, with every checkpoint it runs itself noted in `here` (and
 * failing with a full disk when `fail`); `name` stands in for its file name, which is all the
 * checkpoint thread is given.
 */
function watchCheckpoints<T extends Database.Database>(db: T, here: string[], fail: boolean, name?: string): T {
  return new Proxy(db, {
    get(target, key) {
      if (key === 'name' && name !== undefined) return name;
      if (key === 'pragma') {
        return (text: string, options?: { simple?: boolean }) => {
          if (text.startsWith('wal_checkpoint')) {
            here.push(text);
            if (fail) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
          }
          return target.pragma(text, options);
        };
      }
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
