import { describe, expect, it } from 'vitest';
import { detectReturn } from '../../../shared/import/detect-layout';
import { applyLayoutOverride, overrideFromLayouts, rememberOverride, type LayoutOverride } from '../../../shared/import/layout-override';
import type { ParsedReturn } from '../../../shared/import/parsed-return';
import { buildGrid, linyiContext, type CellInput } from '../../support/grid-builder';

const summary = (p: ParsedReturn) =>
  p.rows.map((r) => [r.name, r.unit, ...r.cells.map((c) => `${c.role}:${c.year}@${c.address}`)]);

/** A bureau's own sheet whose header the detector cannot read: 事项 | 计量单位 | 全年数 | 去年数. */
function bureauFile(year: number, titleRows: CellInput[][], extraRows: CellInput[][] = []) {
  const rows: CellInput[][] = [
    ...titleRows,
    ['事项', '计量单位', '全年数', '去年数'],
    ['养老床位总数', '张', 5200, 4900],
    ['护理型床位占比', '%', 56, 51],
    ...extraRows,
    ['填表人：周敏'],
  ];
  return buildGrid(`民政报送${year}.xlsx`, [{ name: '报送表', rows }]);
}

describe('layout override', () => {
  const first = bureauFile(2023, [['2023年度养老服务数据报送']]);
  const ctx = (fileName: string) => linyiContext({ fileName });

  // The officer's correction, as the preview screen sends it.
  const correction: LayoutOverride = JSON.parse(
    JSON.stringify({
      version: 1,
      fileYear: 2023,
      meta: { bureau: '市民政局' },
      sheets: [
        {
          sheet: '报送表',
          headerRows: [1],
          firstDataRow: 2,
          columns: [
            { col: 0, header: '事项', role: 'name', year: null, yearOffset: null, region: null },
            { col: 2, header: '全年数', role: 'value', year: 2023, yearOffset: 0, region: null },
            { col: 3, header: '去年数', role: 'previous', year: 2022, yearOffset: -1, region: null },
          ],
        },
      ],
    }),
  );

  it('leaves the file unread without a correction', () => {
    expect(detectReturn(first, ctx(first.fileName)).parsed).toBeNull();
  });

  it('applies the correction: header row, column roles and years, bureau', () => {
    const result = applyLayoutOverride(first, correction, ctx(first.fileName));
    const p = result.parsed!;
    expect(p.meta).toMatchObject({ bureau: '市民政局', year: 2023, contactPerson: '周敏' });
    expect(p.layouts[0]).toMatchObject({ headerRows: [1], firstDataRow: 2, lastDataRow: 3 });
    expect(summary(p)).toEqual([
      ['养老床位总数', '张', 'value:2023@C3', 'previous:2022@D3'],
      ['护理型床位占比', '%', 'value:2023@C4', 'previous:2022@D4'],
    ]);
  });

  it("re-applies the remembered correction to next year's file with a title row more and a row more", () => {
    const remembered: LayoutOverride = JSON.parse(JSON.stringify(rememberOverride(correction)));
    expect(remembered.meta).toEqual({ bureau: '市民政局' });
    const next = bureauFile(2024, [['2024年度养老服务数据报送'], ['单位：见各行']], [['特殊困难老年人月探访率', '%', 100, 98]]);
    const p = applyLayoutOverride(next, remembered, ctx(next.fileName)).parsed!;
    expect(p.meta).toMatchObject({ bureau: '市民政局', year: 2024 });
    expect(p.layouts[0]).toMatchObject({ headerRows: [2], firstDataRow: 3, lastDataRow: 5 });
    expect(summary(p)).toEqual([
      ['养老床位总数', '张', 'value:2024@C4', 'previous:2023@D4'],
      ['护理型床位占比', '%', 'value:2024@C5', 'previous:2023@D5'],
      ['特殊困难老年人月探访率', '%', 'value:2024@C6', 'previous:2023@D6'],
    ]);
  });

  it('follows year headers one year on: a correction on 2022年完成值 applies to 2023年完成值 next year', () => {
    const fileFor = (y: number) =>
      buildGrid(`卫健委${y}年.xlsx`, [
        {
          rows: [
            ['指标名称', '单位', '2020年基期值', `${y - 1}年完成值`, `${y}年完成值`],
            ['每千人口拥有3岁以下婴幼儿托位数', '个', 1.6, 2.8, 3.4],
          ],
        },
      ]);
    const detected = detectReturn(fileFor(2023), ctx('卫健委2023年.xlsx')).parsed!;
    // The officer marks last year's column as 上年值 (a restatement, not a 2022 figure).
    const corrected: ParsedReturn = {
      ...detected,
      layouts: detected.layouts.map((l) => ({
        ...l,
        columns: l.columns.map((c) => (c.header === '2022年完成值' ? { ...c, role: 'previous' as const } : c)),
      })),
    };
    const remembered = JSON.parse(JSON.stringify(rememberOverride(overrideFromLayouts(corrected)))) as LayoutOverride;
    const p = applyLayoutOverride(fileFor(2024), remembered, ctx('卫健委2024年.xlsx')).parsed!;
    expect(p.layouts[0]!.columns.map((c) => [c.header, c.role, c.year])).toEqual([
      ['指标名称', 'name', null],
      ['单位', 'unit', null],
      ['2020年基期值', 'baseline', 2020],
      ['2023年完成值', 'previous', 2023],
      ['2024年完成值', 'value', 2024],
    ]);
    expect(summary(p)).toEqual([['每千人口拥有3岁以下婴幼儿托位数', '个', 'baseline:2020@C2', 'previous:2023@D2', 'value:2024@E2']]);
  });

  it('overrides the year, region and a skipped sheet, and notes a column it cannot find', () => {
    const grid = buildGrid('x.xlsx', [
      { name: '数据', rows: [['指标名称', '单位', '本年值'], ['养老床位总数', '张', 5200]] },
      { name: '附表', rows: [['指标名称', '单位', '本年值'], ['托位总数', '个', 3100]] },
    ]);
    const override: LayoutOverride = {
      version: 1,
      fileYear: 2023,
      meta: { year: 2023, region: '沂南县' },
      sheets: [
        { sheet: '附表', read: false },
        { sheet: '数据', columns: [{ col: 5, header: '目标值', role: 'target', year: 2025, yearOffset: null, region: null }] },
      ],
    };
    const result = applyLayoutOverride(grid, override, ctx('x.xlsx'));
    const p = result.parsed!;
    expect(p.meta).toMatchObject({ year: 2023, region: '沂南县' });
    expect(summary(p)).toEqual([['养老床位总数', '张', 'value:2023@C2']]);
    expect(p.skippedSheets).toEqual([{ sheet: '附表', reason: '按更正设置不读取此表' }]);
    expect(result.problems.map((q) => q.message)).toContain(
      '工作表“数据”中未找到表头为“目标值”的列，此前对该列的更正（target）未应用，请在预览中核对。',
    );
  });

  it('reproduces the detection when its own layouts are applied back', () => {
    const grid = buildGrid('民政2023年.xlsx', [
      { rows: [['序号', '指标名称', '单位', '基期值', '本年值'], [1, '养老床位总数', '张', 4800, 5200]] },
    ]);
    const detected = detectReturn(grid, ctx(grid.fileName)).parsed!;
    const again = applyLayoutOverride(grid, overrideFromLayouts(detected), ctx(grid.fileName)).parsed!;
    expect(again.rows).toEqual(detected.rows);
    expect(again.layouts).toEqual(detected.layouts);
  });
});
