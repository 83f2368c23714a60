import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import type { TargetOp } from '../../shared/domain';
import type { CliIo } from './command';

/** `--json` output: always an array, pretty-printed, one trailing newline. */
export function writeJson(io: CliIo, rows: readonly unknown[]): void {
  io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
}

/** How the tables print "no data". */
export const NO_DATA = '—';

/** A figure with its comparator as the documents print it: ≥1000, ≤5, 95. */
export function formatTarget(op: TargetOp | null, value: number | null, text: string | null): string {
  if (value === null) return text ?? NO_DATA;
  const sign = op === '>=' ? '≥' : op === '<=' ? '≤' : '';
  return `${sign}${value}`;
}

/** Tab-separated lines: readable in a console and pasteable into Excel or WPS. */
export function writeTable(io: CliIo, header: readonly string[], rows: readonly (readonly string[])[]): void {
  // A cell's own tab or line break would shift the columns: shown escaped, like other control characters.
  for (const row of [header, ...rows]) io.stdout(`${row.map((cell) => cell.replace(/[\t\r\n]/g, escapeCharacter)).join('\t')}\n`);
}

/**
 * What a terminal must not be handed raw: C0 and C1 controls other than tab and line feed (ESC
 * starts escape sequences that recolour, move the cursor or retitle the window) and the
 * bidirectional embeddings, overrides and isolates (U+202E prints a name reversed).
 */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escapeCharacter(character: string): string {
  // \uXXXX: visible in a console, and the same character again inside a JSON string.
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text with the characters a terminal would obey shown as \uXXXX instead. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeCharacter);
}

/**
 * The streams as commands use them, escaping on the way out: returns' 填表人 and phone, row
 * names, file names and everything else read from a file or a workbook reach the terminal as
 * text, never as control sequences.
 */
export function printableIo(io: CliIo): CliIo {
  return { ...io, stdout: (text) => io.stdout(printable(text)), stderr: (text) => io.stderr(printable(text)) };
}

/**
 * Writes a file the officer named (--out): never over an existing file unless she gave --force.
 * The bytes go to a temporary file in the same folder, renamed into place once complete, so that
 * a failed write (a full disk) leaves no half file and any old one as it was.
 */
export function writeOutputFile(file: string, bytes: Uint8Array, options: { force: boolean }): void {
  const dir = path.dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      throw new UserError('bad_path', `“${path.basename(dir)}”是一个文件，不是文件夹，无法在其中写入。请给出文件夹的路径。`, { file: dir });
    }
    throw outputError(error, dir);
  }
  const existing = statOrNull(file);
  if (existing?.isDirectory()) throw outputError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), file);
  if (existing && !options.force) throw outputError(Object.assign(new Error('EEXIST'), { code: 'EEXIST' }), file);
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
  try {
    rmSync(partial, { force: true });
    writeWhole(partial, bytes, 'wx');
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw outputError(error, file);
  }
}

/** Refuses, before anything is written, when any of `files` exists and --force was not given. */
export function refuseExisting(files: readonly string[], force: boolean): void {
  const existing = files.filter((file) => {
    const stat = statOrNull(file);
    if (stat?.isDirectory()) throw outputError(Object.assign(new Error('EISDIR'), { code: 'EISDIR' }), file);
    return stat !== null;
  });
  if (existing.length === 0 || force) return;
  const listed = existing.slice(0, 3).map((file) => `“${path.basename(file)}”`).join('、');
  throw new UserError(
    'file_exists',
    `${listed}${existing.length > 3 ? ` 等 ${existing.length} 个文件` : ''}已存在，未作改动（其中可能有已填好的报表）。如确需覆盖，请加 --force；或换一个文件夹。`,
    { file: existing[0]! },
  );
}

function statOrNull(file: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(file, { throwIfNoEntry: false }) ?? null;
  } catch (error) {
    throw outputError(error, file);
  }
}

function writeWhole(file: string, bytes: Uint8Array, flag: 'w' | 'wx'): void {
  const fd = openSync(file, flag, 0o666);
  try {
    for (let offset = 0; offset < bytes.byteLength; ) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function outputError(error: unknown, file: string): unknown {
  const name = path.basename(file) || file;
  switch ((error as { code?: unknown }).code) {
    case 'EEXIST':
      return new UserError('file_exists', `文件“${name}”已存在，未作改动。如确需覆盖，请加 --force；或换一个文件名。`, { file });
    case 'EISDIR':
      return new UserError('is_directory', `“${name}”是文件夹。请给出要写入的文件名，如 ${path.join(name, '年度汇总表.xlsx')}。`, { file });
    case 'ENOTDIR':
      return new UserError('bad_path', `路径“${file}”中有一段是文件而不是文件夹。请检查 --out 给出的路径。`, { file });
    case 'ENAMETOOLONG':
      return new UserError('path_too_long', `路径“${name.slice(0, 60)}…”过长，超过了系统允许的长度。请改用较短的文件名或文件夹。`, { file });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new UserError('no_write_access', `没有权限写入“${name}”。请换一个自己有权限的文件夹（如“文档”）。`, { file });
    case 'ENOSPC':
      return new UserError('disk_full', `磁盘空间已满，“${name}”没有写成。请清理磁盘后重试。`, { file });
    default:
      return error;
  }
}
