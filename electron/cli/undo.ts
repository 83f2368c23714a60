import { AUDIT_ACTION_LABELS } from '../../shared/domain/audit';
import type { Command } from './command';
import { writeJson } from './output';
import { withService } from './with-service';
import { WRITE_FLAGS } from './workbook-arg';

/** `taizhang undo`: 撤销 the latest bulk action (assign, --confirm-proposed, a bureau renamed or merged). */
export const undoCommand: Command = {
  name: 'undo',
  usage: 'taizhang undo <工作簿.tzdb> [--json]',
  summary: '撤销最近一次批量操作（指定填报单位、确认建议、单位改名或合并）',
  positionals: [{ label: '工作簿' }],
  flags: { json: 'boolean', ...WRITE_FLAGS },
  async run(args, io) {
    const undone = await withService(args, io.cwd, 'write', (s) => s.undoLastChange());
    if (args.boolean('json')) return writeJson(io, [undone]);
    io.stdout(`已撤销：${AUDIT_ACTION_LABELS[undone.action]}（${undone.target}）。\n`);
  },
};
