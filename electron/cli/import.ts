import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import type { FileBytes } from '../../shared/api/contract';
import type { Command } from './command';
import { EXIT_REJECTED } from './exit';
import { writeJson } from './output';
import { withService } from './with-service';
import { WRITE_FLAGS } from './workbook-arg';

function readInput(cwd: string, name: string): FileBytes | UserError {
  const file = path.resolve(cwd, name);
  try {
    if (statSync(file).isDirectory()) return new UserError('is_directory', `“${name}”是文件夹，请给出其中的报表文件。`, { file: name });
    return { name: path.basename(file), bytes: new Uint8Array(readFileSync(file)) };
  } catch {
    return new UserError('file_not_found', `找不到文件“${name}”，请检查路径。`, { file: name });
  }
}

/** `taizhang import`: each file read on its own; refused files are named, the rest still import. */
export const importCommand: Command = {
  name: 'import',
  usage: 'taizhang import <工作簿.tzdb> <报表文件>... [--year <年度>] [--bureau <填报单位>] [--region <地区>] [--json]',
  summary: '导入各单位报表',
  positionals: [{ label: '工作簿' }, { label: '报表文件', repeat: true }],
  flags: { year: 'string', bureau: 'string', region: 'string', json: 'boolean', ...WRITE_FLAGS },
  async run(args, io) {
    const inputs = args.positionals.slice(1).map((name) => readInput(io.cwd, name));
    const files = inputs.filter((f): f is FileBytes => !(f instanceof UserError));
    const unreadable = inputs.filter((f): f is UserError => f instanceof UserError);
    const year = args.integer('year');
    const bureau = args.string('bureau');
    const region = args.string('region');
    const override = {
      ...(bureau === undefined ? {} : { bureau }),
      ...(region === undefined ? {} : { region }),
    };
    const results = await withService(args, io.cwd, 'write', (service) =>
      service.importReturns({ files, channel: 'cli', ...(year === undefined ? {} : { year }), ...(Object.keys(override).length ? { override } : {}) }),
    );
    for (const error of unreadable) io.stderr(`${error.message}\n`);
    for (const r of results) if (r.outcome === 'rejected') io.stderr(`${r.message}\n`);
    if (args.boolean('json')) {
      writeJson(io, [
        ...results,
        ...unreadable.map((e) => ({ file: e.where.file, outcome: 'rejected', errorCode: e.code, message: e.message })),
      ]);
    } else {
      for (const r of results) {
        if (r.outcome === 'imported') {
          io.stdout(`已导入 ${r.file}：${r.bureau ?? '未识别填报单位'}，${r.region}，${r.year}年；${r.values} 个数值，已对应 ${r.matched} 行，未对应 ${r.unmatched} 行\n`);
        } else if (r.outcome === 'duplicate') {
          io.stdout(`未重复导入 ${r.file}：${r.message}\n`);
        }
      }
    }
    const refused = unreadable.length + results.filter((r) => r.outcome === 'rejected').length;
    return refused > 0 ? EXIT_REJECTED : undefined;
  },
};
