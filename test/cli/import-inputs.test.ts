import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeReturn } from '../support/make-return';
import { runTaizhang } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

/**
 * `taizhang import` with inputs that are not returns at all, or faulty ones: each gets its own
 * Chinese line on stderr, none hangs the command, and the good returns beside them are stored.
 */

function workbook(): string {
  const dir = makeTempDir();
  expect(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022'], { cwd: dir }).status).toBe(0);
  return dir;
}

const goodCsv = (value: number) => `指标名称,单位,2023年完成值\n全市养老服务设施,处,${value}\n`;
const stderrLines = (stderr: string) => stderr.split('\n').filter(Boolean);

interface Row {
  file: string;
  outcome: string;
  errorCode: string | null;
  seconds?: number;
}

describe('taizhang import: what the paths are', () => {
  it.skipIf(process.platform === 'win32')('refuses a FIFO, /dev/zero, a folder, a missing file, an overlong name and a 150 MB file, one line each, and imports the rest', { timeout: 120_000 }, async () => {
    const dir = workbook();
    await makeReturn(dir, '民政局.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '全市养老服务设施', unit: '处', value: 985 }] });
    writeFileSync(path.join(dir, '卫健委.csv'), goodCsv(990));
    execFileSync('mkfifo', [path.join(dir, '管道.csv')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.xlsx'));
    mkdirSync(path.join(dir, '报表.xlsx'));
    writeFileSync(path.join(dir, '大.xlsx'), '');
    truncateSync(path.join(dir, '大.xlsx'), 150 * 1024 * 1024);
    const long = `${'长'.repeat(100)}.xlsx`;
    const started = Date.now();
    const result = runTaizhang(['import', 'w.tzdb', '民政局.xlsx', '管道.csv', 'zero.xlsx', '报表.xlsx', '没有.xlsx', long, '大.xlsx', '卫健委.csv', '--bureau', '市卫健委', '--json'], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result.status).toBe(2);
    expect(stderrLines(result.stderr)).toEqual([
      '“管道.csv”不是普通文件（是命名管道（FIFO）），无法作为报表读取。请给出 Excel 报表（.xlsx、.xls）或 CSV 文件。',
      '“zero.xlsx”不是普通文件（是设备文件），无法作为报表读取。请给出 Excel 报表（.xlsx、.xls）或 CSV 文件。',
      '“报表.xlsx”是文件夹，不是报表文件。请给出其中的报表文件（如 报表/*.xlsx）。',
      '找不到文件“没有.xlsx”，请检查文件名和所在文件夹。',
      `“${long}”的路径或文件名过长，系统无法打开。请把文件改用较短的名称、放到较浅的文件夹中后再导入。`,
      '“大.xlsx”过大（文件 150 MB，上限 100 MB），超出可读取的上限。请删除无关的工作表或空白行列后另存为 .xlsx，再重新导入。',
    ]);
    const rows = JSON.parse(result.stdout) as Row[];
    // In the order given.
    expect(rows.map((r) => [r.file, r.outcome, r.errorCode])).toEqual([
      ['民政局.xlsx', 'imported', null],
      ['管道.csv', 'rejected', 'not_a_file'],
      ['zero.xlsx', 'rejected', 'not_a_file'],
      ['报表.xlsx', 'rejected', 'is_directory'],
      ['没有.xlsx', 'rejected', 'file_not_found'],
      [long, 'rejected', 'name_too_long'],
      ['大.xlsx', 'rejected', 'too_large'],
      ['卫健委.csv', 'imported', null],
    ]);
    // Each file read has its time in the JSON.
    expect(rows.filter((r) => r.outcome === 'imported').every((r) => typeof r.seconds === 'number')).toBe(true);
  });
});

describe('taizhang import: faulty text files', () => {
  it('refuses an unclosed quote with its line (not 已导入…0 个数值 and exit 0), and a NUL early or late alike', { timeout: 120_000 }, () => {
    const dir = workbook();
    writeFileSync(path.join(dir, '引号.csv'), '指标名称,单位,2023年完成值\n全市养老服务设施,处,"985\n示范性老年友好社区,个,8\n');
    writeFileSync(path.join(dir, '前.csv'), `指标名称,单位,2023年完成值\n全市养老服务设施\u0000,处,985\n`);
    const rows = Array.from({ length: 30_000 }, (_, i) => `备注${i},,`).join('\n');
    writeFileSync(path.join(dir, '后.csv'), `指标名称,单位,2023年完成值\n全市养老服务设施,处,985\n${rows}\n末行\u0000,,\n`);
    writeFileSync(path.join(dir, '好.csv'), goodCsv(985));
    const result = runTaizhang(['import', 'w.tzdb', '引号.csv', '前.csv', '后.csv', '好.csv', '--bureau', '市民政局'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(stderrLines(result.stderr)).toEqual([
      '“引号.csv”第 2 行的引号（"）没有配对，其后的内容分不清各栏，无法读取。请在 Excel 或 WPS 中打开检查该行，另存为 CSV 或 .xlsx 后再重新导入。',
      '“前.csv”第 2 行含有空字符（NUL），文件可能在下载或拷贝时损坏，无法读取。请向填报单位重新索取，或在 Excel 或 WPS 中打开后另存为 .xlsx，再重新导入。',
      '“后.csv”第 30003 行含有空字符（NUL），文件可能在下载或拷贝时损坏，无法读取。请向填报单位重新索取，或在 Excel 或 WPS 中打开后另存为 .xlsx，再重新导入。',
    ]);
    expect(result.stdout).toContain('已导入 好.csv：市民政局，临沂市，2023年；1 个数值');
  });
});

describe('taizhang import: the reading worker of the bundle', () => {
  const bigCsv = () => Array.from({ length: 120_000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `格${r}-${c}`).join(',')).join('\n');

  it('stops a file past the time limit with a line naming it and the limit, and imports the next', { timeout: 120_000 }, () => {
    const dir = workbook();
    writeFileSync(path.join(dir, '慢.csv'), bigCsv());
    writeFileSync(path.join(dir, '好.csv'), goodCsv(985));
    const result = runTaizhang(['import', 'w.tzdb', '慢.csv', '好.csv', '--bureau', '市民政局'], { cwd: dir, env: { TAIZHANG_READ_SECONDS: '0.05' } });
    expect(result.status).toBe(2);
    expect(stderrLines(result.stderr)).toEqual([
      '“慢.csv”读取时间超出上限（上限 0.05 秒），已停止读取，其余文件照常导入。文件可能含有异常结构；请删除无关的工作表或空白行列后另存为 .xlsx，再重新导入。',
    ]);
    expect(result.stdout).toContain('已导入 好.csv');
  });

  it('stops a file past the memory limit with a line naming it and the limit, and imports the next', { timeout: 120_000 }, () => {
    const dir = workbook();
    writeFileSync(path.join(dir, '大.csv'), bigCsv());
    writeFileSync(path.join(dir, '好.csv'), goodCsv(985));
    const result = runTaizhang(['import', 'w.tzdb', '大.csv', '好.csv', '--bureau', '市民政局'], { cwd: dir, env: { TAIZHANG_READ_MEMORY_MB: '24' } });
    expect(result.status).toBe(2);
    expect(stderrLines(result.stderr)).toEqual([
      '“大.csv”读取所需内存超出上限（上限 24 MB），已停止读取，其余文件照常导入。请删除无关的工作表或空白行列后另存为 .xlsx，再重新导入。',
    ]);
    expect(result.stdout).toContain('已导入 好.csv');
  });
});
