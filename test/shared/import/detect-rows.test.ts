import { describe, expect, it } from 'vitest';
import { detectReturn } from '../../../shared/import/detect-layout';
import { buildGrid, linyiContext } from '../../support/grid-builder';

// 指标名称 merged over two columns: a category merged down on the left, the names on the right,
// and indicators without a category written across both (LibreOffice/Excel "merge across").
const HEADER = ['序号', '指标名称', null, '2022年', '2023年'];
const BODY = [
  [1, '医养结合', '养老机构医养结合服务覆盖率', 92, 96.5],
  [2, null, '特殊困难老年人月探访率', 100, 100],
  [3, '人均预期寿命（岁）', null, 79.1, 79.35],
  [4, '每千人口托位数（个）', null, 2.1, 2.6],
];

const rowsOf = (grid: ReturnType<typeof buildGrid>) =>
  detectReturn(grid, linyiContext({ fileName: grid.fileName })).parsed!.rows.map((r) => [r.name, r.nameCell, r.unit, r.category, r.cells.map((c) => c.address).join(' ')]);

describe('readRows: names under a 指标名称 header merged over two columns', () => {
  it('reads the names merged across from the category column, and the category merged down', () => {
    const grid = buildGrid('医养结合.xlsx', [{ rows: [HEADER, ...BODY], merges: ['B1:C1', 'B2:B3', 'B4:C4', 'B5:C5'] }]);
    expect(rowsOf(grid)).toEqual([
      ['养老机构医养结合服务覆盖率', 'C2', null, '医养结合', 'D2 E2'],
      ['特殊困难老年人月探访率', 'C3', null, '医养结合', 'D3 E3'],
      ['人均预期寿命（岁）', 'B4', '岁', null, 'D4 E4'],
      ['每千人口托位数（个）', 'B5', '个', null, 'D5 E5'],
    ]);
  });

  it('reads the same table saved without merges (CSV): a name left of a blank name cell, beside figures', () => {
    const grid = buildGrid('医养结合.csv', [{ rows: [HEADER, ...BODY] }], 'csv');
    expect(rowsOf(grid)).toEqual([
      ['养老机构医养结合服务覆盖率', 'C2', null, '医养结合', 'D2 E2'],
      ['特殊困难老年人月探访率', 'C3', null, '医养结合', 'D3 E3'],
      ['人均预期寿命（岁）', 'B4', '岁', null, 'D4 E4'],
      ['每千人口托位数（个）', 'B5', '个', null, 'D5 E5'],
    ]);
  });

  it('still takes a category written alone on its row, without figures, as no indicator', () => {
    const grid = buildGrid('分类.xlsx', [
      {
        rows: [HEADER, [null, '养老服务', null, null, null], [1, null, '全市养老服务设施', 980, 1012], [2, null, '示范性老年友好社区', 3, 8]],
        merges: ['B1:C1'],
      },
    ]);
    expect(rowsOf(grid).map((r) => [r[0], r[3]])).toEqual([
      ['全市养老服务设施', '养老服务'],
      ['示范性老年友好社区', '养老服务'],
    ]);
  });
});
