import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../../../electron/services/read-ahead';

/** Reads that finish when the test says so, noting which files were started. */
function reads() {
  const started: number[] = [];
  const finish = new Map<number, { resolve: (v: string) => void; reject: (e: unknown) => void }>();
  const read = (index: number) =>
    new Promise<string>((resolve, reject) => {
      started.push(index);
      finish.set(index, { resolve, reject });
    });
  return { started, finish, read };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('files read ahead of storing', () => {
  it('reads up to eight small files ahead, and only the least number of large ones', () => {
    const small = reads();
    new ReadAhead(20, { files: 8, bytes: 1000, least: 2 }, small.read, () => false, () => 10).fill(0);
    expect(small.started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const large = reads();
    const ahead = new ReadAhead(20, { files: 8, bytes: 1000, least: 2 }, large.read, () => false, () => 600);
    ahead.fill(0);
    expect(large.started).toEqual([0, 1, 2]);
    // Taking a file makes room for the next.
    void ahead.take(0);
    ahead.fill(1);
    expect(large.started).toEqual([0, 1, 2, 3]);
  });

  it('hands over a finished read at once, and says when one is still under way', async () => {
    const { finish, read } = reads();
    const ahead = new ReadAhead(3, { files: 2, bytes: 1000, least: 2 }, read, () => false);
    ahead.fill(0);
    expect(ahead.takeIfDone(0)).toBeNull();
    finish.get(0)!.resolve('一号');
    finish.get(1)!.reject(new Error('无法读取'));
    await settle();
    expect(ahead.takeIfDone(0)).toEqual({ value: '一号' });
    expect(() => ahead.takeIfDone(1)).toThrow('无法读取');
    // Taken once: a second take would read the file again.
    expect(ahead.takeIfDone(0)).toBeNull();
    expect(ahead.takeIfDone(2)).toBeNull();
  });
});
