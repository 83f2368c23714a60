import { describe, expect, it } from 'vitest';
import { detectReturn } from '../../../shared/import/detect-layout';
import { readMetaPairs } from '../../../shared/import/return-meta';
import { statedYear } from '../../../shared/import/year-words';
import { buildGrid, linyiContext, type CellInput } from '../../support/grid-builder';

const body: CellInput[][] = [['指标名称', '单位', '本年值'], ['养老床位总数', '张', 5200]];

function metaOf(fileName: string, rows: CellInput[][], over = {}) {
  const grid = buildGrid(fileName, [{ rows }]);
  return detectReturn(grid, linyiContext({ fileName, ...over })).parsed!.meta;
}

describe('return meta', () => {
  it('takes the bureau from a 填报单位 line below the table, the region from the bureau', () => {
    const meta = metaOf('2023.xlsx', [...body, [], ['填报单位（盖章）：', '兰山区民政局'], ['审核人：赵刚', null, '填报人：孙芳']]);
    expect(meta).toMatchObject({ bureau: '兰山区民政局', region: '兰山区', reviewer: '赵刚', contactPerson: '孙芳', year: 2023 });
  });

  it('takes the bureau from the title, else from the file name', () => {
    expect(metaOf('a.xlsx', [['市卫健委2023年托育服务指标'], ...body]).bureau).toBe('市卫健委');
    expect(metaOf('临沂市民政局_2023.xlsx', body)).toMatchObject({ bureau: '临沂市民政局', region: '临沂市', year: 2023 });
  });

  it('tells 单位：万人 (the table unit) from 单位：市民政局 (the bureau)', () => {
    expect(metaOf('2023.xlsx', [['单位：市民政局', null, '单位：万人'], ...body])).toMatchObject({ bureau: '市民政局', tableUnit: '万人' });
  });

  it('uses the default year only when the file states none', () => {
    expect(metaOf('民政.xlsx', body, { defaultYear: 2022 }).year).toBe(2022);
    expect(metaOf('民政2023年.xlsx', body, { defaultYear: 2022 }).year).toBe(2023);
    expect(metaOf('民政.xlsx', [['2024年度养老指标'], ...body], { defaultYear: 2022 }).year).toBe(2024);
  });

  it('reports a file with no year and no bureau, and defaults the region', () => {
    const grid = buildGrid('x.xlsx', [{ rows: body }]);
    const result = detectReturn(grid, linyiContext({ fileName: 'x.xlsx' }));
    expect(result.parsed!.meta).toMatchObject({ year: null, bureau: null, region: '临沂市' });
    expect(result.problems.map((p) => p.message)).toEqual([
      '未能确定“x.xlsx”的年份：标题、封面和文件名中都没有写明年份。',
      '未能确定“x.xlsx”的填报单位：文件中没有“填报单位”行，标题和文件名中也没有已知单位名称。',
    ]);
    expect(result.parsed!.rows[0]!.cells[0]!.year).toBeNull();
    expect(result.confidence).toBeLessThanOrEqual(0.4);
  });
});

describe('year words and meta lines', () => {
  it('reads the year a title states, not a plan period or a filling date', () => {
    expect(statedYear('临沂市“十四五”养老服务体系规划指标（2021-2025年）')).toBeNull();
    expect(statedYear('2023年度养老服务指标完成情况')).toBe(2023);
    expect(statedYear('填报日期：2024年1月15日')).toBeNull();
    expect(statedYear('2023年完成情况（2020年为基期）')).toBe(2023);
  });

  it('splits a line into key/value pairs', () => {
    expect(readMetaPairs('填表人：张丽    联系电话：0539-8123456   审核人：__________')).toEqual([
      { key: 'contactPerson', label: '填表人', value: '张丽' },
      { key: 'contactPhone', label: '联系电话', value: '0539-8123456' },
    ]);
  });
});
