import { describe, expect, it } from 'vitest';
import { detectReturn, detectReturnWith } from '../../../shared/import/detect-layout';
import type { ParsedReturn } from '../../../shared/import/parsed-return';
import { buildGrid, linyiContext } from '../../support/grid-builder';

function parse(result: ReturnType<typeof detectReturn>): ParsedReturn {
  expect(result.parsed, JSON.stringify(result.problems)).not.toBeNull();
  return result.parsed!;
}

const roles = (p: ParsedReturn, sheet = 0) =>
  p.layouts[sheet]!.columns.map((c) => [c.header, c.role, c.year, c.region]);

const cellsOf = (p: ParsedReturn) =>
  p.rows.map((r) => [r.name, r.nameCell, r.unit, ...r.cells.map((c) => `${c.role}:${c.year}:${c.region ?? ''}@${c.address}`)]);

describe('detectReturn: tables under title rows', () => {
  const grid = buildGrid('养老指标.xlsx', [
    {
      name: '养老',
      rows: [
        ['临沂市2023年度养老服务指标完成情况表'],
        ['填报单位：临沂市民政局', null, null, '填报日期：2024年1月15日'],
        ['序号', '指标名称', '单位', '基期值', '2023年完成值'],
        [1, '养老机构护理型床位占比', '%', 45, 56.2],
        [2, '每千名老年人拥有养老床位数', '张', 33, 35.1],
        [],
        [3, '特殊困难老年人月探访率', '%', null, 100],
        ['注：护理型床位占比按年末数计算。'],
        ['填表人：张丽', null, '联系电话：0539-8123456', '审核人：王强'],
      ],
      merges: ['A1:E1'],
    },
  ]);
  const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName })));

  it('finds the header below the title and the 填报单位 line', () => {
    expect(p.layouts[0]).toMatchObject({ sheet: '养老', headerRows: [2], firstDataRow: 3, lastDataRow: 6 });
    expect(roles(p)).toEqual([
      ['序号', 'seq', null, null],
      ['指标名称', 'name', null, null],
      ['单位', 'unit', null, null],
      ['基期值', 'baseline', 2020, null],
      ['2023年完成值', 'value', 2023, null],
    ]);
  });

  it('reads every data row, skips the blank row and stops at the footnotes', () => {
    expect(cellsOf(p)).toEqual([
      ['养老机构护理型床位占比', 'B4', '%', 'baseline:2020:@D4', 'value:2023:@E4'],
      ['每千名老年人拥有养老床位数', 'B5', '张', 'baseline:2020:@D5', 'value:2023:@E5'],
      ['特殊困难老年人月探访率', 'B7', '%', 'baseline:2020:@D7', 'value:2023:@E7'],
    ]);
    expect(p.rows[0]!.cells[1]!.cell?.value).toEqual({ kind: 'number', value: 56.2 });
  });

  it('takes bureau, year and title from the lines above, contacts from the footnotes', () => {
    expect(p.meta).toEqual({
      bureau: '临沂市民政局',
      region: '临沂市',
      year: 2023,
      title: '临沂市2023年度养老服务指标完成情况表',
      contactPerson: '张丽',
      contactPhone: '0539-8123456',
      reviewer: '王强',
      tableUnit: null,
    });
  });
});

describe('detectReturn: header forms', () => {
  it('joins a two-row merged header: years over 完成值 | 目标值', () => {
    const grid = buildGrid('市卫健委-养老托育指标.xlsx', [
      {
        rows: [
          ['指标名称', '单位', '2022年', null, '2023年', null],
          [null, null, '完成值', '目标值', '完成值', '目标值'],
          ['城乡居民基本养老保险参保率', '%', 95.1, 95, 96.3, 96],
          ['每千人口拥有3岁以下婴幼儿托位数', '个', 2.8, 3, 3.4, 3.5],
        ],
        merges: ['A1:A2', 'B1:B2', 'C1:D1', 'E1:F1'],
      },
    ]);
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName })));
    expect(p.layouts[0]).toMatchObject({ headerRows: [0, 1], firstDataRow: 2, lastDataRow: 3 });
    expect(roles(p)).toEqual([
      ['指标名称', 'name', null, null],
      ['单位', 'unit', null, null],
      ['2022年/完成值', 'value', 2022, null],
      ['2022年/目标值', 'target', 2022, null],
      ['2023年/完成值', 'value', 2023, null],
      ['2023年/目标值', 'target', 2023, null],
    ]);
    expect(cellsOf(p)[1]).toEqual([
      '每千人口拥有3岁以下婴幼儿托位数', 'A4', '个',
      'value:2022:@C4', 'target:2022:@D4', 'value:2023:@E4', 'target:2023:@F4',
    ]);
    // No title states the year: the latest value column's year is the file's.
    expect(p.meta.year).toBe(2023);
    expect(p.meta.bureau).toBe('市卫健委');
  });

  it('carries a year written once over an unmerged two-row header', () => {
    const grid = buildGrid('t.csv', [
      {
        rows: [
          ['指标名称', '单位', '2023年', ''],
          ['', '', '完成值', '目标值'],
          ['托育机构数量', '个', 156, 150],
        ],
      },
    ], 'csv');
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName })));
    expect(roles(p).slice(2)).toEqual([
      ['2023年/完成值', 'value', 2023, null],
      ['2023年/目标值', 'target', 2023, null],
    ]);
  });

  it('reads 本年值 and 上年值 against the year in the title', () => {
    const grid = buildGrid('托育.xlsx', [
      {
        rows: [
          ['2024年度临沂市托育服务发展指标'],
          ['指标', '计量单位', '上年值', '本年值', '备注'],
          ['托育机构数量', '个', 120, 156, '含普惠性机构'],
        ],
      },
    ]);
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName, defaultYear: 2030 })));
    expect(roles(p)).toEqual([
      ['指标', 'name', null, null],
      ['计量单位', 'unit', null, null],
      ['上年值', 'previous', 2023, null],
      ['本年值', 'value', 2024, null],
      ['备注', 'note', null, null],
    ]);
    expect(p.meta.year).toBe(2024);
    expect(cellsOf(p)).toEqual([['托育机构数量', 'A3', '个', 'previous:2023:@C3', 'value:2024:@D3']]);
  });

  it('reads no column of several years’ total as the year’s figure, and says so where nothing else is read', () => {
    const grid = buildGrid('蒙阴县民政局2023.xlsx', [
      {
        rows: [
          ['2023年兰山区养老服务指标完成情况'],
          ['填报单位：兰山区民政局'],
          ['指标名称', '单位', '2021—2023年累计', '“十四五”以来累计完成'],
          ['特殊困难老年人适老化改造数量', '户', 3000, 3000],
        ],
      },
    ]);
    const result = detectReturn(grid, linyiContext({ fileName: grid.fileName }));
    expect(result.parsed).toBeNull();
    expect(result.problems.map((p) => p.message)).toEqual([
      '工作表“Sheet1”第 3 行像是表头（“指标名称” “单位” “2021—2023年累计” ““十四五”以来累计完成”），但未找到年份或数值列（如“2023年”“本年值”“完成值”）' +
        '；其中“2021—2023年累计”““十四五”以来累计完成”是多年合计或累计数，不是某一年的数，未读取',
    ]);
  });

  it("reads bare base- and target-year headers as 基期值 and 目标值", () => {
    const grid = buildGrid('2023年指标.xlsx', [
      { rows: [['指标名称', '单位', '2020年', '2025年', '2023年'], ['养老床位总数', '张', 4800, 6000, 5200]] },
    ]);
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName })));
    expect(roles(p).slice(2)).toEqual([
      ['2020年', 'baseline', 2020, null],
      ['2025年', 'target', 2025, null],
      ['2023年', 'value', 2023, null],
    ]);
  });

  it('reads the target year as a value in a file for that year', () => {
    const grid = buildGrid('终期.xlsx', [
      { rows: [['2025年度养老服务指标'], ['指标名称', '单位', '2020年', '2025年'], ['养老床位总数', '张', 4800, 6100]] },
    ]);
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName })));
    expect(roles(p).slice(2)).toEqual([
      ['2020年', 'baseline', 2020, null],
      ['2025年', 'value', 2025, null],
    ]);
  });

  it('reads regions as columns in a county roll-up, an unlisted county kept as written', () => {
    const grid = buildGrid('各县区汇总.xlsx', [
      {
        rows: [
          ['2023年各县区养老服务指标汇总表'],
          ['指标名称', '单位', '兰山区', '罗庄区', '河东区', '平邑县', '合计'],
          ['养老机构数量', '个', 30, 12, 15, 9, 66],
        ],
      },
    ]);
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName })));
    expect(roles(p).slice(2)).toEqual([
      ['兰山区', 'value', 2023, '兰山区'],
      ['罗庄区', 'value', 2023, '罗庄区'],
      ['河东区', 'value', 2023, '河东区'],
      ['平邑县', 'value', 2023, '平邑县'],
      ['合计', 'ignore', null, null],
    ]);
    expect(cellsOf(p)).toEqual([
      ['养老机构数量', 'A3', '个', 'value:2023:兰山区@C3', 'value:2023:罗庄区@D3', 'value:2023:河东区@E3', 'value:2023:平邑县@F3'],
    ]);
  });

  it('finds the name column from known indicator names when no header says 指标', () => {
    const grid = buildGrid('x.xlsx', [
      {
        rows: [
          ['', '', '2022年', '2023年'],
          ['1', '养老床位总数', 5000, 5200],
          ['2', '托位总数', 2900, 3100],
        ],
      },
    ]);
    const result = detectReturn(grid, linyiContext({ fileName: grid.fileName, knownIndicatorNames: ['养老床位总数', '托位总数'] }));
    const p = parse(result);
    expect(p.layouts[0]!.columns.find((c) => c.role === 'name')?.col).toBe(1);
    expect(p.rows.map((r) => r.name)).toEqual(['养老床位总数', '托位总数']);
    expect(result.confidence).toBeLessThan(1);
  });
});

describe('detectReturn: the region a return names', () => {
  const countyReturn = (fileName: string, title: string, bureau: string) =>
    buildGrid(fileName, [{ rows: [[title], [`填报单位：${bureau}`], ['指标名称', '单位', '2023年完成值'], ['全市养老服务设施', '处', 77]] }]);

  it('asks when the bureau and the title or the file name name different 县区, and when a city bureau’s file is titled for a 县区', () => {
    const cases = [
      countyReturn('兰山区民政局.xlsx', '2023年罗庄区养老服务指标完成情况', '兰山区民政局'),
      countyReturn('罗庄区民政局.xlsx', '2023年养老服务指标完成情况', '兰山区民政局'),
      countyReturn('市民政局.xlsx', '2023年兰山区养老服务指标完成情况', '临沂市民政局'),
    ];
    for (const grid of cases) {
      const result = detectReturn(grid, linyiContext({ fileName: grid.fileName }));
      expect(result.problems.filter((p) => p.remedy === 'region'), grid.fileName).toHaveLength(1);
    }
    const first = detectReturn(cases[0]!, linyiContext({ fileName: cases[0]!.fileName }));
    expect(first.problems[0]!.message).toBe('“兰山区民政局.xlsx”中写明的地区不一致（“兰山区”与“罗庄区”），不能确定是哪个地区的报表');
  });

  it('does not ask of a city bureau’s file with a sheet per 县区, each titled for its own', () => {
    const grid = buildGrid('市民政局分县区.xlsx', ['兰山区', '罗庄区'].map((county, i) => ({
      name: county,
      rows: [[`2023年${county}养老服务指标完成情况`], ['填报单位：临沂市民政局'], ['指标名称', '单位', '2023年完成值'], ['全市养老服务设施', '处', 100 + i]],
    })));
    const result = detectReturn(grid, linyiContext({ fileName: grid.fileName }));
    expect(result.problems).toEqual([]);
    expect(parse(result).layouts.map((l) => l.region)).toEqual(['兰山区', '罗庄区']);
  });

  it('takes the bureau’s 县区 under the city’s title, the template the city sent, and the officer’s region over both', () => {
    const grid = countyReturn('兰山区民政局.xlsx', '临沂市2023年养老服务指标完成情况', '兰山区民政局');
    const result = detectReturn(grid, linyiContext({ fileName: grid.fileName }));
    expect(result.problems).toEqual([]);
    expect(parse(result).meta.region).toBe('兰山区');
    const apart = countyReturn('兰山区民政局.xlsx', '2023年罗庄区养老服务指标完成情况', '兰山区民政局');
    const forced = detectReturnWith(apart, linyiContext({ fileName: apart.fileName }), { meta: { region: '罗庄区' } });
    expect(forced.problems).toEqual([]);
    expect(parse(forced).meta.region).toBe('罗庄区');
  });
});

describe('detectReturn: the year a return states', () => {
  const countyReturn = (fileName: string, title: string, header: string, more: (string | null)[][] = []) =>
    buildGrid(fileName, [{ rows: [[title], ['填报单位：兰山区民政局'], ...more, ['指标名称', '单位', header], ['全市养老服务设施', '处', 77]] }]);
  const unsettled = (grid: ReturnType<typeof countyReturn>, forced = {}) =>
    detectReturnWith(grid, linyiContext({ fileName: grid.fileName }), { meta: forced }).problems.filter((p) => p.unsettled === 'year');

  it('asks when the title, a 年度 line or the file name state different years and a column’s year is the file’s', () => {
    const lastYearsTitle = countyReturn('兰山区民政局2023年.xlsx', '2022年兰山区养老服务指标完成情况', '本年完成值');
    expect(unsettled(lastYearsTitle).map((p) => p.message)).toEqual([
      '“兰山区民政局2023年.xlsx”写明的年度不一致（标题为 2022 年，文件名为 2023 年），不能确定“本年值”“完成值”等列是哪一年的数',
    ]);
    expect(unsettled(countyReturn('兰山区民政局.xlsx', '2023年兰山区养老服务指标完成情况', '完成值', [['统计年度：2022年']]))).toHaveLength(1);
  });

  it('does not ask when the headers name the year, the file name only the month it was sent, or the officer gave the year', () => {
    expect(unsettled(countyReturn('兰山区民政局2023年.xlsx', '2022年兰山区养老服务指标完成情况', '2023年完成值'))).toEqual([]);
    expect(unsettled(countyReturn('兰山区民政局（2024年1月报）.xlsx', '兰山区2023年度养老服务指标完成情况', '完成值'))).toEqual([]);
    expect(unsettled(countyReturn('2024年报送兰山区民政局2023年数据.xlsx', '兰山区2023年养老服务指标完成情况', '完成值'))).toEqual([]);
    expect(unsettled(countyReturn('兰山区民政局2023年.xlsx', '2022年兰山区养老服务指标完成情况', '本年完成值'), { year: 2023 })).toEqual([]);
  });
});

describe('detectReturn: rows inside the table', () => {
  it('carries a merged category column and a category written once down', () => {
    const grid = buildGrid('分类.xlsx', [
      {
        rows: [
          ['类别', '指标名称', '单位', '2023年'],
          ['养老', '养老床位总数', '张', 5200],
          [null, '护理型床位占比', '%', 56],
          ['托育', '托位总数', '个', 3100],
          [null, '普惠托位占比', '%', 60],
        ],
        merges: ['A2:A3'],
      },
    ]);
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName })));
    expect(p.rows.map((r) => [r.name, r.category])).toEqual([
      ['养老床位总数', '养老'],
      ['护理型床位占比', '养老'],
      ['托位总数', '托育'],
      ['普惠托位占比', '托育'],
    ]);
  });

  it('skips blank rows and 合计 rows, takes section headings as categories, keeps bracket units', () => {
    const grid = buildGrid('分节.xlsx', [
      {
        rows: [
          ['2023年养老托育指标'],
          ['序号', '指标名称', '单位', '本年值'],
          ['一、养老服务'],
          [1, '养老床位总数', '张', 5200],
          [],
          [],
          ['二、托育服务'],
          [2, '托位总数（万个）', null, 0.31],
          [null, '合计', null, 8300],
          [],
          ['填报单位：市卫健委'],
        ],
        merges: ['A3:D3', 'A7:D7'],
      },
    ]);
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName })));
    expect(p.layouts[0]!.lastDataRow).toBe(8);
    expect(p.rows.map((r) => [r.name, r.nameCell, r.unit, r.category])).toEqual([
      ['养老床位总数', 'B4', '张', '养老服务'],
      ['托位总数（万个）', 'B8', '万个', '托育服务'],
    ]);
    expect(p.notes?.map((n) => n.cell)).toEqual(['A3', 'A7', 'B9']);
    expect(p.notes?.[2]?.message).toContain('合计');
    expect(p.meta.bureau).toBe('市卫健委');
  });
});

describe('detectReturn: regions down the rows', () => {
  it('reads a district table whose corner cell is blank, units in the header, 全市 as the city', () => {
    const grid = buildGrid('2022年各区县主要指标.xlsx', [
      {
        rows: [
          ['2022年各区县主要经济指标'],
          [null, '地区生产总值(亿元)', '常住人口(万人)', '地区生产总值增长(%)'],
          ['全市', 5778.8, 1099.4, 4.5],
          ['兰山区', 1870.4, 145.2, 5.1],
          ['罗庄区', 701.2, 60.8, 3.9],
          ['平邑县', 420.5, 88.1, 4.0],
        ],
      },
    ]);
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName })));
    expect(p.layouts[0]).toMatchObject({ orientation: 'region-rows', headerRows: [1], firstDataRow: 2 });
    expect(p.meta.year).toBe(2022);
    const byName = new Map(p.rows.map((r) => [r.name, r]));
    // Names as written, their units read from the brackets.
    expect([...byName.keys()]).toEqual(['地区生产总值(亿元)', '常住人口(万人)', '地区生产总值增长(%)']);
    expect(byName.get('地区生产总值(亿元)')!.unit).toBe('亿元');
    expect(byName.get('常住人口(万人)')!.cells.map((c) => [c.region, c.year, c.address])).toEqual([
      ['临沂市', 2022, 'C3'],
      ['兰山区', 2022, 'C4'],
      ['罗庄区', 2022, 'C5'],
      ['平邑县', 2022, 'C6'],
    ]);
  });

  // The shape of 原值.xlsx (xiaoqi737/thesis-data-and-code @e475d87, EPS 分省 data): indicator
  // names over the year row, provinces down; here with a different year under each name.
  const indicatorsOverYears = (rows: (string | number | null)[][], merges: string[] = []) =>
    parse(detectReturn(buildGrid('原值.xlsx', [{ name: 'Sheet2', rows, merges }]), linyiContext({ fileName: '原值.xlsx' })));
  const readings = (p: ParsedReturn) => p.rows.map((r) => [r.name, r.nameCell, ...r.cells.map((c) => `${c.year}:${c.region}@${c.address}`)]);

  it('reads each year column under the indicator named above it, not under the first name of the row', () => {
    const p = indicatorsOverYears([
      [null, '研发经费', '有效发明专利数', '研发人员全时当量'],
      [null, 2022, 2023, 2023],
      ['兰山区', 197.34, 1.64, 5.35],
      ['罗庄区', 255.87, 1.02, 6.07],
    ]);
    expect(p.layouts[0]).toMatchObject({ orientation: 'region-rows', indicator: null });
    expect(readings(p)).toEqual([
      ['研发经费', 'B1', '2022:兰山区@B3'],
      ['研发经费', 'B1', '2022:罗庄区@B4'],
      ['有效发明专利数', 'C1', '2023:兰山区@C3'],
      ['有效发明专利数', 'C1', '2023:罗庄区@C4'],
      ['研发人员全时当量', 'D1', '2023:兰山区@D3'],
      ['研发人员全时当量', 'D1', '2023:罗庄区@D4'],
    ]);
  });

  it('reads names and years as one two-row header alike, each group of years under its merged name', () => {
    const p = indicatorsOverYears(
      [
        ['地区', '地区生产总值(亿元)', null, '常住人口(万人)', null],
        [null, '2022年', '2023年', '2022年', '2023年'],
        ['兰山区', 1870.4, 1950.2, 145.2, 146.1],
        ['罗庄区', 701.2, 733.5, 60.8, 61.2],
      ],
      ['A1:A2', 'B1:C1', 'D1:E1'],
    );
    expect(readings(p)).toEqual([
      ['地区生产总值', 'B1', '2022:兰山区@B3', '2023:兰山区@C3'],
      ['地区生产总值', 'B1', '2022:罗庄区@B4', '2023:罗庄区@C4'],
      ['常住人口', 'D1', '2022:兰山区@D3', '2023:兰山区@E3'],
      ['常住人口', 'D1', '2022:罗庄区@D4', '2023:罗庄区@E4'],
    ]);
    expect(p.rows.map((r) => r.unit)).toEqual(['亿元', '亿元', '万人', '万人']);
  });

  it('reads no growth rate over its years, and takes 绝对数 under a year as the title’s indicator', () => {
    const growth = indicatorsOverYears(
      [
        ['地区', '地区生产总值(亿元)', null, '地区生产总值增长(%)', null],
        [null, '2022年', '2023年', '2022年', '2023年'],
        ['兰山区', 1870.4, 1950.2, 5.2, 4.1],
        ['罗庄区', 701.2, 733.5, 3.9, 4.6],
      ],
      ['A1:A2', 'B1:C1', 'D1:E1'],
    );
    expect(readings(growth)).toEqual([
      ['地区生产总值', 'B1', '2022:兰山区@B3', '2023:兰山区@C3'],
      ['地区生产总值', 'B1', '2022:罗庄区@B4', '2023:罗庄区@C4'],
    ]);
    const absolute = indicatorsOverYears(
      [
        ['2022—2023年各区县地区生产总值(亿元)'],
        ['地区', '2022年', null, '2023年', null],
        [null, '绝对数', '增长(%)', '绝对数', '增长(%)'],
        ['兰山区', 1870.4, 5.2, 1950.2, 4.1],
        ['罗庄区', 701.2, 3.9, 733.5, 4.6],
      ],
      ['A1:E1', 'A2:A3', 'B2:C2', 'D2:E2'],
    );
    expect(readings(absolute)).toEqual([
      ['地区生产总值', 'A1', '2022:兰山区@B4', '2023:兰山区@D4'],
      ['地区生产总值', 'A1', '2022:罗庄区@B5', '2023:罗庄区@D5'],
    ]);
  });

  it('reads indicators under each merged year', () => {
    const p = indicatorsOverYears(
      [
        ['地区', '2022年', null, '2023年', null],
        [null, '地区生产总值(亿元)', '常住人口(万人)', '地区生产总值(亿元)', '常住人口(万人)'],
        ['兰山区', 1870.4, 145.2, 1950.2, 146.1],
        ['罗庄区', 701.2, 60.8, 733.5, 61.2],
      ],
      ['A1:A2', 'B1:C1', 'D1:E1'],
    );
    expect(readings(p)).toEqual([
      ['地区生产总值', 'B2', '2022:兰山区@B3', '2023:兰山区@D3'],
      ['地区生产总值', 'B2', '2022:罗庄区@B4', '2023:罗庄区@D4'],
      ['常住人口', 'C2', '2022:兰山区@C3', '2023:兰山区@E3'],
      ['常住人口', 'C2', '2022:罗庄区@C4', '2023:罗庄区@E4'],
    ]);
  });

  it('keeps one title over all the years as the one indicator, and leaves a year column with no name of its own unread', () => {
    const titled = indicatorsOverYears([['各区县地区生产总值(亿元)'], [null, '2022年', '2023年'], ['兰山区', 1870.4, 1950.2], ['罗庄区', 701.2, 733.5]], ['A1:C1']);
    expect(readings(titled)).toEqual([
      ['地区生产总值', 'A1', '2022:兰山区@B3', '2023:兰山区@C3'],
      ['地区生产总值', 'A1', '2022:罗庄区@B4', '2023:罗庄区@C4'],
    ]);
    // A title row ending in a 填报单位 line: one indicator still, that line no column's name.
    const unitLine = indicatorsOverYears(
      [['各区县地区生产总值', null, '填报单位：市统计局'], [null, '2022年', '2023年'], ['兰山区', 1870.4, 1950.2], ['罗庄区', 701.2, 733.5]],
      ['A1:B1'],
    );
    expect(readings(unitLine).map((r) => r[0])).toEqual(['地区生产总值', '地区生产总值']);
    const gap = indicatorsOverYears([[null, '研发经费', '有效发明专利数', null], [null, 2022, 2022, 2023], ['兰山区', 197.34, 1.64, 210.5], ['罗庄区', 255.87, 1.02, 270.1]]);
    expect(readings(gap).map((r) => r.slice(0, 3))).toEqual([
      ['研发经费', 'B1', '2022:兰山区@B3'],
      ['研发经费', 'B1', '2022:罗庄区@B4'],
      ['有效发明专利数', 'C1', '2022:兰山区@C3'],
      ['有效发明专利数', 'C1', '2022:罗庄区@C4'],
    ]);
    expect(gap.notes?.map((n) => [n.cell, n.message])).toContainEqual(['D2', '“2023”列上方没有写明指标，而相邻各列各有指标，未读取。']);
  });

  it('reads regions across that the workbook did not declare, keeping them as written', () => {
    const grid = buildGrid('2023年各县指标.xlsx', [{ rows: [['指标名称', '单位', '沂水县', '平邑县', '费县'], ['常住人口', '万人', 98.1, 88.1, 72.3]] }]);
    const p = parse(detectReturn(grid, linyiContext({ fileName: grid.fileName, regions: ['临沂市'] })));
    expect(p.rows[0]!.cells.map((c) => c.region)).toEqual(['沂水县', '平邑县', '费县']);
  });
});

describe('detectReturn: a 年份 column gives each row its year', () => {
  const detect = (fileName: string, rows: (string | number | null)[][], over: Parameters<typeof linyiContext>[0] = {}) =>
    detectReturn(buildGrid(fileName, [{ name: 'Sheet1', rows }]), linyiContext({ fileName, ...over }));
  const readings = (p: ParsedReturn) => p.rows.map((r) => [r.name, r.unit, ...r.cells.map((c) => `${c.role}:${c.year}:${c.region ?? ''}@${c.address}`)]);

  // The shape of 我国客运量情况.xls (VasantLong/campus_DA @a47dd48): a title, 年份 over years
  // written as numbers, and the unit in the header's last cell over an empty column.
  it('reads a yearbook series, years down under 年份, each column an indicator in the unit the header states', () => {
    const p = parse(
      detect('客运量.xls', [
        ['2010-2019年我国客运量情况'],
        ['年份', '客运量总计', '铁路', '公路', '单位万人'],
        [2018, 1793820.32, 337494.67, 1367170.39, null],
        [2019, 1760435.71, 366002.26, 1301172.91, null],
      ]),
    );
    expect(p.layouts[0]).toMatchObject({ orientation: 'year-rows', headerRows: [1], firstDataRow: 2 });
    expect(roles(p)).toEqual([
      ['年份', 'year', null, null],
      ['客运量总计', 'value', null, null],
      ['铁路', 'value', null, null],
      ['公路', 'value', null, null],
      ['单位万人', 'ignore', null, null],
    ]);
    expect(readings(p)).toEqual([
      ['客运量总计', '万人', 'value:2018:@B3', 'value:2019:@B4'],
      ['铁路', '万人', 'value:2018:@C3', 'value:2019:@C4'],
      ['公路', '万人', 'value:2018:@D3', 'value:2019:@D4'],
    ]);
    expect(p.meta.year).toBe(2019);
  });

  // The shape of 1996-2023年地级市外商直接投资FDI.xlsx (biechouwo-coder/G-P @620eba9): cities by
  // short name, not read as regions, under 年份.
  it('reads no years-down table whose rows are more than years: a year twice, or words beside each year', () => {
    const panel = detect('地级市外商直接投资.xlsx', [
      ['年份', '地级市', '外商直接投资'],
      [2020, '长春', 160.74],
      [2020, '四平', 74.47],
      [2021, '长春', 170.2],
    ]);
    expect(panel.parsed?.rows ?? []).toEqual([]);
    expect(panel.problems.map((p) => p.message).join('')).toContain('第 2 行和第 3 行同为 2020 年，各行不只是年份不同，不能确定这些数是哪个地区的，未读取');
    const oneCity = detect('吉林市外商直接投资.xlsx', [
      ['年份', '地级市', '外商直接投资'],
      [2020, '吉林', 15.32],
      [2021, '吉林', 16.1],
    ]);
    expect(oneCity.parsed?.rows ?? []).toEqual([]);
    expect(oneCity.problems.map((p) => p.message).join('')).toContain('“地级市”列逐行另有文字（“吉林”），不能确定这些数是哪个地区的');
  });

  it('takes a units row under the header and leaves a row whose 年份 is no year unread, with a note', () => {
    const p = parse(
      detect('主要指标.xlsx', [
        ['年 份', '地区生产总值', '常住人口'],
        [null, '亿元', '万人'],
        ['2021年', 5465.5, 1101.8],
        ['2022年', 5778.8, 1099.4],
        ['2022年1-6月', 2800.1, null],
      ]),
    );
    expect(p.layouts[0]).toMatchObject({ orientation: 'year-rows', headerRows: [0, 1], firstDataRow: 2 });
    expect(readings(p)).toEqual([
      ['地区生产总值', '亿元', 'value:2021:@B3', 'value:2022:@B4'],
      ['常住人口', '万人', 'value:2021:@C3', 'value:2022:@C4'],
    ]);
    expect(p.notes?.map((n) => [n.cell, n.message])).toEqual([['A5', '第 5 行“年 份”列为“2022年1-6月”，不是年份，未读取。']]);
  });

  // The shape of 国泰安 (CSMAR) exports (描述性统计数据.xlsx, 1376524890/tec_expenditure @e84be71):
  // English field names, then Chinese names, then units with 没有单位 under the year.
  it('reads a CSMAR export under its three header lines, the unit line’s 没有单位 under 年度标识', () => {
    const p = parse(
      detect('描述性统计数据.xlsx', [
        ['SgnYear', 'RDExpenditure', 'RDExpAccountsProportionOfGDP'],
        ['年度标识', 'R&D经费支出', '占国内生产总值比重(%)'],
        ['没有单位', '亿元', '没有单位'],
        ['1995', 348.7, 0.6],
        ['1996', 404.5, 0.6],
      ]),
    );
    expect(p.layouts[0]).toMatchObject({ orientation: 'year-rows', headerRows: [1, 2], firstDataRow: 3 });
    expect(readings(p)).toEqual([
      ['R&D经费支出', '亿元', 'value:1995:@B4', 'value:1996:@B5'],
      ['占国内生产总值比重(%)', '%', 'value:1995:@C4', 'value:1996:@C5'],
    ]);
  });

  // The shape of 中国主要成品油产量 (JioMu/DataProcess @3fe2fe8): years as text, a 单位 column per row.
  it('takes each row’s 单位 for the figures of that row', () => {
    const p = parse(
      detect('成品油产量.xlsx', [
        ['年 份', '原油加工量', '成品油产量', '单位'],
        ['2000', 21062, 26561, '万吨'],
        ['2001', 20993, 27077, '万吨'],
      ]),
    );
    expect(readings(p)).toEqual([
      ['原油加工量', null, 'value:2000:@B2', 'value:2001:@B3'],
      ['成品油产量', null, 'value:2000:@C2', 'value:2001:@C3'],
    ]);
    expect(p.rows.flatMap((r) => r.cells.map((c) => c.unit))).toEqual(['万吨', '万吨', '万吨', '万吨']);
  });

  it('reads panel data, region and year down, each figure under its own row’s year whatever the file’s', () => {
    const p = parse(
      detect(
        '面板数据.csv',
        [
          ['地区', '年份', '地区生产总值(亿元)', '常住人口(万人)'],
          ['兰山区', 2021, 1780.2, 145.9],
          ['兰山区', 2022, 1870.4, 145.2],
          ['罗庄区', 2021, 688.3, 61.0],
          ['罗庄区', null, 701.2, 60.8],
        ],
        { defaultYear: 2023 },
      ),
    );
    expect(p.layouts[0]).toMatchObject({ orientation: 'region-rows' });
    expect(readings(p)).toEqual([
      ['地区生产总值(亿元)', '亿元', 'value:2021:兰山区@C2', 'value:2022:兰山区@C3', 'value:2021:罗庄区@C4'],
      ['常住人口(万人)', '万人', 'value:2021:兰山区@D2', 'value:2022:兰山区@D3', 'value:2021:罗庄区@D4'],
    ]);
    expect(p.notes?.map((n) => [n.cell, n.message])).toEqual([['B5', '第 5 行“年份”列为空，不知是哪一年的数，未读取。']]);
  });

  // The shape of 298个地级市人口密度 (biechouwo-coder/G-P @620eba9): 年份 | 省份 | 城市 | figures.
  it('reads a panel under the column that tells its rows apart, the finest, never a district’s figure as its city’s', () => {
    const p = parse(
      detect('区县面板.xlsx', [
        ['年份', '城市', '区县', '区县代码', '常住人口(万人)'],
        [2022, '临沂市', '兰山区', 371302, 145.2],
        [2022, '临沂市', '罗庄区', 371311, 60.8],
        [2023, '临沂市', '兰山区', 371302, 146.0],
      ]),
    );
    // The district code beside the name is no indicator.
    expect(readings(p)).toEqual([['常住人口(万人)', '万人', 'value:2022:兰山区@E2', 'value:2022:罗庄区@E3', 'value:2023:兰山区@E4']]);
  });

  it('takes a 合计 row under 全市 for no repeat of the city', () => {
    const p = parse(
      detect('2022年区县常住人口.xlsx', [
        ['地区', '常住人口(万人)'],
        ['全市', 1099.4],
        ['兰山区', 145.2],
        ['罗庄区', 60.8],
        ['合计', 206.0],
      ]),
    );
    expect(readings(p)).toEqual([['常住人口(万人)', '万人', 'value:2022:临沂市@B2', 'value:2022:兰山区@B3', 'value:2022:罗庄区@B4']]);
  });

  it('reads nothing when the region column names one region twice in a year, and says where', () => {
    const result = detect('区县面板.xlsx', [
      ['年份', '城市', '常住人口(万人)'],
      [2022, '临沂市', 145.2],
      [2022, '临沂市', 60.8],
      [2022, '兰山区', 145.2],
    ]);
    expect(result.parsed?.rows ?? []).toEqual([]);
    expect(result.problems.map((p) => p.message).join('')).toContain('第 2 行和第 3 行的“城市”同为“临沂市”且年份相同，这一列不能区分各行');
  });

  // The shape of 原值.xlsx's Sheet1 (xiaoqi737/thesis-data-and-code @e475d87): indicator blocks
  // down, each name on its first year only, the years in an unheaded column, regions across.
  it('reads indicator blocks over years with regions across, each block under its name, each row its year', () => {
    const p = parse(
      detect('原值.xlsx', [
        [null, null, '兰山', '罗庄'],
        ['研发人员全时当量', '2012', 5.35, 6.07],
        [null, '2013', 5.8, 6.82],
        ['研发经费', '2012', 197.34, 255.87],
        [null, '2013', 209.1, 260.2],
      ]),
    );
    expect(p.layouts[0]!.columns.map((c) => c.role)).toEqual(['name', 'year', 'value', 'value']);
    expect(readings(p)).toEqual([
      ['研发人员全时当量', null, 'value:2012:兰山区@C2', 'value:2012:罗庄区@D2'],
      ['研发人员全时当量', null, 'value:2013:兰山区@C3', 'value:2013:罗庄区@D3'],
      ['研发经费', null, 'value:2012:兰山区@C4', 'value:2012:罗庄区@D4'],
      ['研发经费', null, 'value:2013:兰山区@C5', 'value:2013:罗庄区@D5'],
    ]);
    expect(p.rows.map((r) => r.nameCell)).toEqual(['A2', 'A2', 'A4', 'A4']);
  });

  it('takes no 目标年份 column of one year for the rows’ years', () => {
    const p = parse(
      detect('2023年报表.xlsx', [
        ['指标名称', '单位', '本年值', ''],
        ['常住人口', '万人', 1099.4, '2025'],
        ['城镇化率', '%', 64.2, '2025'],
      ]),
    );
    expect(readings(p)).toEqual([
      ['常住人口', '万人', 'value:2023:@C2'],
      ['城镇化率', '%', 'value:2023:@C3'],
    ]);
  });

  it('reads a long table, one indicator-year a row, 本年值 and 上年值 of the year the row names', () => {
    const p = parse(
      detect('指标长表.xlsx', [
        ['指标名称', '单位', '年份', '本年值', '上年值'],
        ['地区生产总值', '亿元', 2022, 5778.8, 5465.5],
        ['地区生产总值', '亿元', 2023, 6105.1, 5778.8],
      ]),
    );
    expect(p.layouts[0]!.orientation).toBeUndefined();
    expect(readings(p)).toEqual([
      ['地区生产总值', '亿元', 'value:2022:@D2', 'previous:2021:@E2'],
      ['地区生产总值', '亿元', 'value:2023:@D3', 'previous:2022:@E3'],
    ]);
  });

  it('reads nothing from a region table that has both a 年份 column and years in its header', () => {
    const result = detect('混合.xlsx', [
      ['地区', '年份', '2022年', '2023年'],
      ['兰山区', 2023, 1870.4, 1950.2],
      ['罗庄区', 2023, 701.2, 735.9],
    ]);
    expect(result.parsed?.rows ?? []).toEqual([]);
    expect(result.problems.map((p) => p.message).join('')).toContain('既有“年份”列，表头又写有年份（“2022年”），无法确定各数所属年份，未读取');
  });

  it('takes no "年份 | 2023" line above the table for its header', () => {
    const p = parse(
      detect('报表.xlsx', [
        ['年份', 2023],
        ['指标名称', '单位', '本年值'],
        ['常住人口', '万人', 1099.4],
      ]),
    );
    expect(p.layouts[0]).toMatchObject({ headerRows: [1], firstDataRow: 2 });
    expect(readings(p).map((r) => r[0])).toEqual(['常住人口']);
  });
});
