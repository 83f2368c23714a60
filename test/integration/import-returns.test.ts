import { execFile } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

/**
 * Returns as other programs write them (LibreOffice, openpyxl, Chinese Windows Excel's CSV and
 * "Unicode 文本"), committed under test/fixtures/returns/ (README.md says how each was made),
 * imported through the CLI into a fresh linyi-2022 workbook. Every figure is checked with its
 * source cell, every return's detected bureau, region, year and contacts, and every finding.
 */

const FIXTURES = fileURLToPath(new URL('../fixtures/returns/', import.meta.url));
const BIN = path.join(PROJECT_ROOT, 'bin', 'taizhang.mjs');

/** `node bin/taizhang.mjs …` without blocking, so that the workbooks below are filled side by side. */
function runCli(args: string[], cwd: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, TAIZHANG_DEBUG: '' }, encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

interface ValueJson {
  indicator: string;
  region: string;
  year: number;
  value: number | null;
  status: string;
  sources: { file: string; sheet: string; cell: string; bureau: string }[];
  rollup?: { method: string; missingRegions: string[] };
}
interface FindingJson {
  kind: string;
  indicator: string | null;
  region: string | null;
  year: number | null;
  file: string | null;
  sheet: string | null;
  cell: string | null;
  message: string;
  candidates: { code: string }[] | null;
}
interface ReturnJson {
  file: string;
  bureau: string | null;
  region: string | null;
  year: number | null;
  state: string;
  contactPerson: string | null;
  contactPhone: string | null;
}

/** [indicator, region, year, value, file, sheet, cell, bureau]: one figure and where it came from. */
type Figure = [string, string, number, number, string, string, string, string];
/** [kind, indicator, region, year, sheet, cell]. */
type Problem = [string, string | null, string | null, number | null, string | null, string | null];

/**
 * `missing` and `not_responsible` follow the officer's 填报单位 assignments, not the file; a
 * fresh workbook has none confirmed, so they say nothing about reading the return.
 */
const ASSIGNMENT_KINDS = new Set(['missing', 'not_responsible']);

interface Imported {
  returns: ReturnJson[];
  figures: Figure[];
  problems: Problem[];
  findings: FindingJson[];
  values: ValueJson[];
}

async function json<T>(dir: string, args: string[]): Promise<T> {
  const result = await runCli([...args, '--json'], dir);
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as T;
}

/** A fresh workbook, the files imported in one batch, and what the CLI reports back. */
async function importInto(files: string[], subregions = ['兰山区', '罗庄区']): Promise<Imported> {
  const dir = makeTempDir();
  for (const file of files) copyFileSync(path.join(FIXTURES, file), path.join(dir, file));
  const init = await runCli(['init', 'w.tzdb', '--schema', 'linyi-2022', '--subregions', subregions.join(',')], dir);
  expect(init.status, init.stderr).toBe(0);
  const imported = await json<{ file: string; outcome: string }[]>(dir, ['import', 'w.tzdb', ...files]);
  expect(imported.map((r) => [r.file, r.outcome])).toEqual(files.map((f) => [f, 'imported']));
  // Read-only commands: the three may run at once.
  const [values, findings, returns] = await Promise.all([
    json<ValueJson[]>(dir, ['values', 'w.tzdb']),
    json<FindingJson[]>(dir, ['findings', 'w.tzdb']),
    json<ReturnJson[]>(dir, ['returns', 'w.tzdb']),
  ]);
  // A city value rolled up from its sub-regions is derived, not read: the county test checks those.
  const figures = values
    .filter((v) => v.value !== null && !v.rollup)
    .map((v): Figure => {
      expect(v.sources, `${v.indicator} ${v.region} ${v.year}`).toHaveLength(1);
      const s = v.sources[0]!;
      return [v.indicator, v.region, v.year, v.value!, s.file, s.sheet, s.cell, s.bureau];
    });
  const problems = findings
    .filter((f) => !ASSIGNMENT_KINDS.has(f.kind))
    .map((f): Problem => [f.kind, f.indicator, f.region, f.year, f.sheet, f.cell]);
  return { returns, figures: sorted(figures), problems: sorted(problems), findings, values };
}

function sorted<T extends unknown[]>(rows: T[]): T[] {
  const key = (row: T) => JSON.stringify(row);
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const returnFacts = (r: ReturnJson) => [r.file, r.bureau, r.region, r.year, r.contactPerson, r.contactPhone, r.state];

describe('a 民政局 return written by LibreOffice (.xlsx): title, merged two-row header, two years, baseline and target', () => {
  const file = '2023年民政局养老服务指标.xlsx';
  const sheet = '养老服务';
  const at = (indicator: string, year: number, value: number, cell: string): Figure => [indicator, '临沂市', year, value, file, sheet, cell, '市民政局'];

  it('reads every figure of both year columns in the schema unit, with its cell', async () => {
    const { returns, figures, problems } = await importInto([file]);
    // 填报单位（盖章）：临沂市民政局 (an alias); 填表人/联系电话 from the footnote, not 审核人.
    expect(returns.map(returnFacts)).toEqual([[file, '市民政局', '临沂市', 2023, '王晓敏', '0539-8123456', 'counted']]);
    expect(figures).toEqual(
      sorted([
        // "1,012" as text; 980 a number.
        at('B01', 2022, 980, 'G5'), at('B01', 2023, 1012, 'H5'),
        at('B02', 2022, 3, 'G6'), at('B02', 2023, 8, 'H6'),
        // 0.78 shown as 78% by its format; "82%" typed as text.
        at('C04', 2022, 78, 'G7'), at('C04', 2023, 82, 'H7'),
        // =45/50 with a percent format: LibreOffice's cached result 0.9.
        at('C01', 2022, 85, 'G8'), at('C01', 2023, 90, 'H8'),
        // 2023 is =K20/K21 → #DIV/0!: no figure, a formula_error below.
        at('C02', 2022, 52, 'G9'),
        // ‰ against a % indicator.
        at('C05', 2022, 7.9, 'G10'), at('C05', 2023, 8, 'H10'),
        // "０.８" in full-width digits.
        at('C06', 2022, 0.7, 'G11'), at('C06', 2023, 0.8, 'H11'),
        at('D01', 2022, 55.3, 'G12'), at('D01', 2023, 58.6, 'H12'),
        at('D06', 2022, 58, 'G13'), at('D06', 2023, 61.2, 'H13'),
        // "1.25万" in a 户 row.
        at('D05', 2022, 9800, 'G14'), at('D05', 2023, 12500, 'H14'),
        // 1 with a percent format is 100 %.
        at('C07', 2022, 100, 'G15'), at('C07', 2023, 100, 'H15'),
        // 骨干养老企业数 is 骨干养老企业数量 normalised.
        at('E01', 2022, 11, 'G16'), at('E01', 2023, 13, 'H16'),
      ]),
    );
    // Baselines and targets restated as ≥1000, 60以上, ≥60, 75‰ all agree with the schema: no
    // baseline_mismatch or target_mismatch. The unknown 城市社区老年人日间照料中心数量 row is kept.
    expect(problems).toEqual(
      sorted([
        ['formula_error', 'C02', '临沂市', 2023, sheet, 'H9'],
        // The restated 基期值 and 目标值 are judged in the return's year, 2023.
        ['unit_converted', 'C05', '临沂市', 2023, sheet, 'E10'],
        ['unit_converted', 'C05', '临沂市', 2023, sheet, 'F10'],
        ['unit_converted', 'C05', '临沂市', 2022, sheet, 'G10'],
        ['unit_converted', 'C05', '临沂市', 2023, sheet, 'H10'],
        ['unit_converted', 'D05', '临沂市', 2023, sheet, 'H14'],
        // The unknown row carries both years: each year's worklist shows it.
        ['unmatched_row', null, '临沂市', 2023, sheet, 'C17'],
        ['unmatched_row', null, '临沂市', 2022, sheet, 'C17'], // the name cell of the row,
      ]),
    );
  });
});

describe('市卫生健康委 returns: a LibreOffice .xls with 个 against 万个, and names merged across the category column', () => {
  const xls = '市卫健委托育服务统计表.xls';
  const xlsx = '卫健委医养结合指标.xlsx';
  const childcare = (indicator: string, value: number, cell: string): Figure => [indicator, '临沂市', 2023, value, xls, '托育服务', cell, '市卫生健康委'];
  const elderly = (indicator: string, year: number, value: number, cell: string): Figure => [indicator, '临沂市', year, value, xlsx, '医养结合', cell, '市卫生健康委'];

  it('converts units, reads percent formats from the .xls, and names the figure it cannot convert', async () => {
    const { returns, figures, problems, findings } = await importInto([xls, xlsx]);
    expect(returns.map(returnFacts)).toEqual([
      // 2023年度 in the title, 填报单位：市卫健委 (alias).
      [xls, '市卫生健康委', '临沂市', 2023, '赵敏', '13705390001', 'counted'],
      // 填报单位 at the foot with （盖章） after the name.
      [xlsx, '市卫生健康委', '临沂市', 2023, '陈静', '0539-8199123', 'counted'],
    ]);
    expect(figures).toEqual(
      sorted([
        childcare('B03', 86, 'C4'),
        // 28600 个 → 2.86 万个.
        childcare('B04', 2.86, 'C5'),
        childcare('D11', 22, 'C7'),
        // 每千人口托位数（个）: the unit in the name's brackets, a synonym of 人.
        childcare('C08', 2.6, 'C8'),
        childcare('D09', 9, 'C9'),
        // 0.32 with the 0% format LibreOffice wrote into the .xls.
        childcare('C10', 32, 'C10'),
        childcare('D10', 56.5, 'C11'),
        childcare('E03', 21, 'C12'),
        elderly('D02', 2022, 92, 'D4'), elderly('D02', 2023, 96.5, 'E4'),
        elderly('D03', 2022, 58.2, 'D5'), elderly('D03', 2023, 60.1, 'E5'),
        elderly('D04', 2022, 100, 'D6'), elderly('D04', 2023, 100, 'E6'),
        // Merged across B:C with no category; (岁) and (%) from the brackets.
        elderly('D08', 2022, 79.1, 'D7'), elderly('D08', 2023, 79.35, 'E7'),
        elderly('A02', 2022, 21.5, 'D8'), elderly('A02', 2023, 24.1, 'E8'),
      ]),
    );
    // 婴幼儿基本公共服务覆盖面 "无" is no figure and no finding; 人次 is not 人.
    expect(problems).toEqual(
      sorted([
        ['unit_converted', 'B04', '临沂市', 2023, '托育服务', 'C5'],
        ['unit_converted', 'X04', '临沂市', 2023, '托育服务', 'C6'],
        ['unit_mismatch', 'E04', '临沂市', 2023, '托育服务', 'C13'],
      ]),
    );
    const converted = findings.find((f) => f.kind === 'unit_converted' && f.indicator === 'B04')!;
    expect(converted.message).toBe('已将 28600个 换算为 2.86万个');
    expect(findings.find((f) => f.kind === 'unit_mismatch')!.message).toContain('人次');
  });
});

describe('a county roll-up written by LibreOffice (.ods): regions as columns, a hidden sheet of lists', () => {
  const file = '各县区养老托育指标汇总.ods';
  const at = (indicator: string, region: string, value: number, cell: string): Figure => [indicator, region, 2023, value, file, '县区汇总', cell, '市民政局'];

  it("gives each region its column's figures and reads nothing from the hidden sheet", async () => {
    const { returns, figures, problems, values } = await importInto([file], ['兰山区', '罗庄区', '河东区']);
    expect(returns.map(returnFacts)).toEqual([[file, '市民政局', '临沂市', 2023, null, null, 'counted']]);
    expect(figures).toEqual(
      sorted([
        at('B01', '兰山区', 156, 'C4'), at('B01', '罗庄区', 98, 'D4'), at('B01', '河东区', 87, 'E4'),
        at('B02', '兰山区', 2, 'C5'), at('B02', '罗庄区', 1, 'D5'), at('B02', '河东区', 1, 'E5'),
        at('B03', '兰山区', 21, 'C6'), at('B03', '罗庄区', 12, 'D6'), at('B03', '河东区', 9, 'E6'),
        at('B04', '兰山区', 0.52, 'C7'), at('B04', '罗庄区', 0.31, 'D7'), at('B04', '河东区', 0.28, 'E7'),
        // Percent-formatted fractions in the .ods.
        at('C04', '兰山区', 85, 'C8'), at('C04', '罗庄区', 80, 'D8'), at('C04', '河东区', 76, 'E8'),
      ]),
    );
    expect(problems).toEqual([]);
    // Every listed 县区 reported: the city's counts are their sums; a rate without components is not averaged.
    const city = (code: string) => values.find((v) => v.indicator === code && v.region === '临沂市' && v.year === 2023)!;
    expect(city('B01')).toMatchObject({ value: 341, status: 'ok', rollup: { method: 'sum', missingRegions: [] } });
    expect(city('B04').value).toBeCloseTo(1.11, 9);
    expect(city('C04')).toMatchObject({ value: null, status: 'missing' });
  });
});

describe('a cover sheet written by openpyxl, and a CSV written by LibreOffice', () => {
  const cover = '人社局养老保险报表.xlsx';
  const csv = '市发改委2023年指标.csv';

  it('takes year, bureau and contacts from the 封面, skips the hidden sheet, and vetoes a near-identical name', async () => {
    const { returns, figures, problems, findings } = await importInto([cover, csv]);
    expect(returns.map(returnFacts)).toEqual([
      [cover, '市人力资源社会保障局', '临沂市', 2023, '孙丽', '0539-8310021', 'counted'],
      // The year only in the file name; no contacts in the file.
      [csv, '市发展改革委', '临沂市', 2023, null, null, 'counted'],
    ]);
    expect(figures).toEqual(
      sorted([
        // 本年值 0.952 with 0.0%; the 上年值 column is last year's figure, not this year's.
        ['A01', '临沂市', 2023, 95.2, cover, '报表', 'C2', '市人力资源社会保障局'],
        ['E02', '临沂市', 2023, 4860, cover, '报表', 'C4', '市人力资源社会保障局'],
        // LibreOffice's CSV quotes every text field; the sheet is named after the file.
        ['D08', '临沂市', 2023, 79.35, csv, '市发改委2023年指标', 'C2', '市发展改革委'],
        ['D02', '临沂市', 2023, 95, csv, '市发改委2023年指标', 'C3', '市发展改革委'],
        ['A02', '临沂市', 2023, 24.1, csv, '市发改委2023年指标', 'C4', '市发展改革委'],
      ]),
    );
    // 城乡居民基本养老保险参保人数 (万人) looks like 基本养老保险参保率 (%) but is never taken for it.
    // The row's 上年值 restates 2022: the question is on the 2023 worklist, where it reports.
    expect(problems).toEqual([['ambiguous_match', null, '临沂市', 2023, '报表', 'A3']]);
    const ambiguous = findings.find((f) => f.kind === 'ambiguous_match')!;
    expect(ambiguous.candidates?.[0]?.code).toBe('A01');
    // The CSV restates targets equal to the schema's: no target_mismatch, nothing else either.
    expect(findings.filter((f) => f.file === csv && !ASSIGNMENT_KINDS.has(f.kind))).toEqual([]);
  });
});

describe('text returns: GBK CSV from Chinese Excel, UTF-16 "Unicode 文本", UTF-8 CSV with a BOM', () => {
  const gbk = '罗庄区民政局2023年报表.csv';
  const utf16 = '兰山区卫健局托育.txt';
  const bom = '教育局托育人才.csv';

  it('decodes each, takes the region from the bureau, and applies the table unit line', async () => {
    const { returns, figures, problems } = await importInto([gbk, utf16, bom]);
    expect(returns.map(returnFacts)).toEqual([
      // County bureaus are not on the city's list: kept as written, region from the name.
      [gbk, '罗庄区民政局', '罗庄区', 2023, '钱进', '0539-8251234', 'counted'],
      [utf16, '兰山区卫生健康局', '兰山区', 2023, '周强', '0539-8330066', 'counted'],
      [bom, '市教育局', '临沂市', 2023, '吴倩', '0539-8220011', 'counted'],
    ]);
    const gbkSheet = '罗庄区民政局2023年报表';
    const utf16Sheet = '兰山区卫健局托育';
    expect(figures).toEqual(
      sorted([
        // "1,012" quoted by Excel; 本年值 takes the title's year; "83.5%" as text; "--" no figure.
        ['B01', '罗庄区', 2023, 1012, gbk, gbkSheet, 'D4', '罗庄区民政局'],
        ['B02', '罗庄区', 2023, 3, gbk, gbkSheet, 'D5', '罗庄区民政局'],
        ['C04', '罗庄区', 2023, 83.5, gbk, gbkSheet, 'D6', '罗庄区民政局'],
        ['C07', '罗庄区', 2023, 100, gbk, gbkSheet, 'D7', '罗庄区民政局'],
        // 单位：个 above the table: 4600 个 → 0.46 万个.
        ['B04', '兰山区', 2023, 0.46, utf16, utf16Sheet, 'B4', '兰山区卫生健康局'],
        ['D09', '兰山区', 2023, 3, utf16, utf16Sheet, 'B5', '兰山区卫生健康局'],
        ['B03', '兰山区', 2023, 21, utf16, utf16Sheet, 'B6', '兰山区卫生健康局'],
        // 托育服务专业人才数量 normalised; "2.9万" in a 个 row is 2.9 万个, unchanged.
        ['E04', '临沂市', 2023, 412, bom, '教育局托育人才', 'C4', '市教育局'],
        ['B04', '临沂市', 2023, 2.9, bom, '教育局托育人才', 'C5', '市教育局'],
      ]),
    );
    expect(problems).toEqual([['unit_converted', 'B04', '兰山区', 2023, utf16Sheet, 'B4']]);
  });
});
