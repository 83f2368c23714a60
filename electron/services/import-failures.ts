import { UserError } from '../../shared/api/errors';
import { recordFault } from './fault-log';

/**
 * The refused line of one file of a batch that failed for a reason other than its content: a
 * bug met while reading or storing it, or a workbook that could not be written (a full disk).
 * Either way the file's own transaction was rolled back and the batch goes on.
 */

/** SQLite's result codes for a write that could not be made, in the officer's words. */
function writeProblem(code: string): string | null {
  if (code === 'SQLITE_FULL') return '磁盘空间已满';
  if (code.startsWith('SQLITE_IOERR')) return '写入磁盘时出错（磁盘可能已满、已拔出或损坏）';
  if (code.startsWith('SQLITE_READONLY')) return '工作簿文件或其所在文件夹不可写';
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_LOCKED')) return '工作簿正被其他程序占用';
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_NOLFS') return '工作簿的临时文件无法创建';
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return '工作簿文件已损坏';
  return null;
}

function sqliteCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

function listed(names: readonly string[]): string {
  if (names.length === 0) return '本批尚未存入任何文件';
  const shown = names.slice(-3).map((n) => `“${n}”`).join('、');
  return `本批此前已存入 ${names.length} 个文件（${names.length > 3 ? `最近的是${shown}` : shown}），它们不受影响`;
}

/**
 * A failed write as that file's refusal, saying what the batch stored before it; null when the
 * error is no SQLite write failure (then it is a bug, or a UserError of its own).
 */
export function writeFailure(file: string, error: unknown, storedBefore: readonly string[]): UserError | null {
  const code = sqliteCode(error);
  const problem = code === null ? null : writeProblem(code);
  if (problem === null) return null;
  const remedy = code === 'SQLITE_FULL' || code!.startsWith('SQLITE_IOERR')
    ? '请腾出磁盘空间（或把工作簿移到空间充足的磁盘）后，重新导入这个文件和其后未存入的文件'
    : '请关闭占用工作簿的程序、确认文件可写后，重新导入这个文件和其后未存入的文件';
  return new UserError('write_failed',
    `“${file}”没有存入工作簿：${problem}（${code}），这个文件的数据一项也没有写入。${listed(storedBefore)}。${remedy}。`,
    { file });
}

/** A bug met on one file: logged with its stack, reported as that file's 内部错误. */
export function internalFailure(file: string, error: unknown): UserError {
  const logFile = recordFault(error, `导入“${file}”时出现内部错误`);
  const summary = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim().slice(0, 200);
  const where = logFile ? `详细情况已记入日志 ${logFile}，` : '';
  return new UserError('internal',
    `“${file}”没有导入：程序出现内部错误（${summary}）。其余文件照常导入；${where}请把这个文件和程序日志交给维护人员。`,
    { file });
}
