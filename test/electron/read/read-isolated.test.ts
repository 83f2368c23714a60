import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/api/errors';
import { readGrid } from '../../../electron/read/read-grid';
import { closeReadWorkers, readGridIsolated, readsInWorker, setReadWorkerScript } from '../../../electron/read/read-isolated';

/**
 * The reading worker from the TypeScript sources (through tsx's loader, as under vitest); the
 * bundled worker is exercised by every CLI test, the hostile suite among them.
 */

const csv = (rows: number, cols = 10) => new TextEncoder().encode(
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => `格${r}-${c}`).join(',')).join('\n'));

async function refused(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('read');
}

afterAll(async () => {
  setReadWorkerScript();
  await closeReadWorkers();
});

describe('readGridIsolated', () => {
  it('reads in a worker what readGrid reads on this thread', { timeout: 120_000 }, async () => {
    const file = { name: '报表.csv', bytes: csv(50) };
    expect(await readGridIsolated(file)).toEqual(await readGrid(file));
    // Not fallen back to this thread: the worker started.
    expect(readsInWorker()).toBe(true);
  });

  it('passes refusals through with their code and file', { timeout: 120_000 }, async () => {
    const error = await refused(readGridIsolated({ name: '引号.csv', bytes: new TextEncoder().encode('a,"b\n') }));
    expect(error.code).toBe('unclosed_quote');
    expect(error.where).toEqual({ file: '引号.csv' });
  });

  it('stops a file past the time limit, names the limit, and reads the next file in a new worker', { timeout: 120_000 }, async () => {
    const slow = { name: '慢.csv', bytes: csv(100_000) };
    const error = await refused(readGridIsolated(slow, {}, { memoryMb: 768, timeMs: 20 }));
    expect(error.code).toBe('too_slow');
    expect(error.message).toContain('“慢.csv”');
    expect(error.message).toContain('上限 0.02 秒');
    const next = await readGridIsolated({ name: '下一个.csv', bytes: csv(3) }, {}, { memoryMb: 768, timeMs: 60_000 });
    expect(next.sheets[0]!.rowCount).toBe(3);
  });

  it('stops a file past the memory limit, names the limit, and the thread that asked lives on', { timeout: 120_000 }, async () => {
    const big = { name: '大.csv', bytes: csv(150_000) };
    const error = await refused(readGridIsolated(big, {}, { memoryMb: 24, timeMs: 60_000 }));
    expect(error.code).toBe('out_of_memory');
    expect(error.message).toContain('上限 24 MB');
    const next = await readGridIsolated({ name: '小.csv', bytes: csv(3) }, {}, { memoryMb: 24, timeMs: 60_000 });
    expect(next.sheets[0]!.rowCount).toBe(3);
  });

  it('reads on this thread when no worker can be started', async () => {
    await closeReadWorkers();
    setReadWorkerScript('/nonexistent/read-worker.mjs');
    expect(readsInWorker()).toBe(false);
    const grid = await readGridIsolated({ name: '报表.csv', bytes: csv(2) });
    expect(grid.sheets[0]!.rowCount).toBe(2);
  });
});
