import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../shared/api/errors';
import type { CliIo, Command } from '../../electron/cli/command';
import { runCli } from '../../electron/cli/main';
import { makeTempDir } from '../support/temp-dir';

function captureIo(env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    cwd: makeTempDir(),
    env,
  };
  return io;
}

function command(run: Command['run']): Command {
  return { name: 'values', usage: 'taizhang values <工作簿> [--year <年份>]', summary: '查看汇总值', positionals: [{ label: '工作簿路径' }], flags: { year: 'string' }, run };
}

describe('runCli', () => {
  it('hands parsed arguments to the command and returns 0', async () => {
    const io = captureIo();
    let seen: unknown;
    const status = await runCli(['values', 'w.tzdb', '--year', '２０２３'], io, [
      command((args) => {
        seen = { workbook: args.positionals[0], year: args.integer('year') };
      }),
    ]);
    expect(status).toBe(0);
    expect(seen).toEqual({ workbook: 'w.tzdb', year: 2023 });
  });

  it('turns a UserError into status 2 and its message on one line', async () => {
    const io = captureIo();
    const status = await runCli(['values', 'w.tzdb'], io, [
      command(() => {
        throw new UserError('encrypted', '“市民政局.xlsx”设有打开密码，无法读取。\n请取消密码后另存为 .xlsx。');
      }),
    ]);
    expect(status).toBe(2);
    expect(io.err).toBe('“市民政局.xlsx”设有打开密码，无法读取。 请取消密码后另存为 .xlsx。\n');
  });

  it('reports anything else as 内部错误 with the log file, keeping the stack out of the console', async () => {
    const logDir = makeTempDir();
    const io = captureIo({ TAIZHANG_LOG_DIR: logDir });
    const status = await runCli(['values', 'w.tzdb'], io, [
      command(() => {
        throw new TypeError("Cannot read properties of undefined (reading 'year')");
      }),
    ]);
    expect(status).toBe(1);
    const logFile = path.join(logDir, 'taizhang-cli.log');
    expect(io.err).toBe(
      `内部错误：Cannot read properties of undefined (reading 'year')。详细情况已记入日志 ${logFile}，请将该文件发给维护人员。\n`,
    );
    expect(readFileSync(logFile, 'utf8')).toMatch(/taizhang values w\.tzdb\nTypeError: Cannot read[^\n]*\n\s+at /);
  });

  it('shows the stack on stderr too with TAIZHANG_DEBUG=1', async () => {
    const io = captureIo({ TAIZHANG_LOG_DIR: makeTempDir(), TAIZHANG_DEBUG: '1' });
    const status = await runCli(['values', 'w.tzdb'], io, [
      command(() => {
        throw new Error('boom');
      }),
    ]);
    expect(status).toBe(1);
    expect(io.err).toMatch(/^内部错误：boom。[^\n]*\nError: boom\n\s+at /);
  });
});
