import type { Command } from './command';
import { NO_DATA, writeJson, writeTable } from './output';
import { withService } from './with-service';
import { WRITE_FLAGS } from './workbook-arg';

const STATE_NAMES = { counted: '已计入', superseded: '已被替代', withdrawn: '已撤销', duplicate: '重复' } as const;

export const returnsCommand: Command = {
  name: 'returns',
  usage: 'taizhang returns <工作簿.tzdb> [--year <年度>] [--json]',
  summary: '列出已导入的报表',
  positionals: [{ label: '工作簿' }],
  flags: { year: 'string', json: 'boolean' },
  async run(args, io) {
    const year = args.integer('year');
    const rows = await withService(args, io.cwd, 'read', (s) => s.listReturns(year === undefined ? {} : { year }));
    if (args.boolean('json')) return writeJson(io, rows);
    writeTable(
      io,
      ['编号', '文件', '填报单位', '地区', '年度', '状态', '数值', '未对应行', '填报人', '联系电话'],
      rows.map((r) => [String(r.id), r.file, r.bureau ?? NO_DATA, r.region ?? NO_DATA, String(r.year ?? NO_DATA), STATE_NAMES[r.state], String(r.values), String(r.unmatched), r.contactPerson ?? NO_DATA, r.contactPhone ?? NO_DATA]),
    );
  },
};

export const withdrawCommand: Command = {
  name: 'withdraw',
  usage: 'taizhang withdraw <工作簿.tzdb> <报表编号> [--note <说明>] [--restore]',
  summary: '撤销导入某份报表（--restore 恢复计入）',
  positionals: [{ label: '工作簿' }, { label: '报表编号' }],
  flags: { note: 'string', restore: 'boolean', json: 'boolean', ...WRITE_FLAGS },
  async run(args, io) {
    const id = Number(args.positionals[1]);
    const note = args.string('note') ?? '';
    const summary = await withService(args, io.cwd, 'write', (s) =>
      args.boolean('restore') ? s.restoreReturn({ returnId: id, note }) : s.withdrawReturn({ returnId: id, note }),
    );
    if (args.boolean('json')) return writeJson(io, [summary]);
    io.stdout(`${args.boolean('restore') ? '已恢复' : '已撤销导入'}：${summary.file}（编号 ${summary.id}）\n`);
  },
};
