/**
 * A batch's files read ahead of storing: while this thread stores one file, the reader already
 * reads the next ones, at most `depth` ahead (each read return waits in memory). Reads start in
 * the batch's order and each file is read once; a read nobody took is withdrawn when the batch
 * ends, so a cancelled batch leaves the reader nothing of it to do.
 */
export class ReadAhead<T> {
  private readonly reads = new Map<number, Promise<T>>();
  private readonly stopped = new AbortController();
  /** Files below this index have been considered for reading ahead. */
  private planned = 0;

  /**
   * `skip` says which files not to read ahead (a likely duplicate, read only if it turns out not
   * to be one); it is asked once for each file, in the batch's order.
   */
  constructor(
    private readonly count: number,
    private readonly depth: number,
    private readonly read: (index: number, signal: AbortSignal) => Promise<T>,
    private readonly skip: (index: number) => boolean,
  ) {}

  /** Starts the reads of files `index` to `index + depth` not yet started. */
  fill(index: number): void {
    for (; this.planned <= Math.min(index + this.depth, this.count - 1); this.planned++) {
      if (!this.skip(this.planned)) this.start(this.planned);
    }
  }

  /** File `index`'s read: the one started ahead, else one started now. */
  take(index: number): Promise<T> {
    const read = this.reads.get(index) ?? this.start(index);
    this.reads.delete(index);
    return read;
  }

  /** A file read ahead that needs storing no more (a duplicate after all). */
  drop(index: number): void {
    this.reads.delete(index);
  }

  /** The batch ends: reads not yet sent to the reader are withdrawn. */
  stop(): void {
    this.reads.clear();
    this.stopped.abort();
  }

  private start(index: number): Promise<T> {
    const read = this.read(index, this.stopped.signal);
    // A read dropped or withdrawn is never awaited: its refusal is nobody's to report.
    read.catch(() => undefined);
    this.reads.set(index, read);
    return read;
  }
}
