import { describe, expect, it } from 'vitest';
import { detectReturn } from '../../../shared/import/detect-layout';
import { buildGrid, linyiContext, type SheetSpec } from '../../support/grid-builder';

const table = (name: string, rows: [string, string, number][], state: SheetSpec['state'] = 'visible'): SheetSpec => ({
  name,
  state,
  rows: [['指标名称', '单位', '本年值'], ...rows],
});

describe('detectReturn: which sheets are read', () => {
  it('reads every sheet with a table, and takes year and bureau from a cover sheet', () => {
    const grid = buildGrid('baobiao.xlsx', [
      {
        name: '封面',
        rows: [['临沂市养老托育服务统计报表'], ['报告年度：2023年'], ['填报单位：临沂市民政局'], ['填表人：李明  联系电话：13805390000']],
      },
      table('养老', [['养老床位总数', '张', 5200]]),
      table('托育', [['托位总数', '个', 3100], ['普惠托位数', '个', 1800]]),
    ]);
    const result = detectReturn(grid, linyiContext({ fileName: grid.fileName, defaultYear: 2022 }));
    const p = result.parsed!;
    expect(p.layouts.map((l) => l.sheet)).toEqual(['养老', '托育']);
    expect(p.rows.map((r) => [r.sheet, r.nameCell, r.cells[0]!.year, r.cells[0]!.address])).toEqual([
      ['养老', 'A2', 2023, 'C2'],
      ['托育', 'A2', 2023, 'C2'],
      ['托育', 'A3', 2023, 'C3'],
    ]);
    expect(p.meta).toMatchObject({
      bureau: '临沂市民政局',
      year: 2023,
      title: '临沂市养老托育服务统计报表',
      contactPerson: '李明',
      contactPhone: '13805390000',
    });
    expect(p.skippedSheets).toEqual([{ sheet: '封面', reason: '封面或说明页：只读取填报单位、年份、联系人等信息' }]);
  });

  it('skips a hidden sheet even when it holds a table', () => {
    const grid = buildGrid('2023年民政.xlsx', [
      table('本年', [['养老床位总数', '张', 5200]]),
      table('去年备份', [['养老床位总数', '张', 4900]], 'hidden'),
      table('下拉选项', [['护理型床位占比', '%', 1]], 'veryHidden'),
    ]);
    const p = detectReturn(grid, linyiContext({ fileName: grid.fileName })).parsed!;
    expect(p.rows.map((r) => [r.sheet, r.name])).toEqual([['本年', '养老床位总数']]);
    expect(p.skippedSheets.map((s) => s.sheet)).toEqual(['去年备份', '下拉选项']);
    expect(p.skippedSheets[0]!.reason).toContain('隐藏工作表');
  });

  it('gives a sheet named after a county that county as region', () => {
    const grid = buildGrid('2023年各县区.xlsx', [
      table('兰山区', [['养老床位总数', '张', 1200]]),
      table('罗庄区', [['养老床位总数', '张', 800]]),
    ]);
    const p = detectReturn(grid, linyiContext({ fileName: grid.fileName })).parsed!;
    expect(p.layouts.map((l) => l.region)).toEqual(['兰山区', '罗庄区']);
    expect(p.rows.map((r) => `${r.cells[0]!.region}@${r.sheet}!${r.cells[0]!.address}`)).toEqual(['兰山区@兰山区!C2', '罗庄区@罗庄区!C2']);
    expect(p.meta.region).toBe('临沂市');
  });

  it('reports a sheet without a table with what it found', () => {
    const rows: (string | number)[][] = [['关于2023年养老工作的说明'], ['全市养老服务总体平稳'], ['主要数据如下']];
    for (let i = 0; i < 8; i++) rows.push([1000 + i, 20 + i, 30 + i]);
    const grid = buildGrid('说明材料.xlsx', [{ name: 'Sheet1', rows }]);
    const result = detectReturn(grid, linyiContext({ fileName: grid.fileName }));
    expect(result.parsed).toBeNull();
    expect(result.confidence).toBe(0);
    expect(result.problems).toEqual([
      {
        sheet: 'Sheet1',
        message:
          '工作表“Sheet1”中未找到含“指标名称”“地区”或年份的表头行；第 1–3 行为文字（“关于2023年养老工作的说明”），第 4–11 行为含数字的行（“1000 20 30”）',
        remedy: 'layout',
      },
    ]);
  });

  it('reports a header without figure columns', () => {
    const grid = buildGrid('x.xlsx', [{ rows: [['指标名称', '单位', '牵头单位'], ['养老床位总数', '张', '市民政局']] }]);
    const result = detectReturn(grid, linyiContext({ fileName: grid.fileName }));
    expect(result.parsed).toBeNull();
    expect(result.problems[0]).toMatchObject({ sheet: 'Sheet1', cell: 'A1' });
    expect(result.problems[0]!.message).toContain('未找到年份或数值列');
  });

  it('still reads the tabled sheet when another one is unreadable', () => {
    const junk: (string | number)[][] = [];
    for (let i = 0; i < 12; i++) junk.push([i, i * 2, i * 3]);
    const grid = buildGrid('2023年.xlsx', [table('数据', [['养老床位总数', '张', 5200]]), { name: '草稿', rows: junk }]);
    const result = detectReturn(grid, linyiContext({ fileName: grid.fileName }));
    expect(result.parsed!.rows).toHaveLength(1);
    expect(result.problems.map((p) => p.sheet)).toContain('草稿');
  });
});
