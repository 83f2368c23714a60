import type { Value } from '../../shared/domain';
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
    if (year === undefined) return writePeriod(io, rows);
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

/** Without --year: each indicator and region on one line, the plan period's years side by side. */
function writePeriod(io: Parameters<typeof writeTable>[0], rows: Value[]): void {
  const years = [...new Set(rows.map((v) => v.year))].sort((a, b) => a - b);
  const lines = new Map<string, { head: string[]; byYear: Map<number, number | null> }>();
  for (const v of rows) {
    const key = `${v.indicator}\u001f${v.region}`;
    const line = lines.get(key) ?? { head: [v.indicator, v.name, v.unit, v.region], byYear: new Map() };
    line.byYear.set(v.year, v.value);
    lines.set(key, line);
  }
  writeTable(
    io,
    ['编码', '指标', '单位', '地区', ...years.map((y) => `${y}年`), '趋势'],
    [...lines.values()].map((line) => {
      const figures = years.map((y) => line.byYear.get(y) ?? null);
      return [...line.head, ...figures.map((f) => (f === null ? NO_DATA : String(f))), trendOf(figures)];
    }),
  );
}

/** ↑ ↓ → between the last two years with figures; — with fewer than two. */
function trendOf(figures: (number | null)[]): string {
  const known = figures.filter((f): f is number => f !== null);
  if (known.length < 2) return NO_DATA;
  const [a, b] = known.slice(-2) as [number, number];
  return b > a ? '↑' : b < a ? '↓' : '→';
}
