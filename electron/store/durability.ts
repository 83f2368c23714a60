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
 * checkpoint runs) out of the file itself. The checkpoints run on a thread of their own
 * (checkpointer.ts), started with the batch's first file, so that storing never waits for the
 * disk; here, on this thread, when no such thread can be had. In rollback journal mode (a workbook on
 * a network share) every commit keeps waiting for the disk and reaches the file at once.
 */

export interface CheckpointPolicy {
  everyFiles: number;
  everyMs: number;
}

export const DEFAULT_CHECKPOINTS: CheckpointPolicy = { everyFiles: 5, everyMs: 1_000 };

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
  // Started with the first file stored, so that it is up by the first checkpoint (starting a
  // thread and loading SQLite in it takes about as long as storing a few files).
  let checkpointer: Checkpointer | null | undefined;
  const batch: DurableBatch = {
    committed(count = 1) {
      files += count;
      if (checkpointer === undefined) checkpointer = Checkpointer.start(db.name, () => checkpoint(db));
      if (files < policy.everyFiles && Date.now() - since < policy.everyMs) return;
      if (!checkpointer?.request()) checkpoint(db);
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
