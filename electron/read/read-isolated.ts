import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fork, type ChildProcess } from 'node:child_process';
import { UserError } from '../../shared/api/errors';
import type { Grid } from '../../shared/import/grid';
import type { ReadLimits } from './limits';
import { readGrid } from './read-grid';
import type { ReadAnswer, ReadRequest } from './read-worker';
import { refuse } from './refusals';

/**
 * Under plain Node (the CLI, the tests) the reader is a child process started with that heap
 * limit: a file that exhausts it ends that process only, whatever the shape of its allocations
 * (a worker thread's resourceLimits are best-effort, and V8 can abort the whole process instead).
 * Electron, whose fuses forbid running itself as Node, keeps the worker thread.
 *
 * readGrid in a worker thread with a memory limit and a time limit, so that a hostile or broken
 * file costs at most itself: the thread that asked (the CLI's, or Electron's main process and
 * with it every window) stays responsive, and a file that runs out of memory or time is refused
 * with a message naming it and the limit while the batch goes on. One worker is kept between
 * files (starting one costs more than reading a return) and replaced after it was stopped.
 *
 * The worker runs compiled JavaScript: read-worker.mjs beside this module in the CLI's bundle
 * (scripts/build-cli.mjs builds it as a second entry); under tsx or vitest the TypeScript source
 * through tsx's loader. Where neither exists (a bundle without the worker), files are read on
 * this thread, with every bound of readGrid but no memory or time limit.
 */

export interface Isolation {
  /** The worker's heap limit (V8's old generation), in MB. */
  memoryMb: number;
  /** How long one file may take to read, in milliseconds. */
  timeMs: number;
}

/**
 * 512 MB is several times what a 2-million-cell return needs and keeps the worker and the
 * process that stores together under 1 GB; 8 s leaves room for layout and storing within the
 * 10 s one file may take.
 */
export const DEFAULT_ISOLATION: Isolation = { memoryMb: 512, timeMs: 8_000 };

let isolationNow: Isolation = DEFAULT_ISOLATION;

/** Sets the limits readGridIsolated applies when given none (the CLI reads them from its environment). */
export function setReadIsolation(next: Partial<Isolation> = {}): void {
  isolationNow = { ...DEFAULT_ISOLATION, ...next };
}

/** How long a worker may take to start: tsx compiling the readers on a busy machine is slow. */
const STARTUP_MS = 60_000;

type WorkerSource = { script: URL; options: { eval?: false; workerData?: undefined } } |
  { script: string; options: { eval: true; workerData: { tsx: string; entry: string } } };

let configuredScript: URL | undefined;
let unavailable = false;

/**
 * Points the reader at a bundled worker script (Electron's bundle keeps its own); with no
 * argument, back to the worker beside this module. Either way workers are tried again.
 */
export function setReadWorkerScript(script?: URL | string): void {
  configuredScript = typeof script === 'string' ? pathToFileURL(script) : script;
  unavailable = false;
}

// In the source tree (tsx, vitest) the worker's TypeScript needs tsx's loader, which a worker's
// execArgv cannot install before its entry loads (Node 20): a small bootstrap registers it first.
const TSX_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((api) => { api.register(); return import(workerData.entry); });
`;

/**
 * The ES module build of tsx's API, as its package exports it: require.resolve would give the
 * CommonJS build, which cannot register the loader when imported.
 */
function tsxEsmApi(from: string): string | null {
  try {
    const manifest = createRequire(fileURLToPath(from)).resolve('tsx/package.json');
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: Record<string, { import?: { default?: string } }> };
    const target = exports?.['./esm/api']?.import?.default;
    return target ? new URL(target, pathToFileURL(manifest)).href : null;
  } catch {
    return null;
  }
}

function workerSource(): WorkerSource | null {
  if (configuredScript) return existsSync(configuredScript) ? { script: configuredScript, options: {} } : null;
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./read-worker.ts', here);
    const tsx = tsxEsmApi(here);
    return tsx ? { script: TSX_BOOTSTRAP, options: { eval: true, workerData: { tsx, entry: entry.href } } } : null;
  }
  const bundled = new URL('./read-worker.mjs', here);
  return existsSync(bundled) ? { script: bundled, options: {} } : null;
}

/**
 * Sends one file to a reader and waits for its answer: the grid, its refusal, or its fault; a
 * reader past the time limit is stopped, one that ran out of memory named with the limit.
 */
function awaitGrid(
  name: string,
  id: number,
  isolation: Isolation,
  memoryMb: number,
  reader: { stop(): void; pend(pending: Pending | undefined): void; send(): void },
): Promise<Grid> {
  return new Promise<Grid>((resolve, reject) => {
    const timer = setTimeout(() => {
      reader.pend(undefined);
      reader.stop();
      reject(refuse('too_slow', name, `上限 ${isolation.timeMs / 1000} 秒`));
    }, isolation.timeMs);
    reader.pend({
      settle: (answer) => {
        if (answer.type === 'ready' || answer.id !== id) return;
        clearTimeout(timer);
        reader.pend(undefined);
        if (answer.type === 'grid') resolve(answer.grid);
        else if (answer.type === 'refused') reject(new UserError(answer.code, answer.message, { file: answer.file ?? name }));
        else reject(Object.assign(new Error(answer.message), { stack: answer.stack }));
      },
      fail: (error, code) => {
        clearTimeout(timer);
        reader.pend(undefined);
        reject(code === 'ERR_WORKER_OUT_OF_MEMORY' ? refuse('out_of_memory', name, `上限 ${memoryMb} MB`) : error);
      },
    });
    reader.send();
  });
}

interface Pending {
  settle(answer: ReadAnswer): void;
  fail(error: Error, code: string | undefined): void;
}

class ReadWorker {
  private worker: Worker | undefined;
  private ready: Promise<boolean> | undefined;
  private pending: Pending | undefined;
  private nextId = 1;

  constructor(private readonly memoryMb: number) {}

  /** Starts the worker if none runs; false when workers cannot be had here. */
  private start(): Promise<boolean> {
    if (this.ready) return this.ready;
    const source = workerSource();
    if (!source) return Promise.resolve(false);
    let worker: Worker;
    try {
      worker = new Worker(source.script, {
        ...source.options,
        resourceLimits: { maxOldGenerationSizeMb: this.memoryMb },
        stdout: false,
        stderr: false,
      });
    } catch {
      return Promise.resolve(false);
    }
    this.worker = worker;
    this.ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), STARTUP_MS);
      // A stopped worker's last events (its exit after terminate) concern no file any more.
      const current = () => this.worker === worker;
      worker.on('message', (answer: ReadAnswer) => {
        if (answer.type === 'ready') {
          clearTimeout(timer);
          resolve(true);
        } else if (current()) {
          this.pending?.settle(answer);
        }
      });
      worker.on('error', (error: Error & { code?: string }) => {
        clearTimeout(timer);
        resolve(false);
        if (!current()) return;
        const pending = this.pending;
        this.discard(worker);
        pending?.fail(error, error.code);
      });
      worker.on('exit', (code) => {
        clearTimeout(timer);
        resolve(false);
        if (!current()) return;
        const pending = this.pending;
        this.discard(worker);
        pending?.fail(new Error(`读取线程意外退出（退出码 ${code}）`), undefined);
      });
    });
    return this.ready;
  }

  private discard(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = undefined;
    this.pending = undefined;
    void worker.terminate();
  }

  /** Reads one file in the worker; null when no worker could be started. */
  async read(file: { name: string; bytes: Uint8Array }, limits: Partial<ReadLimits>, isolation: Isolation): Promise<Grid | null> {
    if (!(await this.start())) {
      if (this.worker) this.discard(this.worker);
      return null;
    }
    const worker = this.worker!;
    const id = this.nextId++;
    // A copy of exactly the file's bytes, handed over: a view may sit in a far larger buffer.
    const bytes = file.bytes.slice();
    worker.ref();
    try {
      return await awaitGrid(file.name, id, isolation, this.memoryMb, {
        stop: () => this.discard(worker),
        pend: (pending) => (this.pending = pending),
        send: () => {
          const request: ReadRequest = { id, name: file.name, bytes, limits };
          worker.postMessage(request, [bytes.buffer]);
        },
      });
    } finally {
      // An idle worker must not keep the CLI's process alive.
      if (this.worker === worker) worker.unref();
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }
}

/** Where a child process runs the reader: the bundle's worker, or the TypeScript source through tsx. */
function processSource(): { entry: string; execArgv: string[]; cwd?: string } | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { entry: fileURLToPath(new URL('./read-worker.ts', here)), execArgv: ['--import', 'tsx'], cwd: fileURLToPath(new URL('../../', here)) };
  }
  const bundled = new URL('./read-worker.mjs', here);
  return existsSync(bundled) ? { entry: fileURLToPath(bundled), execArgv: [] } : null;
}

/** Whether the child, its IPC channel and its stderr pipe keep this process running. */
function holdOpen(child: ChildProcess, hold: boolean): void {
  const handles = [child, (child as unknown as { channel?: { ref(): void; unref(): void } }).channel, child.stderr as unknown as { ref(): void; unref(): void } | null];
  for (const handle of handles) {
    if (handle) {
      if (hold) handle.ref();
      else handle.unref();
    }
  }
}

/** The reader in a child process: one kept between files, replaced after it died or was stopped. */
class ReadProcess {
  private child: ChildProcess | undefined;
  private ready: Promise<boolean> | undefined;
  private pending: Pending | undefined;
  private stderr = '';
  private nextId = 1;

  constructor(private readonly memoryMb: number) {}

  private start(): Promise<boolean> {
    if (this.ready) return this.ready;
    const source = processSource();
    if (!source) return Promise.resolve(false);
    let child: ChildProcess;
    try {
      child = fork(source.entry, [], {
        execArgv: [...source.execArgv, `--max-old-space-size=${this.memoryMb}`],
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        ...(source.cwd ? { cwd: source.cwd } : {}),
      });
    } catch {
      return Promise.resolve(false);
    }
    this.child = child;
    this.stderr = '';
    holdOpen(child, false);
    child.stderr?.on('data', (chunk: Buffer) => {
      // Only the end matters: V8's last words on running out of heap.
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    this.ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), STARTUP_MS);
      const current = () => this.child === child;
      child.on('message', (answer: ReadAnswer) => {
        if (answer.type === 'ready') {
          clearTimeout(timer);
          resolve(true);
        } else if (current()) {
          this.pending?.settle(answer);
        }
      });
      child.on('error', (error: Error & { code?: string }) => {
        clearTimeout(timer);
        resolve(false);
        if (!current()) return;
        const pending = this.pending;
        this.discard(child);
        pending?.fail(error, error.code);
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve(false);
        if (!current()) return;
        const pending = this.pending;
        const outOfMemory = /heap limit|Allocation failed|out of memory/i.test(this.stderr);
        this.discard(child);
        pending?.fail(new Error(`读取进程意外退出（${signal ?? `退出码 ${code}`}）`), outOfMemory ? 'ERR_WORKER_OUT_OF_MEMORY' : undefined);
      });
    });
    return this.ready;
  }

  private discard(child: ChildProcess): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.ready = undefined;
    this.pending = undefined;
    child.kill('SIGKILL');
  }

  /** Reads one file in the child; null when no child could be started. */
  async read(file: { name: string; bytes: Uint8Array }, limits: Partial<ReadLimits>, isolation: Isolation): Promise<Grid | null> {
    if (!(await this.start())) {
      if (this.child) this.discard(this.child);
      return null;
    }
    const child = this.child!;
    const id = this.nextId++;
    holdOpen(child, true);
    try {
      return await awaitGrid(file.name, id, isolation, this.memoryMb, {
        stop: () => this.discard(child),
        pend: (pending) => (this.pending = pending),
        send: () => {
          const request: ReadRequest = { id, name: file.name, bytes: file.bytes, limits };
          child.send(request);
        },
      });
    } finally {
      // An idle reader must not keep the CLI's process alive.
      if (this.child === child) holdOpen(child, false);
    }
  }

  async close(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (child) child.kill('SIGKILL');
  }
}

/** A worker thread where the app runs in Electron (or was given a worker script), a process elsewhere. */
function useThreads(): boolean {
  return configuredScript !== undefined || process.versions.electron !== undefined;
}

const workers = new Map<number, ReadWorker | ReadProcess>();
/** Files wait their turn for the one worker: it reads one at a time anyway. */
let turn: Promise<unknown> = Promise.resolve();

/**
 * Reads a file into the neutral Grid off this thread (see above); refusals are readGrid's, plus
 * 'too_slow' and 'out_of_memory' naming the limit. A fault of the worker itself is thrown as a
 * plain Error: an internal error of that one file.
 */
export function readGridIsolated(
  file: { name: string; bytes: Uint8Array },
  limits: Partial<ReadLimits> = {},
  isolation: Isolation = isolationNow,
): Promise<Grid> {
  const run = async (): Promise<Grid> => {
    if (!unavailable) {
      let worker = workers.get(isolation.memoryMb);
      if (!worker) workers.set(isolation.memoryMb, (worker = useThreads() ? new ReadWorker(isolation.memoryMb) : new ReadProcess(isolation.memoryMb)));
      const grid = await worker.read(file, limits, isolation);
      if (grid) return grid;
      unavailable = true;
    }
    return readGrid(file, limits);
  };
  const result = turn.then(run, run);
  turn = result.catch(() => undefined);
  return result;
}

/** Stops the worker (tests; a process that wants to exit at once). */
export async function closeReadWorkers(): Promise<void> {
  const all = [...workers.values()];
  workers.clear();
  await Promise.all(all.map((worker) => worker.close()));
}

/** Whether files are read in a worker here (false after a worker could not be started). */
export function readsInWorker(): boolean {
  return !unavailable && workerSource() !== null;
}
