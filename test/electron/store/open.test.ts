import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/store/audit';
import { listTables, readUserVersion } from '../../../electron/store/db';
import { readMeta } from '../../../electron/store/meta';
import { LATEST_VERSION } from '../../../electron/store/migrations';
import { createWorkbook, isNetworkSharePath, openWorkbook, requireWritable } from '../../../electron/store/open';
import { readSchemaCopy } from '../../../electron/store/schema-copy';
import { makeSchema } from '../../support/schema-fixture';
import { listDir, makeTempDir } from '../../support/temp-dir';
import { createWorkbookAtVersion } from '../../support/workbooks';

describe('creating a workbook', () => {
  it('leaves only the .tzdb in the folder once closed, at the latest version', () => {
    const dir = makeTempDir();
    const file = path.join(dir, '临沂市养老托育指标台账.tzdb');
    const workbook = createWorkbook(file, { schema: makeSchema(), subregions: ['兰山区'] });
    expect(workbook.path).toBe(file);
    expect(readUserVersion(workbook.db)).toBe(LATEST_VERSION);
    const meta = readMeta(workbook.db);
    expect(meta.workbookId).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta.region).toBe('临沂市');
    workbook.close();
    expect(listDir(dir)).toEqual(['临沂市养老托育指标台账.tzdb']);
  });

  it('gives each workbook its own id', () => {
    const dir = makeTempDir();
    const a = createWorkbook(path.join(dir, 'a.tzdb'), { schema: makeSchema() });
    const b = createWorkbook(path.join(dir, 'b.tzdb'), { schema: makeSchema() });
    expect(readMeta(a.db).workbookId).not.toBe(readMeta(b.db).workbookId);
    a.close();
    b.close();
  });

  it('refuses to overwrite an existing file unless forced', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'w.tzdb');
    createWorkbook(file, { schema: makeSchema(), region: '兰山区' }).close();
    expect(() => createWorkbook(file, { schema: makeSchema() })).toThrow(expect.objectContaining({ code: 'workbook_exists' }));

    const again = createWorkbook(file, { schema: makeSchema(), force: true });
    expect(readMeta(again.db).region).toBe('临沂市');
    expect(listAudit(again.db)).toHaveLength(1);
    again.close();
    expect(listDir(dir)).toEqual(['w.tzdb']);
  });

  it('never overwrites a workbook another handle has open, even when forced', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    const open = createWorkbook(file, { schema: makeSchema() });
    expect(() => createWorkbook(file, { schema: makeSchema(), force: true })).toThrow(
      expect.objectContaining({ code: 'workbook_in_use' }),
    );
    expect(readSchemaCopy(open.db).id).toBe('linyi-fixture');
    open.close();
  });
});

describe('an open workbook', () => {
  it('runs in WAL with synchronous=FULL and foreign keys while open, and is one plain file after close', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'w.tzdb');
    createWorkbook(file, { schema: makeSchema() }).close();
    const workbook = openWorkbook(file);
    const db = requireWritable(workbook);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare("INSERT INTO bureaus (name, aliases) VALUES ('市教育局', '[]')").run();
    expect(listDir(dir)).toEqual(['w.tzdb', 'w.tzdb-shm', 'w.tzdb-wal']);
    workbook.close();

    expect(listDir(dir)).toEqual(['w.tzdb']);
    const plain = new Database(file, { readonly: true });
    expect(plain.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(plain.prepare("SELECT name FROM bureaus WHERE name = '市教育局'").get()).toEqual({ name: '市教育局' });
    expect(plain.prepare('SELECT count(*) AS n FROM lock').get()).toEqual({ n: 0 });
    plain.close();
  });

  it('keeps a rollback journal on a network share', () => {
    expect(isNetworkSharePath('\\\\fgw-server\\统计科\\台账.tzdb')).toBe(true);
    expect(isNetworkSharePath('//fgw-server/统计科/台账.tzdb')).toBe(true);
    expect(isNetworkSharePath('D:\\统计科\\台账.tzdb')).toBe(false);
    expect(isNetworkSharePath('/home/wang/台账.tzdb')).toBe(false);

    const dir = makeTempDir();
    const file = path.join(dir, 'w.tzdb');
    const workbook = createWorkbook(file, { schema: makeSchema(), networkShare: true });
    expect(workbook.db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(workbook.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(listDir(dir)).toEqual(['w.tzdb']);
    workbook.close();
  });

  it('refuses a second writable open with who has it and since when', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    const first = createWorkbook(file, { schema: makeSchema() });
    let refusal: unknown;
    try {
      openWorkbook(file);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'workbook_in_use' });
    const message = (refusal as Error).message;
    expect(message).toContain('工作簿正被另一程序使用');
    expect(message).toContain(`计算机“${first.actor.host}”`);
    expect(message).toContain(`账户“${first.actor.osUser}”`);
    expect(message).toMatch(/自 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 起打开/);
    first.close();
    openWorkbook(file).close();
  });

  it('opens read-only beside a writer, refuses writes through it, and names the holder', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'w.tzdb');
    const writer = createWorkbook(file, { schema: makeSchema() });
    const reader = openWorkbook(file, { readOnly: true });
    expect(reader.readOnly).toBe(true);
    expect(reader.readOnly && reader.heldBy).toMatchObject({ host: writer.actor.host, pid: process.pid });
    expect(() => requireWritable(reader)).toThrow(expect.objectContaining({ code: 'workbook_read_only' }));
    expect(() => reader.db.prepare("INSERT INTO bureaus (name) VALUES ('市财政局')").run()).toThrow(/readonly/i);

    writer.db.prepare("INSERT INTO bureaus (name) VALUES ('市财政局')").run();
    expect(reader.db.prepare("SELECT name FROM bureaus WHERE name = '市财政局'").get()).toEqual({ name: '市财政局' });

    writer.close();
    reader.close();
    expect(listDir(dir)).toEqual(['w.tzdb']);
  });

  it('refuses a read-only open of an older workbook, which needs upgrading first', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    createWorkbookAtVersion(file, 1);
    expect(() => openWorkbook(file, { readOnly: true })).toThrow(expect.objectContaining({ code: 'workbook_needs_upgrade' }));
  });

  it('refuses files that are not workbooks', () => {
    const dir = makeTempDir();
    const text = path.join(dir, '报表.tzdb');
    writeFileSync(text, '序号,指标,2023年\n1,托位总数,0.8\n');
    expect(() => openWorkbook(text)).toThrow(expect.objectContaining({ code: 'not_a_workbook', message: expect.stringContaining('报表.tzdb') }));

    const other = path.join(dir, 'other.tzdb');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => openWorkbook(other)).toThrow(expect.objectContaining({ code: 'not_a_workbook' }));
    expect(() => openWorkbook(path.join(dir, 'missing.tzdb'))).toThrow(expect.objectContaining({ code: 'workbook_not_found' }));
  });
});

describe('backup copies (另存为/备份副本)', () => {
  it('copies a consistent, unlocked, self-contained file while the workbook is open', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'w.tzdb');
    const workbook = createWorkbook(file, { schema: makeSchema() });
    const db = requireWritable(workbook);
    db.prepare("INSERT INTO bureaus (name) VALUES ('市教育局')").run();

    const target = path.join(dir, '备份', '台账副本.tzdb');
    mkdirSync(path.dirname(target));
    expect(workbook.backupTo(target)).toBe(target);
    expect(listDir(path.dirname(target))).toEqual(['台账副本.tzdb']);

    // The copy opens for writing even while the original is open: it carries no lock.
    const copy = openWorkbook(target);
    expect(listTables(copy.db)).toEqual(listTables(workbook.db));
    expect(copy.db.prepare("SELECT name FROM bureaus WHERE name = '市教育局'").get()).toEqual({ name: '市教育局' });
    expect(readSchemaCopy(copy.db)).toEqual(readSchemaCopy(workbook.db));
    copy.close();

    // A second backup to the same name replaces the first.
    db.prepare("INSERT INTO bureaus (name) VALUES ('市财政局')").run();
    workbook.backupTo(target);
    const again = openWorkbook(target, { readOnly: true });
    expect(again.db.prepare("SELECT count(*) AS n FROM bureaus WHERE name IN ('市教育局', '市财政局')").get()).toEqual({ n: 2 });
    again.close();
    workbook.close();
    expect(listDir(path.dirname(target))).toEqual(['台账副本.tzdb']);
  });

  it('works from a read-only handle too', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'w.tzdb');
    createWorkbook(file, { schema: makeSchema() }).close();
    const reader = openWorkbook(file, { readOnly: true });
    reader.backupTo(path.join(dir, 'copy.tzdb'));
    reader.close();
    expect(listDir(dir)).toEqual(['copy.tzdb', 'w.tzdb']);
  });
});
