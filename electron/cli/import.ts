import path from 'node:path';
import { UserError, type UserErrorCode } from '../../shared/api/errors';
import type { FileBytes, ImportFileResult } from '../../shared/api/contract';
import { readInputFile } from '../read/read-file';
import { setFaultSink } from '../services/fault-log';
import type { CliIo, Command } from './command';
import { EXIT_INTERNAL, EXIT_REJECTED, appendCliLog, oneLine } from './exit';
import { writeJson } from './output';
import { startReaderFrom } from './reader-start';
import { withService } from './with-service';
import { WRITE_FLAGS } from './workbook-arg';

/**
 * Files are read from disk a slice at a time, each slice imported before the next is read, so a
 * batch of many large files never holds them all in memory at once.
 */
const SLICE_BYTES = 64 * 1024 * 1024;

function readInput(cwd: string, name: string): FileBytes | UserError {
  try {
    return readInputFile(path.resolve(cwd, name), name);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
}

/** A row of the --json output: the service's result, or a file refused before it was read. */
type ImportRow = ImportFileResult | { file: string; outcome: 'rejected'; errorCode: UserErrorCode; message: string };

/**
 * Bugs met inside the batch go to the CLI's private log, as reportFailure's do; a log that cannot
 * be written safely is left out of the file's line (recordFault swallows the throw).
 */
function logFaultsTo(io: CliIo, argv: readonly string[]): void {
  setFaultSink((error, context) => {
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    if (io.env.TAIZHANG_DEBUG === '1') io.stderr(`${stack}\n`);
    return { logFile: appendCliLog(io.env, `[${new Date().toISOString()}] taizhang ${argv.join(' ')}\n${context}\n${stack}\n\n`) };
  });
}

/** `taizhang import`: each file read on its own; refused files are named, the rest still import. */
export const importCommand: Command = {
  name: 'import',
  usage: 'taizhang import <工作簿.tzdb> <报表文件>... [--year <年度>] [--bureau <填报单位>] [--region <地区>] [--json]',
  summary: '导入各单位报表',
  positionals: [{ label: '工作簿' }, { label: '报表文件', repeat: true }],
  flags: { year: 'string', bureau: 'string', region: 'string', json: 'boolean', ...WRITE_FLAGS },
  async run(args, io) {
    const names = args.positionals.slice(1);
    const year = args.integer('year');
    const bureau = args.string('bureau');
    const region = args.string('region');
    const override = {
      ...(bureau === undefined ? {} : { bureau }),
      ...(region === undefined ? {} : { region }),
    };
    const json = args.boolean('json');
    const rows: (ImportRow & { seconds?: number })[] = [];
    logFaultsTo(io, ['import', ...args.positionals]);
    startReaderFrom(io.env);
    try {
      await withService(args, io.cwd, 'write', async (service) => {
        let next = 0;
        while (next < names.length) {
          // Read the next slice; a file refused by the file system keeps its place among the others.
          const slice: FileBytes[] = [];
          const placed: (ImportRow | null)[] = [];
          let bytes = 0;
          for (; next < names.length && (slice.length === 0 || bytes < SLICE_BYTES); next++) {
            const input = readInput(io.cwd, names[next]!);
            if (input instanceof UserError) {
              placed.push({ file: input.where.file ?? names[next]!, outcome: 'rejected', errorCode: input.code, message: input.message });
              continue;
            }
            placed.push(null);
            slice.push(input);
            bytes += input.bytes.length;
          }
          // Each file's time, from one progress call to the next: --json reports it per file.
          const started: number[] = [];
          const results = slice.length === 0 ? [] : await service.importReturns({
            files: slice,
            channel: 'cli',
            onProgress: (done) => {
              started[done] = performance.now();
            },
            ...(year === undefined ? {} : { year }),
            ...(Object.keys(override).length ? { override } : {}),
          });
          let i = 0;
          for (const row of placed) {
            let reported: ImportRow & { seconds?: number } = row ?? results[i]!;
            if (row === null) {
              const seconds = started[i + 1] !== undefined && started[i] !== undefined ? (started[i + 1]! - started[i]!) / 1000 : undefined;
              if (seconds !== undefined) reported = { ...reported, seconds: Number(seconds.toFixed(3)) };
              i++;
            }
            if (reported.outcome === 'rejected') io.stderr(`${oneLine(reported.message ?? '')}\n`);
            else if (!json) io.stdout(importedLine(reported as ImportFileResult));
            rows.push(reported);
          }
        }
      });
    } finally {
      setFaultSink();
    }
    if (json) writeJson(io, rows);
    // A bug met on one file is still a bug (1), though the batch went on; a refusal is 2.
    if (rows.some((r) => r.errorCode === 'internal')) return EXIT_INTERNAL;
    return rows.some((r) => r.outcome === 'rejected') ? EXIT_REJECTED : undefined;
  },
};

function importedLine(r: ImportFileResult): string {
  if (r.outcome === 'imported') {
    return `已导入 ${r.file}：${r.bureau ?? '未识别填报单位'}，${r.region}，${r.year}年；${r.values} 个数值，已对应 ${r.matched} 行，未对应 ${r.unmatched} 行\n`;
  }
  return `未重复导入 ${r.file}：${r.message}\n`;
}
