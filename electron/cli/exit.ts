import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isUserError } from '../../shared/api/errors';
import type { CliIo } from './command';

/** Exit statuses, as DESIGN's CLI section fixes them. */
export const EXIT_DONE = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_REJECTED = 2;

/** One stderr line per refusal: messages never wrap onto a second line. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Where the CLI logs internal errors: TAIZHANG_LOG_DIR, else the system's temporary folder. */
export function cliLogFile(env: CliIo['env']): string {
  const dir = env.TAIZHANG_LOG_DIR ?? path.join(os.tmpdir(), 'taizhang');
  return path.join(dir, 'taizhang-cli.log');
}

/**
 * Turns what a command threw into an exit status: a UserError is one Chinese line and status 2;
 * anything else is a bug: 内部错误 and where the log is, the stack only in the log (or on
 * stderr with TAIZHANG_DEBUG=1).
 */
export function reportFailure(error: unknown, io: CliIo, argv: readonly string[]): number {
  if (isUserError(error)) {
    io.stderr(`${oneLine(error.message)}\n`);
    return EXIT_REJECTED;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const summary = error instanceof Error ? oneLine(error.message).slice(0, 200) : oneLine(String(error));
  const logFile = cliLogFile(io.env);
  let where: string;
  try {
    mkdirSync(path.dirname(logFile), { recursive: true });
    appendFileSync(logFile, `[${new Date().toISOString()}] taizhang ${argv.join(' ')}\n${stack}\n\n`, 'utf8');
    where = `详细情况已记入日志 ${logFile}，请将该文件发给维护人员`;
  } catch {
    where = '日志文件无法写入，请设置环境变量 TAIZHANG_DEBUG=1 后重试以显示详细情况';
  }
  io.stderr(`内部错误：${summary}。${where}。\n`);
  if (io.env.TAIZHANG_DEBUG === '1') io.stderr(`${stack}\n`);
  return EXIT_INTERNAL;
}
