import path from 'node:path';
import { UserError } from '../../shared/api/errors';
import { countPublishedIndicators } from '../services/builtin-schemas';
import { WORKBOOK_EXTENSION } from '../store/workbook-extension';
import type { Command } from './command';

/** `taizhang init`: a new workbook for one region and its sub-regions, from a schema. */
export const initCommand: Command = {
  name: 'init',
  usage:
    'taizhang init <工作簿.tzdb> --schema <内置指标体系编号|指标表.xlsx|粘贴的指标表.txt> [--region <地区>] [--subregions <县区,县区,…>] [--force]',
  summary: '新建工作簿',
  positionals: [{ label: '工作簿路径' }],
  flags: { schema: 'string', region: 'string', subregions: 'list', force: 'boolean', operator: 'string' },
  async run(args, io) {
    const file = path.resolve(io.cwd, args.positionals[0] ?? '');
    if (path.extname(file).toLowerCase() !== WORKBOOK_EXTENSION) {
      throw new UserError(
        'bad_workbook_name',
        `工作簿文件名应以 ${WORKBOOK_EXTENSION} 结尾，收到“${args.positionals[0] ?? ''}”。例如：临沂市养老托育指标台账${WORKBOOK_EXTENSION}`,
      );
    }
    // Loaded when the command runs, so that the other commands start without the schema readers and the store.
    const [{ loadSchemaSource }, { createWorkbookFromSchema, workbookRegions }] = await Promise.all([
      import('../services/schema-source'),
      import('../services/create-workbook'),
    ]);
    const region = args.string('region');
    const schema = await loadSchemaSource(args.required('schema'), io.cwd, region);
    if (region === undefined && !schema.region.trim()) {
      throw new UserError(
        'bad_region',
        `指标体系“${schema.id}”没有指定地区，请用 --region 给出工作簿所属地区，如 --region 临沂市。`,
      );
    }
    const operator = args.string('operator');
    const workbook = createWorkbookFromSchema(file, {
      schema,
      subregions: args.list('subregions'),
      force: args.boolean('force'),
      ...(region === undefined ? {} : { region }),
      ...(operator === undefined ? {} : { operator }),
    });
    try {
      const { region: self, subregions } = workbookRegions(workbook);
      const published = countPublishedIndicators(schema);
      const auxiliary = schema.indicators.length - published;
      io.stdout(`已创建工作簿：${workbook.path}\n`);
      io.stdout(
        `指标体系：${schema.name}（${schema.id}），指标 ${published} 项` +
          (auxiliary > 0 ? `，另有辅助指标 ${auxiliary} 项` : '') +
          '\n',
      );
      io.stdout(
        `地区：${self ?? ''}` + (subregions.length > 0 ? `，下辖 ${subregions.length} 个：${subregions.join('、')}` : '') + '\n',
      );
    } finally {
      workbook.close();
    }
  },
};
