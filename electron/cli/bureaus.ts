import { usageError } from './args';
import { withHint } from './cli-hint';
import type { Command } from './command';
import { NO_DATA, writeJson, writeTable } from './output';
import { withService } from './with-service';
import { WRITE_FLAGS } from './workbook-arg';

const OVERWRITE_HINT = '如确需改动，请加 --overwrite 重新运行。';

/**
 * `taizhang bureaus`: the workbook's list of bureaus; adding, renaming and merging one. A
 * workbook made from a pasted indicator table starts with none, and 填报单位 (and so templates)
 * need them; a list holding one body twice (市经信局, 市工业和信息化局) is put right by merging.
 */
export const bureausCommand: Command = {
  name: 'bureaus',
  usage:
    'taizhang bureaus <工作簿.tzdb> [--json]  或  --add <单位名称> [--alias <别名>...]  或  --rename <单位名称> --to <新名称>  或  --merge <单位名称> --into <单位名称> [--overwrite]',
  summary: '查看单位名单；添加、改名或合并单位',
  positionals: [{ label: '工作簿' }],
  flags: { add: 'string', alias: 'list', rename: 'string', to: 'string', merge: 'string', into: 'string', overwrite: 'boolean', json: 'boolean', ...WRITE_FLAGS },
  async run(args, io) {
    const name = args.string('add');
    const aliases = args.list('alias');
    const rename = args.string('rename');
    const merge = args.string('merge');
    const actions = [name, rename, merge].filter((a) => a !== undefined).length;
    if (actions > 1) throw usageError('--add、--rename、--merge 一次只能用一个。', bureausCommand.usage);
    if (aliases.length > 0 && name === undefined) throw usageError('--alias 只能与 --add 一起使用。', bureausCommand.usage);
    if ((args.string('to') !== undefined) !== (rename !== undefined)) throw usageError('改名须同时给出 --rename <单位名称> 和 --to <新名称>。', bureausCommand.usage);
    if ((args.string('into') !== undefined) !== (merge !== undefined)) throw usageError('合并须同时给出 --merge <单位名称> 和 --into <单位名称>。', bureausCommand.usage);
    const confirmOverwrite = args.boolean('overwrite') ? { confirmOverwrite: true } : {};

    if (rename !== undefined || merge !== undefined) {
      const moved = await withHint('overwrite_unconfirmed', OVERWRITE_HINT, () =>
        withService(args, io.cwd, 'write', (s) =>
          rename !== undefined ? s.renameBureau({ name: rename, newName: args.required('to'), ...confirmOverwrite }) : s.mergeBureaus({ from: merge!, into: args.required('into'), ...confirmOverwrite }),
        ),
      );
      if (args.boolean('json')) return writeJson(io, [moved]);
      io.stdout(
        `已将“${moved.from}”${rename !== undefined ? '改名为' : '合并到'}“${moved.into}”：${moved.indicators} 项指标、${moved.returns} 份报表随之改动，` +
          `“${moved.into}”增加 ${moved.aliases} 个别名${moved.resolutions > 0 ? `，${moved.resolutions} 项核对处理随之保留` : ''}。\n`,
      );
      return;
    }
    if (name === undefined) {
      const bureaus = await withService(args, io.cwd, 'read', (s) => s.listBureaus());
      if (args.boolean('json')) return writeJson(io, bureaus);
      writeTable(io, ['单位名称', '别名', '填报指标', '报表'], bureaus.map((b) => [b.name, b.aliases.join('、') || NO_DATA, String(b.reporterOf), String(b.returns)]));
      if (bureaus.length === 0) io.stdout('单位名单是空的。用 taizhang bureaus <工作簿> --add <单位名称> 添加。\n');
      return;
    }
    const added = await withService(args, io.cwd, 'write', (s) => s.addBureau({ name, aliases }));
    if (args.boolean('json')) return writeJson(io, [added]);
    io.stdout(`已添加单位：${added.name}${added.aliases.length > 0 ? `（别名：${added.aliases.join('、')}）` : ''}\n`);
  },
};
