import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/api/errors';
import { readInputFile } from '../../../electron/read/read-file';
import { makeTempDir } from '../../support/temp-dir';

function refusedAs(file: string, shown = path.basename(file), maxBytes?: number): UserError {
  try {
    readInputFile(file, shown, maxBytes);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`“${shown}”`);
    return error as UserError;
  }
  throw new Error(`${file} was read`);
}

describe('readInputFile: what the path is, before a byte is read', () => {
  it('reads a regular file, and one behind a symlink', () => {
    const dir = makeTempDir();
    writeFileSync(path.join(dir, '报表.csv'), '指标,值\n');
    symlinkSync(path.join(dir, '报表.csv'), path.join(dir, '链接.csv'));
    expect(readInputFile(path.join(dir, '链接.csv'), '链接.csv')).toEqual({ name: '链接.csv', bytes: new TextEncoder().encode('指标,值\n') });
  });

  it.skipIf(process.platform === 'win32')('refuses a FIFO at once instead of waiting for a writer', () => {
    const dir = makeTempDir();
    const fifo = path.join(dir, '管道.csv');
    execFileSync('mkfifo', [fifo]);
    const error = refusedAs(fifo);
    expect(error.code).toBe('not_a_file');
    expect(error.message).toContain('命名管道');
  });

  it.skipIf(process.platform === 'win32')('refuses a symlink to /dev/zero instead of reading it forever', () => {
    const dir = makeTempDir();
    symlinkSync('/dev/zero', path.join(dir, 'zero.xlsx'));
    const error = refusedAs(path.join(dir, 'zero.xlsx'));
    expect(error.code).toBe('not_a_file');
    expect(error.message).toContain('设备文件');
  });

  it('refuses a folder, a missing file and a name too long for the system', () => {
    const dir = makeTempDir();
    mkdirSync(path.join(dir, '报表.xlsx'));
    expect(refusedAs(path.join(dir, '报表.xlsx')).code).toBe('is_directory');
    expect(refusedAs(path.join(dir, '没有.xlsx')).code).toBe('file_not_found');
    expect(refusedAs(path.join(dir, '没有', '报表.xlsx'), '没有/报表.xlsx').code).toBe('file_not_found');
    expect(refusedAs(path.join(dir, `${'长'.repeat(200)}.xlsx`)).code).toBe('name_too_long');
  });

  it('refuses a file above the limit from its size on disk, naming both', () => {
    const dir = makeTempDir();
    const big = path.join(dir, '大.xlsx');
    writeFileSync(big, '');
    // Sparse: 150 MB that take no room and are never read.
    truncateSync(big, 150 * 1024 * 1024);
    const error = refusedAs(big);
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('文件 150 MB，上限 100 MB');
  });
});
