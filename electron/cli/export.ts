import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import type { ExportKind } from '../../shared/api/contract';
import type { Command } from './command';
import { refuseExisting, writeOutputFile } from './output';
import { withService } from './with-service';

const KIND_NAMES: Record<ExportKind, string> = { annual: '年度汇总表', evaluation: '评估表', findings: '核对问题清单', period: '规划期汇总表' };

export const exportCommand: Command = {
  name: 'export',
  usage: 'taizhang export <工作簿.tzdb> --year <年度> --out <文件.xlsx|文件.csv> [--kind annual|evaluation|findings|period] [--region <地区>] [--force]',
  summary: '导出年度汇总表、评估表、核对问题清单或规划期汇总表',
  positionals: [{ label: '工作簿' }],
  flags: { year: 'string', out: 'string', kind: 'string', region: 'string', force: 'boolean' },
  async run(args, io) {
    const year = args.integer('year');
    if (year === undefined) throw new UserError('usage', `请用 --year 指定年度。用法：${exportCommand.usage}`);
    const kind = (args.string('kind') ?? 'annual') as ExportKind;
    const { EXPORT_KINDS } = await import('../services/export-tables');
    if (!EXPORT_KINDS.includes(kind)) throw new UserError('usage', `--kind 只能是 ${EXPORT_KINDS.join('、')}，收到“${kind}”。`);
    const out = path.resolve(io.cwd, args.required('out'));
    const region = args.string('region');
    const force = args.boolean('force');
    // Refused before the table is built: an existing file is never replaced without --force.
    refuseExisting([out], force);
    const bytes = await withService(args, io.cwd, 'read', (s) =>
      s.exportBytes({ year, kind, fileName: out, ...(region === undefined ? {} : { region }) }),
    );
    writeOutputFile(out, bytes, { force });
    io.stdout(`已导出${KIND_NAMES[kind]}：${out}\n`);
  },
};

export const templatesCommand: Command = {
  name: 'templates',
  usage: 'taizhang templates <工作簿.tzdb> --year <年度> --out <文件夹> [--regions <地区,地区,…>] [--force]',
  summary: '为各填报单位生成报表模板',
  positionals: [{ label: '工作簿' }],
  flags: { year: 'string', out: 'string', regions: 'list', force: 'boolean' },
  async run(args, io) {
    const year = args.integer('year');
    if (year === undefined) throw new UserError('usage', `请用 --year 指定年度。用法：${templatesCommand.usage}`);
    const dir = path.resolve(io.cwd, args.required('out'));
    const regions = args.list('regions');
    const force = args.boolean('force');
    const files = await withService(args, io.cwd, 'read', (s) => s.makeTemplates({ year, ...(regions.length ? { regions } : {}) }));
    // A same-named file there may be a return a bureau already filled in: none is replaced without --force.
    refuseExisting(files.map((file) => path.join(dir, file.name)), force);
    let written = 0;
    for (const file of files) {
      writeOutputFile(path.join(dir, file.name), file.bytes, { force });
      written++;
      io.stdout(`${file.bureau}（${file.region}）：${path.join(dir, file.name)}\n`);
    }
    io.stdout(`共生成 ${written} 份模板。\n`);
  },
};

export const signoffCommand: Command = {
  name: 'signoff',
  usage: 'taizhang signoff <工作簿.tzdb> --year <年度> [--note <定稿原因>]  或  taizhang signoff <工作簿.tzdb> --year <年度> --reopen --note <重新打开的原因>',
  summary: '定稿某年度（尚有错误未处理时须用 --note 说明原因）；--reopen 重新打开（须说明原因）',
  positionals: [{ label: '工作簿' }],
  flags: { year: 'string', reopen: 'boolean', note: 'string', 'take-over': 'boolean', operator: 'string' },
  async run(args, io) {
    const year = args.integer('year');
    if (year === undefined) throw new UserError('usage', `请用 --year 指定年度。用法：${signoffCommand.usage}`);
    const note = args.string('note') ?? '';
    const reopen = args.boolean('reopen');
    // Refused before the workbook is opened: a reopening always needs its reason.
    // The way to give it on the command line (--note) is added to the refusal when it is reported.
    if (reopen && note.trim() === '') throw new UserError('note_required', `重新打开已定稿的${year}年须说明原因（如哪个单位更正了哪些数据）。`);
    const state = await withService(args, io.cwd, 'write', (s) => (reopen ? s.reopenYear({ year, note }) : s.signOffYear({ year, note })));
    io.stdout(state.signedOff ? `${year}年已定稿（${state.signedBy}）。\n` : `${year}年已重新打开，可继续导入和处理。\n`);
  },
};
