import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import type { ReportKind } from '../../shared/api/contract';
import type { Command } from './command';
import { refuseExisting, writeOutputFile } from './output';
import { withService } from './with-service';

const KINDS: readonly ReportKind[] = ['final', 'midterm'];

export const reportCommand: Command = {
  name: 'report',
  usage: 'taizhang report <工作簿.tzdb> --year <年度> --out <文件.docx> [--region <地区>] [--kind final|midterm] [--force]',
  summary: '起草评估报告（指标部分），写成 .docx',
  positionals: [{ label: '工作簿' }],
  flags: { year: 'string', out: 'string', kind: 'string', region: 'string', force: 'boolean' },
  async run(args, io) {
    const year = args.integer('year');
    if (year === undefined) throw new UserError('usage', `请用 --year 指定评估年度。用法：${reportCommand.usage}`);
    const kind = args.string('kind') as ReportKind | undefined;
    if (kind !== undefined && !KINDS.includes(kind)) throw new UserError('usage', `--kind 只能是 final（终期评估）或 midterm（中期评估），收到“${kind}”。`);
    const out = path.resolve(io.cwd, args.required('out'));
    if (path.extname(out).toLowerCase() !== '.docx') throw new UserError('usage', `评估报告写成 Word 文档，请用 .docx 文件名，收到“${path.basename(out)}”。`);
    const region = args.string('region');
    const force = args.boolean('force');
    // Refused before anything is drafted: an existing file is never replaced without --force.
    refuseExisting([out], force);
    const file = await withService(args, io.cwd, 'read', (s) =>
      s.exportReport({ year, ...(kind === undefined ? {} : { kind }), ...(region === undefined ? {} : { region }) }),
    );
    writeOutputFile(out, file.bytes, { force });
    io.stdout(`已起草评估报告：${out}\n`);
  },
};
