import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Every file of the real-world corpus, each read in its own child process under a time limit:
 * its outcome (imported with so many sheets and cells, or refused with a code) must match
 * test/corpus-expected.json, and nothing may crash, hang or print a stack trace.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = path.resolve(projectRoot, '../shared/corpus/realworld');
const exists = existsSync(corpusDir);
const TIME_LIMIT_MS = 10_000;
const CONCURRENCY = 2;

type Outcome =
  | { ok: true; sheets: number; cells: number }
  | { ok: false; code: string; message?: string };

interface Run {
  outcome?: Outcome;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  timedOut: boolean;
}

function readOne(file: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/corpus/read-one.ts', file], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      const line = stdout.trim().split('\n').pop() ?? '';
      let outcome: Outcome | undefined;
      try {
        outcome = JSON.parse(line) as Outcome;
      } catch {
        outcome = undefined;
      }
      resolve({ outcome, stdout, stderr, exitCode, timedOut });
    });
  });
}

async function runAll(files: string[]): Promise<Map<string, Run>> {
  const runs = new Map<string, Run>();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      runs.set(file, await readOne(path.join(corpusDir, file)));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return runs;
}

if (!exists) {
  console.warn(`\n*** 语料目录不存在，跳过真实文件测试：${corpusDir} ***\n`);
}

describe.skipIf(!exists)('real-world corpus', () => {
  const files = exists
    ? readdirSync(corpusDir).filter((f) => f !== 'MANIFEST.tsv' && !f.startsWith('.')).sort()
    : [];
  const expected = JSON.parse(
    readFileSync(path.join(projectRoot, 'test/corpus-expected.json'), 'utf8'),
  ) as Record<string, Outcome & { why?: string }>;
  let runs: Map<string, Run>;

  beforeAll(async () => {
    runs = await runAll(files);
  }, 180_000);

  it('has an expectation for every corpus file and no stale ones', () => {
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  it.each(files)('%s', (file) => {
    const run = runs.get(file)!;
    expect(run.timedOut, `${file} took longer than ${TIME_LIMIT_MS / 1000} s`).toBe(false);
    expect(run.stderr, `${file} wrote to stderr`).toBe('');
    expect(run.exitCode).toBe(0);
    const outcome = run.outcome;
    expect(outcome, `no JSON line from ${file}: ${run.stdout}`).toBeDefined();
    const want = expected[file]!;
    if (want.ok) {
      expect(outcome).toEqual({ ok: true, sheets: want.sheets, cells: want.cells });
    } else {
      expect(outcome).toMatchObject({ ok: false, code: want.code });
      const message = (outcome as { message: string }).message;
      // The officer must see which file and a Chinese explanation.
      expect(message).toContain(`“${file}”`);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
      expect(message).not.toMatch(/\bat .+:\d+:\d+|Error:/);
    }
  });
});
