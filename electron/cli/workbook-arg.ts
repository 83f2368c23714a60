import path from 'node:path';
import { UserError, isUserError } from '../../shared/api/errors';
import type { ReadOnlyWorkbook, Workbook, WritableWorkbook } from '../store/open';
import type { ParsedArgs } from './args';

/**
 * How commands open the workbook they are given. Reading never needs the lock, so it works while
 * the app has the workbook open; writing takes it, and `--take-over` is the officer's
 * confirmation that a lock left by a crashed process may be taken over.
 * The store (and better-sqlite3) is loaded only when a command opens a workbook, so that
 * commands without one (`taizhang schemas`) start quickly.
 */

/** The flags every writing command accepts; spread into the command's `flags`. */
export const WRITE_FLAGS = { 'take-over': 'boolean', operator: 'string' } as const;

export async function openForReading(file: string, cwd: string): Promise<ReadOnlyWorkbook> {
  const { openWorkbook } = await import('../store/open');
  // Read-only, so that a command runs beside the app; the years it reconciles are kept for the next one.
  const workbook = openWorkbook(path.resolve(cwd, file), { readOnly: true, keepAnswers: true });
  if (!workbook.readOnly) throw new Error('a read-only open came back writable');
  return workbook;
}

export async function openForWriting(file: string, args: ParsedArgs, cwd: string): Promise<WritableWorkbook> {
  const { openWorkbook, requireWritable } = await import('../store/open');
  const operator = args.string('operator');
  let workbook: Workbook;
  try {
    workbook = openWorkbook(path.resolve(cwd, file), {
      takeOverStale: args.boolean('take-over'),
      ...(operator === undefined ? {} : { operator }),
    });
  } catch (error) {
    if (isUserError(error) && error.code === 'workbook_lock_stale') {
      throw new UserError(error.code, `${error.message}（命令行加 --take-over 即接管。）`, error.where);
    }
    throw error;
  }
  requireWritable(workbook);
  if (workbook.readOnly) throw new Error('a writable open came back read-only');
  return workbook;
}
