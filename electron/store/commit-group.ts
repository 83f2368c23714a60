import type { WriteDb } from './db';

/**
 * Several files' writes committed as one transaction, each file still all-or-nothing within it
 * (a savepoint): a refused or failed file is undone alone and the group goes on. A commit writes
 * every page it touched to the WAL; one county return touches some 50 (its cells' index pages, the
 * returns and audit tables), mostly the same pages as the next file's, so five files in one commit
 * write a fraction of what five commits write (the bench's 300 returns, 15 alternating runs: the
 * storing thread's CPU 574 → 498 ms, the import 926 → 820 ms). Five, as durability.ts checkpoints
 * every five files: a killed batch loses no more from a copied .tzdb than before.
 *
 * A group stays open across at most one turn of the event loop (the import lets the reader's
 * answers in before it decides whether to wait for the next file, and commits before it waits).
 * The window's writes wait for the whole batch (AppService.wrote), so none lands inside a group;
 * what may (the lock's heartbeat, the kept answer a read writes) is as well committed with the
 * group as undone with it. Members are counted by the caller's own tokens, so that the ones a
 * failed commit took with it can be stored again.
 */

export interface GroupPolicy {
  /** At most this many files in one commit. */
  maxFiles: number;
  /** A group open this long commits with its next file, whatever its size. */
  maxMs: number;
}

export const DEFAULT_GROUP: GroupPolicy = { maxFiles: 5, maxMs: 250 };

export class CommitGroup<M> {
  private members: M[] = [];
  private openedAt = 0;

  constructor(
    private readonly db: WriteDb,
    private readonly policy: GroupPolicy = DEFAULT_GROUP,
  ) {}

  /**
   * Runs one member's writes inside the group (opening it if none is open), as a savepoint: when
   * `write` throws, its own writes are undone and the error passes on. An error that ends the
   * whole transaction (SQLite rolls back on some disk errors) takes the members before it too:
   * `takeLost` hands them back.
   */
  add<T>(member: M, write: () => T): T {
    if (!this.db.inTransaction) {
      this.db.prepare('BEGIN').run();
      this.openedAt = Date.now();
      this.members = [];
    }
    const result = this.db.transaction(write)();
    this.members.push(member);
    return result;
  }

  /** Whether a group is open (a member stored and not yet committed). */
  open(): boolean {
    return this.members.length > 0 && this.db.inTransaction;
  }

  /** Whether the open group has as many files, or has been open as long, as one commit may hold. */
  due(): boolean {
    return this.members.length >= this.policy.maxFiles || (this.members.length > 0 && Date.now() - this.openedAt >= this.policy.maxMs);
  }

  /**
   * Members of a group whose transaction has ended without a commit (see `add`): to be stored
   * again. Empty while the group is open, or when nothing was lost.
   */
  takeLost(): M[] {
    if (this.db.inTransaction) return [];
    const lost = this.members;
    this.members = [];
    return lost;
  }

  /**
   * Commits the open group: the members now stored (none when no group is open), or, when the
   * commit failed, the error and the members it took with it.
   */
  commit(): { committed: M[]; lost: M[]; error: unknown } {
    const members = this.members;
    this.members = [];
    if (!this.db.inTransaction) return { committed: [], lost: members, error: null };
    try {
      this.db.prepare('COMMIT').run();
      return { committed: members, lost: [], error: null };
    } catch (error) {
      if (this.db.inTransaction) this.db.prepare('ROLLBACK').run();
      return { committed: [], lost: members, error };
    }
  }
}

/**
 * Runs a batch of groups with SQLite's savepoint journals in memory: each file's savepoint keeps
 * the pages it changes, which in a temporary file on disk cost more than the grouping saves
 * (measured: the storing thread's CPU 554 → 781 ms instead of 484, ten files to a commit). A file's pages are a few
 * hundred KB (a 5 000-row return's a few MB), and they are dropped as its savepoint is released.
 */
export async function withJournalsInMemory<T>(db: WriteDb, work: () => Promise<T>): Promise<T> {
  const before = Number(db.pragma('temp_store', { simple: true }));
  db.pragma('temp_store = MEMORY');
  try {
    return await work();
  } finally {
    db.pragma(`temp_store = ${before}`);
  }
}
