import { Checkpointer } from './checkpointer';
import type { WriteDb } from './db';

/**
 * Runs a batch of transactions (an import of many files) that each commit without waiting for
 * the disk, writes them into the workbook file every few files or seconds, and makes the whole
 * batch durable before the caller reports it done.
 *
 * Only in WAL mode: there a commit under synchronous=NORMAL is atomic and the file stays
 * consistent whatever happens; a power cut could undo only the commits since the last
 * checkpoint. Officers copy the .tzdb alone (to a USB stick, into a mail), without its -wal: a
 * batch held entirely in the WAL left such a copy of a crashed batch with none of its 639 returns.
 * Checkpointing every few files or seconds leaves at most those (and the files stored while a
 * checkpoint runs) out of the file itself. The checkpoints run here, on this thread, while they
 * are quick (a few milliseconds on an SSD); the first that is slow (a disk that takes long to
 * sync) starts a thread of their own (checkpointer.ts) that takes the rest, so that storing does
 * not wait for such a disk. In rollback journal mode (a workbook on a network share) every
 * commit keeps waiting for the disk and reaches the file at once.
 */

export interface CheckpointPolicy {
  everyFiles: number;
  everyMs: number;
  /**
   * A checkpoint that takes this thread less than this stays here; the first that takes longer
   * (a disk slow to sync) hands the batch's later checkpoints to a thread of their own.
   */
  quickMs: number;
}

/**
 * quickMs: a checkpoint here of five county returns' pages takes 1–3 ms on an SSD (two syncs
 * included), against tens of milliseconds a sync on a spinning disk or a busy USB stick.
 */
export const DEFAULT_CHECKPOINTS: CheckpointPolicy = { everyFiles: 5, everyMs: 1_000, quickMs: 10 };

/** What a batch tells durability as it goes. */
export interface DurableBatch {
  /** More files committed (one by default): checkpoints when enough files or time have gone by. */
  committed(files?: number): void;
  /** Resolves once the checkpoints asked for so far have reached the file. */
  settled(): Promise<void>;
}

export async function commitBatchDurably<T>(
  db: WriteDb,
  work: (batch: DurableBatch) => Promise<T>,
  policy: CheckpointPolicy = DEFAULT_CHECKPOINTS,
): Promise<T> {
  const wal = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
  if (!wal) return work({ committed: () => undefined, settled: async () => undefined });
  // No automatic checkpoints: SQLite would run one inside whichever commit crossed its page
  // count, waiting for the disk there. Ours come between files, on the policy's count or clock.
  const autoCheckpoint = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  let files = 0;
  let since = Date.now();
  // Started once a checkpoint here has proved slow. On a quick disk the thread cost more than it
  // saved: starting it and loading SQLite in it, and a second connection reading the WAL, on a
  // 2-core machine where the reader and this thread already use both cores (a command-line
  // import of 120 returns, 24 checkpoints of 1–4 ms each here: 10 runs alternating, wall
  // 830 → 756 ms, CPU of the whole process tree 1305 → 1165 ms).
  let checkpointer: Checkpointer | null | undefined;
  const batch: DurableBatch = {
    committed(count = 1) {
      files += count;
      if (files < policy.everyFiles && Date.now() - since < policy.everyMs) return;
      if (!checkpointer?.request()) {
        const started = performance.now();
        checkpoint(db);
        if (checkpointer === undefined && performance.now() - started >= policy.quickMs) checkpointer = Checkpointer.start(db.name, () => checkpoint(db));
      }
      files = 0;
      since = Date.now();
    },
    settled: async () => checkpointer?.settled(),
  };
  try {
    return await work(batch);
  } finally {
    await checkpointer?.close();
    db.pragma('synchronous = FULL');
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    checkpoint(db);
  }
}

/**
 * Writes the WAL's commits into the workbook file (syncing the WAL first). A checkpoint that
 * fails (a full disk) loses nothing: the commits stay in the WAL, which the next open or the
 * next checkpoint folds in; the batch must go on reporting its files.
 */
function checkpoint(db: WriteDb): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // See above: the WAL still holds every commit.
  }
}
