import path from 'node:path';
import { parseArgs } from './args';
import type { CliIo, Command } from './command';
import { EXIT_DONE, EXIT_REJECTED, oneLine, reportFailure } from './exit';
import { printableIo } from './output';
import { assignCommand } from './assign';
import { bureausCommand } from './bureaus';
import { auditCommand, findingsCommand, resolveCommand } from './findings';
import { exportCommand, signoffCommand, templatesCommand } from './export';
import { importCommand } from './import';
import { reportCommand } from './report';
import { initCommand } from './init';
import { returnsCommand, withdrawCommand } from './returns';
import { rolloverCommand } from './rollover';
import { undoCommand } from './undo';
import { valuesCommand } from './values';
import { schemaCommand } from './schema';
import { schemasCommand } from './schemas';

/** Every command, in the order the help screen lists them. A new command is one file plus one line here. */
export const COMMANDS: readonly Command[] = [
  schemasCommand,
  schemaCommand,
  initCommand,
  bureausCommand,
  assignCommand,
  undoCommand,
  importCommand,
  returnsCommand,
  withdrawCommand,
  valuesCommand,
  findingsCommand,
  resolveCommand,
  auditCommand,
  signoffCommand,
  templatesCommand,
  exportCommand,
  reportCommand,
  rolloverCommand,
];

export function processIo(): CliIo {
  // `taizhang values … | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** Runs one `taizhang` invocation and returns its exit status; never throws. */
export async function runCli(
  argv: readonly string[],
  rawIo: CliIo = processIo(),
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const io = printableIo(rawIo);
  let stopListening = () => {};
  try {
    const command = commands.find((candidate) => candidate.name === argv[0]);
    if (command?.positionals[0]?.label.includes('工作簿')) {
      // Every command that opens a workbook edited outside the app says so, one line on stderr.
      // The store is loaded only for such commands, so `taizhang schemas` starts without SQLite.
      const { integrityNotice, onIntegrityProblems } = await import('../store/open');
      stopListening = onIntegrityProblems((file, problems) => {
        io.stderr(`警告（${path.basename(file)}）：${oneLine(integrityNotice(problems))}\n`);
      });
    }
    return await runCommand(argv, io, commands);
  } catch (error) {
    return reportFailure(error, io, argv);
  } finally {
    stopListening();
  }
}

async function runCommand(argv: readonly string[], io: CliIo, commands: readonly Command[]): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      io.stdout(helpText(commands));
      return EXIT_DONE;
    }
    const command = commands.find((candidate) => candidate.name === name);
    if (!command) {
      io.stderr(`不认识的命令“${name}”。可用命令：${commands.map((c) => c.name).join('、')}；运行 taizhang --help 查看用法。\n`);
      return EXIT_REJECTED;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(`${command.summary}\n用法：${command.usage}\n`);
      return EXIT_DONE;
    }
    const args = parseArgs(rest, command, command.usage);
    const status = await command.run(args, io);
    return status ?? EXIT_DONE;
  } catch (error) {
    return reportFailure(error, io, argv);
  }
}

function helpText(commands: readonly Command[]): string {
  const lines = ['指标台账 taizhang：汇总各单位报表、核对指标、导出统计表', '', '命令：'];
  for (const command of commands) lines.push(`  ${command.usage}`, `      ${command.summary}`);
  lines.push('', '退出状态：0 完成；2 用法有误或输入被拒绝；1 内部错误。');
  return `${lines.join('\n')}\n`;
}

