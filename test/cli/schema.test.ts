import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTaizhang, spawnHolder } from '../support/processes';
import { makeSchema } from '../support/schema-fixture';
import { makeTempDir } from '../support/temp-dir';
import { expectRefused } from './cli-expect';

const ROW_FIELDS = [
  'code', 'name', 'area', 'category', 'unit', 'baselineYear', 'baselineValue', 'targetYear', 'targetValue',
  'targetOp', 'targetText', 'attribute', 'direction', 'auxiliary', 'leadBureaus', 'coBureaus', 'jointBureaus', 'reporter',
];

function initFromFixture(): { dir: string; workbook: string } {
  const dir = makeTempDir();
  writeFileSync(path.join(dir, 'schema.json'), JSON.stringify(makeSchema()));
  const result = runTaizhang(['init', 'w.tzdb', '--schema', 'schema.json'], { cwd: dir });
  expect(result.status, result.stderr).toBe(0);
  return { dir, workbook: path.join(dir, 'w.tzdb') };
}

describe('taizhang schema', () => {
  it('--json on a workbook gives one row per indicator, in the schema’s order, with DESIGN’s fields', () => {
    const { workbook } = initFromFixture();
    const result = runTaizhang(['schema', workbook, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows.map((row) => row.code)).toEqual(makeSchema().indicators.map((i) => i.code));
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(ROW_FIELDS));
    expect(rows.find((row) => row.code === 'LY03')).toMatchObject({
      name: '全市养老服务设施',
      unit: '处',
      baselineYear: 2020,
      baselineValue: 971,
      targetYear: 2025,
      targetValue: 1000,
      targetOp: '>=',
      auxiliary: false,
    });
    expect(rows.find((row) => row.code === 'LY08')).toMatchObject({ baselineValue: null, targetOp: '>=' });
    expect(rows.find((row) => row.code === 'LY14')).toMatchObject({
      leadBureaus: [],
      jointBureaus: ['市发展改革委', '市卫生健康委', '市民政局', '市教育局'],
    });
    expect(rows.find((row) => row.code === 'AUX01')).toMatchObject({ name: '常住人口', auxiliary: true });
  });

  it('reads a workbook relative to the current folder, while another process has it open', async () => {
    const { dir, workbook } = initFromFixture();
    const holder = await spawnHolder(workbook);
    expect(holder.report.ready).toBe(true);
    const result = runTaizhang(['schema', 'w.tzdb'], { cwd: dir });
    expect(await holder.stop()).toBe(0);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('LY03\t全市养老服务设施\t处\t971\t≥1000');
    expect(result.stdout).toContain('LY08\t乡镇区域性综合养老服务中心覆盖率\t%\t—\t≥60');
  });

  it('--json on the built-in 临沂市 schema lists its 31 published indicators', () => {
    const result = runTaizhang(['schema', 'linyi-2022', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as { name: string; auxiliary: boolean; targetOp: unknown }[];
    expect(rows.filter((row) => !row.auxiliary)).toHaveLength(31);
    for (const row of rows) expect([null, '>=', '<=', '=']).toContain(row.targetOp);
    expect(rows.some((row) => row.name.includes('每千人口托位数'))).toBe(true);
  });

  it('refuses an unknown schema id with the ids there are', () => {
    expectRefused(runTaizhang(['schema', 'linyi-2099']), /没有编号为“linyi-2099”的内置指标体系/);
  });

  it('refuses a workbook that does not exist, naming it', () => {
    expectRefused(runTaizhang(['schema', 'nowhere/台账.tzdb'], { cwd: makeTempDir() }), /找不到工作簿“.*台账\.tzdb”/);
  });
});
