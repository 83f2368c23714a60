import { parentPort } from 'node:worker_threads';
import { isUserError } from '../../shared/api/errors';
import type { Grid } from '../../shared/import/grid';
import type { ReadLimits } from './limits';
import { readGrid } from './read-grid';

/**
 * The worker thread that reads files for read-isolated.ts: one file per message, answered with
 * its grid or why it was refused. A file that exhausts this thread's memory or time is stopped
 * from outside; the thread that asked goes on with the next file.
 */

export interface ReadRequest {
  id: number;
  name: string;
  bytes: Uint8Array;
  limits: Partial<ReadLimits>;
}

export type ReadAnswer =
  | { type: 'ready' }
  | { type: 'grid'; id: number; grid: Grid }
  | { type: 'refused'; id: number; code: string; message: string; file?: string }
  | { type: 'failed'; id: number; message: string; stack: string };

// A worker thread (Electron) answers on its port; a child process (the CLI) on its IPC channel.
const port = parentPort;
if (port) {
  port.on('message', (request: ReadRequest) => {
    void answer(request).then((reply) => port.postMessage(reply));
  });
  port.postMessage({ type: 'ready' } satisfies ReadAnswer);
} else if (process.send) {
  const send = (reply: ReadAnswer) => process.send!(reply);
  process.on('message', (request: ReadRequest) => {
    void answer(request).then(send);
  });
  // The parent going away ends this process too.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

async function answer(request: ReadRequest): Promise<ReadAnswer> {
  try {
    const grid = await readGrid({ name: request.name, bytes: request.bytes }, request.limits);
    return { type: 'grid', id: request.id, grid };
  } catch (error) {
    if (isUserError(error)) {
      return { type: 'refused', id: request.id, code: error.code, message: error.message, ...(error.where.file === undefined ? {} : { file: error.where.file }) };
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    return { type: 'failed', id: request.id, message: failure.message, stack: failure.stack ?? failure.message };
  }
}
