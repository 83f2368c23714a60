import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { FileBytes } from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import { DEFAULT_LIMITS } from './limits';
import { formatBytes, refuse } from './refusals';

/**
 * Reads a return from the file system, checking what the path is before reading a byte: a
 * regular file, no larger than the limit. A symlink to /dev/zero would otherwise be read until
 * memory ran out, a FIFO would block forever, and a 2.5 GB file would fail inside Node and be
 * reported as missing. The file is opened once and checked through that handle (non-blocking,
 * so opening a FIFO returns at once), so what is checked is what is read.
 */
export function readInputFile(filePath: string, shownName: string, maxBytes = DEFAULT_LIMITS.maxFileBytes): FileBytes {
  const name = filePath.replace(/^.*[\\/]/, '');
  let fd: number;
  try {
    fd = openSync(filePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw fileSystemRefusal(error, shownName);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw refuse('is_directory', shownName);
    if (!stats.isFile()) throw refuse('not_a_file', shownName, kindOf(stats));
    if (stats.size > maxBytes) {
      throw refuse('too_large', shownName, `文件 ${formatBytes(stats.size)}，上限 ${formatBytes(maxBytes)}`);
    }
    const bytes = new Uint8Array(stats.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { name, bytes: read === bytes.length ? bytes : bytes.subarray(0, read) };
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw fileSystemRefusal(error, shownName);
  } finally {
    closeSync(fd);
  }
}

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return '是命名管道（FIFO）';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return '是设备文件';
  if (stats.isSocket()) return '是套接字';
  return '是特殊文件';
}

/** Node's file-system errors as the officer's refusals: what is wrong with the path, and what to do. */
export function fileSystemRefusal(error: unknown, shownName: string): UserError {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return refuse('file_not_found', shownName);
    case 'EISDIR':
      return refuse('is_directory', shownName);
    case 'ENAMETOOLONG':
      return refuse('name_too_long', shownName);
    case 'EACCES':
    case 'EPERM':
      return refuse('no_permission', shownName);
    case 'ELOOP':
      return refuse('not_a_file', shownName, '是循环的符号链接');
    case 'ENXIO':
    case 'ENODEV':
      return refuse('not_a_file', shownName, '是设备或管道');
    case 'EFBIG':
    case 'ERR_FS_FILE_TOO_LARGE':
      return refuse('too_large', shownName);
    default:
      return refuse('read_failed', shownName, typeof code === 'string' ? `系统提示 ${code}` : '');
  }
}
