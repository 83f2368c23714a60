import { describe, expect, it } from 'vitest';
import { detectReturn } from '../../../shared/import/detect-layout';
import { readTemplateKey, TEMPLATE_KEY_SHEET, TEMPLATE_KEYS } from '../../../shared/import/template-key';
import { buildGrid, linyiContext, type CellInput, type SheetSpec } from '../../support/grid-builder';

function keySheet(rows: CellInput[][]): SheetSpec {
  return { name: TEMPLATE_KEY_SHEET, state: 'veryHidden', rows };
}

const dataSheet: SheetSpec = {
  name: '填报表',
  hiddenCols: ['A'],
  rows: [
    ['指标编码', '指标名称', '单位', '基期值', '目标值', '2024年完成值'],
    ['YL03', '护理型床位占比', '%', 45, 55, 58.1],
    ['YL01', '养老床位总数', '张', 4800, 6000, 5300],
  ],
};

describe('template key', () => {
  it('reads the key sheet and matches rows by their code column', () => {
    const grid = buildGrid('市民政局-2024年-填报模板.xlsx', [
      dataSheet,
      keySheet([
        [TEMPLATE_KEYS.workbookId, 'wb-7f3a'],
        [TEMPLATE_KEYS.schemaHash, 'c0ffee12'],
        [TEMPLATE_KEYS.bureau, '市民政局'],
        [TEMPLATE_KEYS.region, '临沂市'],
        [TEMPLATE_KEYS.year, '2024'],
        [TEMPLATE_KEYS.formatVersion, '1'],
      ]),
    ]);
    const key = { workbookId: 'wb-7f3a', schemaHash: 'c0ffee12', bureau: '市民政局', region: '临沂市', year: 2024, formatVersion: 1 };
    expect(readTemplateKey(grid)).toEqual(key);
    const p = detectReturn(grid, linyiContext({ fileName: grid.fileName })).parsed!;
    expect(p.templateKey).toEqual(key);
    expect(p.rows.map((r) => [r.code, r.name, r.nameCell])).toEqual([
      ['YL03', '护理型床位占比', 'B2'],
      ['YL01', '养老床位总数', 'B3'],
    ]);
    expect(p.meta).toMatchObject({ bureau: '市民政局', region: '临沂市', year: 2024 });
    expect(p.skippedSheets.map((s) => s.sheet)).toEqual([TEMPLATE_KEY_SHEET]);
  });

  it('reads a key re-saved by another program: keys re-ordered, year as a number, no version', () => {
    const grid = buildGrid('t.xlsx', [
      dataSheet,
      keySheet([[TEMPLATE_KEYS.year, 2024], [TEMPLATE_KEYS.bureau, '市民政局'], [TEMPLATE_KEYS.workbookId, 'wb-7f3a'], ['extra_key', 'x']]),
    ]);
    expect(readTemplateKey(grid)).toEqual({ workbookId: 'wb-7f3a', schemaHash: '', bureau: '市民政局', region: '', year: 2024, formatVersion: 1 });
  });

  it('is null for a file that is not a template or whose key lacks a workbook id', () => {
    expect(readTemplateKey(buildGrid('a.xlsx', [dataSheet]))).toBeNull();
    expect(readTemplateKey(buildGrid('a.xlsx', [dataSheet, keySheet([[TEMPLATE_KEYS.bureau, '市民政局'], [TEMPLATE_KEYS.year, '2024']])]))).toBeNull();
  });
});
