import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import type { Command } from './command';
import { withService } from './with-service';

export const rolloverCommand: Command = {
  name: 'rollover',
  usage: 'taizhang rollover <工作簿.tzdb> --out <新工作簿.tzdb> --target-year <目标年> [--force]',
  summary: '以本规划期末完成值为基期，新建下一规划期工作簿',
  positionals: [{ label: '工作簿' }],
  flags: { out: 'string', 'target-year': 'string', force: 'boolean' },
  async run(args, io) {
    const targetYear = args.integer('target-year');
    if (targetYear === undefined) throw new UserError('usage', `请用 --target-year 给出新规划的目标年。用法：${rolloverCommand.usage}`);
    const out = path.resolve(io.cwd, args.required('out'));
    const { rolloverWorkbook } = await import('../services/rollover');
    const result = await withService(args, io.cwd, 'read', (service) => rolloverWorkbook(service, out, targetYear, { force: args.boolean('force') }));
    result.workbook.close();
    io.stdout(`已新建下一规划期工作簿：${out}\n基期 ${result.baseYear} 年，目标年 ${result.targetYear} 年；目标值待填写。\n`);
    if (result.earlierBaselines.length > 0) {
      io.stdout(`以下指标没有 ${result.baseYear} 年汇总值，基期值取自更早年份：${result.earlierBaselines.map((e) => `${e.name}（${e.year}年）`).join('、')}\n`);
    }
    if (result.withoutBaseline.length > 0) io.stdout(`以下指标没有汇总值，基期值待填：${result.withoutBaseline.join('、')}\n`);
  },
};
