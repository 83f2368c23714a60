import { describe, expect, it } from 'vitest';
import { makeReturn } from '../support/make-return';
import { runTaizhang, type CliResult } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';
import { expectRefused } from './cli-expect';

function ok(result: CliResult): string {
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const run = (dir: string, args: string[]) => runTaizhang(args, { cwd: dir });

describe('taizhang bureaus: rename and merge', () => {
  it('merges 市经信局 into 市工业和信息化局, says what moved, and undo puts it back', async () => {
    const dir = makeTempDir();
    ok(run(dir, ['init', 'w.tzdb', '--schema', 'linyi-2022', '--region', '临沂市']));
    ok(run(dir, ['assign', 'w.tzdb', '--bureau', '市经信局', 'B01']));
    await makeReturn(dir, '经信局.xlsx', { bureau: '市经信局', year: 2023, rows: [{ name: '全市养老服务设施', unit: '处', value: 990 }] });
    ok(run(dir, ['import', 'w.tzdb', '经信局.xlsx']));

    expectRefused(run(dir, ['bureaus', 'w.tzdb', '--merge', '市经信局', '--into', '市经信局']), /不能把“市经信局”合并到它自己/);
    expectRefused(run(dir, ['bureaus', 'w.tzdb', '--merge', '市经信局']), /合并须同时给出 --merge <单位名称> 和 --into <单位名称>/);
    expectRefused(run(dir, ['bureaus', 'w.tzdb', '--rename', '市经信局', '--to', '未指定']), /“未指定”表示没有填报单位/);

    expect(ok(run(dir, ['bureaus', 'w.tzdb', '--merge', '市经信局', '--into', '市工业和信息化局', '--operator', '王统计']))).toBe(
      '已将“市经信局”合并到“市工业和信息化局”：1 项指标、1 份报表随之改动，“市工业和信息化局”增加 4 个别名。\n',
    );
    const listed = JSON.parse(ok(run(dir, ['bureaus', 'w.tzdb', '--json']))) as { name: string; aliases: string[]; reporterOf: number; returns: number }[];
    expect(listed.map((b) => b.name)).not.toContain('市经信局');
    expect(listed.find((b) => b.name === '市工业和信息化局')).toMatchObject({ reporterOf: 1, returns: 1, aliases: expect.arrayContaining(['市经信局']) });
    expect(JSON.parse(ok(run(dir, ['returns', 'w.tzdb', '--json'])))[0]).toMatchObject({ bureau: '市工业和信息化局' });
    expect(ok(run(dir, ['audit', 'w.tzdb']))).toMatch(/王统计\t[^\t]*\tmerge_bureaus\t市经信局 → 市工业和信息化局/);

    expect(ok(run(dir, ['undo', 'w.tzdb']))).toBe('已撤销：合并单位（市经信局 → 市工业和信息化局）。\n');
    expect(JSON.parse(ok(run(dir, ['returns', 'w.tzdb', '--json'])))[0]).toMatchObject({ bureau: '市经信局' });
    expectRefused(run(dir, ['undo', 'w.tzdb']), /已经撤销，没有可再撤销的操作/);
  });
});

describe('taizhang assign: no silent overwrite', () => {
  it('refuses to replace an assigned 填报单位 without --overwrite, and takes 未指定', () => {
    const dir = makeTempDir();
    ok(run(dir, ['init', 'w.tzdb', '--schema', 'linyi-2022', '--region', '临沂市']));
    ok(run(dir, ['assign', 'w.tzdb', '--bureau', '市民政局', 'B01', 'B02']));
    expectRefused(run(dir, ['assign', 'w.tzdb', '--bureau', '市卫健委', 'B02', 'B03']), /将覆盖 1 个已指定填报单位的指标（示范性老年友好社区：市民政局）.*请加 --overwrite 重新运行/);
    expect(ok(run(dir, ['assign', 'w.tzdb', '--bureau', '市卫健委', 'B02', 'B03', '--unassigned']))).toBe('B03 登记备案的托育机构数：未指定 → 市卫生健康委\n共 1 项指标。\n');
    expect(ok(run(dir, ['assign', 'w.tzdb', '--bureau', '市卫健委', 'B02', '--overwrite']))).toBe('B02 示范性老年友好社区：市民政局 → 市卫生健康委\n共 1 项指标。\n');
    expect(ok(run(dir, ['assign', 'w.tzdb', '--bureau', '未指定', 'B01', '--overwrite']))).toBe('B01 全市养老服务设施：市民政局 → 未指定\n共 1 项指标。\n');
  });
});

describe('taizhang signoff: reasons', () => {
  it('asks for --note while errors are open and always to reopen', async () => {
    const dir = makeTempDir();
    ok(run(dir, ['init', 'w.tzdb', '--schema', 'linyi-2022', '--region', '临沂市']));
    await makeReturn(dir, '民政局.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '社区养老服务设施覆盖率', unit: '%', value: 130 }] });
    ok(run(dir, ['import', 'w.tzdb', '民政局.xlsx']));
    expectRefused(run(dir, ['signoff', 'w.tzdb', '--year', '2023']), /2023年尚有 1 个错误级核对问题未处理.*（命令行用 --note 注明理由。）/);
    expect(ok(run(dir, ['signoff', 'w.tzdb', '--year', '2023', '--note', '含跨区服务对象，已电话核实']))).toMatch(/2023年已定稿/);
    expectRefused(run(dir, ['signoff', 'w.tzdb', '--year', '2023', '--reopen']), /重新打开已定稿的2023年须说明原因.*（命令行用 --note 注明理由。）/);
    expect(ok(run(dir, ['signoff', 'w.tzdb', '--year', '2023', '--reopen', '--note', '市民政局报来更正']))).toMatch(/2023年已重新打开/);
    const audit = ok(run(dir, ['audit', 'w.tzdb']));
    expect(audit).toMatch(/sign_off_year\t2023年\t含跨区服务对象，已电话核实/);
    expect(audit).toMatch(/reopen_year\t2023年\t市民政局报来更正/);
  });
});
