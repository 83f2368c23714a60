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
 * are quick; a disk slow to sync, or a long batch, hands them to a thread of their own
 * (checkpointer.ts), so that storing does not keep waiting for the disk. In rollback journal
 * mode (a workbook on a network share) every commit keeps waiting for the disk and reaches the
 * file at once.
 */

export interface CheckpointPolicy {
  everyFiles: number;
  everyMs: number;
  /**
   * Checkpoints run here, on this thread, until one takes `slowMs` or more (a disk slow to sync)
   * or those here add up to `threadAfterMs` (a long batch); then a thread of their own
   * (checkpointer.ts) takes the rest.
   */
  slowMs: number;
  threadAfterMs: number;
}

/**
 * Starting the thread, loading SQLite in it and its first checkpoint took 33–47 ms of CPU here
 * (5 runs), on a 2-core machine whose two cores the reader and this thread already use; a
 * checkpoint of five county returns' pages here takes 1.3–7 ms (two syncs included),
 * tens of milliseconds on a spinning disk or a busy USB stick. So a batch of a few hundred
 * returns on a quick disk keeps them here, a province's year or a slow disk soon hands them over.
 */
export const DEFAULT_CHECKPOINTS: CheckpointPolicy = { everyFiles: 5, everyMs: 1_000, slowMs: 10, threadAfterMs: 200 };

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
  // Started only when the policy says: on a quick disk the thread cost a short batch more than it
  // saved (a command-line import of 120 returns, 24 checkpoints of 1.3–7 ms here: 10 runs
  // alternating, wall 830 → 756 ms, CPU of the whole process tree 1305 → 1165 ms; the import of
  // 300 returns in one process the same either way).
  let checkpointer: Checkpointer | null | undefined;
  let spentHere = 0;
  const batch: DurableBatch = {
    committed(count = 1) {
      files += count;
      if (files < policy.everyFiles && Date.now() - since < policy.everyMs) return;
      if (!checkpointer?.request()) {
        const started = performance.now();
        checkpoint(db);
        const took = performance.now() - started;
        spentHere += took;
        if (checkpointer === undefined && (took >= policy.slowMs || spentHere >= policy.threadAfterMs)) {
          checkpointer = Checkpointer.start(db.name, () => checkpoint(db));
        }
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
