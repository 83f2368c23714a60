import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints one workbook's WAL on a thread of its own, through a second connection to the
 * file, so that an import's thread goes on storing files while the disk catches up: a
 * checkpoint copies pages and waits twice for the disk (the WAL, then the file), and in WAL mode
 * it runs beside the writer without blocking it. Requests that come while one runs fold into
 * one more run after it. Anything that keeps the thread from starting or checkpointing leaves
 * the work to the caller: the run that failed is done over by `fallback`, on the caller's
 * thread, and `request` answers false from then on, so that the caller checkpoints itself.
 */

/** The worker: CommonJS evaluated in the thread, given better-sqlite3's resolved path. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file, { fileMustExist: true });
parentPort.on('message', () => {
  let ok = true;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    ok = false;
  }
  parentPort.postMessage(ok);
});
`;

export class Checkpointer {
  private worker: Worker | null;
  private running: Promise<void> | null = null;
  private again = false;
  private failed = false;
  private finish: () => void = () => undefined;

  private constructor(file: string, sqlite: string, private readonly fallback: () => void) {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, sqlite }, stdout: true, stderr: true });
    worker.on('message', (ok: boolean) => this.done(ok));
    worker.on('error', () => this.done(false));
    worker.on('exit', () => this.done(false));
    worker.unref();
    this.worker = worker;
  }

  /** A checkpointer for this file, or null where no second thread can open it. */
  static start(file: string, fallback: () => void): Checkpointer | null {
    const sqlite = sqlitePath();
    if (!sqlite || file === '' || file === ':memory:') return null;
    try {
      return new Checkpointer(file, sqlite, fallback);
    } catch {
      return null;
    }
  }

  /** Asks for a checkpoint of every commit so far; false when this thread must do it instead. */
  request(): boolean {
    if (this.failed || !this.worker) return false;
    if (this.running) {
      this.again = true;
      return true;
    }
    this.running = new Promise((resolve) => (this.finish = resolve));
    // Held while it works, so that a process awaiting it does not end under it.
    this.worker.ref();
    this.worker.postMessage('checkpoint');
    return true;
  }

  /** Resolves once the checkpoints asked for so far are done (or done over by the fallback). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Waits for the checkpoints asked for, then ends the thread. */
  async close(): Promise<void> {
    await this.settled();
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private done(ok: boolean): void {
    if (!this.running) {
      // The thread ended (or failed to open the file) between checkpoints: the next is done here.
      if (!ok) this.failed = true;
      return;
    }
    if (!ok) {
      this.failed = true;
      this.again = false;
      this.fallback();
    }
    if (this.again && this.worker) {
      this.again = false;
      this.worker.postMessage('checkpoint');
      return;
    }
    const finish = this.finish;
    this.running = null;
    this.worker?.unref();
    finish();
  }
}

/** better-sqlite3's entry as this build resolves it (an Electron bundle is CommonJS, the rest ES modules). */
function sqlitePath(): string | null {
  try {
    const from = typeof __filename === 'string' ? __filename : import.meta.url;
    return createRequire(from).resolve('better-sqlite3');
  } catch {
    return null;
  }
}
