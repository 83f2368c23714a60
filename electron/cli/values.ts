import type { Command } from './command';
import { NO_DATA, writeJson, writeTable } from './output';
import { withService } from './with-service';

const STATUS_NAMES = { ok: '正常', conflict: '冲突', missing: '缺报', resolved: '已处理' } as const;

export const valuesCommand: Command = {
  name: 'values',
  usage: 'taizhang values <工作簿.tzdb> [--year <年度>] [--region <地区>] [--json]',
  summary: '查看汇总后的完成值及其来源',
  positionals: [{ label: '工作簿' }],
  flags: { year: 'string', region: 'string', json: 'boolean' },
  async run(args, io) {
    const year = args.integer('year');
    const region = args.string('region');
    const rows = await withService(args, io.cwd, 'read', (s) =>
      s.listValues({ ...(year === undefined ? {} : { year }), ...(region === undefined ? {} : { region }) }),
    );
    if (args.boolean('json')) return writeJson(io, rows);
    writeTable(
      io,
      ['编码', '指标', '单位', '地区', '年度', '完成值', '状态', '来源'],
      rows.map((v) => [
        v.indicator, v.name, v.unit, v.region, String(v.year), v.value === null ? NO_DATA : String(v.value), STATUS_NAMES[v.status],
        v.sources.map((s) => `${s.bureau} ${s.file} ${s.sheet}!${s.cell}`).join('；') || NO_DATA,
      ]),
    );
  },
};
