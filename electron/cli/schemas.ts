import { countPublishedIndicators, listBuiltinSchemas } from '../services/builtin-schemas';
import type { Command } from './command';
import { NO_DATA, writeJson, writeTable } from './output';

/** `taizhang schemas`: the built-in schemas a workbook can be created from. */
export const schemasCommand: Command = {
  name: 'schemas',
  usage: 'taizhang schemas [--json]',
  summary: '列出内置指标体系',
  positionals: [],
  flags: { json: 'boolean' },
  run(args, io) {
    const rows = listBuiltinSchemas().map((schema) => {
      const indicatorCount = countPublishedIndicators(schema);
      return {
        id: schema.id,
        name: schema.name,
        region: schema.region,
        baseYear: schema.baseYear,
        targetYear: schema.targetYear,
        indicatorCount,
        auxiliaryCount: schema.indicators.length - indicatorCount,
      };
    });
    if (args.boolean('json')) {
      writeJson(io, rows);
      return;
    }
    if (rows.length === 0) {
      io.stdout('没有内置指标体系。\n');
      return;
    }
    writeTable(
      io,
      ['编号', '名称', '地区', '规划期', '指标数'],
      rows.map((row) => [
        row.id,
        row.name,
        row.region || NO_DATA,
        `${row.baseYear}—${row.targetYear}年`,
        row.auxiliaryCount > 0 ? `${row.indicatorCount}（另有辅助指标 ${row.auxiliaryCount} 项）` : String(row.indicatorCount),
      ]),
    );
  },
};
