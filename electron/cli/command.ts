import type { ArgSpec, ParsedArgs } from './args';

/** Where a command writes; the bin passes the process's streams, tests may pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The folder relative paths are read from. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * One `taizhang` command: one file per command in electron/cli/, registered in main.ts.
 * `run` returns nothing when done; it throws a UserError to refuse (exit 2), or returns an exit
 * status where part of a batch was refused but the rest ran.
 */
export interface Command extends ArgSpec {
  name: string;
  /** One line, e.g. `taizhang init <工作簿> --schema <编号> [--force]`. */
  usage: string;
  /** What it does, in a few words of Chinese, for the help screen. */
  summary: string;
  run(args: ParsedArgs, io: CliIo): Promise<number | void> | number | void;
}
