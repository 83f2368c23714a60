import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The project root: children run from here so that `--import tsx` resolves. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOLDER = fileURLToPath(new URL('./hold-workbook.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/taizhang.mjs', import.meta.url));

export interface HolderReport {
  ready: boolean;
  pid?: number;
  readOnly?: boolean;
  heldBy?: { host: string; osUser: string; pid: number; since: string } | null;
  code?: string;
  message?: string;
}

export interface Holder {
  child: ChildProcessWithoutNullStreams;
  report: HolderReport;
  /** Asks the child to close the workbook and waits for it to exit. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, leaving the lock row (and the WAL) behind. */
  kill(): Promise<void>;
}

/** Starts another process that opens the workbook, and waits until it holds it (or was refused). */
export function spawnHolder(file: string, mode: 'write' | 'read' | 'take-over' = 'write'): Promise<Holder> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, file, mode], { cwd: PROJECT_ROOT });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        resolve({
          child,
          report: JSON.parse(line) as HolderReport,
          stop: () => {
            child.stdin.end('close\n');
            return exited;
          },
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`holder exited (${code}) before reporting: ${err}`)));
  });
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/taizhang.mjs …` as an officer would, from `cwd`. */
export function runTaizhang(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { ...process.env, TAIZHANG_DEBUG: '', ...options.env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
