import type { Indicator, TargetOp } from '../../shared/domain/indicator';
import { emptyResponsibility } from '../../shared/domain/indicator';

/**
 * 临沂市养老托育服务具体指标 (seed 001, the table's 31 rows) as printed: name with its unit in
 * brackets (half- and full-width, with and without a space, exactly as the document has them),
 * 2020 value, 2025 target. `--` is no baseline; `≥60` a target with a comparator.
 */
const TABLE: readonly (readonly [area: string, category: string, printed: string, baseline: string, target: string])[] = [
  ['社会保障情况', '', '基本养老保险参保率(%)', '93.5', '95'],
  ['社会保障情况', '', '长期护理保险参保率(%)', '13', '50'],
  ['服务资源总量', '养老', '全市养老服务设施(处)', '971', '≥1000'],
  ['服务资源总量', '养老', '示范性老年友好社区(个)', '0', '20'],
  ['服务资源总量', '托育', '登记备案的托育机构数(处)', '0', '100'],
  ['服务资源总量', '托育', '托位总数(万个)', '0.6', '5'],
  ['服务覆盖面或可及性', '养老', '街道综合养老服务中心覆盖率(%)', '76', '100'],
  ['服务覆盖面或可及性', '养老', '乡镇区域性综合养老服务中心覆盖率 (%)', '--', '≥60'],
  ['服务覆盖面或可及性', '养老', '新建居住区配建养老服务设施达标率 (%)', '71', '100'],
  ['服务覆盖面或可及性', '养老', '社区养老服务设施覆盖率(%)', '71', '100'],
  ['服务覆盖面或可及性', '养老', '老年志愿者注册人数占老年人口比例 (%)', '7.5', '8.2'],
  ['服务覆盖面或可及性', '养老', '每千名老年人配套社会工作者人数 (人)', '0.5', '≥1'],
  ['服务覆盖面或可及性', '养老', '老年大学县级覆盖率(%)', '100', '100'],
  ['服务覆盖面或可及性', '托育', '每千人口托位数(人)', '0.6', '4.6'],
  ['服务覆盖面或可及性', '托育', '婴幼儿基本公共服务覆盖面(%)', '10', '40'],
  ['服务覆盖面或可及性', '托育', '社区托育服务覆盖率(%)', '15', '50'],
  ['服务对象保障程度', '养老', '养老机构护理型养老床位占比(%)', '50', '≥60'],
  ['服务对象保障程度', '养老', '养老机构医养结合服务覆盖率(%)', '86', '100'],
  ['服务对象保障程度', '养老', '65岁及以上老年人城乡社区规范健康管理服务率(%)', '--', '61'],
  ['服务对象保障程度', '养老', '特殊困难老年人月探访率(%)', '--', '100'],
  ['服务对象保障程度', '养老', '特殊困难老年人适老化改造数量(户)', '--', '28000'],
  ['服务对象保障程度', '养老', '失能特困人员集中供养率(%)', '50', '≥60'],
  ['服务对象保障程度', '养老', '有集中供养意愿的特困人员集中供养率(%)', '100', '100'],
  ['服务对象保障程度', '养老', '人均预期寿命(岁)', '77.90', '78.40'],
  ['服务对象保障程度', '托育', '示范性婴幼儿照护服务机构数(个)', '0', '15'],
  ['服务对象保障程度', '托育', '从业人员持证上岗率(%)', '30', '80'],
  ['服务对象保障程度', '托育', '普惠性托位占比(%)', '5', '20'],
  ['产业发展情况', '养老', '骨干养老企业数量(家)', '9', '20'],
  ['产业发展情况', '养老', '养老护理专业人才数(人)', '4500', '7000'],
  ['产业发展情况', '托育', '骨干托育企业数量(家)', '5', '50'],
  ['产业发展情况', '托育', '托育服务专业人才数(人)', '0', '400'],
];

/** The table's 31 indicators, coded LY01…LY31 in the document's order. */
export function linyiIndicators(): Indicator[] {
  return TABLE.map(([area, category, printed, baseline, target], i) => {
    const open = printed.lastIndexOf('(');
    const name = printed.slice(0, open).trim();
    const unit = printed.slice(open + 1, -1);
    const op: TargetOp | null = target.startsWith('≥') ? '>=' : null;
    const decimals = (baseline.split('.')[1] ?? '').length;
    return {
      code: `LY${String(i + 1).padStart(2, '0')}`,
      name,
      area,
      category,
      unit,
      // DESIGN: the table prints 每千人口托位数 "(人)" where the prose says "4.6个".
      unitSynonyms: name === '每千人口托位数' ? ['个'] : [],
      decimals,
      baselineYear: 2020,
      baselineValue: baseline === '--' ? null : Number(baseline),
      targetYear: 2025,
      targetValue: Number(target.replace('≥', '')),
      targetOp: op,
      targetText: null,
      attribute: '',
      direction: 'higher',
      scope: 'stock',
      aggregation: unit === '%' ? 'none' : 'sum',
      formula: null,
      auxiliary: false,
      allowAbove100: false,
      changeFactor: null,
      aliases: [],
      responsibility: emptyResponsibility(),
      reporter: null,
      reporterProposed: false,
      notes: '',
    };
  });
}

/** The indicator of that exact name; throws so that a mistyped test name fails loudly. */
export function linyiCode(name: string): string {
  const found = linyiIndicators().find((indicator) => indicator.name === name);
  if (!found) throw new Error(`临沂指标中没有“${name}”`);
  return found.code;
}

/**
 * 2023 figures for every linyi-2022 indicator that hold together (the templates tests fill them in):
 * 每千人口托位数 = 托位总数 ÷ 常住人口 × 1000, 护理型床位占比 = 护理型床位数 ÷ 养老机构床位数 × 100, 普惠性托位占比 = 普惠性托位数 ÷ 托位总数 × 100.
 */
export const LINYI_FIGURES_2023: Record<string, number> = {
  A01: 94.2, A02: 21.5, B01: 985, B02: 8, B03: 46, B04: 0.9, C01: 88, C02: 41.5, C03: 84, C04: 88.5, C05: 7.9,
  C06: 0.7, C07: 100, C08: 0.8, C09: 22, C10: 31, D01: 52, D02: 95, D03: 58.2, D04: 96, D05: 12500, D06: 55,
  D07: 100, D08: 78.12, D09: 7, D10: 55, D11: 33, E01: 14, E02: 5600, E03: 21, E04: 180,
  X01: 1100, X02: 25000, X03: 13000, X04: 0.3,
};
