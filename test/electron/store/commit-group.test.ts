import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommitGroup, withJournalsInMemory } from '../../../electron/store/commit-group';
import { asWriteDb } from '../../../electron/store/db';
import { makeTempDir } from '../../support/temp-dir';

/** A WAL database with a table of files' rows, and a second connection that sees only commits. */
function database() {
  const file = path.join(makeTempDir(), 'w.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE rows (file TEXT NOT NULL, n INTEGER NOT NULL CHECK (n >= 0))');
  const other = new Database(file, { readonly: true });
  const committed = () => (other.prepare('SELECT file FROM rows ORDER BY rowid').all() as { file: string }[]).map((r) => r.file);
  return { db, committed, close: () => (other.close(), db.close()) };
}

/** A file's writes: some rows, the last one refused by the CHECK when `bad`. */
function writeFile(db: Database.Database, file: string, bad = false): number {
  const insert = db.prepare('INSERT INTO rows (file, n) VALUES (?, ?)');
  insert.run(file, 1);
  insert.run(file, 2);
  if (bad) insert.run(file, -1);
  return 2;
}

describe('a commit group', () => {
  it('commits several files at once, each all-or-nothing: a refused file is undone alone and the group goes on', () => {
    const { db, committed, close } = database();
    const group = new CommitGroup<string>(asWriteDb(db), { maxFiles: 10, maxMs: 60_000 });
    group.add('a', () => writeFile(db, 'a'));
    expect(() => group.add('b', () => writeFile(db, 'b', true))).toThrow(/CHECK/);
    group.add('c', () => writeFile(db, 'c'));
    expect(group.open()).toBe(true);
    // Nothing reaches another connection before the commit.
    expect(committed()).toEqual([]);
    expect(group.commit()).toEqual({ committed: ['a', 'c'], lost: [], error: null });
    expect(committed()).toEqual(['a', 'a', 'c', 'c']);
    expect(group.open()).toBe(false);
    expect(group.commit()).toEqual({ committed: [], lost: [], error: null });
    close();
  });

  it('is due when it holds its most files, or has been open its longest', async () => {
    const { db, close } = database();
    const bySize = new CommitGroup<string>(asWriteDb(db), { maxFiles: 2, maxMs: 60_000 });
    bySize.add('a', () => writeFile(db, 'a'));
    expect(bySize.due()).toBe(false);
    bySize.add('b', () => writeFile(db, 'b'));
    expect(bySize.due()).toBe(true);
    bySize.commit();
    const byTime = new CommitGroup<string>(asWriteDb(db), { maxFiles: 100, maxMs: 20 });
    expect(byTime.due()).toBe(false);
    byTime.add('c', () => writeFile(db, 'c'));
    expect(byTime.due()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(byTime.due()).toBe(true);
    byTime.commit();
    close();
  });

  it('hands back the files an error took with the whole transaction, to be stored again', () => {
    const { db, committed, close } = database();
    const group = new CommitGroup<string>(asWriteDb(db));
    group.add('a', () => writeFile(db, 'a'));
    group.add('b', () => writeFile(db, 'b'));
    expect(group.takeLost()).toEqual([]);
    // As SQLite does on some disk errors: the whole transaction is rolled back under the file.
    expect(() =>
      group.add('c', () => {
        db.exec('ROLLBACK');
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      }),
    ).toThrow('disk I/O error');
    expect(group.takeLost()).toEqual(['a', 'b']);
    expect(committed()).toEqual([]);
    close();
  });

  it('hands back its files, undone, when the commit fails', () => {
    const { db, committed, close } = database();
    const failing = new Proxy(db, {
      get(target, key) {
        if (key === 'prepare') {
          return (sql: string) => {
            if (sql === 'COMMIT') return { run: () => { throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }); } };
            return target.prepare(sql);
          };
        }
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const group = new CommitGroup<string>(asWriteDb(failing));
    group.add('a', () => writeFile(db, 'a'));
    group.add('b', () => writeFile(db, 'b'));
    const outcome = group.commit();
    expect(outcome.committed).toEqual([]);
    expect(outcome.lost).toEqual(['a', 'b']);
    expect(outcome.error).toMatchObject({ code: 'SQLITE_FULL' });
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT count(*) AS n FROM rows').get()).toEqual({ n: 0 });
    expect(committed()).toEqual([]);
    close();
  });

  it('keeps savepoint journals in memory for a batch, then as they were', async () => {
    const { db, close } = database();
    const before = Number(db.pragma('temp_store', { simple: true }));
    const during = await withJournalsInMemory(asWriteDb(db), async () => Number(db.pragma('temp_store', { simple: true })));
    expect(during).toBe(2);
    expect(Number(db.pragma('temp_store', { simple: true }))).toBe(before);
    await expect(withJournalsInMemory(asWriteDb(db), async () => { throw new Error('中途失败'); })).rejects.toThrow('中途失败');
    expect(Number(db.pragma('temp_store', { simple: true }))).toBe(before);
    close();
  });
});
