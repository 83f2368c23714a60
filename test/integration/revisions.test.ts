import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeReturn } from '../support/make-return';
import { runTaizhang } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

interface ValueJson {
  indicator: string;
  region: string;
  year: number;
  value: number | null;
  status: string;
  sources: { file: string; sheet: string; cell: string; bureau: string }[];
}
interface FindingJson {
  id: string;
  kind: string;
  indicator: string | null;
  message: string;
  status: string;
}

function json<T>(dir: string, args: string[]): T {
  const result = runTaizhang([...args, '--json'], { cwd: dir });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
}

function cityValue(dir: string, code: string): ValueJson {
  return json<ValueJson[]>(dir, ['values', 'w.tzdb', '--year', '2023', '--region', '临沂市']).find((v) => v.indicator === code)!;
}

// B01 全市养老服务设施, B02 示范性老年友好社区, C04 社区养老服务设施覆盖率 in linyi-2022.
describe('a batch of returns, re-sent corrections and withdrawals', () => {
  it('imports the good files of a batch, names the bad one and exits 2; the same batch again changes nothing', async () => {
    const dir = makeTempDir();
    expect(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022'], { cwd: dir }).status).toBe(0);
    await makeReturn(dir, '民政局.xlsx', {
      bureau: '临沂市民政局',
      year: 2023,
      rows: [
        { name: '全市养老服务设施', unit: '处', value: 985 },
        { name: '示范性老年友好社区', unit: '个', value: 8 },
      ],
    });
    await makeReturn(dir, '卫健委.xlsx', { bureau: '市卫健委', year: 2023, rows: [{ name: '托位总数', unit: '个', value: 9100 }] });
    writeFileSync(path.join(dir, '坏文件.xlsx'), 'this is not a spreadsheet');

    const batch = ['import', 'w.tzdb', '民政局.xlsx', '坏文件.xlsx', '卫健委.xlsx'];
    const first = runTaizhang(batch, { cwd: dir });
    expect(first.status).toBe(2);
    const errors = first.stderr.trim().split('\n');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('坏文件.xlsx');
    expect(first.stderr).not.toMatch(/^\s+at /m);

    const returns = json<{ file: string; bureau: string; year: number; contactPerson: string }[]>(dir, ['returns', 'w.tzdb']);
    expect(returns.map((r) => [r.file, r.bureau, r.year, r.contactPerson])).toEqual([
      ['民政局.xlsx', '市民政局', 2023, '李娜'],
      ['卫健委.xlsx', '市卫生健康委', 2023, '李娜'],
    ]);
    expect(cityValue(dir, 'B01')).toMatchObject({ value: 985, status: 'ok', sources: [{ file: '民政局.xlsx', sheet: 'Sheet1', cell: 'C4', bureau: '市民政局' }] });
    // 9100 个 in a 万个 indicator: converted, and said so.
    expect(cityValue(dir, 'B04')).toMatchObject({ value: 0.91, status: 'ok' });

    const valuesBefore = json<ValueJson[]>(dir, ['values', 'w.tzdb']);
    const findingsBefore = json<FindingJson[]>(dir, ['findings', 'w.tzdb']);
    expect(findingsBefore.map((f) => [f.kind, f.indicator])).toEqual([['unit_converted', 'B04']]);

    const again = runTaizhang(batch, { cwd: dir });
    expect(again.status).toBe(2);
    expect(json<unknown[]>(dir, ['returns', 'w.tzdb'])).toHaveLength(2);
    expect(json<ValueJson[]>(dir, ['values', 'w.tzdb'])).toEqual(valuesBefore);
    expect(json<FindingJson[]>(dir, ['findings', 'w.tzdb'])).toEqual(findingsBefore);
  });

  it("takes a bureau's corrected return as a revision, not a conflict, and withdrawing it restores the first", async () => {
    const dir = makeTempDir();
    expect(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022'], { cwd: dir }).status).toBe(0);
    const rows = [
      { name: '全市养老服务设施', unit: '处', value: 985 },
      { name: '社区养老服务设施覆盖率', unit: '%', value: '88.5%' },
    ];
    await makeReturn(dir, '民政局-初报.xlsx', { bureau: '市民政局', year: 2023, rows });
    expect(runTaizhang(['import', 'w.tzdb', '民政局-初报.xlsx'], { cwd: dir }).status).toBe(0);
    await makeReturn(dir, '民政局-更正.xlsx', { bureau: '市民政局', year: 2023, rows: [{ ...rows[0]!, value: 990 }, rows[1]!] });
    expect(runTaizhang(['import', 'w.tzdb', '民政局-更正.xlsx'], { cwd: dir }).status).toBe(0);

    expect(cityValue(dir, 'B01')).toMatchObject({ value: 990, status: 'ok', sources: [{ file: '民政局-更正.xlsx', cell: 'C4' }] });
    expect(cityValue(dir, 'C04')).toMatchObject({ value: 88.5, status: 'ok' });
    const findings = json<FindingJson[]>(dir, ['findings', 'w.tzdb']);
    expect(findings.map((f) => [f.kind, f.indicator])).toEqual([['revised', 'B01']]);
    expect(findings[0]!.message).toContain('985 → 990');

    const returns = json<{ id: number; file: string }[]>(dir, ['returns', 'w.tzdb']);
    const corrected = returns.find((r) => r.file === '民政局-更正.xlsx')!;
    expect(runTaizhang(['withdraw', 'w.tzdb', String(corrected.id)], { cwd: dir }).status).toBe(0);
    expect(cityValue(dir, 'B01')).toMatchObject({ value: 985, status: 'ok', sources: [{ file: '民政局-初报.xlsx' }] });
    expect(json<FindingJson[]>(dir, ['findings', 'w.tzdb'])).toEqual([]);
    expect(json<{ state: string }[]>(dir, ['returns', 'w.tzdb']).map((r) => r.state)).toEqual(['counted', 'withdrawn']);
  });

  it('calls a disagreement between two bureaus a conflict', async () => {
    const dir = makeTempDir();
    expect(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022'], { cwd: dir }).status).toBe(0);
    await makeReturn(dir, 'a.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '全市养老服务设施', unit: '处', value: 985 }] });
    await makeReturn(dir, 'b.xlsx', { bureau: '市发展改革委', year: 2023, rows: [{ name: '全市养老服务设施', unit: '处', value: 990 }] });
    expect(runTaizhang(['import', 'w.tzdb', 'a.xlsx', 'b.xlsx'], { cwd: dir }).status).toBe(0);
    expect(cityValue(dir, 'B01')).toMatchObject({ value: null, status: 'conflict' });
    const findings = json<FindingJson[]>(dir, ['findings', 'w.tzdb']);
    expect(findings.map((f) => [f.kind, f.message])).toEqual([['conflict', '市民政局 报 985，市发展改革委 报 990']]);
  });
});
