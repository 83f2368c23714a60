import { describe, expect, it } from 'vitest';
import { makeReturn } from '../support/make-return';
import { runTaizhang } from '../support/processes';
import { listDir, makeTempDir } from '../support/temp-dir';

function ok(dir: string, args: string[]): string {
  const result = runTaizhang(args, { cwd: dir });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

interface ValueJson {
  indicator: string;
  region: string;
  year: number;
  value: number | null;
  status: string;
}
interface IndicatorJson {
  code: string;
  baselineYear: number;
  baselineValue: number | null;
  targetYear: number;
  targetValue: number | null;
  reporter: string | null;
}

describe('the plan period and the next plan', () => {
  it('lists every year of the period side by side, and rolls over with the final values as baselines', { timeout: 180_000 }, async () => {
    const dir = makeTempDir();
    ok(dir, ['init', 'w.tzdb', '--schema', 'linyi-2022', '--subregions', '兰山区,罗庄区']);
    ok(dir, ['assign', 'w.tzdb', '--bureau', '市民政局', 'B01', 'C04']);
    const rows = (facilities: number, coverage: number) => [
      { name: '全市养老服务设施', unit: '处', value: facilities },
      { name: '社区养老服务设施覆盖率', unit: '%', value: coverage },
    ];
    await makeReturn(dir, '2023.xlsx', { bureau: '市民政局', year: 2023, rows: rows(985, 88.5) });
    await makeReturn(dir, '2024.xlsx', { bureau: '市民政局', year: 2024, rows: rows(994, 93) });
    await makeReturn(dir, '2025.xlsx', { bureau: '市民政局', year: 2025, rows: [{ name: '全市养老服务设施', unit: '处', value: 1003 }] });
    ok(dir, ['import', 'w.tzdb', '2023.xlsx', '2024.xlsx', '2025.xlsx']);

    const period = JSON.parse(ok(dir, ['values', 'w.tzdb', '--region', '临沂市', '--json'])) as ValueJson[];
    expect([...new Set(period.map((v) => v.year))]).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(period.filter((v) => v.indicator === 'B01').map((v) => v.value)).toEqual([null, null, 985, 994, 1003]);
    const table = ok(dir, ['values', 'w.tzdb', '--region', '临沂市']);
    expect(table.split('\n')[0]).toBe('编码\t指标\t单位\t地区\t2021年\t2022年\t2023年\t2024年\t2025年\t趋势');
    expect(table).toContain('B01\t全市养老服务设施\t处\t临沂市\t—\t—\t985\t994\t1003\t↑');

    ok(dir, ['rollover', 'w.tzdb', '--out', 'next.tzdb', '--target-year', '2030']);
    expect(listDir(dir)).toContain('next.tzdb');
    const next = JSON.parse(ok(dir, ['schema', 'next.tzdb', '--json'])) as IndicatorJson[];
    const finalOf = (code: string) => period.filter((v) => v.indicator === code && v.value !== null).sort((a, b) => b.year - a.year)[0]!.value;
    expect(next.find((i) => i.code === 'B01')).toMatchObject({ baselineYear: 2025, baselineValue: finalOf('B01'), targetYear: 2030, targetValue: null, reporter: '市民政局' });
    // No 2025 figure for C04: the latest year's (2024) is the baseline, and the notes say so.
    expect(next.find((i) => i.code === 'C04')).toMatchObject({ baselineValue: 93, targetValue: null });
    expect(next.find((i) => i.code === 'A01')).toMatchObject({ baselineValue: null });
    const summary = JSON.parse(ok(dir, ['schemas', '--json'])) as unknown[];
    expect(summary.length).toBe(5);
    // The old workbook is unchanged by the rollover.
    expect(JSON.parse(ok(dir, ['values', 'w.tzdb', '--region', '临沂市', '--json']))).toEqual(period);
  });
});
