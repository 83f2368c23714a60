import { isUserError } from '../../shared/api/errors';
import { buildImportContext, type ImportContext } from '../../shared/import/import-context';
import { layOutReturn, layoutMemoryOf, type LayoutMemory } from '../../shared/import/lay-out-return';
import { readGrid } from './read-grid';
import type { ReadAnswer, ReadingMessage, ReadRequest } from './read-worker';

/**
 * What the reader does with each message, wherever it runs: in its worker thread or child
 * process (read-worker.ts), or on the asking thread when neither can be started.
 */

/** The batch's reading the reader holds, its context built once for all the batch's files. */
export class HeldReading {
  private held: { id: number; context: ImportContext; memory: LayoutMemory } | undefined;

  hold(message: ReadingMessage): void {
    const { schema, regions, aliases, memory } = message.reading;
    this.held = { id: message.id, context: buildImportContext(schema, regions, aliases), memory: layoutMemoryOf(memory) };
  }

  of(id: number): { context: ImportContext; memory: LayoutMemory } {
    // read-isolated.ts sends a batch's reading before its first file: anything else is a bug.
    if (this.held?.id !== id) throw new Error(`读取进程没有收到第 ${id} 批的导入设置`);
    return this.held;
  }
}

/** Reads one file: its grid, or its return laid out in the held reading; a refusal or a fault otherwise. */
export async function answerRequest(request: ReadRequest, reading: HeldReading): Promise<ReadAnswer> {
  try {
    const file = { name: request.name, bytes: request.bytes };
    // Taken before reading: the next batch's reading may arrive while this file is read.
    const held = request.returnOf ? { ...reading.of(request.returnOf.reading), options: request.returnOf.options } : null;
    const grid = await readGrid(file, request.limits);
    if (!held) return { type: 'grid', id: request.id, grid };
    return { type: 'return', id: request.id, read: layOutReturn(held.memory, held.context, file, grid, held.options) };
  } catch (error) {
    if (isUserError(error)) {
      return { type: 'refused', id: request.id, code: error.code, message: error.message, ...(error.where.file === undefined ? {} : { file: error.where.file }) };
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    return { type: 'failed', id: request.id, message: failure.message, stack: failure.stack ?? failure.message };
  }
}
