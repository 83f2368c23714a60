import type { WriteDb } from '../db';

/**
 * One step of the workbook's schema. Frozen once released: a later change is a new migration,
 * because workbooks made by every earlier version must still upgrade the same way.
 */
export interface Migration {
  version: number;
  name: string;
  /** Runs inside the transaction that also sets `user_version`; synchronous, no I/O. */
  up(db: WriteDb): void;
}

/** Marks a SQLite file as a TaiZhang workbook ("TZDB"), so that other databases are refused. */
export const WORKBOOK_APPLICATION_ID = 0x545a4442;
