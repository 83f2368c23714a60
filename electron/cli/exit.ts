import { chmodSync, closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isUserError, type UserErrorCode } from '../../shared/api/errors';
import type { CliIo } from './command';

/** Exit statuses, as DESIGN's CLI section fixes them. */
export const EXIT_DONE = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_REJECTED = 2;

/** One stderr line per refusal: messages never wrap onto a second line. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * Where the CLI logs internal errors: TAIZHANG_LOG_DIR, else a folder of the account's own
 * (%LOCALAPPDATA%\TaiZhang\logs, ~/Library/Logs/TaiZhang, $XDG_STATE_HOME/taizhang or
 * ~/.local/state/taizhang). Never the shared temporary folder: another account could put a link
 * there and have a failing command append its arguments and stack to a file of its choosing.
 */
export function cliLogFile(env: CliIo['env']): string {
  return path.join(cliLogDir(env), 'taizhang-cli.log');
}

function cliLogDir(env: CliIo['env']): string {
  if (env.TAIZHANG_LOG_DIR) return env.TAIZHANG_LOG_DIR;
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local'), 'TaiZhang', 'logs');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Logs', 'TaiZhang');
  return path.join(env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state'), 'taizhang');
}

/**
 * Appends to the CLI's log and returns its path; throws when it cannot be written safely. The
 * folder is created for the owner only (0700); it must be a real folder of this account, and the
 * log a regular file opened without following a link (O_NOFOLLOW; where the system lacks it, a
 * link is refused before opening).
 */
export function appendCliLog(env: CliIo['env'], text: string): string {
  const file = cliLogFile(env);
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const folder = lstatSync(dir);
  if (folder.isSymbolicLink() || !folder.isDirectory()) throw new Error(`log folder ${dir} is not a folder of its own`);
  const uid = process.getuid?.();
  if (uid !== undefined && process.platform !== 'win32') {
    if (folder.uid !== uid) throw new Error(`log folder ${dir} belongs to another account`);
    // Only the default folder is tightened; one named by TAIZHANG_LOG_DIR is the officer's to set.
    if (!env.TAIZHANG_LOG_DIR && (folder.mode & 0o077) !== 0) chmodSync(dir, 0o700);
  }
  const noFollow = constants.O_NOFOLLOW;
  if (noFollow === undefined) {
    const existing = lstatOrNull(file);
    if (existing && !existing.isFile()) throw new Error(`log ${file} is not a regular file`);
  }
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (noFollow ?? 0), 0o600);
  try {
    const opened = fstatSync(fd);
    // A hard link to someone else's file would pass O_NOFOLLOW: refuse a file with other names or owners.
    if (!opened.isFile() || opened.nlink > 1 || (uid !== undefined && process.platform !== 'win32' && opened.uid !== uid)) {
      throw new Error(`log ${file} is not this account's own file`);
    }
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
  } finally {
    closeSync(fd);
  }
  return file;
}

function lstatOrNull(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

/**
 * The services word a refusal for the window (请在“指标体系”中指定…); where the command line
 * does the same with a flag or a command, the line says so after it. These hold for every
 * command; a command whose way out is its own (assign's --overwrite or --unassigned) adds it
 * where it runs (cli-hint.ts), for a code not listed here.
 */
const CLI_REMEDIES: Partial<Record<UserErrorCode, string>> = {
  note_required: '（命令行用 --note 注明理由。）',
  workbook_exists: '（命令行加 --force 即覆盖。）',
  unassigned_indicators: '（命令行用 taizhang assign 指定填报单位。）',
  workbook_modified_outside: '（命令行用 taizhang audit <工作簿> --accept-changes 接受改动。）',
};

/**
 * Turns what a command threw into an exit status: a UserError is one Chinese line and status 2;
 * anything else is a bug: 内部错误 and where the log is, the stack only in the log (or on
 * stderr with TAIZHANG_DEBUG=1).
 */
export function reportFailure(error: unknown, io: CliIo, argv: readonly string[]): number {
  if (isUserError(error)) {
    const hint = CLI_REMEDIES[error.code];
    io.stderr(`${oneLine(error.message)}${hint ? hint : ''}\n`);
    return EXIT_REJECTED;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const summary = error instanceof Error ? oneLine(error.message).slice(0, 200) : oneLine(String(error));
  let where: string;
  try {
    const logFile = appendCliLog(io.env, `[${new Date().toISOString()}] taizhang ${argv.join(' ')}\n${stack}\n\n`);
    where = `详细情况已记入日志 ${logFile}，请将该文件发给维护人员`;
  } catch {
    where = '日志文件无法写入，请设置环境变量 TAIZHANG_DEBUG=1 后重试以显示详细情况';
  }
  io.stderr(`内部错误：${summary}。${where}。\n`);
  if (io.env.TAIZHANG_DEBUG === '1') io.stderr(`${stack}\n`);
  return EXIT_INTERNAL;
}
