import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePastedIndicatorTable, type PastedIndicatorRow } from '../../../shared/schema/parse-pasted-table';
import { LINYI_EXPECTED, type ExpectedLinyiRow } from '../../fixtures/seeds/001-linyi-expected';

const SEED_TABLE = readFileSync(new URL('../../fixtures/seeds/001-linyi-table.txt', import.meta.url), 'utf8');
const FOOTNOTE = '注:“-”为无2020年基础数据或该指标无统计';

/** (b) The seed's text as a full-width input method types it: （）：，％, ideographic spaces, full-width digits. */
function fullWidthVariant(text: string): string {
  const toFullWidth = (ch: string): string => String.fromCharCode(ch.charCodeAt(0) + 0xfee0);
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/(\d)(\d{3})(?=\s|$)/g, '$1，$2')
        .replace(/[()%:0-9]/g, toFullWidth)
        .replace(/ /g, '\u3000'),
    )
    .join('\n');
}

/** (c) A Word/WPS table copied as text: one row per line, cells by tab, merged cells empty. */
function tabVariant(rows: ExpectedLinyiRow[], options: { dropLeadingEmpties: boolean }): string {
  const lines = ['临沂市养老托育服务具体指标', '', '指标\t\t\t2020年\t2025年'];
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    const newArea = previous?.area !== row.area;
    const newCategory = newArea || previous?.category !== row.category;
    const lead = [newArea ? row.area : '', newCategory && !newArea ? row.category : newArea ? row.category : ''];
    const cells = [`${row.name}(${row.unit})`, row.baseline, row.target];
    const leading = options.dropLeadingEmpties && !newArea && !newCategory ? [] : lead;
    lines.push([...leading, ...cells].join('\t'));
  });
  lines.push(FOOTNOTE);
  return lines.join('\r\n');
}

/** (d) A PDF table copied as text: every cell on its own line, with a page break in the middle. */
function pdfVariant(rows: ExpectedLinyiRow[]): string {
  const lines = ['临沂市养老托育服务具体指标', '指 标', '2020年', '2025年'];
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (index === 16) lines.push('— 12 —', '指 标', '2020年', '2025年');
    if (previous?.area !== row.area) lines.push(row.area);
    if (row.category !== '' && (previous?.area !== row.area || previous.category !== row.category)) lines.push(row.category);
    // PDF text extraction breaks a name from its unit where the document prints a space.
    if (row.name === '乡镇区域性综合养老服务中心覆盖率') lines.push(row.name, `(${row.unit})`);
    else lines.push(`${row.name}(${row.unit})`);
    lines.push(row.baseline, row.target);
  });
  lines.push('', FOOTNOTE);
  return lines.join('\n');
}

function expectLinyiRows(rows: PastedIndicatorRow[]): void {
  expect(rows).toHaveLength(31);
  rows.forEach((row, index) => {
    const expected = LINYI_EXPECTED[index] as ExpectedLinyiRow;
    expect({
      area: row.area,
      category: row.category,
      name: row.name,
      unit: row.unit,
      baselineValue: row.baselineValue,
      targetValue: row.targetValue,
      targetOp: row.targetOp,
      targetText: row.targetText,
      decimals: row.decimals,
    }).toEqual({
      area: expected.area,
      category: expected.category,
      name: expected.name,
      unit: expected.unit,
      baselineValue: expected.baselineValue,
      targetValue: expected.targetValue,
      targetOp: expected.targetOp,
      targetText: null,
      decimals: expected.decimals,
    });
  });
}

describe('parsePastedIndicatorTable on 临沂市养老托育服务具体指标', () => {
  it('(a) reads the table as the seed prints it', () => {
    const table = parsePastedIndicatorTable(SEED_TABLE);
    expect(table.problems).toEqual([]);
    expect([table.baseYear, table.targetYear]).toEqual([2020, 2025]);
    expect(table.title).toBe('临沂市养老托育服务具体指标');
    expect(table.footnotes).toEqual([FOOTNOTE]);
    expectLinyiRows(table.rows);
  });

  it('(a) keeps the printed cells and the line of each name', () => {
    const table = parsePastedIndicatorTable(SEED_TABLE);
    const lines = SEED_TABLE.split('\n');
    for (const row of table.rows) expect(lines[row.line - 1]).toContain(row.name);
    const byName = new Map(table.rows.map((row) => [row.name, row]));
    expect(byName.get('乡镇区域性综合养老服务中心覆盖率')).toMatchObject({ baselineText: '--', targetRaw: '≥60' });
    expect(byName.get('人均预期寿命')).toMatchObject({ baselineText: '77.90', targetRaw: '78.40', decimals: 2 });
  });

  it('(b) reads it with full-width punctuation, digits and spaces', () => {
    const text = fullWidthVariant(SEED_TABLE);
    expect(text).toContain('基本养老保险参保率（％）\u3000９３.５');
    expect(text).toContain('４，５００');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toEqual([]);
    expect([table.baseYear, table.targetYear]).toEqual([2020, 2025]);
    expectLinyiRows(table.rows);
  });

  it('(c) reads it tab-separated as copied from Word/WPS, with merged cells left empty', () => {
    const text = tabVariant(LINYI_EXPECTED, { dropLeadingEmpties: false });
    expect(text).toContain('社会保障情况\t\t基本养老保险参保率(%)\t93.5\t95');
    expect(text).toContain('\t托育\t登记备案的托育机构数(处)\t0\t100');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toEqual([]);
    expectLinyiRows(table.rows);
  });

  it('(c) reads it tab-separated when continuation rows lack their empty leading cells', () => {
    const text = tabVariant(LINYI_EXPECTED, { dropLeadingEmpties: true });
    expect(text).toContain('\r\n长期护理保险参保率(%)\t13\t50\r\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toEqual([]);
    expectLinyiRows(table.rows);
  });

  it('(d) regroups one cell per line, as copied from a PDF, across a page break', () => {
    const text = pdfVariant(LINYI_EXPECTED);
    expect(text.split('\n')).toContain('(%)');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toEqual([]);
    expect([table.baseYear, table.targetYear]).toEqual([2020, 2025]);
    expectLinyiRows(table.rows);
  });
});

describe('parsePastedIndicatorTable on other shapes', () => {
  it('reads a 属性 column and the comparators written as words', () => {
    const text = [
      '表1 “十四五”养老服务发展主要指标',
      '类别 指 标 2020年 2025年 属性',
      '养老服务 养老机构床位数(张) 25000 30000以上 预期性',
      '护理型床位占比(%) 41.2 不低于55 约束性',
      '健康养老 婴儿死亡率(‰) 3.5 ≤4 约束性',
      '孕产妇死亡率(1/10万) 9.8 12以下 约束性',
      '基本养老保险参保率(%) 93.5 持续提高 预期性',
      '长期护理保险参保人数(万人) -- 全覆盖 预期性',
    ].join('\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toEqual([]);
    expect(table.rows.map((row) => [row.area, row.category, row.name, row.unit, row.targetValue, row.targetOp, row.targetText, row.attribute])).toEqual([
      ['养老服务', '', '养老机构床位数', '张', 30000, '>=', null, '预期性'],
      ['养老服务', '', '护理型床位占比', '%', 55, '>=', null, '约束性'],
      ['健康养老', '', '婴儿死亡率', '‰', 4, '<=', null, '约束性'],
      ['健康养老', '', '孕产妇死亡率', '1/10万', 12, '<=', null, '约束性'],
      ['健康养老', '', '基本养老保险参保率', '%', null, null, '持续提高', '预期性'],
      ['健康养老', '', '长期护理保险参保人数', '万人', null, null, '全覆盖', '预期性'],
    ]);
    expect(table.rows[0]?.baselineValue).toBe(25000);
    expect(table.rows[5]?.baselineValue).toBeNull();
  });

  it('reads a Word table with 序号, 单位 and 属性 columns and a blank baseline cell', () => {
    const text = [
      '序号\t领域\t指标名称\t单位\t2020年\t2025年\t属性',
      '1\t民生福祉\t城镇调查失业率\t%\t5.2\t<=5.5\t预期性',
      '2\t\t人均预期寿命\t岁\t\t79\t预期性',
      '3\t\t每千人口拥有3岁以下婴幼儿托位数\t个\t1.2\t4.5\t预期性',
    ].join('\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toEqual([]);
    expect(table.rows.map((row) => [row.area, row.name, row.unit, row.baselineValue, row.baselineText, row.targetValue, row.targetOp, row.attribute])).toEqual([
      ['民生福祉', '城镇调查失业率', '%', 5.2, '5.2', 5.5, '<=', '预期性'],
      ['民生福祉', '人均预期寿命', '岁', null, '', 79, null, '预期性'],
      ['民生福祉', '每千人口拥有3岁以下婴幼儿托位数', '个', 1.2, '1.2', 4.5, null, '预期性'],
    ]);
  });

  it('joins comparators and units that spaces split off', () => {
    const text = ['指标 2020年 2025年', '社区养老服务设施覆盖率 ( % ) 71 ≥ 90', '养老服务设施(处) 971 1000 以上'].join('\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toEqual([]);
    expect(table.rows.map((row) => [row.name, row.unit, row.targetValue, row.targetOp])).toEqual([
      ['社区养老服务设施覆盖率', '%', 90, '>='],
      ['养老服务设施', '处', 1000, '>='],
    ]);
  });

  it('takes the years from the options when the header is missing', () => {
    const table = parsePastedIndicatorTable('托位总数(万个) 0.6 5\n每千人口托位数(人) 0.6 4.6', { baseYear: 2020, targetYear: 2025 });
    expect(table.problems).toEqual([]);
    expect([table.baseYear, table.targetYear]).toEqual([2020, 2025]);
    expect(table.rows.map((row) => row.name)).toEqual(['托位总数', '每千人口托位数']);
  });

  it('reports a missing header when no years are given', () => {
    const table = parsePastedIndicatorTable('托位总数(万个) 0.6 5');
    expect([table.baseYear, table.targetYear]).toEqual([null, null]);
    expect(table.problems).toHaveLength(1);
    expect(table.problems[0]?.reason).toContain('表头');
  });

  it('reads a table with a third year column by the years asked for', () => {
    const text = ['指标 2020年 2022年 2025年', '托位总数(万个) 0.6 2.1 5'].join('\n');
    const table = parsePastedIndicatorTable(text, { baseYear: 2022 });
    expect(table.baseYear).toBe(2022);
    expect(table.rows[0]).toMatchObject({ baselineValue: 2.1, targetValue: 5, decimals: 1 });
  });
});

describe('parsePastedIndicatorTable problems', () => {
  const header = '指 标 2020年 2025年';

  it('reports rows it cannot read, line by line, and keeps the others', () => {
    const text = [
      header,
      '社会保障情况 基本养老保险参保率(%) 93.5 95',
      '长期护理保险参保率(%) 13',
      '服务资源总量 养老 全市养老服务设施(处) 971 >1000',
      '示范性老年友好社区(个) 0 20 30',
      '托位总数(万个) 0.6 5万',
      '社区托育服务覆盖率(%) 15 50',
    ].join('\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems.map((problem) => problem.line)).toEqual([3, 5]);
    expect(table.problems[0]?.text).toBe('长期护理保险参保率(%) 13');
    expect(table.problems[0]?.reason).toContain('1个数值');
    expect(table.problems[1]?.reason).toContain('3个数值');
    // Rows that were read keep the group their unread neighbours opened. ">1000" and "5万" are
    // read as a return would read them: ≥1000, and 5 万个 under an indicator kept in 万个.
    expect(table.rows.map((row) => [row.area, row.category, row.name, row.targetValue, row.targetOp])).toEqual([
      ['社会保障情况', '', '基本养老保险参保率', 95, null],
      ['服务资源总量', '养老', '全市养老服务设施', 1000, '>='],
      ['服务资源总量', '养老', '托位总数', 5, null],
      ['服务资源总量', '养老', '社区托育服务覆盖率', 50, null],
    ]);
  });

  it('reads a figure with its own unit in the indicator\'s unit, and refuses one that cannot be converted', () => {
    const text = [header, '托育 托位数(个) 6000 2.8万', '每千人口托位数(个) 0.6 ≥ 4.6', '护理型床位占比(%) 45 60万'].join('\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.rows.map((row) => [row.name, row.baselineValue, row.targetValue, row.targetOp])).toEqual([
      ['托位数', 6000, 28000, null],
      ['每千人口托位数', 0.6, 4.6, '>='],
    ]);
    expect(table.problems).toHaveLength(1);
    expect(table.problems[0]).toMatchObject({ line: 4 });
    expect(table.problems[0]?.reason).toContain('单位');
  });

  it('reports a name that lost its figures in a one-cell-per-line paste', () => {
    const text = [header, '托育', '托位总数(万个)', '每千人口托位数(人)', '0.6', '4.6'].join('\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toHaveLength(1);
    expect(table.problems[0]).toMatchObject({ line: 3, text: '托位总数(万个)' });
    expect(table.rows.map((row) => [row.area, row.name])).toEqual([['托育', '每千人口托位数']]);
  });

  it('reports figures without a name and text without figures', () => {
    const text = [header, '93.5 95', '基本养老保险参保率(%) 93.5 95', '合计'].join('\n');
    const table = parsePastedIndicatorTable(text);
    // Each bad line once: both figures of line 2 in one report.
    expect(table.problems.map((problem) => problem.line)).toEqual([2, 4]);
    expect(table.problems[0]?.reason).toBe('数值“93.5”、“95”前面没有指标名称，无法确定是哪个指标的数值');
    expect(table.rows).toHaveLength(1);
  });

  it('names a figure written in words once, as what is wrong with its line', () => {
    const text = [header, '基本养老保险参保率(%) 93.5 95', '社区日间照料机构覆盖率(%) 七十 90', '长期护理保险参保率(%) 13 50'].join('\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toEqual([
      { line: 3, text: '社区日间照料机构覆盖率(%) 七十 90', reason: '指标“社区日间照料机构覆盖率(%)”后面的“七十”不是数值，这一行没有读入，请改为数字（无数据写“--”）' },
    ]);
    expect(table.rows.map((row) => row.name)).toEqual(['基本养老保险参保率', '长期护理保险参保率']);
  });

  it('lists a line that fails two ways once, with both reasons', () => {
    // Two indicators run together, the second's figure typed in words: one line, one entry.
    const text = [header, '基本养老保险参保率(%) 93.5 95', '托位总数(万个) 每千人口托位数(人) 七十 4.6', '长期护理保险参保率(%) 13 50'].join('\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems.map((p) => p.line)).toEqual([3]);
    expect(table.problems[0]?.reason.split('；')).toHaveLength(2);
  });

  it('skips blank lines and every line of a footnote', () => {
    const text = [header, '', '基本养老保险参保率(%) 93.5 95', '', '注：1.“-”为无基础数据', '2.托位数含幼儿园托班 12 30'].join('\n');
    const table = parsePastedIndicatorTable(text);
    expect(table.problems).toEqual([]);
    expect(table.rows).toHaveLength(1);
    expect(table.footnotes).toEqual(['注：1.“-”为无基础数据', '2.托位数含幼儿园托班 12 30']);
  });
});
