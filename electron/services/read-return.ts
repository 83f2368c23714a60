import { createHash } from 'node:crypto';
import type { FileBytes } from '../../shared/api/contract';
import { readReturnIsolated } from '../read/read-isolated';
import type { ReadDb } from '../store/db';
import { listLayoutMemory, readLayoutMemory } from '../store/layout-memory';
import type { ImportContext } from '../../shared/import/import-context';
import type { LaidOutReturn, LayoutMemory, ReadOptions, ReturnReading } from '../../shared/import/lay-out-return';

export { layOut, type LayoutMemory, type ReadOptions } from '../../shared/import/lay-out-return';

/**
 * Reading one return: bytes → grid → layout → values matched to the schema, all of it in the
 * reader (read-isolated.ts, lay-out-return.ts). Nothing here writes; the store is reached only
 * through LayoutMemory.
 */

export function layoutMemoryIn(db: ReadDb): LayoutMemory {
  return { forBureau: (bureau) => readLayoutMemory(db, bureau), all: () => listLayoutMemory(db) };
}

/** A return read and laid out, ready to store: everything but the transaction. */
export interface ReadReturn extends LaidOutReturn {
  file: FileBytes;
  sha256: string;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function returnReading(context: ImportContext, memory: LayoutMemory): ReturnReading {
  return { schema: context.schema, regions: context.regions, aliases: context.aliases, memory: memory.all() };
}

/**
 * Reads one file into a return, outside any transaction: parsed, laid out and matched in the
 * reader (read-isolated.ts), under its memory and time limits.
 */
export async function readReturn(memory: LayoutMemory, context: ImportContext, file: FileBytes, options: ReadOptions): Promise<ReadReturn> {
  const laidOut = await readReturnIsolated(file, { reading: returnReading(context, memory), options });
  return { ...laidOut, file, sha256: sha256Of(file.bytes) };
}
