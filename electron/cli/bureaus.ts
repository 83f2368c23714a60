import { usageError } from './args';
import type { Command } from './command';
import { NO_DATA, writeJson, writeTable } from './output';
import { withService } from './with-service';
import { WRITE_FLAGS } from './workbook-arg';

/**
 * `taizhang bureaus`: the workbook's list of bureaus, and adding one. A workbook made from a
 * pasted indicator table starts with none, and 填报单位 (and so templates) need them.
 */
export const bureausCommand: Command = {
  name: 'bureaus',
  usage: 'taizhang bureaus <工作簿.tzdb> [--add <单位名称> [--alias <别名>...]] [--json]',
  summary: '查看单位名单，或添加单位',
  positionals: [{ label: '工作簿' }],
  flags: { add: 'string', alias: 'list', json: 'boolean', ...WRITE_FLAGS },
  async run(args, io) {
    const name = args.string('add');
    const aliases = args.list('alias');
    if (name === undefined) {
      if (aliases.length > 0) throw usageError('--alias 只能与 --add 一起使用。', bureausCommand.usage);
      const bureaus = await withService(args, io.cwd, 'read', (s) => s.listBureaus());
      if (args.boolean('json')) return writeJson(io, bureaus);
      writeTable(io, ['单位名称', '别名'], bureaus.map((b) => [b.name, b.aliases.join('、') || NO_DATA]));
      if (bureaus.length === 0) io.stdout('单位名单是空的。用 taizhang bureaus <工作簿> --add <单位名称> 添加。\n');
      return;
    }
    const added = await withService(args, io.cwd, 'write', (s) => s.addBureau({ name, aliases }));
    if (args.boolean('json')) return writeJson(io, [added]);
    io.stdout(`已添加单位：${added.name}${added.aliases.length > 0 ? `（别名：${added.aliases.join('、')}）` : ''}\n`);
  },
};
