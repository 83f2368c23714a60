import { describe, expect, it } from 'vitest';
import type { ArgSpec } from '../../electron/cli/args';
import { parseArgs } from '../../electron/cli/args';

const IMPORT: ArgSpec = {
  positionals: [{ label: '工作簿路径' }, { label: '报表文件', repeat: true }],
  flags: { year: 'string', bureau: 'string', json: 'boolean', subregions: 'list' },
};
const USAGE = 'taizhang import <工作簿> <文件>... [--year <年份>]';

function refusal(argv: string[], spec: ArgSpec = IMPORT): string {
  try {
    parseArgs(argv, spec, USAGE);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseArgs', () => {
  it('takes repeated positionals, --flag value, --flag=value and booleans in any order', () => {
    const args = parseArgs(['w.tzdb', '--year=2023', '民政局.xlsx', '--json', '卫健委.xls', '--bureau', '市卫健委'], IMPORT, USAGE);
    expect(args.positionals).toEqual(['w.tzdb', '民政局.xlsx', '卫健委.xls']);
    expect(args.integer('year')).toBe(2023);
    expect(args.string('bureau')).toBe('市卫健委');
    expect(args.boolean('json')).toBe(true);
    expect(args.list('subregions')).toEqual([]);
  });

  it('splits lists on , ， and 、 and joins repeated list flags', () => {
    const args = parseArgs(['w.tzdb', 'a.xlsx', '--subregions', '兰山区，罗庄区、 河东区', '--subregions', '郯城县,'], IMPORT, USAGE);
    expect(args.list('subregions')).toEqual(['兰山区', '罗庄区', '河东区', '郯城县']);
  });

  it('takes everything after -- as positionals', () => {
    const args = parseArgs(['w.tzdb', '--', '--报表.xlsx'], IMPORT, USAGE);
    expect(args.positionals).toEqual(['w.tzdb', '--报表.xlsx']);
  });

  it('refuses what it cannot take, with the usage', () => {
    expect(refusal(['w.tzdb', 'a.xlsx', '--yaer', '2023'])).toBe(`不认识的选项 --yaer。用法：${USAGE}`);
    expect(refusal(['w.tzdb', 'a.xlsx', '-y', '2023'])).toMatch(/^不认识的选项 -y。/);
    expect(refusal(['w.tzdb', 'a.xlsx', '--year'])).toMatch(/^选项 --year 缺少值。/);
    expect(refusal(['w.tzdb', 'a.xlsx', '--year', '--json'])).toMatch(/^选项 --year 缺少值。/);
    expect(refusal(['w.tzdb', 'a.xlsx', '--json=yes'])).toMatch(/^选项 --json 不带值。/);
    expect(refusal(['w.tzdb', 'a.xlsx', '--year', '2023', '--year', '2024'])).toMatch(/^选项 --year 只能给一次。/);
    expect(refusal(['w.tzdb'])).toMatch(/^缺少报表文件。/);
    expect(() => parseArgs(['w.tzdb', 'a.xlsx', '--year', '二〇二三'], IMPORT, USAGE).integer('year')).toThrow(/应为整数，收到“二〇二三”/);
  });
});
