import type { WriteDb } from './db';

/**
 * Runs a batch of transactions (an import of many files) that each commit without waiting for
 * the disk, then makes the whole batch durable at once before the caller reports it done.
 *
 * Only in WAL mode: there a commit under synchronous=NORMAL is atomic and the file stays
 * consistent whatever happens; a power cut could undo only the batch's latest commits, and the
 * checkpoint at the end syncs the WAL, so once this returns nothing can be undone. In rollback
 * journal mode (a workbook on a network share) every commit keeps waiting for the disk.
 */
export async function commitBatchDurably<T>(db: WriteDb, work: () => Promise<T>): Promise<T> {
  const wal = String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
  if (!wal) return work();
  // No automatic checkpoints either: each one waits for the disk. The WAL grows by the batch's
  // pages (a few MB for hundreds of returns) and is folded back once, at the end.
  const autoCheckpoint = Number(db.pragma('wal_autocheckpoint', { simple: true }));
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  try {
    return await work();
  } finally {
    db.pragma('synchronous = FULL');
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    db.pragma('wal_checkpoint(PASSIVE)');
  }
}
