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
});
