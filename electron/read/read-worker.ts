import { parentPort } from 'node:worker_threads';
import type { UserErrorCode } from '../../shared/api/errors';
import type { Grid } from '../../shared/import/grid';
import type { LaidOutReturn, ReadOptions, ReturnReading } from '../../shared/import/lay-out-return';
import type { ReadLimits } from './limits';
import { HeldReading, answerRequest } from './read-answer';

/**
 * The worker thread or child process that reads files for read-isolated.ts: one file per
 * message, answered with its grid (or its return laid out and matched) or why it was refused.
 * A file that exhausts this reader's memory or time is stopped from outside; the thread that
 * asked goes on with the next file.
 */

export interface ReadRequest {
  type: 'read';
  id: number;
  name: string;
  bytes: Uint8Array;
  limits: Partial<ReadLimits>;
  /** Lay the file out and match it too, under the reading sent with this id. */
  returnOf?: { reading: number; options: ReadOptions };
}

/** A batch's reading (import context and remembered layouts), sent once before its files. */
export interface ReadingMessage {
  type: 'reading';
  id: number;
  reading: ReturnReading;
}

export type ToReader = ReadRequest | ReadingMessage;

export type ReadAnswer =
  | { type: 'ready' }
  | { type: 'grid'; id: number; grid: Grid }
  | { type: 'return'; id: number; read: LaidOutReturn }
  | { type: 'refused'; id: number; code: UserErrorCode; message: string; file?: string }
  | { type: 'failed'; id: number; message: string; stack: string };

const reading = new HeldReading();
let turn: Promise<void> = Promise.resolve();

/**
 * Messages are handled one at a time in the order they came (a reading before the files that
 * name it), each file answered before the next is begun: the asker sends a few at once and
 * holds the first one not answered to be the one this reader works on.
 */
function handle(message: ToReader, reply: (answer: ReadAnswer) => void): void {
  turn = turn.then(async () => {
    if (message.type === 'reading') reading.hold(message);
    else reply(await answerRequest(message, reading));
  });
}

// A worker thread (Electron) answers on its port; a child process (the CLI) on its IPC channel.
const port = parentPort;
if (port) {
  port.on('message', (message: ToReader) => handle(message, (answer) => port.postMessage(answer)));
  port.postMessage({ type: 'ready' } satisfies ReadAnswer);
} else if (process.send) {
  const send = (answer: ReadAnswer) => process.send!(answer);
  process.on('message', (message: ToReader) => handle(message, send));
  // The parent going away ends this process too.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}
