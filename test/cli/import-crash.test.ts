import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTaizhang } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

/**
 * kill -9 in the middle of an import batch, then the .tzdb copied alone (without its -wal), as
 * officers copy workbooks to USB sticks: the copy holds every file committed before the last
 * checkpoint. The batch asks for a checkpoint every 5 files, run on a thread of its own while
 * the next files are stored: the copy lacks at most those 5 and the few stored meanwhile.
 */

const BIN = fileURLToPath(new URL('../../bin/taizhang.mjs', import.meta.url));
const FILES = 60;

/** A return with a figure and many rows of notes, so that each file takes a little while. */
function writeReturns(dir: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const notes = Array.from({ length: 400 }, (_, r) => `说明第${r}条（${i}）,,`).join('\n');
    const name = `民政局${String(i).padStart(2, '0')}.csv`;
    writeFileSync(path.join(dir, name), `指标名称,单位,2023年完成值\n全市养老服务设施,处,${900 + i}\n${notes}\n`);
    names.push(name);
  }
  return names;
}

function startImport(dir: string, names: string[]) {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'import', 'w.tzdb', ...names, '--bureau', '市民政局'], { cwd: dir, stdio: 'ignore' });
  const ended = new Promise<number>((resolve) => child.on('close', () => resolve(performance.now() - started)));
  return { child, ended };
}

function countReturns(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM returns').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function freshWorkbook(): { dir: string; names: string[] } {
  const dir = makeTempDir();
  expect(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022'], { cwd: dir }).status).toBe(0);
  return { dir, names: writeReturns(dir) };
}

describe('a batch killed mid-way', () => {
  it('leaves in the .tzdb alone every file up to its last checkpoint', { timeout: 180_000 }, async () => {
    // How long the whole batch takes here, to kill the next one about half-way.
    const timing = freshWorkbook();
    const whole = await startImport(timing.dir, timing.names).ended;
    expect(countReturns(path.join(timing.dir, 'w.tzdb'))).toBe(FILES);

    const { dir, names } = freshWorkbook();
    const { child, ended } = startImport(dir, names);
    await new Promise((resolve) => setTimeout(resolve, whole / 2));
    child.kill('SIGKILL');
    await ended;

    const copy = path.join(dir, 'copy.tzdb');
    copyFileSync(path.join(dir, 'w.tzdb'), copy);
    const inCopy = countReturns(copy);
    // The crashed workbook with its -wal: every file committed before the kill.
    const committed = countReturns(path.join(dir, 'w.tzdb'));
    console.log(`batch of ${FILES} in ${(whole / 1000).toFixed(1)} s; killed with ${committed} committed, ${inCopy} in the copied .tzdb`);
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(FILES);
    expect(inCopy).toBeLessThanOrEqual(committed);
    // At most the files since the last checkpoint are missing from the copy.
    expect(committed - inCopy).toBeLessThan(10);
    const db = new Database(copy, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });
});
