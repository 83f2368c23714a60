import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../electron/read/limits';
import { readChosenFiles } from '../../../electron/shell/read-chosen-files';
import { makeTempDir } from '../../support/temp-dir';

const posixOnly = process.platform === 'win32' ? it.skip : it;

describe('the import menu’s reads', () => {
  it('reads the good files, in the order chosen, and refuses the rest each with its own line', async () => {
    const dir = makeTempDir();
    const good = path.join(dir, '兰山区民政局.csv');
    writeFileSync(good, '指标名称,2023年\n养老机构数,12\n');
    const other = path.join(dir, '罗庄区.csv');
    writeFileSync(other, 'a,b\n');
    const folder = path.join(dir, '报表.xlsx');
    mkdirSync(folder);
    const missing = path.join(dir, '已删除.xlsx');
    const read = await readChosenFiles([good, folder, missing, other], DEFAULT_LIMITS.maxFileBytes);
    expect(read.files.map((f) => f.name)).toEqual(['兰山区民政局.csv', '罗庄区.csv']);
    expect(Buffer.from(read.files[0]!.bytes).toString('utf8')).toBe('指标名称,2023年\n养老机构数,12\n');
    expect(read.refused).toEqual([
      '“报表.xlsx”不是普通文件（可能是文件夹、设备或管道），没有读取。请选择 Excel、WPS 或 CSV 报表文件。',
      '“已删除.xlsx”没有读取：文件不存在，可能已被移动或删除。请确认文件还在、没有被其他程序打开，再重新导入。',
    ]);
  });

  it('refuses a file over the 100 MB default from its size alone, without reading it', async () => {
    const dir = makeTempDir();
    const huge = path.join(dir, '全市汇总.xlsx');
    writeFileSync(huge, '');
    truncateSync(huge, 230 * 1024 * 1024); // sparse: no disk space, no bytes to read
    const before = process.memoryUsage().arrayBuffers;
    const read = await readChosenFiles([huge], DEFAULT_LIMITS.maxFileBytes);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(10 * 1024 * 1024);
    expect(read.files).toEqual([]);
    expect(read.refused).toEqual([
      '“全市汇总.xlsx”有 230 MB，超过 100 MB 的上限，没有读取。报表通常只有几 MB；请确认选对了文件，或删去多余的工作表、图片后另存再导入。',
    ]);
  });

  it('reads a file exactly at the limit and refuses one byte more', async () => {
    const dir = makeTempDir();
    const at = path.join(dir, 'at.csv');
    writeFileSync(at, 'x'.repeat(1000));
    const over = path.join(dir, 'over.csv');
    writeFileSync(over, 'x'.repeat(1001));
    const read = await readChosenFiles([at, over], 1000);
    expect(read.files.map((f) => [f.name, f.bytes.length])).toEqual([['at.csv', 1000]]);
    expect(read.refused).toHaveLength(1);
    expect(read.refused[0]).toMatch(/^“over\.csv”有 .+ MB，超过 .+ MB 的上限，没有读取/);
  });

  posixOnly('refuses a link to /dev/zero and a FIFO at once, without hanging on either', async () => {
    const dir = makeTempDir();
    const zero = path.join(dir, '零.xlsx');
    symlinkSync('/dev/zero', zero);
    const fifo = path.join(dir, '管道.csv');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const read = await readChosenFiles([zero, fifo], DEFAULT_LIMITS.maxFileBytes);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(read.files).toEqual([]);
    expect(read.refused).toEqual([
      '“零.xlsx”不是普通文件（可能是文件夹、设备或管道），没有读取。请选择 Excel、WPS 或 CSV 报表文件。',
      '“管道.csv”不是普通文件（可能是文件夹、设备或管道），没有读取。请选择 Excel、WPS 或 CSV 报表文件。',
    ]);
  });
});
