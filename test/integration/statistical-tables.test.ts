import { execFile } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

/**
 * Published statistical tables as other programs write them (test/fixtures/statistical-tables/,
 * README.md there says how each was made): a city yearbook sheet saved by LibreOffice as .xls, a
 * 国家数据 export as Chinese Windows Excel's GBK CSV, a district table with English glosses, a
 * county roll-up .ods, one sheet per year. Each goes through the CLI into a fresh workbook, and
 * the test checks that every value stored as good is exactly what the file says (indicator,
 * region, year, value in the schema's unit) and that what could not be settled is a finding.
 */

const FIXTURES = fileURLToPath(new URL('../fixtures/statistical-tables/', import.meta.url));
const BIN = path.join(PROJECT_ROOT, 'bin', 'taizhang.mjs');

/** The plan's indicators, as a schema sheet an officer would keep. */
const SCHEMA: [string, string, string][] = [
  ['S01', '常住人口', '万人'],
  ['S02', '地区生产总值', '亿元'],
  ['S03', '私营企业法人单位数', '个'],
  ['S04', '城镇单位就业人员平均工资', '元'],
  ['S05', '出生率', '‰'],
  ['S06', '城镇人口', '万人'],
  ['S07', '一般公共预算收入', '亿元'],
  ['S08', '社会消费品零售总额', '亿元'],
];
/** The years the fixtures speak of. */
const YEARS = [2019, 2020, 2021, 2022];
const CITY = ['临沂市', '兰山区', '罗庄区', '河东区', '空港经济区'];

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, TAIZHANG_DEBUG: '' }, encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface ValueJson {
  indicator: string;
  region: string;
  year: number;
  value: number | null;
  status: string;
  sources: { file: string; sheet: string; cell: string }[];
  rollup?: unknown;
}
interface FindingJson {
  kind: string;
  indicator: string | null;
  name: string | null;
  region: string | null;
  year: number | null;
  cell: string | null;
  message: string;
  candidates: { code: string; reason?: string }[];
}

interface Imported {
  run: Run;
  /** Values stored from the file: [indicator, region, year, value]. */
  stored: [string, string, number, number][];
  findings: FindingJson[];
  values: ValueJson[];
}

async function schemaSheet(dir: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('指标');
  sheet.addRow(['指标编码', '指标名称', '单位', '2020年', '2025年目标']);
  for (const [code, name, unit] of SCHEMA) sheet.addRow([code, name, unit, '--', '--']);
  writeFileSync(path.join(dir, '指标表.xlsx'), new Uint8Array(await workbook.xlsx.writeBuffer()));
}

async function importInto(file: string, regions: string[], unlisted: string[] = [], options: string[] = []): Promise<Imported> {
  const dir = makeTempDir();
  copyFileSync(path.join(FIXTURES, file), path.join(dir, file));
  await schemaSheet(dir);
  const init = await runCli(['init', 'w.tzdb', '--schema', '指标表.xlsx', '--region', regions[0]!, '--subregions', regions.slice(1).join(',')], dir);
  expect(init.status, init.stderr).toBe(0);
  const run = await runCli(['import', 'w.tzdb', file, ...options], dir);
  // One reader at a time, as an officer's commands run.
  const findings = JSON.parse((await runCli(['findings', 'w.tzdb', '--json'], dir)).stdout) as FindingJson[];
  const perYear: ValueJson[][] = [];
  for (const year of YEARS) {
    for (const where of [[], ...unlisted.map((region) => ['--region', region])]) {
      perYear.push(JSON.parse((await runCli(['values', 'w.tzdb', '--year', String(year), ...where, '--json'], dir)).stdout) as ValueJson[]);
    }
  }
  const values = perYear.flat();
  const stored = values
    // A region's value summed from its parts is derived, not read.
    .filter((v) => v.value !== null && !v.rollup && v.sources.some((s) => s.file === file))
    .map((v): [string, string, number, number] => [v.indicator, v.region, v.year, v.value!]);
  const distinct = [...new Map(stored.map((row) => [JSON.stringify(row), row])).values()];
  return { run, stored: sortRows(distinct), findings, values };
}

function sortRows<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const kinds = (findings: FindingJson[], kind: string) => findings.filter((f) => f.kind === kind);

describe('a city yearbook sheet (LibreOffice .xls): indicators down, years across', () => {
  it('stores only what it can settle: glued units converted, indices, growth and near-miss rows asked about', async () => {
    const { run, stored, findings } = await importInto('临沂市国民经济主要指标.xls', CITY);
    expect(run.status, run.stderr).toBe(0);
    expect(stored).toEqual(
      sortRows([
        // 常住人口人: persons, glued to the name, converted into 万人.
        ['S01', '临沂市', 2019, 1124.4], ['S01', '临沂市', 2020, 1101.8], ['S01', '临沂市', 2021, 1099],
        // （二）城镇人口: numbering stripped.
        ['S06', '临沂市', 2019, 592.3], ['S06', '临沂市', 2020, 596.87], ['S06', '临沂市', 2021, 603.51],
        ['S02', '临沂市', 2019, 4600.25], ['S02', '临沂市', 2020, 4805.25], ['S02', '临沂市', 2021, 5465.5],
        // ④出生率: a circled number in front.
        ['S05', '临沂市', 2019, 12.46], ['S05', '临沂市', 2020, 9.07], ['S05', '临沂市', 2021, 7.66],
      ]),
    );
    expect(kinds(findings, 'unit_converted').filter((f) => f.indicator === 'S01').map((f) => f.year).sort()).toEqual([2019, 2020, 2021]);
    // 联营 is not 私营, 城镇集体 is not 城镇: each row a question with the candidate and why.
    const asked = (row: string) => findings.filter((f) => f.kind === 'ambiguous_match' && f.name === row);
    for (const [row, code, word] of [
      ['联营企业法人单位数(个)', 'S03', '联营'],
      ['城镇集体单位就业人员平均工资(元)', 'S04', '集体'],
    ] as const) {
      expect(asked(row).map((f) => f.year).sort(), row).toEqual([2019, 2020, 2021]);
      expect(asked(row)[0]!.candidates[0]).toMatchObject({ code });
      expect(asked(row)[0]!.candidates[0]!.reason).toContain(word);
    }
    // An index on the year before is never the level it indexes.
    expect(asked('地区生产总值指数(上年=100)').length + findings.filter((f) => f.kind === 'unmatched_row' && f.name === '地区生产总值指数(上年=100)').length).toBe(3);
    // A row that matches nothing is on every year's worklist, not only the newest.
    const household = findings.filter((f) => (f.kind === 'unmatched_row' || f.kind === 'ambiguous_match') && f.name === '其中：户籍人口(万人)');
    expect(household.map((f) => f.year).sort()).toEqual([2019, 2020, 2021]);
  });
});

describe('quarterly columns beside the annual one (.xlsx by LibreOffice)', () => {
  it('stores the year column only', async () => {
    const { run, stored } = await importInto('分季度主要指标.xlsx', CITY);
    expect(run.status, run.stderr).toBe(0);
    expect(stored).toEqual(sortRows([['S02', '临沂市', 2020, 4805.25], ['S08', '临沂市', 2020, 2410.6]]));
  });
});

describe('regions across (LibreOffice .ods): 全市 and a region split over two header rows', () => {
  it('reads 全市 as the city and 空 港 / 经济区 as the declared 空港经济区', async () => {
    const { run, stored, findings } = await importInto('各县区主要经济指标.ods', CITY);
    expect(run.status, run.stderr).toBe(0);
    expect(stored).toEqual(
      sortRows([
        ['S02', '临沂市', 2022, 5778.8], ['S02', '兰山区', 2022, 1870.4], ['S02', '罗庄区', 2022, 701.2], ['S02', '河东区', 2022, 655.3], ['S02', '空港经济区', 2022, 120.6],
        ['S01', '临沂市', 2022, 1099.4], ['S01', '兰山区', 2022, 145.2], ['S01', '罗庄区', 2022, 60.8], ['S01', '河东区', 2022, 72.1], ['S01', '空港经济区', 2022, 8.9],
      ]),
    );
    expect(findings.filter((f) => f.region === '全市' || f.kind === 'unknown_region')).toEqual([]);
  });
});

describe('a 国家数据 分省年度数据 export (GBK CSV): regions down, years across, the indicator in a 指标： line', () => {
  it('reads every province and year, keeping undeclared provinces under their names with a finding', async () => {
    const { run, stored, findings } = await importInto('分省年度数据.csv', ['全国', '北京市', '天津市', '河北省'], ['山西省', '内蒙古自治区']);
    expect(run.status, run.stderr).toBe(0);
    const figures: Record<string, [number, number, number]> = {
      北京市: [41610.9, 41045.6, 36102.6],
      天津市: [16311.3, 15685.1, 14083.7],
      河北省: [42370.4, 40397.1, 36013.8],
      山西省: [25642.6, 22870.4, 17835.6],
      内蒙古自治区: [23158.6, 21166, 17258],
    };
    expect(stored).toEqual(sortRows(Object.entries(figures).flatMap(([region, [y22, y21, y20]]) => [['S02', region, 2022, y22], ['S02', region, 2021, y21], ['S02', region, 2020, y20]] as [string, string, number, number][])));
    expect([...new Set(kinds(findings, 'unknown_region').map((f) => f.region))].sort()).toEqual(['内蒙古自治区', '山西省']);
  });
});

describe('a yearbook district table (.xlsx by LibreOffice): regions down, indicators across, English glosses, a unit row', () => {
  it('reads each indicator column for each region, converting 万元 into 亿元, and asks about the growth column', async () => {
    const { run, stored, findings } = await importInto('各区县主要经济指标年鉴表.xlsx', CITY);
    expect(run.status, run.stderr).toBe(0);
    const rows: [string, number, number, number, number][] = [
      ['临沂市', 1099.4, 5778.8, 401.2345, 2500.1],
      ['兰山区', 145.2, 1870.4, 120.3456, 980.2],
      ['罗庄区', 60.8, 701.2, 50.231, 210.5],
      ['河东区', 72.1, 655.3, 41.0022, 190.8],
      ['空港经济区', 8.9, 120.6, 8.02105, 30.4],
    ];
    expect(stored).toEqual(
      sortRows(rows.flatMap(([region, s01, s02, s07, s08]) => [['S01', region, 2022, s01], ['S02', region, 2022, s02], ['S07', region, 2022, s07], ['S08', region, 2022, s08]] as [string, string, number, number][])),
    );
    expect(kinds(findings, 'unit_converted').filter((f) => f.indicator === 'S07')).toHaveLength(5);
    expect(findings.some((f) => (f.kind === 'ambiguous_match' || f.kind === 'unmatched_row') && (f.name ?? '').includes('比上年增长'))).toBe(true);
  });
});

describe('regions down, each indicator over its years (openpyxl .xlsx)', () => {
  it('files each figure under the indicator and the year above it, no growth rate under any year, and asks the unit no line states', async () => {
    const { run, stored, findings } = await importInto('区县指标分年表.xlsx', CITY);
    expect(run.status, run.stderr).toBe(0);
    // 分年 states its units; 常住人口 2022 in 分列 only repeats it.
    expect(stored).toEqual(
      sortRows([
        ['S02', '兰山区', 2021, 1790.3], ['S02', '兰山区', 2022, 1870.4], ['S02', '罗庄区', 2021, 668.9], ['S02', '罗庄区', 2022, 701.2],
        ['S01', '兰山区', 2021, 144.8], ['S01', '兰山区', 2022, 145.2], ['S01', '罗庄区', 2021, 60.5], ['S01', '罗庄区', 2022, 60.8],
      ]),
    );
    // 分列 names no unit and the plan has no baseline or target to weigh its figures: each is asked about, under its own indicator and year.
    const asked = kinds(findings, 'unit_mismatch').map((f) => [f.indicator, f.region, f.year, f.cell]);
    expect(sortRows(asked)).toEqual(
      sortRows([
        ['S07', '兰山区', 2021, 'B3'], ['S07', '罗庄区', 2021, 'B4'],
        ['S01', '兰山区', 2022, 'C3'], ['S01', '罗庄区', 2022, 'C4'],
        ['S08', '兰山区', 2022, 'D3'], ['S08', '罗庄区', 2022, 'D4'],
      ]),
    );
    expect(kinds(findings, 'unit_mismatch')[0]!.message).toContain('表中没有写明单位');
  });
});

describe('a 年份 column (openpyxl .xlsx, pandas CSV): years down, panel data', () => {
  const panel: [string, string, number, number][] = [
    ['S02', '兰山区', 2020, 1709.6], ['S02', '兰山区', 2021, 1790.3], ['S02', '罗庄区', 2020, 640.2], ['S02', '罗庄区', 2021, 668.9],
    ['S01', '兰山区', 2020, 144.1], ['S01', '兰山区', 2021, 144.8], ['S01', '罗庄区', 2020, 60.1], ['S01', '罗庄区', 2021, 60.5],
  ];

  it('files each year of the series and each district-year of the panel under its own year, the growth column under none', async () => {
    const { run, stored, findings } = await importInto('历年及面板数据.xlsx', CITY);
    expect(run.status, run.stderr).toBe(0);
    expect(stored).toEqual(
      sortRows([
        ['S02', '临沂市', 2019, 4600.25], ['S02', '临沂市', 2020, 4805.25], ['S02', '临沂市', 2021, 5465.5],
        ['S01', '临沂市', 2019, 1124.4], ['S01', '临沂市', 2020, 1101.8], ['S01', '临沂市', 2021, 1099],
        ...panel,
      ]),
    );
    // A growth rate is asked about or left unmatched, never stored as the level.
    const growth = findings.filter((f) => f.name === '地区生产总值增长(%)');
    expect(growth.map((f) => f.year).sort()).toEqual([2019, 2020, 2021]);
    expect(findings.filter((f) => f.name === '年份' || f.name === '年 份')).toEqual([]);
  });

  it('keeps each row’s own year when --year says another', async () => {
    const { run, stored } = await importInto('区县面板数据.csv', CITY, [], ['--year', '2022']);
    expect(run.status, run.stderr).toBe(0);
    expect(stored).toEqual(sortRows(panel));
  });
});

describe('one sheet per year (openpyxl .xlsx)', () => {
  it('takes each sheet’s year from its name', async () => {
    const { run, stored } = await importInto('按年分表.xlsx', CITY);
    expect(run.status, run.stderr).toBe(0);
    expect(stored).toEqual(sortRows([['S01', '临沂市', 2021, 1101.2], ['S06', '临沂市', 2021, 603.51], ['S01', '临沂市', 2022, 1099.4], ['S06', '临沂市', 2022, 608.2]]));
  });
});

describe('a table from which nothing can be read truthfully', () => {
  it('exits 2 with the true reason in the command line’s words, once', async () => {
    const { run, stored } = await importInto('新建 Microsoft Excel 工作表.xlsx', CITY);
    expect(stored).toEqual([]);
    expect(run.status).toBe(2);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('新建 Microsoft Excel 工作表.xlsx');
    expect(lines[0]).toContain('没有写明是哪个指标');
    expect(lines[0]).not.toMatch(/。。|请在导入预览中/);
  });
});
