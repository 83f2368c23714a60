import { UserError } from '../../shared/api/errors';
import { UNASSIGNED_BUREAU } from '../../shared/domain/bureau';
import { withHint } from './cli-hint';
import type { Command } from './command';
import { writeJson } from './output';
import { withService } from './with-service';
import { WRITE_FLAGS } from './workbook-arg';

/** `taizhang assign`: 填报单位 for indicators in bulk, or the proposals accepted. */
export const assignCommand: Command = {
  name: 'assign',
  usage:
    'taizhang assign <工作簿.tzdb> --bureau <填报单位|未指定> (<指标编码|指标名称>... | --unassigned | --area <领域> | --responsible <责任单位>) [--overwrite]  或  taizhang assign <工作簿.tzdb> --confirm-proposed',
  summary: '指定填报单位（覆盖已指定的须加 --overwrite；--bureau 未指定 即取消指定）',
  positionals: [{ label: '工作簿' }, { label: '指标', optional: true, repeat: true }],
  flags: { bureau: 'string', unassigned: 'boolean', area: 'string', responsible: 'string', 'confirm-proposed': 'boolean', overwrite: 'boolean', json: 'boolean', ...WRITE_FLAGS },
  async run(args, io) {
    const codes = args.positionals.slice(1);
    const confirm = args.boolean('confirm-proposed');
    const bureau = args.string('bureau');
    const area = args.string('area');
    const responsible = args.string('responsible');
    const unassigned = args.boolean('unassigned');
    if (confirm === (bureau !== undefined)) {
      throw new UserError('usage', `请给出 --bureau <填报单位> 或 --confirm-proposed 之一。用法：${assignCommand.usage}`);
    }
    if (bureau !== undefined && codes.length === 0 && !unassigned && area === undefined && responsible === undefined) {
      throw new UserError('usage', `请说明给哪些指标指定填报单位：指标编码或名称、--unassigned、--area 或 --responsible。用法：${assignCommand.usage}`);
    }
    const unassigning = bureau !== undefined && bureau.trim() === UNASSIGNED_BUREAU;
    const changes = await withHint('overwrite_unconfirmed', '如确需覆盖，请加 --overwrite 重新运行；只给未指定的指标指定，请加 --unassigned。', () => withService(args, io.cwd, 'write', (s) => {
      if (!confirm && !unassigning && s.schema.bureaus.length === 0) {
        // A workbook made from a pasted indicator table starts with no bureaus at all.
        throw new UserError(
          'no_bureaus',
          `工作簿的单位名单中还没有任何单位（由粘贴的指标表新建的工作簿即是如此），无法指定“${bureau}”为填报单位。` +
            `请先添加：taizhang bureaus ${args.positionals[0] ?? '<工作簿>'} --add ${bureau}，再指定填报单位。`,
        );
      }
      return confirm
        ? s.confirmProposedReporters()
        : s.assignReporters({
            bureau: unassigning ? null : bureau!,
            ...(codes.length ? { codes } : {}),
            ...(unassigned ? { unassigned } : {}),
            ...(area === undefined ? {} : { area }),
            ...(responsible === undefined ? {} : { responsible }),
            ...(args.boolean('overwrite') ? { confirmOverwrite: true } : {}),
          });
    }));
    if (args.boolean('json')) return writeJson(io, changes);
    for (const c of changes) io.stdout(`${c.code} ${c.name}：${c.before ?? UNASSIGNED_BUREAU} → ${c.after ?? UNASSIGNED_BUREAU}\n`);
    io.stdout(changes.length === 0 ? '所选指标的填报单位已是如此，未作改动。\n' : `共 ${changes.length} 项指标。\n`);
  },
};
