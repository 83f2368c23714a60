import ExcelJS from 'exceljs';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTaizhang } from '../support/processes';
import { listDir, makeTempDir } from '../support/temp-dir';
import { expectRefused } from './cli-expect';

const SEED_TABLE = fileURLToPath(new URL('../fixtures/seeds/001-linyi-table.txt', import.meta.url));

interface IndicatorJson {
  code: string;
  name: string;
  unit: string;
  baselineValue: number | null;
  targetValue: number | null;
  targetOp: string | null;
  reporter: string | null;
  reporterProposed: boolean;
}

function schemaOf(dir: string, file: string): IndicatorJson[] {
  const result = runTaizhang(['schema', file, '--json'], { cwd: dir });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as IndicatorJson[];
}

describe('init --schema from a document', () => {
  it('makes a workbook from the indicator table pasted out of seed 001', () => {
    const dir = makeTempDir();
    copyFileSync(SEED_TABLE, path.join(dir, '临沂指标表.txt'));
    const result = runTaizhang(['init', 'w.tzdb', '--schema', '临沂指标表.txt', '--region', '临沂市'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(listDir(dir)).toEqual(['w.tzdb', '临沂指标表.txt']);
    const indicators = schemaOf(dir, 'w.tzdb');
    expect(indicators).toHaveLength(31);
    expect(indicators.find((i) => i.name === '全市养老服务设施')).toMatchObject({ unit: '处', baselineValue: 971, targetValue: 1000, targetOp: '>=' });
    expect(indicators.find((i) => i.name === '乡镇区域性综合养老服务中心覆盖率')).toMatchObject({ unit: '%', baselineValue: null, targetValue: 60, targetOp: '>=' });
  });

  it('refuses pasted text it cannot read, line by line, and makes no file', () => {
    const dir = makeTempDir();
    writeFileSync(path.join(dir, 'bad.txt'), '指 标 2020年 2025年\n基本养老保险参保率(%) 93.5 95\n这一行不是指标\n');
    const result = runTaizhang(['init', 'w.tzdb', '--schema', 'bad.txt', '--region', '临沂市'], { cwd: dir });
    expectRefused(result, /第 3 行“这一行不是指标”/);
    expect(listDir(dir)).toEqual(['bad.txt']);
  });

  it('makes a workbook from an Excel indicator sheet with messy headers, with the region’s bureau list', async () => {
    const dir = makeTempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('指标');
    sheet.addRow(['某县“十四五”养老服务主要指标']);
    sheet.addRow(['序号', '指标（单位）', '2020年', '2025年目标', '牵头部门']);
    sheet.addRow([1, '养老机构床位数（张）', 1200, '≥1500', '县民政局']);
    sheet.addRow([2, '护理型床位占比（%）', 40, '不低于55', '县民政局']);
    sheet.addRow([3, '每千人口托位数（个）', 1.2, 4.5, '县卫健局']);
    writeFileSync(path.join(dir, '指标表.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
    const result = runTaizhang(['init', 'w.tzdb', '--schema', '指标表.xlsx', '--region', '宣汉县'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const indicators = schemaOf(dir, 'w.tzdb');
    expect(indicators.map((i) => [i.name, i.unit, i.baselineValue, i.targetValue, i.targetOp])).toEqual([
      ['养老机构床位数', '张', 1200, 1500, '>='],
      ['护理型床位占比', '%', 40, 55, '>='],
      ['每千人口托位数', '个', 1.2, 4.5, null],
    ]);
    // A sole lead is proposed as 填报单位, canonicalised through the bureau list, until confirmed.
    expect(indicators.map((i) => [i.reporter, i.reporterProposed])).toEqual([
      ['县民政局', true],
      ['县民政局', true],
      ['县卫生健康局', true],
    ]);
  });

  it('refuses a schema sheet that fails validation before anything is stored', async () => {
    const dir = makeTempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('指标');
    sheet.addRow(['指标编码', '指标名称', '单位', '基期值', '目标值']);
    sheet.addRow(['A01', '养老机构床位数', '张', 1200, 1500]);
    sheet.addRow(['A01', '护理型床位占比', '%', 40, 55]);
    writeFileSync(path.join(dir, '指标表.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
    const result = runTaizhang(['init', 'w.tzdb', '--schema', '指标表.xlsx', '--region', '宣汉县'], { cwd: dir });
    expectRefused(result, /A01/);
    expect(listDir(dir)).toEqual(['指标表.xlsx']);
  });
});

describe('assign 填报单位', () => {
  it('assigns in bulk, confirms proposals, refuses unknown bureaus, and audits each change', () => {
    const dir = makeTempDir();
    expect(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022'], { cwd: dir }).status).toBe(0);
    const proposed = schemaOf(dir, 'w.tzdb').filter((i) => i.reporterProposed);
    expect(proposed.length).toBeGreaterThan(0);

    expect(runTaizhang(['assign', 'w.tzdb', '--bureau', '市人社局', 'A01', '长期护理保险参保率'], { cwd: dir }).status).toBe(0);
    expect(runTaizhang(['assign', 'w.tzdb', '--bureau', '市卫健委', '--area', '产业发展情况'], { cwd: dir }).status).toBe(0);
    expectRefused(runTaizhang(['assign', 'w.tzdb', '--bureau', '市某某局', 'A01'], { cwd: dir }), /市某某局/);
    expect(runTaizhang(['assign', 'w.tzdb', '--confirm-proposed'], { cwd: dir }).status).toBe(0);

    const after = schemaOf(dir, 'w.tzdb');
    expect(after.filter((i) => i.code.startsWith('A')).map((i) => [i.code, i.reporter, i.reporterProposed])).toEqual([
      ['A01', '市人力资源社会保障局', false],
      ['A02', '市人力资源社会保障局', false],
    ]);
    expect(after.filter((i) => i.code.startsWith('E')).every((i) => i.reporter === '市卫生健康委')).toBe(true);
    for (const p of proposed.filter((i) => !i.code.startsWith('E'))) {
      expect(after.find((i) => i.code === p.code)).toMatchObject({ reporter: p.reporter, reporterProposed: false });
    }
    const audit = JSON.parse(runTaizhang(['audit', 'w.tzdb', '--json'], { cwd: dir }).stdout) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['create_workbook', 'assign_reporter', 'assign_reporter', 'confirm_proposed_reporters']);
  });
});
