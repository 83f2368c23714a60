import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { fork, type ChildProcess } from 'node:child_process';
import { UserError } from '../../shared/api/errors';
import type { Grid } from '../../shared/import/grid';
import type { LaidOutReturn, ReadOptions, ReturnReading } from '../../shared/import/lay-out-return';
import type { ReadLimits } from './limits';
import type { ReadAnswer, ToReader } from './read-worker';
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

/** How a reader is reached: a worker thread, a child process, or (neither available) this thread. */
interface Link {
  /** True once the reader said it is ready; false when it could not be started. */
  readonly ready: Promise<boolean>;
  isReady(): boolean;
  send(message: ToReader): void;
  /** Ends the reader: a file past its time, or closing. It reports nothing after. */
  stop(): void;
  /** Whether the reader keeps this process running: only while it has a file. */
  hold(busy: boolean): void;
  /** Whether a file past the time limit can be stopped (not one read on this thread). */
  readonly stoppable: boolean;
}

interface LinkEvents {
  answer(answer: ReadAnswer): void;
  /** The reader ended by itself: out of memory, crashed, or its channel broke. */
  died(error: Error, code: string | undefined): void;
}

/** The readiness handshake and the end of a reader, alike for thread and process. */
function lifecycle(events: LinkEvents): {
  started: Promise<boolean>;
  isReady(): boolean;
  isStopped(): boolean;
  onMessage(answer: ReadAnswer): void;
  onEnd(error: Error, code: string | undefined): void;
  stopped(): void;
} {
  let ready = false;
  let stopped = false;
  let settle: (ok: boolean) => void = () => undefined;
  const started = new Promise<boolean>((resolve) => (settle = resolve));
  const timer = setTimeout(() => settle(false), STARTUP_MS);
  return {
    started,
    isReady: () => ready,
    isStopped: () => stopped,
    onMessage(answer) {
      if (answer.type === 'ready') {
        clearTimeout(timer);
        ready = true;
        settle(true);
      } else if (!stopped) {
        events.answer(answer);
      }
    },
    onEnd(error, code) {
      clearTimeout(timer);
      settle(false);
      if (stopped) return;
      stopped = true;
      events.died(error, code);
    },
    stopped() {
      clearTimeout(timer);
      settle(false);
      stopped = true;
    },
  };
}

function threadLink(memoryMb: number, events: LinkEvents): Link | null {
  const source = workerSource();
  if (!source) return null;
  let worker: Worker;
  try {
    worker = new Worker(source.script, {
      ...source.options,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      stdout: false,
      stderr: false,
    });
  } catch {
    return null;
  }
  const life = lifecycle(events);
  worker.on('message', (answer: ReadAnswer) => life.onMessage(answer));
  worker.on('error', (error: Error & { code?: string }) => life.onEnd(error, error.code));
  worker.on('exit', (code) => life.onEnd(new Error(`读取线程意外退出（退出码 ${code}）`), undefined));
  return {
    ready: life.started,
    isReady: life.isReady,
    stoppable: true,
    send(message) {
      if (message.type !== 'read') return worker.postMessage(message);
      // A copy of exactly the file's bytes, handed over: a view may sit in a far larger buffer.
      const bytes = message.bytes.slice();
      worker.postMessage({ ...message, bytes }, [bytes.buffer]);
    },
    stop() {
      life.stopped();
      void worker.terminate();
    },
    hold(busy) {
      if (busy) worker.ref();
      else worker.unref();
    },
  };
}

/**
 * The reader process lives for one batch on the command line: V8's default is to compile a
 * function with its optimising compiler after a few runs, and those compiles (on threads of their
 * own) cost the 120 returns of a county batch a third of the reader's CPU, more than the faster
 * code wins back. A budget eight times the default (132 KB) keeps only the truly hot functions for
 * it: the reader's CPU over such a batch fell from about 780 to 550 ms (medians of 9, alternating).
 */
const READER_V8_FLAGS = ['--interrupt-budget=1048576'];

/** Where a child process runs the reader: the bundle's worker, or the TypeScript source through tsx. */
function processSource(): { entry: string; execArgv: string[]; cwd?: string } | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { entry: fileURLToPath(new URL('./read-worker.ts', here)), execArgv: ['--import', 'tsx'], cwd: fileURLToPath(new URL('../../', here)) };
  }
  const bundled = new URL('./read-worker.mjs', here);
  return existsSync(bundled) ? { entry: fileURLToPath(bundled), execArgv: [] } : null;
}

/**
 * The reader's environment: this process's, less NODE_EXTRA_CA_CERTS. The reader opens no
 * connection, and a machine that names a certificate bundle there for every program (as build
 * and office machines behind a proxy do) would have each reader parse it as it starts: 35 ms of
 * the 60 ms Node takes to start on a 2-core machine, before the first file is read.
 */
function readerEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
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

function processLink(memoryMb: number, events: LinkEvents): Link | null {
  const source = processSource();
  if (!source) return null;
  let child: ChildProcess;
  try {
    child = fork(source.entry, [], {
      execArgv: [...source.execArgv, `--max-old-space-size=${memoryMb}`, ...READER_V8_FLAGS],
      serialization: 'advanced',
      env: readerEnvironment(),
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      ...(source.cwd ? { cwd: source.cwd } : {}),
    });
  } catch {
    return null;
  }
  holdOpen(child, false);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Only the end matters: V8's last words on running out of heap.
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const life = lifecycle(events);
  child.on('message', (answer: ReadAnswer) => life.onMessage(answer));
  child.on('error', (error: Error & { code?: string }) => life.onEnd(error, error.code));
  // 'close', not 'exit': by then every answer the child sent before it ended has been heard.
  child.on('close', (code, signal) => {
    const outOfMemory = /heap limit|Allocation failed|out of memory/i.test(stderr);
    life.onEnd(new Error(`读取进程意外退出（${signal ?? `退出码 ${code}`}）`), outOfMemory ? 'ERR_WORKER_OUT_OF_MEMORY' : undefined);
  });
  return {
    ready: life.started,
    isReady: life.isReady,
    stoppable: true,
    send(message) {
      if (!life.isStopped()) child.send(message);
    },
    stop() {
      life.stopped();
      child.kill('SIGKILL');
    },
    hold(busy) {
      holdOpen(child, busy);
    },
  };
}

/**
 * No worker to be had: files are read here, with every bound of readGrid but no memory or time
 * limit. The readers load only then, so that a process whose reader is a worker (the command
 * line's import) does not load them too. Messages are handled one at a time, in order, as the
 * worker handles them.
 */
function localLink(events: LinkEvents): Link {
  const loaded = import('./read-answer').then(({ HeldReading, answerRequest }) => ({ reading: new HeldReading(), answerRequest }));
  let turn: Promise<unknown> = loaded;
  return {
    ready: Promise.resolve(true),
    isReady: () => true,
    stoppable: false,
    send(message) {
      turn = turn.then(async () => {
        const { reading, answerRequest } = await loaded;
        if (message.type === 'reading') reading.hold(message);
        else events.answer(await answerRequest(message, reading));
      }).catch((error: unknown) => {
        // Loading the readers failed: every file sent is answered with that fault.
        const failure = error instanceof Error ? error : new Error(String(error));
        if (message.type === 'read') events.answer({ type: 'failed', id: message.id, message: failure.message, stack: failure.stack ?? failure.message });
      });
    },
    stop: () => undefined,
    hold: () => undefined,
  };
}

/** A worker thread where the app runs in Electron (or was given a worker script), a process elsewhere. */
function useThreads(): boolean {
  return configuredScript !== undefined || process.versions.electron !== undefined;
}

type Delivered = Extract<ReadAnswer, { type: 'grid' | 'return' }>;

/** One file waiting for the reader, and how to answer whoever asked. */
interface Job {
  file: { name: string; bytes: Uint8Array };
  limits: Partial<ReadLimits>;
  isolation: Isolation;
  /** Lay the file out too, under this batch's reading. */
  laidOut?: { reading: { id: number; data: ReturnReading }; options: ReadOptions };
  resolve(answer: Delivered): void;
  reject(error: unknown): void;
  /** The file has gone to the reader: it can no longer be withdrawn. */
  sent(): void;
}

/** A timer past the limit this late found this thread busy (storing a file): the answer may be waiting unread. */
const LATE_MS = 100;

/**
 * Files sent to the reader before it answered the first of them: it reads them one after the
 * other, so that it goes on to the next files without waiting for this thread, busy storing
 * several files in one commit (commit-group.ts), to hear its last answer and send another.
 */
const IN_FLIGHT = 4;

interface Sent {
  job: Job;
  id: number;
  /** Set for the first file in flight only: the one the reader is working on. */
  timer: NodeJS.Timeout | undefined;
}

/**
 * The reader for one memory limit: files wait in a queue and go to it in order, IN_FLIGHT at a
 * time, so that it reads the next files while this thread stores the last. It reads them one
 * at a time and answers in order, so the first file not yet answered is the one it works on:
 * that file's time runs, and that file is the one to blame when it dies; the files sent after
 * it go to the next reader. One reader is kept between files (starting one costs more than
 * reading a return) and replaced after it died or was stopped.
 */
class Reader {
  private link: Link | undefined;
  /** Which batch's reading the current link holds. */
  private readingHeld: number | undefined;
  private waiting = false;
  private readonly inFlight: Sent[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly memoryMb: number) {}

  submit(job: Job): void {
    this.queue.push(job);
    this.pump();
  }

  /** Starts the reader before any file is at hand, so that its start overlaps the asker's own. */
  start(): void {
    if (this.link || this.waiting) return;
    const link = this.open();
    link.hold(false);
    if (!link.isReady()) this.awaitReady(link);
  }

  /** Takes a file not yet sent off the queue; false when it was already sent. */
  withdraw(job: Job): boolean {
    const at = this.queue.indexOf(job);
    if (at < 0) return false;
    this.queue.splice(at, 1);
    return true;
  }

  close(): void {
    const link = this.link;
    this.drop();
    link?.stop();
    const sent = this.inFlight.splice(0);
    for (const { timer } of sent) clearTimeout(timer);
    for (const job of [...sent.map((s) => s.job), ...this.queue.splice(0)]) job.reject(new Error('读取已停止'));
  }

  private pump(): void {
    while (!this.waiting && this.inFlight.length < IN_FLIGHT && this.queue.length > 0) {
      const link = this.link ?? this.open();
      if (!link.isReady()) return this.awaitReady(link);
      this.send(link, this.queue.shift()!);
    }
    if (this.inFlight.length === 0 && this.queue.length === 0) this.link?.hold(false);
  }

  private awaitReady(link: Link): void {
    this.waiting = true;
    void link.ready.then((ok) => {
      this.waiting = false;
      if (!ok) {
        // A reader that cannot start here will not start for the next file either.
        unavailable = true;
        if (this.link === link) {
          link.stop();
          this.drop();
        }
      }
      this.pump();
    });
  }

  private open(): Link {
    let link: Link | null = null;
    const events: LinkEvents = {
      answer: (answer) => {
        if (this.link === link) this.answered(answer);
      },
      died: (error, code) => {
        if (this.link === link) this.died(error, code);
      },
    };
    if (!unavailable) {
      link = useThreads() ? threadLink(this.memoryMb, events) : processLink(this.memoryMb, events);
      if (!link) unavailable = true;
    }
    link ??= localLink(events);
    this.link = link;
    this.readingHeld = undefined;
    return link;
  }

  private drop(): void {
    this.link = undefined;
    this.readingHeld = undefined;
  }

  private send(link: Link, job: Job): void {
    const id = this.nextId++;
    const reading = job.laidOut?.reading;
    if (reading && this.readingHeld !== reading.id) {
      link.send({ type: 'reading', id: reading.id, reading: reading.data });
      this.readingHeld = reading.id;
    }
    link.hold(true);
    job.sent();
    const sent: Sent = { job, id, timer: undefined };
    this.inFlight.push(sent);
    if (this.inFlight.length === 1) this.startClock(link, sent);
    link.send({
      type: 'read',
      id,
      name: job.file.name,
      bytes: job.file.bytes,
      limits: job.limits,
      ...(job.laidOut ? { returnOf: { reading: job.laidOut.reading.id, options: job.laidOut.options } } : {}),
    });
  }

  private answered(answer: ReadAnswer): void {
    const first = this.inFlight[0];
    if (answer.type === 'ready' || first?.id !== answer.id) return;
    clearTimeout(first.timer);
    this.inFlight.shift();
    // The reader has gone on to the next file: its time runs from now (or later, never sooner).
    if (this.inFlight[0] && this.link) this.startClock(this.link, this.inFlight[0]);
    this.pump();
    settle(first.job, answer);
  }

  /** The reader ended by itself: the file it worked on is refused, the files after it go to the next reader. */
  private died(error: Error, code: string | undefined): void {
    this.link?.stop();
    this.drop();
    const [first, ...after] = this.inFlight.splice(0);
    this.queue.unshift(...after.map((s) => s.job));
    if (first) {
      clearTimeout(first.timer);
      first.job.reject(code === 'ERR_WORKER_OUT_OF_MEMORY' ? refuse('out_of_memory', first.job.file.name, `上限 ${this.memoryMb} MB`) : error);
    }
    this.pump();
  }

  /**
   * Stops the file the reader works on once it is past the time limit. The limit counts time
   * this thread could have heard the answer: when it was busy storing an earlier file, the
   * answer may be waiting to be read, and the reader gets as long again as the thread was away.
   */
  private startClock(link: Link, sent: Sent): void {
    if (!link.stoppable) return;
    const limit = sent.job.isolation.timeMs;
    let due = performance.now() + limit;
    const check = () => {
      if (this.inFlight[0] !== sent) return;
      const late = performance.now() - due;
      if (late > LATE_MS) {
        const grace = Math.min(late, limit);
        due = performance.now() + grace;
        sent.timer = setTimeout(check, grace);
        return;
      }
      const [, ...after] = this.inFlight.splice(0);
      this.queue.unshift(...after.map((s) => s.job));
      this.link?.stop();
      this.drop();
      sent.job.reject(refuse('too_slow', sent.job.file.name, `上限 ${limit / 1000} 秒`));
      this.pump();
    };
    sent.timer = setTimeout(check, limit);
  }
}

function settle(job: Job, answer: Exclude<ReadAnswer, { type: 'ready' }>): void {
  if (answer.type === 'grid' || answer.type === 'return') job.resolve(answer);
  else if (answer.type === 'refused') job.reject(new UserError(answer.code, answer.message, { file: answer.file ?? job.file.name }));
  else job.reject(Object.assign(new Error(answer.message), { stack: answer.stack }));
}

const readers = new Map<number, Reader>();

function readerFor(memoryMb: number): Reader {
  let reader = readers.get(memoryMb);
  if (!reader) readers.set(memoryMb, (reader = new Reader(memoryMb)));
  return reader;
}

/** Each batch's reading under one number, so that the reader is sent it once. */
const readingIds = new WeakMap<ReturnReading, number>();
let nextReading = 1;

function readingId(reading: ReturnReading): number {
  let id = readingIds.get(reading);
  if (id === undefined) readingIds.set(reading, (id = nextReading++));
  return id;
}

function submit(file: { name: string; bytes: Uint8Array }, limits: Partial<ReadLimits>, isolation: Isolation, laidOut: Job['laidOut'], signal: AbortSignal | undefined): Promise<Delivered> {
  return new Promise<Delivered>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const reader = readerFor(isolation.memoryMb);
    const withdraw = () => {
      if (reader.withdraw(job)) reject(signal!.reason);
    };
    const job: Job = { file, limits, isolation, ...(laidOut ? { laidOut } : {}), resolve, reject, sent: () => signal?.removeEventListener('abort', withdraw) };
    signal?.addEventListener('abort', withdraw, { once: true });
    reader.submit(job);
  });
}

/**
 * Reads a file into the neutral Grid off this thread (see above); refusals are readGrid's, plus
 * 'too_slow' and 'out_of_memory' naming the limit. A fault of the worker itself is thrown as a
 * plain Error: an internal error of that one file.
 */
export async function readGridIsolated(
  file: { name: string; bytes: Uint8Array },
  limits: Partial<ReadLimits> = {},
  isolation: Isolation = isolationNow,
): Promise<Grid> {
  const answer = await submit(file, limits, isolation, undefined, undefined);
  if (answer.type !== 'grid') throw new Error(`读取“${file.name}”得到了报表而不是表格`);
  return answer.grid;
}

/**
 * Reads a file and lays it out in the reader, as readGridIsolated reads it: its refusals, and
 * those of laying out (no table, no year, nothing read). Files are read in the order asked; a
 * file whose signal aborts before it reaches the reader is not read (its promise rejects with
 * the signal's reason).
 */
export async function readReturnIsolated(
  file: { name: string; bytes: Uint8Array },
  job: { reading: ReturnReading; options: ReadOptions },
  signal?: AbortSignal,
  isolation: Isolation = isolationNow,
): Promise<LaidOutReturn> {
  const laidOut = { reading: { id: readingId(job.reading), data: job.reading }, options: job.options };
  const answer = await submit(file, {}, isolation, laidOut, signal);
  if (answer.type !== 'return') throw new Error(`读取“${file.name}”得到了表格而不是报表`);
  return answer.read;
}

/**
 * Starts the reader for the current limits now, before the files are read from disk and the
 * workbook is opened: a process takes about a fifth of a second to start and load the readers,
 * which the command line's import would otherwise wait for after its own start.
 */
export function startReadWorker(): void {
  readerFor(isolationNow.memoryMb).start();
}

/** Stops the readers (tests; a process that wants to exit at once); files still waiting are refused. */
export async function closeReadWorkers(): Promise<void> {
  const all = [...readers.values()];
  readers.clear();
  for (const reader of all) reader.close();
}

/** Whether files are read in a worker here (false after a worker could not be started). */
export function readsInWorker(): boolean {
  return !unavailable && workerSource() !== null;
}
