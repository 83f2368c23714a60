import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

describe('bin/taizhang.mjs', () => {
  it('without the built bundle says, in one Chinese line, to run npm install (status 1)', () => {
    const root = makeTempDir();
    mkdirSync(path.join(root, 'bin'));
    const bin = path.join(root, 'bin', 'taizhang.mjs');
    copyFileSync(path.join(PROJECT_ROOT, 'bin', 'taizhang.mjs'), bin);
    const result = spawnSync(process.execPath, [bin, 'schemas'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((line) => line.length > 0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(lines[0]).toContain('npm install');
  });

  it('runs the built bundle, never compiling TypeScript per call', () => {
    const bin = path.join(PROJECT_ROOT, 'bin', 'taizhang.mjs');
    expect(readFileSync(bin, 'utf8')).not.toMatch(/tsx|\.ts['"]/);
    expect(existsSync(path.join(PROJECT_ROOT, 'dist', 'cli', 'taizhang.mjs'))).toBe(true);
  });

  it('finds the built-in schemas from the bundle, whatever the working folder', () => {
    const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'taizhang.mjs'), 'schemas', '--json'], {
      cwd: makeTempDir(),
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'linyi-2022' })]));
  });
});
