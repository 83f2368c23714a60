import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliWorkbookWithReturn } from '../support/cli-workbook';
import { runTaizhang, type CliResult } from '../support/processes';
import { listDir, makeTempDir } from '../support/temp-dir';
import { expectRefused } from './cli-expect';

/** Issue 17 through the command line: nothing lost, nothing forged. */

const SEED_TABLE = fileURLToPath(new URL('../fixtures/seeds/001-linyi-table.txt', import.meta.url));

function ok(result: CliResult): string {
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function returnCount(file: string): number {
  const db = new Database(file, { readonly: true });
  const { n } = db.prepare('SELECT count(*) AS n FROM returns').get() as { n: number };
  db.close();
  return n;
}

async function linyiWithReturn(dir: string, contact?: string): Promise<void> {
  await cliWorkbookWithReturn(dir, '市人社局2023年报表.xlsx', {
    bureau: '市人社局',
    year: 2023,
    rows: [
      { name: '基本养老保险参保率', unit: '%', value: 94.6 },
      { name: '托位\u202e总数\u001b[2J', unit: '万个', value: 0.9 },
    ],
    ...(contact === undefined ? {} : { contact }),
  });
}

describe('writing a workbook onto itself', () => {
  it('rollover --out onto the source with --force is refused with one Chinese line, the source intact', async () => {
    const dir = makeTempDir();
    await linyiWithReturn(dir);
    for (const out of ['./w.tzdb', 'w.tzdb', path.join(dir, 'sub', '..', 'w.tzdb')]) {
      const result = runTaizhang(['rollover', 'w.tzdb', '--out', out, '--target-year', '2030', '--force'], { cwd: dir });
      expectRefused(result, /^不能写到“w\.tzdb”：它就是正在使用的工作簿“w\.tzdb”本身.*原工作簿未被改动/);
    }
    expect(listDir(dir)).toEqual(['w.tzdb', '市人社局2023年报表.xlsx']);
    expect(returnCount(path.join(dir, 'w.tzdb'))).toBe(1);
    expect(ok(runTaizhang(['values', 'w.tzdb', '--year', '2023', '--json'], { cwd: dir }))).toMatch(/94\.6/);
  });
});

describe('files that already exist', () => {
  it('export --out refuses an existing file without --force and replaces it with', async () => {
    const dir = makeTempDir();
    await linyiWithReturn(dir);
    writeFileSync(path.join(dir, 'notes.csv'), '我的笔记');
    expectRefused(runTaizhang(['export', 'w.tzdb', '--year', '2023', '--out', 'notes.csv'], { cwd: dir }), /“notes\.csv”已存在，未作改动.*--force/);
    expect(readFileSync(path.join(dir, 'notes.csv'), 'utf8')).toBe('我的笔记');
    ok(runTaizhang(['export', 'w.tzdb', '--year', '2023', '--out', 'notes.csv', '--force'], { cwd: dir }));
    expect(readFileSync(path.join(dir, 'notes.csv'), 'utf8')).toMatch(/基本养老保险参保率/);
    expect(listDir(dir).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it('templates refuse to replace same-named files, and name distinct regions apart, counting what was written', () => {
    const dir = makeTempDir();
    ok(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022', '--region', '临沂市', '--subregions', 'a/b,a:b,a*b'], { cwd: dir }));
    // Refused while indicators lack a 填报单位: the window's words, then the command line's own way.
    expectRefused(runTaizhang(['templates', 'w.tzdb', '--year', '2024', '--out', '模板'], { cwd: dir }), /请在“指标体系”中指定或确认填报单位.*命令行用 taizhang assign/);
    ok(runTaizhang(['assign', 'w.tzdb', '--bureau', '市民政局', '--unassigned'], { cwd: dir }));
    const made = ok(runTaizhang(['templates', 'w.tzdb', '--year', '2024', '--out', '模板', '--regions', 'a/b,a:b,a*b'], { cwd: dir }));
    const files = readdirSync(path.join(dir, '模板')).sort();
    expect(files).toHaveLength(3);
    expect(files.join('\n')).toMatch(/a／b[\s\S]*a：b|a：b[\s\S]*a／b/);
    expect(made).toMatch(/共生成 3 份模板。\n$/);

    const filled = path.join(dir, '模板', files[0]!);
    writeFileSync(filled, 'a return a bureau filled in');
    expectRefused(runTaizhang(['templates', 'w.tzdb', '--year', '2024', '--out', '模板', '--regions', 'a/b,a:b,a*b'], { cwd: dir }), /已存在，未作改动.*--force/);
    expect(readFileSync(filled, 'utf8')).toBe('a return a bureau filled in');
    ok(runTaizhang(['templates', 'w.tzdb', '--year', '2024', '--out', '模板', '--regions', 'a/b,a:b,a*b', '--force'], { cwd: dir }));
    expect(readFileSync(filled).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('a workbook made from a pasted table', () => {
  it('gets its bureaus through `bureaus --add`, after which reporters and templates can be made', () => {
    const dir = makeTempDir();
    copyFileSync(SEED_TABLE, path.join(dir, '指标表.txt'));
    ok(runTaizhang(['init', 'w.tzdb', '--schema', '指标表.txt', '--region', 'ABC'], { cwd: dir }));
    expect(JSON.parse(ok(runTaizhang(['bureaus', 'w.tzdb', '--json'], { cwd: dir })))).toEqual([]);

    const refused = runTaizhang(['assign', 'w.tzdb', '--bureau', '市民政局', '--unassigned'], { cwd: dir });
    expectRefused(refused, /单位名单中还没有任何单位.*taizhang bureaus w\.tzdb --add 市民政局/);
    expect(refused.stderr).not.toMatch(/（如 ）/);

    expect(ok(runTaizhang(['bureaus', 'w.tzdb', '--add', '市民政局', '--alias', '民政局', '--operator', '王统计'], { cwd: dir }))).toBe('已添加单位：市民政局（别名：民政局）\n');
    expectRefused(runTaizhang(['bureaus', 'w.tzdb', '--add', '民政局'], { cwd: dir }), /“民政局”已是单位名单中“市民政局”的名称或别名/);
    expectRefused(runTaizhang(['bureaus', 'w.tzdb', '--add', '市\u202e教育局'], { cwd: dir }), /含有控制字符或文字方向控制符（U\+202E）/);
    expect(JSON.parse(ok(runTaizhang(['bureaus', 'w.tzdb', '--json'], { cwd: dir })))).toEqual([{ name: '市民政局', aliases: ['民政局'], reporterOf: 0, responsibleFor: 0, returns: 0 }]);
    expect(ok(runTaizhang(['audit', 'w.tzdb'], { cwd: dir }))).toMatch(/王统计\t[^\t]*\tadd_bureau\t市民政局/);

    ok(runTaizhang(['assign', 'w.tzdb', '--bureau', '民政局', '--unassigned'], { cwd: dir }));
    expect(ok(runTaizhang(['templates', 'w.tzdb', '--year', '2024', '--out', '模板'], { cwd: dir }))).toMatch(/共生成 1 份模板/);
  });
});

describe('control characters', () => {
  it('are refused in the operator and region names', () => {
    const dir = makeTempDir();
    expectRefused(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022', '--region', '临沂市', '--operator', '王\u202e统计'], { cwd: dir }), /操作人含有控制字符或文字方向控制符（U\+202E）/);
    expectRefused(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022', '--region', '临沂市\u001b[31m'], { cwd: dir }), /含有控制字符或文字方向控制符（U\+001B）/);
    expect(existsSync(path.join(dir, 'w.tzdb'))).toBe(false);
  });

  it('read from a return are printed escaped: 填表人 in returns, row names in findings', async () => {
    const dir = makeTempDir();
    await linyiWithReturn(dir, '李\u202e娜\u001b]0;owned\u0007');
    for (const command of [['returns', 'w.tzdb'], ['findings', 'w.tzdb', '--year', '2023'], ['returns', 'w.tzdb', '--json'], ['findings', 'w.tzdb', '--json']]) {
      const result = runTaizhang(command, { cwd: dir });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    // (The readers already drop ESC and BEL from cell text; what reaches the store is escaped here.)
    expect(ok(runTaizhang(['returns', 'w.tzdb'], { cwd: dir }))).toContain('李\\u202e娜');
    expect(ok(runTaizhang(['findings', 'w.tzdb', '--year', '2023'], { cwd: dir }))).toContain('托位\\u202e总数');
    // The JSON stays JSON, with the characters as escapes that decode to what the store holds.
    const rows = JSON.parse(ok(runTaizhang(['returns', 'w.tzdb', '--json'], { cwd: dir }))) as { contactPerson: string }[];
    expect(rows[0]?.contactPerson).toMatch(/^李\u202e娜/);
  });
});

describe('a workbook edited outside the app', () => {
  it('is named on stderr by every command that opens it; signoff refuses until the officer accepts', async () => {
    const dir = makeTempDir();
    await linyiWithReturn(dir);
    const db = new Database(path.join(dir, 'w.tzdb'));
    db.exec("DROP TRIGGER audit_no_update; UPDATE audit SET operator = '李某' WHERE id = 1");
    db.close();
    for (const command of [['values', 'w.tzdb'], ['findings', 'w.tzdb'], ['returns', 'w.tzdb'], ['schema', 'w.tzdb'], ['audit', 'w.tzdb', '--json']]) {
      const result = runTaizhang(command, { cwd: dir });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^警告（w\.tzdb）：工作簿在本程序之外被修改过：审计日志第 1 条记录（.*create_workbook）被改动/)]);
    }
    const refused = runTaizhang(['signoff', 'w.tzdb', '--year', '2023'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/在核对清楚之前不能定稿/);
    const accepted = runTaizhang(['audit', 'w.tzdb', '--accept-changes', '--note', '与备份核对无误'], { cwd: dir });
    expect(accepted.stdout).toMatch(/^已确认接受以下改动，并记入审计日志：审计日志第 1 条记录/);
    const signed = runTaizhang(['signoff', 'w.tzdb', '--year', '2023'], { cwd: dir });
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.stderr).toBe('');
    expect(ok(runTaizhang(['audit', 'w.tzdb'], { cwd: dir }))).toMatch(/integrity_problem[\s\S]*integrity_accepted\t工作簿\t与备份核对无误[\s\S]*sign_off_year/);
  });
});

describe('workbook paths the file system refuses', () => {
  it('are explained in Chinese, not as 内部错误', () => {
    const dir = makeTempDir();
    mkdirSync(path.join(dir, '文件夹'));
    expectRefused(runTaizhang(['values', '文件夹'], { cwd: dir }), /“文件夹”是文件夹，不是工作簿文件/);
    expectRefused(runTaizhang(['values', '没有.tzdb'], { cwd: dir }), /找不到工作簿/);
    expectRefused(runTaizhang(['values', `${'长'.repeat(300)}.tzdb`], { cwd: dir }), /过长/);
    expectRefused(runTaizhang(['init', '文件夹', '--schema', 'linyi-2022'], { cwd: dir }), /应以 \.tzdb 结尾/);
    mkdirSync(path.join(dir, 'x.tzdb'));
    expectRefused(runTaizhang(['init', 'x.tzdb', '--schema', 'linyi-2022', '--force'], { cwd: dir }), /“x\.tzdb”是文件夹/);
  });
});
