import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../../electron/store/audit';
import { createWorkbook, openWorkbook } from '../../../electron/store/open';
import { readMeta } from '../../../electron/store/meta';
import { makeSchema } from '../../support/schema-fixture';
import { listDir, makeTempDir } from '../../support/temp-dir';

const ACTOR = { osUser: 'wang', operator: '王统计' };

describe('backup copies (另存为/备份副本)', () => {
  it('refuse the open workbook itself as the target, by any name, and leave it whole and writable', () => {
    const dir = makeTempDir();
    const file = path.join(dir, '临沂.tzdb');
    const workbook = createWorkbook(file, { schema: makeSchema() });
    symlinkSync(file, path.join(dir, 'link.tzdb'));
    linkSync(file, path.join(dir, 'hard.tzdb'));
    mkdirSync(path.join(dir, 'sub'));
    for (const target of [file, path.join(dir, 'sub', '..', '临沂.tzdb'), path.join(dir, 'link.tzdb'), path.join(dir, 'hard.tzdb')]) {
      expect(() => workbook.backupTo(target)).toThrow(
        expect.objectContaining({ code: 'target_is_source', message: expect.stringMatching(/^不能写到.*正在使用的工作簿“临沂\.tzdb”本身.*原工作簿未被改动/) }),
      );
    }
    // Still the same file, still written to.
    workbook.db.transaction(() => appendAudit(workbook.db, { ...ACTOR, action: 'assign_reporter', target: 'x', before: [], after: [] }))();
    workbook.close();
    const reopened = openWorkbook(file, { readOnly: true });
    expect(listAudit(reopened.db).map((e) => e.action)).toEqual(['create_workbook', 'assign_reporter']);
    expect(reopened.integrity).toEqual([]);
    reopened.close();
  });

  it('refuse a workbook another handle has open, and write a consistent copy elsewhere', () => {
    const dir = makeTempDir();
    const a = createWorkbook(path.join(dir, 'a.tzdb'), { schema: makeSchema() });
    const b = createWorkbook(path.join(dir, 'b.tzdb'), { schema: makeSchema() });
    expect(() => a.backupTo(path.join(dir, 'b.tzdb'))).toThrow(expect.objectContaining({ code: 'workbook_in_use', message: expect.stringMatching(/本程序正打开的工作簿/) }));
    const copy = a.backupTo(path.join(dir, '副本.tzdb'));
    a.close();
    b.close();
    expect(listDir(dir)).toEqual(['a.tzdb', 'b.tzdb', '副本.tzdb']);
    const opened = openWorkbook(copy, { readOnly: true });
    expect(opened.integrity).toEqual([]);
    opened.close();
  });

  it('refuse a folder as the target with a plain message', () => {
    const dir = makeTempDir();
    const workbook = createWorkbook(path.join(dir, 'w.tzdb'), { schema: makeSchema() });
    mkdirSync(path.join(dir, '备份'));
    expect(() => workbook.backupTo(path.join(dir, '备份'))).toThrow(expect.objectContaining({ code: 'workbook_is_directory' }));
    workbook.close();
  });
});

describe('re-creating a workbook (init --force, rollover)', () => {
  it('never replaces a workbook it is made from', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'w.tzdb');
    createWorkbook(file, { schema: makeSchema(), region: '兰山区' }).close();
    const source = openWorkbook(file, { readOnly: true });
    expect(() => createWorkbook(path.join(dir, '.', 'w.tzdb'), { schema: makeSchema(), force: true, protect: [source.path] })).toThrow(
      expect.objectContaining({ code: 'target_is_source' }),
    );
    source.close();
    const again = openWorkbook(file, { readOnly: true });
    expect(readMeta(again.db).region).toBe('兰山区');
    again.close();
    expect(listDir(dir)).toEqual(['w.tzdb']);
  });

  it('builds the new workbook aside and replaces the old one only when complete, journal files and all', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'w.tzdb');
    createWorkbook(file, { schema: makeSchema(), region: '兰山区' }).close();
    // A -wal left by a crash beside the old file must not be applied to the new one.
    writeFileSync(`${file}-wal`, 'left over');
    expect(() =>
      createWorkbook(file, {
        schema: makeSchema(),
        force: true,
        fill() {
          throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    const old = openWorkbook(file, { readOnly: true });
    expect(readMeta(old.db).region).toBe('兰山区');
    old.close();
    const made = createWorkbook(file, { schema: makeSchema(), force: true, fill: (db, actor) => appendAudit(db, { ...actor, action: 'assign_reporter', target: 'x', before: [], after: [] }) });
    expect(listAudit(made.db).map((e) => e.action)).toEqual(['create_workbook', 'assign_reporter']);
    expect(made.integrity).toEqual([]);
    made.close();
    expect(listDir(dir)).toEqual(['w.tzdb']);
  });
});

describe('workbook paths the file system refuses', () => {
  it('say what is wrong in Chinese, never an internal error', () => {
    const dir = makeTempDir();
    mkdirSync(path.join(dir, '文件夹.tzdb'));
    expect(() => openWorkbook(path.join(dir, '文件夹.tzdb'))).toThrow(expect.objectContaining({ code: 'workbook_is_directory', message: expect.stringMatching(/是文件夹，不是工作簿文件/) }));
    expect(() => openWorkbook(path.join(dir, '没有.tzdb'))).toThrow(expect.objectContaining({ code: 'workbook_not_found' }));
    expect(() => openWorkbook(path.join(dir, `${'长'.repeat(300)}.tzdb`))).toThrow(expect.objectContaining({ code: 'workbook_path_too_long', message: expect.stringMatching(/过长/) }));
    expect(() => createWorkbook(path.join(dir, `${'长'.repeat(300)}.tzdb`), { schema: makeSchema() })).toThrow(expect.objectContaining({ code: 'workbook_path_too_long' }));
    writeFileSync(path.join(dir, 'file'), '');
    expect(() => createWorkbook(path.join(dir, 'file', 'w.tzdb'), { schema: makeSchema() })).toThrow(expect.objectContaining({ code: 'workbook_bad_path' }));
  });

  it.skipIf(process.platform === 'win32')('refuse a FIFO at once instead of waiting on it', () => {
    const dir = makeTempDir();
    const fifo = path.join(dir, 'pipe.tzdb');
    execFileSync('mkfifo', [fifo]);
    expect(() => openWorkbook(fifo, { readOnly: true })).toThrow(expect.objectContaining({ code: 'not_a_workbook' }));
  });
});

describe('names with control characters', () => {
  it('are refused for regions and the operator', () => {
    const dir = makeTempDir();
    for (const [options, code] of [
      [{ region: '临沂市\u202e' }, 'bad_region'],
      [{ subregions: ['兰山区\u001b[31m'] }, 'bad_region'],
      [{ subregions: ['罗庄\u0000区'] }, 'bad_region'],
      [{ operator: '王\u202e统计' }, 'bad_operator'],
    ] as const) {
      expect(() => createWorkbook(path.join(dir, 'w.tzdb'), { schema: makeSchema(), ...options })).toThrow(
        expect.objectContaining({ code, message: expect.stringMatching(/含有控制字符或文字方向控制符（U\+[0-9A-F]{4}）/) }),
      );
    }
    expect(listDir(dir)).toEqual([]);
  });
});
