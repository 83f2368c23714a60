import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbookService } from '../../electron/services/workbook-service';
import { openWorkbook } from '../../electron/store/open';
import { RECKONING } from '../../shared/reconcile/reckoning';
import { cliWorkbookWithReturn } from '../support/cli-workbook';
import { makeReturn } from '../support/make-return';
import { runTaizhang, type CliResult } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

/**
 * The command line's reads open the workbook read-only (so that they run beside the app), and
 * keep the years they reconcile in it: after `taizhang import`, the first `taizhang values`
 * reconciles the year and the next reads it. The app's 只读打开 writes nothing at all.
 */

function ok(result: CliResult): string {
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function kept(file: string): { year: number; reckoning: string; findings: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT year, reckoning, length(findings_text) AS findings FROM reckoned_years ORDER BY year').all() as { year: number; reckoning: string; findings: number }[];
  } finally {
    db.close();
  }
}

function auditCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function workbookWithReturn(dir: string): Promise<string> {
  await cliWorkbookWithReturn(dir, '市民政局2023年报表.xlsx', {
    bureau: '市民政局',
    year: 2023,
    rows: [
      { name: '全市养老服务设施', unit: '处', value: 985 },
      { name: '示范性老年友好社区', unit: '个', value: 8 },
    ],
  });
  return path.join(dir, 'w.tzdb');
}

describe('reconciled years read by the command line', () => {
  it('are kept in the workbook by the first read and read back by the next, the audit untouched', async () => {
    const dir = makeTempDir();
    const file = await workbookWithReturn(dir);
    expect(kept(file).filter((k) => k.year === 2023)).toEqual([]);
    const audited = auditCount(file);

    const first = ok(runTaizhang(['values', 'w.tzdb', '--year', '2023', '--json'], { cwd: dir }));
    expect(first).toMatch(/985/);
    expect(kept(file).filter((k) => k.year === 2023)).toEqual([{ year: 2023, reckoning: RECKONING, findings: expect.any(Number) }]);
    expect(ok(runTaizhang(['values', 'w.tzdb', '--year', '2023', '--json'], { cwd: dir }))).toBe(first);
    expect(ok(runTaizhang(['findings', 'w.tzdb', '--year', '2023', '--json'], { cwd: dir }))).toMatch(/finding|\[/);
    expect(auditCount(file)).toBe(audited);

    // A write to what the year rests on drops it again; the next read keeps it anew.
    await makeReturn(dir, '市民政局2023年更正.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '全市养老服务设施', unit: '处', value: 990 }] });
    ok(runTaizhang(['import', 'w.tzdb', '市民政局2023年更正.xlsx'], { cwd: dir }));
    expect(kept(file).filter((k) => k.year === 2023)).toEqual([]);
    expect(ok(runTaizhang(['values', 'w.tzdb', '--year', '2023', '--json'], { cwd: dir }))).toMatch(/990/);
    expect(kept(file).map((k) => k.year)).toContain(2023);
  });

  it('are not kept by the app’s 只读打开, which writes nothing', async () => {
    const dir = makeTempDir();
    const file = await workbookWithReturn(dir);
    const book = openWorkbook(file, { readOnly: true });
    try {
      const values = await new WorkbookService(book).listValues({ year: 2023 });
      expect(values.some((v) => v.value === 985)).toBe(true);
    } finally {
      book.close();
    }
    expect(kept(file).filter((k) => k.year === 2023)).toEqual([]);
  });
});
