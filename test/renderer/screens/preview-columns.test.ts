import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/api/contract';
import { buildOverride, initialChoices, previewProblems, withRole } from '../../../renderer/screens/import/preview-columns';

/** 市人力资源社会保障局's sheet as the preview shows it: 项目 / 计量 (unread) / 2023年. */
function preview(columns: ImportPreview['sheets'][number]['columns'], year: number | null = 2023): ImportPreview {
  return {
    previewId: 'p',
    file: '人社局2023年报表.xlsx',
    bureau: '市人力资源社会保障局',
    region: '临沂市',
    year,
    meta: { bureau: null, region: null, year, title: null, contactPerson: null, contactPhone: null, reviewer: null, tableUnit: null },
    template: false,
    sheets: [{ sheet: 'Sheet1', headerRows: [2], firstDataRow: 3, columns, sample: [['项目', '计量', '2023年']], sampleTop: 2 }],
    skippedSheets: [],
    problems: [],
    layout: null,
    confident: false,
    unsettled: [],
  };
}

const socialSecurity = preview([
  { col: 0, role: 'name', year: null, region: null, header: '项目' },
  { col: 1, role: 'ignore', year: null, region: null, header: '计量' },
  { col: 2, role: 'value', year: 2023, region: null, header: '2023年' },
]);

describe('the import preview asks for the year once', () => {
  it('lets the one 完成值 column take the year from 年度, and sends it with that year', () => {
    const choices = initialChoices(socialSecurity.sheets[0]!, 2023);
    expect(choices.map((c) => [c.role, c.followsYear])).toEqual([['name', false], ['ignore', false], ['value', true]]);
    // The officer corrects 年度 to 2024: the value column follows, with no year of its own to fix.
    const layout = buildOverride(socialSecurity, [choices], 2024);
    expect(layout.sheets[0]!.columns!.find((c) => c.col === 2)).toMatchObject({ role: 'value', year: 2024, yearOffset: 0 });
  });

  it('gives each column its own year once a second 完成值 column is chosen, keeping the year it stood for', () => {
    const choices = withRole(initialChoices(socialSecurity.sheets[0]!, 2023), 1, 'value', 2023);
    expect(choices.map((c) => [c.role, c.followsYear, c.year])).toEqual([['name', false, null], ['value', false, 2023], ['value', false, 2023]]);
    // Back to one value column: it follows 年度 again.
    const back = withRole(choices, 1, 'unit', 2023);
    expect(back.map((c) => [c.role, c.followsYear])).toEqual([['name', false], ['unit', false], ['value', true]]);
  });

  it('keeps a column dated otherwise than the file on its own year', () => {
    const earlier = preview([
      { col: 0, role: 'name', year: null, region: null, header: '指标' },
      { col: 1, role: 'value', year: 2022, region: null, header: '2022年完成值' },
    ]);
    expect(initialChoices(earlier.sheets[0]!, 2023).find((c) => c.col === 1)).toMatchObject({ role: 'value', year: 2022, followsYear: false });
  });
});

describe('why 导入 cannot be pressed', () => {
  it('names the first thing missing, a signed-off year with how to reopen it', () => {
    const choices = [initialChoices(socialSecurity.sheets[0]!, 2023)];
    expect(previewProblems({ preview: socialSecurity, choices, bureau: '市人力资源社会保障局', region: '临沂市', year: '2023', signedOffYears: [] })).toEqual([]);
    expect(previewProblems({ preview: socialSecurity, choices, bureau: '市人力资源社会保障局', region: '临沂市', year: '2023', signedOffYears: [2023] })).toEqual([
      '2023年已定稿，不能导入。请改填年度，或先在“定稿与导出”中重新打开该年度。',
    ]);
    expect(previewProblems({ preview: socialSecurity, choices, bureau: '', region: '临沂市', year: '23', signedOffYears: [] })).toEqual(['请填写填报单位。', '请填写四位数的年度，如 2023。']);
  });

  it('takes a 年份 column as what labels the rows and dates the figures', () => {
    const series = preview([
      { col: 0, role: 'year', year: null, region: null, header: '年份' },
      { col: 1, role: 'value', year: null, region: null, header: '客运量总计' },
      { col: 2, role: 'value', year: null, region: null, header: '铁路' },
    ]);
    const choices = [initialChoices(series.sheets[0]!, 2019)];
    expect(previewProblems({ preview: series, choices, bureau: '市交通运输局', region: '临沂市', year: '2019', signedOffYears: [] })).toEqual([]);
    const undated = [withRole(choices[0]!, 0, 'ignore', 2019)];
    expect(previewProblems({ preview: series, choices: undated, bureau: '市交通运输局', region: '临沂市', year: '2019', signedOffYears: [] })).toEqual([
      '工作表“Sheet1”中请指定“指标名称”“地区”或“年份”列。',
      '工作表“Sheet1”中请为数值列填写年份。',
    ]);
  });

  it('speaks the app’s words, never a command-line flag', () => {
    const empty = { ...socialSecurity, sheets: [] };
    const all = previewProblems({ preview: empty, choices: [], bureau: '', region: '', year: '', signedOffYears: [] });
    expect(all).toContain('请选择地区。');
    expect(all[0]).toContain('文件中未找到可读取的表格');
    expect(all.join('')).not.toMatch(/--|命令行/);
  });
});
