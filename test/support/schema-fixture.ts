import type { Indicator } from '../../shared/domain/indicator';
import type { Schema } from '../../shared/domain/schema';

/**
 * A small schema in the shape of 临沂市养老托育服务具体指标 (临发改社会〔2022〕316号): real rows
 * of that table (name, unit, 2020 value, 2025 target, `--` kept as null), plus the 常住人口
 * auxiliary indicator that 每千人口托位数 is recomputed from.
 */
export function makeSchema(overrides: Partial<Schema> = {}): Schema {
  const indicators: Indicator[] = [
    makeIndicator({
      code: 'LY01',
      name: '基本养老保险参保率',
      area: '社会保障情况',
      unit: '%',
      decimals: 1,
      baselineValue: 93.5,
      targetValue: 95,
      reporter: '市人力资源社会保障局',
      reporterProposed: true,
    }),
    makeIndicator({
      code: 'LY03',
      name: '全市养老服务设施',
      area: '服务资源总量',
      category: '养老',
      unit: '处',
      baselineValue: 971,
      targetValue: 1000,
      targetOp: '>=',
      aggregation: 'sum',
    }),
    makeIndicator({
      code: 'LY08',
      name: '乡镇区域性综合养老服务中心覆盖率',
      area: '服务覆盖面或可及性',
      category: '养老',
      unit: '%',
      baselineValue: null,
      targetValue: 60,
      targetOp: '>=',
    }),
    makeIndicator({
      code: 'LY14',
      name: '每千人口托位数',
      area: '服务覆盖面或可及性',
      category: '托育',
      unit: '个',
      unitSynonyms: ['人'],
      decimals: 1,
      baselineValue: 0.6,
      targetValue: 4.6,
      aggregation: 'recompute',
      formula: 'LY06 / AUX01 * 1000',
      responsibility: {
        leadBureaus: [],
        coBureaus: [],
        jointBureaus: ['市发展改革委', '市卫生健康委', '市民政局', '市教育局'],
        localGovernments: ['各县区政府', '管委会'],
        text: '市发展改革委、市卫生健康委、市民政局、市教育局……等部门按职责分工负责,各县区政府、管委会负责',
        citation: '临发改社会〔2022〕316号 四(一)2',
      },
    }),
    makeIndicator({
      code: 'LY06',
      name: '托位总数',
      area: '服务资源总量',
      category: '托育',
      unit: '万个',
      decimals: 1,
      baselineValue: 0.6,
      targetValue: 5,
    }),
    makeIndicator({
      code: 'LY24',
      name: '人均预期寿命',
      area: '服务对象保障程度',
      category: '养老',
      unit: '岁',
      decimals: 2,
      baselineValue: 77.9,
      targetValue: 78.4,
    }),
    makeIndicator({
      code: 'AUX01',
      name: '常住人口',
      area: '辅助指标',
      unit: '万人',
      decimals: 2,
      baselineValue: null,
      targetValue: null,
      auxiliary: true,
      aggregation: 'sum',
    }),
  ];
  return {
    id: 'linyi-fixture',
    name: '临沂市养老托育服务具体指标（测试用）',
    region: '临沂市',
    baseYear: 2020,
    targetYear: 2025,
    source: '临发改社会〔2022〕316号',
    indicators,
    rules: [{ id: 'R1', name: '每千人口托位数与托位总数、常住人口一致', left: 'LY14', op: '=', right: 'LY06 / AUX01 * 1000', tolerance: null, note: '' }],
    bureaus: [
      { name: '市卫生健康委', aliases: ['市卫健委', '市卫生健康委员会', '临沂市卫健委'] },
      { name: '市民政局', aliases: [] },
      { name: '市人力资源社会保障局', aliases: ['市人社局'] },
      { name: '市发展改革委', aliases: ['市发改委', '市发展和改革委员会'] },
    ],
    ...overrides,
  };
}

/** An indicator with every field at its "not stated" value, for tests to fill in. */
export function makeIndicator(fields: Partial<Indicator> & Pick<Indicator, 'code' | 'name'>): Indicator {
  return {
    area: '',
    category: '',
    unit: '',
    unitSynonyms: [],
    decimals: 0,
    baselineYear: 2020,
    baselineValue: null,
    targetYear: 2025,
    targetValue: null,
    targetOp: null,
    targetText: null,
    attribute: '',
    direction: 'higher',
    scope: 'stock',
    aggregation: 'none',
    formula: null,
    auxiliary: false,
    allowAbove100: false,
    changeFactor: null,
    aliases: [],
    responsibility: { leadBureaus: [], coBureaus: [], jointBureaus: [], localGovernments: [], text: '', citation: '' },
    reporter: null,
    reporterProposed: false,
    notes: '',
    ...fields,
  };
}

/** 临沂市's 县区 and 功能区, as a workbook for the city lists them. */
export const LINYI_SUBREGIONS = ['兰山区', '罗庄区', '河东区', '郯城县', '沂水县', '临沂高新技术产业开发区'];
