import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { FileBytes } from '../../shared/api/contract';

export interface ChosenFilesRead {
  files: FileBytes[];
  /** One Chinese line per file that was not read, saying why and what to do. */
  refused: string[];
}

function megabytes(size: number): string {
  const mb = size / 1024 / 1024;
  return mb >= 10 ? String(Math.round(mb)) : mb.toFixed(1);
}

function readErrorLine(name: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const why =
    code === 'ENOENT'
      ? '文件不存在，可能已被移动或删除'
      : code === 'EACCES' || code === 'EPERM'
        ? '没有读取这个文件的权限'
        : code === 'EBUSY'
          ? '文件正被其他程序占用'
          : code === 'EISDIR'
            ? '这是一个文件夹'
            : `读取时出错${code ? `（${code}）` : ''}`;
  return `“${name}”没有读取：${why}。请确认文件还在、没有被其他程序打开，再重新导入。`;
}

// A FIFO would block open() until someone writes to it; O_NONBLOCK returns at once (no-op for
// regular files). Windows has no such flag and no FIFOs that a dialog would offer.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads one chosen file, refusing before any byte is read what is not a regular file (a folder,
 * a device such as /dev/zero behind a link, a pipe) or is larger than `maxBytes`; a file that
 * grows past the limit while being read is refused too.
 */
async function readOne(file: string, maxBytes: number): Promise<FileBytes | string> {
  const name = path.basename(file);
  let handle;
  try {
    handle = await open(file, OPEN_FLAGS);
  } catch (error) {
    return readErrorLine(name, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return `“${name}”不是普通文件（可能是文件夹、设备或管道），没有读取。请选择 Excel、WPS 或 CSV 报表文件。`;
    const tooLarge = (size: number) =>
      `“${name}”有 ${megabytes(size)} MB，超过 ${megabytes(maxBytes)} MB 的上限，没有读取。报表通常只有几 MB；请确认选对了文件，或删去多余的工作表、图片后另存再导入。`;
    if (stats.size > maxBytes) return tooLarge(stats.size);
    // One byte more than allowed tells a file that grew since stat from one that did not.
    const buffer = new Uint8Array(Math.min(stats.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return tooLarge(filled);
    return { name, bytes: buffer.subarray(0, filled) };
  } catch (error) {
    return readErrorLine(name, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** The returns chosen in 导入报表…: each read on its own, so one refused file never stops the rest. */
export async function readChosenFiles(files: readonly string[], maxBytes: number): Promise<ChosenFilesRead> {
  const result: ChosenFilesRead = { files: [], refused: [] };
  // One at a time: a few 100 MB files read at once would hold them all in memory together anyway,
  // and the order of the answer stays the order of the choice.
  for (const file of files) {
    const read = await readOne(file, maxBytes);
    if (typeof read === 'string') result.refused.push(read);
    else result.files.push(read);
  }
  return result;
}
