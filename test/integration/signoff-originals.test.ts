import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWorkbookWithReturn } from '../support/cli-workbook';
import { runTaizhang, type CliResult } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

/**
 * Issue 17: a reported value changed to 99.9 with an SQLite tool was believed, and `signoff`
 * succeeded although the stored original still said 94.6. Sign-off now reads every figure again
 * from the original kept in the workbook, and a signed year's figures are checked on every open.
 */

function ok(result: CliResult): string {
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

async function workbookWithReturn(): Promise<string> {
  const dir = makeTempDir();
  await cliWorkbookWithReturn(dir, '市人社局2023年报表.xlsx', {
    bureau: '市人社局',
    year: 2023,
    rows: [
      { name: '基本养老保险参保率', unit: '%', value: 94.6 },
      { name: '长期护理保险参保率', unit: '%', value: 21.5 },
    ],
  });
  return dir;
}

function changeValue(dir: string, from: number, to: number): void {
  const db = new Database(path.join(dir, 'w.tzdb'));
  const changed = db.prepare('UPDATE reported_values SET value = ?, raw_text = ? WHERE value = ?').run(to, String(to), from).changes;
  db.close();
  expect(changed).toBe(1);
}

describe('sign-off against the stored originals', () => {
  it('refuses when a reported value differs from its original, naming the cell', async () => {
    const dir = await workbookWithReturn();
    changeValue(dir, 94.6, 99.9);
    const refused = runTaizhang(['signoff', 'w.tzdb', '--year', '2023'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^2023年有数值与报表原件不符，不能定稿：“市人社局2023年报表\.xlsx”Sheet1!C4：原件为“94\.6”，工作簿中记为 99\.9。/),
    ]);
    expect(ok(runTaizhang(['audit', 'w.tzdb'], { cwd: dir }))).not.toMatch(/sign_off_year/);
  });

  it('signs off figures that agree with their originals, and shows a later change on every open', async () => {
    const dir = await workbookWithReturn();
    expect(ok(runTaizhang(['signoff', 'w.tzdb', '--year', '2023'], { cwd: dir }))).toMatch(/2023年已定稿/);
    const clean = runTaizhang(['values', 'w.tzdb', '--year', '2023'], { cwd: dir });
    expect(clean.stderr).toBe('');

    changeValue(dir, 94.6, 99.9);
    const warned = runTaizhang(['values', 'w.tzdb', '--year', '2023'], { cwd: dir });
    expect(warned.status).toBe(0);
    expect(warned.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^警告（w\.tzdb）：工作簿在本程序之外被修改过：2023年已定稿的数据与定稿时不同/),
    ]);

    // Recorded in the audit by the next writable open; reopening the year is how it is cleared.
    const reopened = runTaizhang(['signoff', 'w.tzdb', '--year', '2023', '--reopen', '--note', '核对工作簿之外的改动'], { cwd: dir });
    expect(reopened.status, reopened.stderr).toBe(0);
    expect(ok(runTaizhang(['audit', 'w.tzdb'], { cwd: dir }))).toMatch(/integrity_problem\t工作簿\t工作簿在本程序之外被修改过：2023年已定稿的数据/);
    const again = runTaizhang(['signoff', 'w.tzdb', '--year', '2023'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/Sheet1!C4：原件为“94\.6”，工作簿中记为 99\.9/);
  });
});
