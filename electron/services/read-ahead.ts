/**
 * A batch's files read ahead of storing: while this thread stores one file, the reader already
 * reads the next ones. Reads start in the batch's order and each file is read once; a read nobody
 * took is withdrawn when the batch ends, so a cancelled batch leaves the reader nothing of it to do.
 *
 * How far ahead: always `depth.files` files when they are small, fewer when they are large, so
 * that the returns waiting in memory stay bounded (`depth.bytes` of files read ahead, counted by
 * their size on disk), yet never fewer than `depth.least` (a batch of large files still keeps the
 * reader busy while this thread stores). Several returns read ahead let the store commit them
 * together (commit-group.ts) when it falls behind the reader.
 */
export interface ReadDepth {
  files: number;
  bytes: number;
  least: number;
}

type Outcome<T> = { value: T } | { error: unknown };

export class ReadAhead<T> {
  private readonly reads = new Map<number, Promise<T>>();
  /** Reads that have finished and not yet been taken. */
  private readonly done = new Map<number, Outcome<T>>();
  private readonly stopped = new AbortController();
  /** Files below this index have been considered for reading ahead. */
  private planned = 0;

  /**
   * `skip` says which files not to read ahead (a likely duplicate, read only if it turns out not
   * to be one); it is asked once for each file, in the batch's order. `size` is a file's size.
   */
  constructor(
    private readonly count: number,
    private readonly depth: ReadDepth,
    private readonly read: (index: number, signal: AbortSignal) => Promise<T>,
    private readonly skip: (index: number) => boolean,
    private readonly size: (index: number) => number = () => 0,
  ) {}

  /** Starts the reads of the files after `index` (and `index` itself) that the depth allows. */
  fill(index: number): void {
    const last = Math.min(index + this.depth.files, this.count - 1);
    for (; this.planned <= last; this.planned++) {
      const ahead = this.planned - index;
      if (ahead > this.depth.least && this.waitingBytes() + this.size(this.planned) > this.depth.bytes) return;
      if (!this.skip(this.planned)) this.start(this.planned);
    }
  }

  /** File `index`'s read: the one started ahead, else one started now. */
  take(index: number): Promise<T> {
    const read = this.reads.get(index) ?? this.start(index);
    this.forget(index);
    return read;
  }

  /**
   * File `index`'s read if it has already finished, taken as `take` would (a refusal is thrown
   * here); null while it is still being read, or was never started.
   */
  takeIfDone(index: number): { value: T } | null {
    const outcome = this.done.get(index);
    if (!outcome) return null;
    this.forget(index);
    if ('error' in outcome) throw outcome.error;
    return outcome;
  }

  /** A file read ahead that needs storing no more (a duplicate after all). */
  drop(index: number): void {
    this.forget(index);
  }

  /** The batch ends: reads not yet sent to the reader are withdrawn. */
  stop(): void {
    this.reads.clear();
    this.done.clear();
    this.stopped.abort();
  }

  private forget(index: number): void {
    this.reads.delete(index);
    this.done.delete(index);
  }

  private waitingBytes(): number {
    let bytes = 0;
    for (const index of this.reads.keys()) bytes += this.size(index);
    return bytes;
  }

  private start(index: number): Promise<T> {
    const read = this.read(index, this.stopped.signal);
    const settle = (outcome: Outcome<T>) => {
      if (this.reads.get(index) === read) this.done.set(index, outcome);
    };
    // A read dropped or withdrawn is never awaited: its refusal is nobody's to report.
    read.then((value) => settle({ value }), (error: unknown) => settle({ error }));
    this.reads.set(index, read);
    return read;
  }
}
