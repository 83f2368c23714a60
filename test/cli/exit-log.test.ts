import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo, Command } from '../../electron/cli/command';
import { appendCliLog, cliLogFile } from '../../electron/cli/exit';
import { runCli } from '../../electron/cli/main';
import { makeTempDir } from '../support/temp-dir';

/**
 * Issue 17: the CLI's log lived in the shared temporary folder and followed links, so another
 * account could have a failing command append its arguments and stack to a file it chose.
 */

const POSIX = process.platform !== 'win32';

function failing(): Command {
  return {
    name: 'values',
    usage: 'taizhang values <工作簿>',
    summary: '',
    positionals: [{ label: '工作簿' }],
    flags: {},
    run() {
      throw new TypeError('boom');
    },
  };
}

function captureIo(env: Record<string, string>): CliIo & { err: string } {
  const io = { err: '', stdout: () => {}, stderr: (text: string) => void (io.err += text), cwd: makeTempDir(), env };
  return io;
}

describe('the CLI log', () => {
  it('lives in a folder of the account’s own, never the shared temporary folder', () => {
    const state = makeTempDir();
    expect(cliLogFile({ XDG_STATE_HOME: state })).toBe(POSIX && process.platform !== 'darwin' ? path.join(state, 'taizhang', 'taizhang-cli.log') : expect.any(String));
    expect(cliLogFile({})).not.toContain(`${path.sep}tmp${path.sep}`);
  });

  it.skipIf(!POSIX || process.platform === 'darwin')('is created owner-only: the folder 0700, the file 0600', async () => {
    const state = makeTempDir();
    const io = captureIo({ XDG_STATE_HOME: state });
    expect(await runCli(['values', 'w.tzdb'], io, [failing()])).toBe(1);
    const folder = path.join(state, 'taizhang');
    expect(io.err).toContain(`详细情况已记入日志 ${path.join(folder, 'taizhang-cli.log')}`);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(folder, 'taizhang-cli.log')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(folder, 'taizhang-cli.log'), 'utf8')).toMatch(/taizhang values w\.tzdb\nTypeError: boom/);
  });

  it.skipIf(!POSIX)('never follows a link put where the log goes, nor a linked folder', async () => {
    const dir = makeTempDir();
    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const logDir = path.join(dir, 'logs');
    mkdirSync(logDir, { mode: 0o700 });
    symlinkSync(victim, path.join(logDir, 'taizhang-cli.log'));
    expect(() => appendCliLog({ TAIZHANG_LOG_DIR: logDir }, 'stack')).toThrow();
    const io = captureIo({ TAIZHANG_LOG_DIR: logDir });
    expect(await runCli(['values', 'w.tzdb'], io, [failing()])).toBe(1);
    expect(io.err).toMatch(/^内部错误：boom。日志文件无法写入/);
    expect(readFileSync(victim, 'utf8')).toBe('precious');

    const linkedDir = path.join(dir, 'linked');
    symlinkSync(makeTempDir(), linkedDir);
    expect(() => appendCliLog({ TAIZHANG_LOG_DIR: linkedDir }, 'stack')).toThrow(/not a folder of its own/);
  });
});
