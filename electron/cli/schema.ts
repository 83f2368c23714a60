import type { Indicator } from '../../shared/domain/indicator';
import type { Command } from './command';
import { NO_DATA, formatTarget, writeJson, writeTable } from './output';
import { loadSchemaOrWorkbook } from './schema-source';

/** The `schema --json` row DESIGN fixes; more fields may be added, none renamed. */
export function indicatorRow(indicator: Indicator) {
  return {
    code: indicator.code,
    name: indicator.name,
    area: indicator.area,
    category: indicator.category,
    unit: indicator.unit,
    baselineYear: indicator.baselineYear,
    baselineValue: indicator.baselineValue,
    targetYear: indicator.targetYear,
    targetValue: indicator.targetValue,
    targetOp: indicator.targetOp,
    targetText: indicator.targetText,
    attribute: indicator.attribute,
    direction: indicator.direction,
    auxiliary: indicator.auxiliary,
    leadBureaus: indicator.responsibility.leadBureaus,
    coBureaus: indicator.responsibility.coBureaus,
    jointBureaus: indicator.responsibility.jointBureaus,
    reporter: indicator.reporter,
    reporterProposed: indicator.reporterProposed,
  };
}

/** `taizhang schema <id|workbook>`: the indicators of a built-in schema or of a workbook's copy. */
export const schemaCommand: Command = {
  name: 'schema',
  usage: 'taizhang schema <内置指标体系编号|工作簿.tzdb> [--json]',
  summary: '查看指标体系的指标',
  positionals: [{ label: '指标体系编号或工作簿路径' }],
  flags: { json: 'boolean' },
  async run(args, io) {
    const schema = await loadSchemaOrWorkbook(args.positionals[0] ?? '', io.cwd);
    if (args.boolean('json')) {
      writeJson(io, schema.indicators.map(indicatorRow));
      return;
    }
    io.stdout(`${schema.name}（${schema.id}，${schema.region}，${schema.baseYear}—${schema.targetYear}年）\n`);
    writeTable(
      io,
      ['代码', '指标', '单位', `基期值`, '目标值', '属性', '填报单位'],
      schema.indicators.map((indicator) => [
        indicator.code,
        indicator.auxiliary ? `${indicator.name}（辅助指标）` : indicator.name,
        indicator.unit || NO_DATA,
        indicator.baselineValue === null ? NO_DATA : String(indicator.baselineValue),
        formatTarget(indicator.targetOp, indicator.targetValue, indicator.targetText),
        indicator.attribute || NO_DATA,
        indicator.reporter === null ? '未指定' : indicator.reporterProposed ? `${indicator.reporter}（建议）` : indicator.reporter,
      ]),
    );
  },
};
