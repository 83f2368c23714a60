import { UserError } from '../../shared/api/errors';
import { readTypedFigure } from '../../shared/schema/typed-field';
import type { ResolutionRequest } from '../services/resolve-finding';
import type { Command } from './command';
import { NO_DATA, writeJson, writeTable } from './output';
import { withService } from './with-service';
import { WRITE_FLAGS } from './workbook-arg';

const SEVERITY_NAMES = { error: '错误', warning: '警告', info: '提示' } as const;
const STATUS_NAMES = { open: '待处理', resolved: '已处理' } as const;

export const findingsCommand: Command = {
  name: 'findings',
  usage: 'taizhang findings <工作簿.tzdb> [--year <年度>] [--json]',
  summary: '列出核对问题',
  positionals: [{ label: '工作簿' }],
  flags: { year: 'string', json: 'boolean' },
  async run(args, io) {
    const year = args.integer('year');
    const rows = await withService(args, io.cwd, 'read', (s) => s.listFindings(year === undefined ? {} : { year }));
    if (args.boolean('json')) return writeJson(io, rows);
    writeTable(
      io,
      ['编号', '级别', '状态', '指标', '单位', '地区', '年度', '位置', '说明'],
      rows.map((f) => [
        f.id, SEVERITY_NAMES[f.severity], STATUS_NAMES[f.status], f.name ?? NO_DATA, f.bureau ?? NO_DATA, f.region ?? NO_DATA,
        String(f.year ?? NO_DATA), f.file ? `${f.file}${f.sheet ? ` ${f.sheet}!${f.cell ?? ''}` : ''}` : NO_DATA, f.message,
      ]),
    );
  },
};

/** A figure as the officer types one anywhere (1,012, ９３.５); an empty or non-figure text is refused, never 0. */
function numberFlag(value: string, flag: string): number {
  const figure = readTypedFigure(value);
  if (!('value' in figure) || figure.value === null) throw new UserError('usage', `--${flag} 需要一个数值，收到“${value}”。`);
  return figure.value;
}

/** Exactly one of the resolution flags, as the request it stands for. */
function requestFrom(args: Parameters<typeof resolveCommand.run>[0]): ResolutionRequest {
  const note = args.string('note');
  const given = ['choose', 'map', 'confirm', 'override', 'reopen'].filter((f) => (f === 'confirm' || f === 'reopen' ? args.boolean(f) : args.string(f) !== undefined));
  if (given.length !== 1) {
    throw new UserError('usage', `请给出且只给出一种处理：--choose <数值> | --map <指标编码> | --confirm | --override <数值> --note <说明> | --reopen。用法：${resolveCommand.usage}`);
  }
  const noteField = note === undefined ? {} : { note };
  switch (given[0]) {
    case 'choose':
      return { action: 'choose', value: numberFlag(args.required('choose'), 'choose'), ...noteField };
    case 'map':
      return { action: 'map', code: args.required('map'), ...noteField };
    case 'override':
      return { action: 'override', value: numberFlag(args.required('override'), 'override'), note: note ?? '' };
    case 'reopen':
      return { action: 'reopen', ...noteField };
    default:
      return { action: 'confirm', ...noteField };
  }
}

export const resolveCommand: Command = {
  name: 'resolve',
  usage: 'taizhang resolve <工作簿.tzdb> <问题编号> (--choose <数值> | --map <指标编码> | --confirm | --override <数值> --note <说明> | --reopen)',
  summary: '处理核对问题',
  positionals: [{ label: '工作簿' }, { label: '问题编号' }],
  flags: { choose: 'string', map: 'string', confirm: 'boolean', override: 'string', note: 'string', reopen: 'boolean', json: 'boolean', ...WRITE_FLAGS },
  async run(args, io) {
    const request = requestFrom(args);
    const finding = await withService(args, io.cwd, 'write', (s) => s.resolveFinding({ findingId: args.positionals[1] ?? '', resolution: request }));
    if (args.boolean('json')) return writeJson(io, [finding]);
    io.stdout(`${finding.id}：${STATUS_NAMES[finding.status]}（${finding.message}）\n`);
  },
};

export const auditCommand: Command = {
  name: 'audit',
  usage: 'taizhang audit <工作簿.tzdb> [--json]  或  taizhang audit <工作簿.tzdb> --accept-changes [--note <说明>]',
  summary: '查看审计日志；核对在本程序之外的改动后确认接受（--accept-changes）',
  positionals: [{ label: '工作簿' }],
  flags: { json: 'boolean', 'accept-changes': 'boolean', note: 'string', ...WRITE_FLAGS },
  async run(args, io) {
    if (args.boolean('accept-changes')) {
      const note = args.string('note');
      const accepted = await withService(args, io.cwd, 'write', (s) => s.acceptIntegrityProblems(note === undefined ? {} : { note }));
      if (args.boolean('json')) return writeJson(io, accepted);
      if (accepted.length === 0) {
        io.stdout('没有需要确认的改动。已定稿年度的数据被改动的，须重新打开该年度（taizhang signoff --reopen）后核对。\n');
        return;
      }
      io.stdout(`已确认接受以下改动，并记入审计日志：${accepted.map((p) => p.message).join('；')}。\n`);
      return;
    }
    const rows = await withService(args, io.cwd, 'read', (s) => s.listAudit());
    if (args.boolean('json')) return writeJson(io, rows);
    writeTable(
      io,
      ['时间', '操作人', '系统账户', '操作', '对象', '说明'],
      // An entry this version cannot read keeps the action it was written with.
      rows.map((a) => [a.at, a.operator, a.osUser, a.action === 'other' ? a.written : a.action, a.target, a.note || NO_DATA]),
    );
  },
};
