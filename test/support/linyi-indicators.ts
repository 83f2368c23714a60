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
