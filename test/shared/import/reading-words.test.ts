import { describe, expect, it } from 'vitest';
import { coreName, readNameParts } from '../../../shared/import/name-parts';
import { coversWhole, readRegionName, regionsOfBareName } from '../../../shared/import/region-names';
import { convertValue, parseUnit } from '../../../shared/import/units';
import { planPeriod, readNonAnnualHeader, readYearHeader, yearOfData, yearsOfData } from '../../../shared/import/year-words';

/**
 * The words statistical tables are written in, each written form with its one reading: names
 * around the indicator, regions, headers that are not the year's figure, units.
 */

describe('names: numbering, structure marks, footnote marks and glosses', () => {
  it.each([
    ['四、出生率', '出生率', false],
    ['（二）城镇人口', '城镇人口', false],
    ['(二)城镇人口', '城镇人口', false],
    ['1.常住人口', '常住人口', false],
    ['1、常住人口', '常住人口', false],
    ['①常住人口', '常住人口', false],
    ['⑴常住人口', '常住人口', false],
    ['第一、常住人口', '常住人口', false],
    ['其中：城镇人口', '城镇人口', true],
    ['其中:城镇人口', '城镇人口', true],
    ['#城镇人口', '城镇人口', true],
    ['  # 城镇人口', '城镇人口', true],
    ['地区生产总值①', '地区生产总值', false],
    ['地区生产总值*', '地区生产总值', false],
    ['地区生产总值 Gross Regional Product', '地区生产总值', false],
    ['北  京 Beijing', '北  京', false],
    ['人均GDP', '人均GDP', false],
    ['2.5万人口以上城镇', '2.5万人口以上城镇', false],
  ])('%s → %s', (written, core, subItem) => {
    expect(readNameParts(written)).toEqual({ core, subItem });
    expect(coreName(written)).toBe(core);
  });
});

describe('regions', () => {
  const regions = ['临沂市', '兰山区', '罗庄区', '河东区', '空港经济区', '普宁市'];
  it.each([
    ['全市', '临沂市', 'self'],
    ['全  市', '临沂市', 'self'],
    ['临沂市', '临沂市', 'self'],
    ['临沂', '临沂市', 'self'],
    ['合计', '临沂市', 'sum'],
    ['总计', '临沂市', 'sum'],
    ['兰山区', '兰山区', 'listed'],
    ['兰 山 区', '兰山区', 'listed'],
    ['兰山', '兰山区', 'listed'],
    ['空港经济区', '空港经济区', 'listed'],
    ['普宁', '普宁市', 'listed'],
    ['平邑县', '平邑县', 'unlisted'],
    ['北京', '北京市', 'unlisted'],
    ['内蒙古', '内蒙古自治区', 'unlisted'],
    ['临沂高新技术产业开发区', '临沂高新技术产业开发区', 'unlisted'],
    ['东城街道', '东城街道', 'unlisted'],
  ] as const)('%s → %s (%s)', (text, region, kind) => {
    expect(readRegionName(text, regions)).toEqual({ region, kind });
  });

  it.each(['市本级', '地区生产总值', '经济区', '高新技术产业开发区', '城区人口', '养老机构数', '合计人数', '其他'])('%s is no region', (text) => {
    expect(readRegionName(text, regions)?.kind ?? null).not.toBe('self');
    if (text !== '市本级') expect(readRegionName(text, regions)).toBeNull();
  });

  it('takes 全国 for the workbook only where the workbook is the nation, and no grouping of provinces for a place', () => {
    expect(readRegionName('全国', regions)).toBeNull();
    expect(readRegionName('全省', regions)).toBeNull();
    expect(readRegionName('全国', ['全国', '北京市'])).toEqual({ region: '全国', kind: 'self' });
    expect(readRegionName('中国', ['全国', '北京市'])).toEqual({ region: '全国', kind: 'self' });
    expect(readRegionName('中国', regions)).toBeNull();
    expect(readRegionName('全区', ['广西壮族自治区', '南宁市'])).toEqual({ region: '广西壮族自治区', kind: 'self' });
    for (const grouping of ['东部地区', '中部', '西部地区', '东北', '东北三省', '长三角']) expect(readRegionName(grouping, ['全国', '北京市']), grouping).toBeNull();
  });

  it('settles no bare name that is both the workbook’s region and one of its cities', () => {
    const jilin = ['吉林省', '长春市', '吉林市', '四平市'];
    expect(readRegionName('吉林', jilin)).toBeNull();
    expect(regionsOfBareName('吉林', jilin)).toEqual(['吉林省', '吉林市']);
    expect(readRegionName('吉林市', jilin)).toEqual({ region: '吉林市', kind: 'listed' });
    expect(readRegionName('吉林省', jilin)).toEqual({ region: '吉林省', kind: 'self' });
    expect(readRegionName('长春', jilin)).toEqual({ region: '长春市', kind: 'listed' });
    expect(readRegionName('临沂', regions)).toEqual({ region: '临沂市', kind: 'self' });
    // Undeclared, 吉林 is the province or its city: neither is taken.
    expect(readRegionName('吉林', regions)).toBeNull();
    expect(regionsOfBareName('吉林', regions)).toEqual(['吉林省', '吉林市']);
    expect(readRegionName('吉林', ['全国', '北京市', '吉林省'])).toEqual({ region: '吉林省', kind: 'listed' });
  });

  it('counts 合计 as the whole region only over every declared sub-region and nothing else', () => {
    const small = ['临沂市', '兰山区', '罗庄区'];
    const read = (names: string[]) => names.map((n) => readRegionName(n, small));
    expect(coversWhole(read(['兰山区', '罗庄区', '合计']), small)).toBe(true);
    expect(coversWhole(read(['兰山区', '合计']), small)).toBe(false);
    expect(coversWhole(read(['兰山区', '罗庄区', '平邑县', '合计']), small)).toBe(false);
    expect(coversWhole(read(['北京市', '合计']), ['全国'])).toBe(false);
  });
});

describe('plan periods in titles and file names', () => {
  it.each([
    ['临沂市“十四五”养老服务体系规划', { base: 2020, target: 2025 }],
    ['十三五规划指标', { base: 2015, target: 2020 }],
    ['2021—2025年主要指标', { base: 2020, target: 2025 }],
    ['2021年至2025年', { base: 2020, target: 2025 }],
    ['２０２１－２０２５年', { base: 2020, target: 2025 }],
    ['2023年度统计表', null],
  ])('%s → %o', (text, period) => {
    expect(planPeriod(text)).toEqual(period);
  });
});

describe('headers that are not the year’s figure', () => {
  it.each([
    ['2020年第一季度', 'period'],
    ['一季度', 'period'],
    ['2020年1—6月', 'period'],
    ['1-11月', 'period'],
    ['上半年', 'period'],
    ['前三季度', 'period'],
    ['2023年12月', 'period'],
    ['比上年增长(%)', 'derived'],
    ['2018年比2017年增长(%)', 'derived'],
    ['同比增长', 'derived'],
    ['增速', 'derived'],
    ['占比', 'derived'],
    ['排名', 'derived'],
    ['位次', 'derived'],
    ['指数(上年=100)', 'derived'],
    ['本年新增', 'derived'],
    ['2023年净增', 'derived'],
    ['2021-2023年累计', 'span'],
    ['2021—2023年', 'span'],
    ['2021年至2023年累计完成', 'span'],
    ['“十四五”以来累计完成', 'span'],
    ['2021年以来', 'span'],
    ['十四五期间累计', 'span'],
    ['历年累计', 'span'],
  ] as const)('%s is %s', (header, kind) => {
    expect(readNonAnnualHeader(header)?.kind).toBe(kind);
    expect(readYearHeader(header)).toBeNull();
  });

  it.each([
    ['2023年1-12月', 'value', 2023],
    ['2023年1—12月', 'value', 2023],
    ['2023年', 'value', 2023],
    ['2023年末', 'value', 2023],
    ['2023年完成值', 'value', 2023],
    ['上年同期', 'previous', null],
    ['基期值', 'baseline', null],
    // Within the year, or the stock at its end: the year's figure.
    ['2023年累计', 'value', 2023],
    ['本年累计', 'value', null],
    ['截至2023年底累计', 'value', 2023],
    // A target over the plan period is still the target.
    ['2021-2025年累计目标', 'target', null],
  ] as const)('%s is the %s of %s', (header, role, year) => {
    expect(readNonAnnualHeader(header)).toBeNull();
    expect(readYearHeader(header)).toMatchObject({ role, year });
  });
});

describe('units', () => {
  // Units inside names: figure-words.test.ts, NAMES.
  it('converts within one thing counted, never an index into a level or between index bases', () => {
    expect(convertValue(1184912, '人', '万人')).toMatchObject({ ok: true, value: 118.4912, converted: true });
    expect(convertValue(4012345, '万元', '亿元')).toMatchObject({ ok: true, value: 401.2345 });
    expect(convertValue(2.5, '亿千瓦时', '万千瓦时')).toMatchObject({ ok: true, value: 25000 });
    expect(convertValue(104.2, '上年=100', '亿元').ok).toBe(false);
    expect(convertValue(104.2, '上年=100', '1978年=100').ok).toBe(false);
    expect(convertValue(5.3, '%', '万人').ok).toBe(false);
    expect(convertValue(12, '万吨标准煤', '万吨').ok).toBe(false);
    expect(parseUnit('千瓦时')).toMatchObject({ exp: 0 });
  });
});

describe('the year a title or file name states for its data', () => {
  it.each([
    ['兰山区民政局（2024年1月报）', null],
    ['兰陵县2023年度养老服务指标完成情况', 2023],
    ['2023年1-12月养老服务指标', 2023],
    ['报送2024.1', null],
    ['2024年报送兰山区民政局2023年数据', 2024],
  ] as const)('%s → %s', (text, year) => {
    expect(yearOfData(text)).toBe(year);
  });

  it('names every year it mentions, a month of sending left out', () => {
    expect(yearsOfData('2024年报送兰山区民政局2023年数据')).toEqual([2024, 2023]);
    expect(yearsOfData('兰山区民政局（2024年1月报）2023年')).toEqual([2023]);
  });
});
