/**
 * Writes the built-in schemas resources/schemas/{common,xianning-2022,jiangxi-2022,xuanhan-2023}.json
 * from the figures their documents print. Every figure is given with the sentence it comes from;
 * the sentence must stand verbatim in the seed excerpt under test/fixtures/seeds/, or the build
 * stops. Responsibilities are read from the clause of the paragraph that states the figure.
 *
 *   npx tsx scripts/build-builtin-schemas.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emptyResponsibility, type Indicator, type Responsibility, type Scope, type TargetOp } from '../shared/domain/indicator';
import type { Rule, Schema } from '../shared/domain/schema';
import { bureausForRegion, type BureauList } from '../shared/schema/bureau-list';
import { extractResponsibilityClauses, parseResponsibility, toResponsibility } from '../shared/schema/parse-responsibility';

const root = fileURLToPath(new URL('..', import.meta.url));
const bureauList = JSON.parse(readFileSync(`${root}resources/bureaus.json`, 'utf8')) as BureauList;

interface Document {
  seed: string;
  region: string;
  source: string;
  text: string;
}

function loadDocument(seed: string, region: string, source: string): Document {
  return { seed, region, source, text: readFileSync(`${root}test/fixtures/seeds/seed-${seed}-excerpt.txt`, 'utf8') };
}

/** A figure and the sentence it is printed in. */
interface Figure {
  value: number;
  sentence: string;
  year?: number;
}

interface Spec {
  code: string;
  name: string;
  area: string;
  category: string;
  unit: string;
  unitSynonyms?: string[];
  decimals: number;
  baseline?: Figure;
  target?: Figure & { op?: TargetOp | null; also?: string[] };
  targetText?: { text: string; sentence: string; year?: number };
  direction?: 'higher' | 'lower';
  scope: Scope;
  aggregation?: 'sum' | 'recompute' | 'none';
  formula?: string | null;
  auxiliary?: boolean;
  aliases?: string[];
  /** The citation of the clause that covers this indicator, e.g. 三(二)5. */
  clause?: string;
  note?: string;
}

interface Ratio {
  code: string;
  numerator: string;
  denominator: string;
  /** 100 for a percentage, 1000 for 每千人口; with 万人 below, the factor carries the 10 000. */
  factor: string;
  /** A share: the part can never exceed the whole (not so for 托位 over 常住人口). */
  partOfWhole: boolean;
}

class SchemaBuilder {
  readonly indicators: Indicator[] = [];
  readonly rules: Rule[] = [];

  constructor(
    private readonly document: Document | null,
    private readonly baseYear: number,
    private readonly targetYear: number,
  ) {}

  add(spec: Spec): void {
    const notes: string[] = [];
    if (spec.baseline) notes.push(this.quote('基期值', spec.baseline.value, spec.baseline.sentence));
    if (spec.target) {
      notes.push(this.quote('目标值', spec.target.value, spec.target.sentence));
      for (const sentence of spec.target.also ?? []) notes.push(this.quote('目标值', spec.target.value, sentence));
    }
    if (spec.targetText) notes.push(this.quote('目标', spec.targetText.text, spec.targetText.sentence));
    if (spec.note) notes.push(spec.note);
    this.indicators.push({
      code: spec.code,
      name: spec.name,
      area: spec.area,
      category: spec.category,
      unit: spec.unit,
      unitSynonyms: spec.unitSynonyms ?? [],
      decimals: spec.decimals,
      baselineYear: spec.baseline?.year ?? this.baseYear,
      baselineValue: spec.baseline?.value ?? null,
      targetYear: spec.target?.year ?? spec.targetText?.year ?? this.targetYear,
      targetValue: spec.target?.value ?? null,
      targetOp: spec.target?.op ?? null,
      targetText: spec.targetText?.text ?? null,
      attribute: '',
      direction: spec.direction ?? 'higher',
      scope: spec.scope,
      aggregation: spec.aggregation ?? (spec.unit === '%' ? 'none' : 'sum'),
      formula: spec.formula ?? null,
      auxiliary: spec.auxiliary ?? false,
      allowAbove100: false,
      changeFactor: null,
      aliases: spec.aliases ?? [],
      responsibility: spec.clause ? this.responsibility(spec.clause) : emptyResponsibility(),
      reporter: null,
      reporterProposed: false,
      notes: notes.join('\n'),
    });
  }

  /** A ratio recomputed from its components, with the rules that follow from it. */
  ratio(spec: Spec, ratio: Omit<Ratio, 'code'>): void {
    const formula = `${ratio.numerator} / ${ratio.denominator} * ${ratio.factor}`;
    this.add({ ...spec, aggregation: 'recompute', formula });
    this.rules.push({
      id: `${spec.code}=components`,
      name: `${spec.name}与其构成指标一致`,
      left: spec.code,
      op: '=',
      right: formula,
      tolerance: null,
      note: '比率按构成指标重算，误差不超过公布小数位的半个单位。',
    });
    if (ratio.partOfWhole) {
      this.rules.push({
        id: `${ratio.numerator}<=${ratio.denominator}`,
        name: `${this.nameOf(ratio.numerator)}不超过${this.nameOf(ratio.denominator)}`,
        left: ratio.numerator,
        op: '<=',
        right: ratio.denominator,
        tolerance: 0,
        note: '部分不能大于整体。',
      });
    }
  }

  private nameOf(code: string): string {
    const found = this.indicators.find((indicator) => indicator.code === code);
    if (!found) throw new Error(`构成指标 ${code} 须先于比率指标加入`);
    return found.name;
  }

  private quote(what: string, value: number | string, sentence: string): string {
    if (!this.document) throw new Error(`通用指标不应带有数值：${sentence}`);
    if (!this.document.text.includes(sentence)) throw new Error(`原文中找不到：${sentence}`);
    return `${what}${value}出自「${sentence}」（${this.document.source}）`;
  }

  private responsibility(citation: string): Responsibility {
    const document = this.document;
    if (!document) throw new Error('通用指标不应带有责任单位');
    const clause = extractResponsibilityClauses(document.text).find((found) => found.citation === citation);
    if (!clause) throw new Error(`${document.source} 中没有 ${citation} 的责任分工`);
    const parsed = parseResponsibility(clause.text, bureausForRegion(bureauList, document.region));
    if (parsed.unknownNames.length > 0) throw new Error(`${citation} 中有名单外的单位：${parsed.unknownNames.join('、')}`);
    return toResponsibility(parsed, `${document.source} ${citation}`);
  }
}

// Components shared by every schema: neutral names, units and 口径.
const AUX = {
  childcarePlaces: { code: 'childcare_places', name: '托位总数', area: '基础数据', category: '托育', unit: '万个', decimals: 2, scope: 'stock', auxiliary: true, aliases: ['托位数', '托位总数(万个)'] },
  inclusivePlaces: { code: 'inclusive_childcare_places', name: '普惠性托位数', area: '基础数据', category: '托育', unit: '万个', decimals: 2, scope: 'stock', auxiliary: true, aliases: ['普惠托位数'] },
  population: { code: 'resident_population', name: '常住人口', area: '基础数据', category: '人口', unit: '万人', decimals: 2, scope: 'stock', auxiliary: true, aliases: ['常住人口数', '年末常住人口'] },
  elderlyPopulation: { code: 'elderly_population', name: '60岁及以上老年人口', area: '基础数据', category: '人口', unit: '万人', decimals: 2, scope: 'stock', auxiliary: true, aliases: ['60岁及以上人口', '老年人口'] },
  nursingBeds: { code: 'nursing_beds', name: '养老机构护理型床位数', area: '基础数据', category: '养老', unit: '张', decimals: 0, scope: 'stock', auxiliary: true, aliases: ['护理型床位数', '护理型养老床位数'] },
  institutionBeds: { code: 'institution_beds', name: '养老机构床位数', area: '基础数据', category: '养老', unit: '张', decimals: 0, scope: 'stock', auxiliary: true, aliases: ['养老机构床位总数'] },
  pensionInsured: { code: 'pension_insured', name: '基本养老保险参保人数', area: '基础数据', category: '社会保障', unit: '万人', decimals: 2, scope: 'stock', auxiliary: true },
  pensionInsurable: { code: 'pension_insurable', name: '基本养老保险应参保人数', area: '基础数据', category: '社会保障', unit: '万人', decimals: 2, scope: 'stock', auxiliary: true },
  specialElderly: { code: 'special_elderly', name: '特殊困难老年人数', area: '基础数据', category: '养老', unit: '人', decimals: 0, scope: 'stock', auxiliary: true },
  specialElderlyVisited: { code: 'special_elderly_visited', name: '月均探访特殊困难老年人数', area: '基础数据', category: '养老', unit: '人', decimals: 0, scope: 'annual', auxiliary: true },
  disabledDestitute: { code: 'disabled_destitute', name: '失能特困人员数', area: '基础数据', category: '养老', unit: '人', decimals: 0, scope: 'stock', auxiliary: true },
  disabledDestituteInCare: { code: 'disabled_destitute_in_care', name: '集中供养的失能特困人员数', area: '基础数据', category: '养老', unit: '人', decimals: 0, scope: 'stock', auxiliary: true },
  communities: { code: 'communities', name: '城乡社区数', area: '基础数据', category: '基层', unit: '个', decimals: 0, scope: 'stock', auxiliary: true, aliases: ['社区(村)总数'] },
  communitiesElderly: { code: 'communities_with_elderly_facility', name: '建有养老服务设施的社区数', area: '基础数据', category: '养老', unit: '个', decimals: 0, scope: 'stock', auxiliary: true },
  communitiesChildcare: { code: 'communities_with_childcare', name: '提供托育服务的社区数', area: '基础数据', category: '托育', unit: '个', decimals: 0, scope: 'stock', auxiliary: true },
  socialWorkers: { code: 'elderly_social_workers', name: '为老服务社会工作者人数', area: '基础数据', category: '养老', unit: '人', decimals: 0, scope: 'stock', auxiliary: true },
} satisfies Record<string, Spec>;

const PERCENT = ['％', '百分比'];
const PER_THOUSAND = ['个/千人', '人', '个每千人'];

function buildCommon(): Schema {
  const b = new SchemaBuilder(null, 2020, 2025);
  b.add(AUX.childcarePlaces);
  b.add(AUX.inclusivePlaces);
  b.add(AUX.population);
  b.add(AUX.elderlyPopulation);
  b.add(AUX.nursingBeds);
  b.add(AUX.institutionBeds);
  b.add(AUX.pensionInsured);
  b.add(AUX.pensionInsurable);
  b.add(AUX.specialElderly);
  b.add(AUX.specialElderlyVisited);
  b.add(AUX.disabledDestitute);
  b.add(AUX.disabledDestituteInCare);
  b.add(AUX.communities);
  b.add(AUX.communitiesElderly);
  b.add(AUX.communitiesChildcare);
  b.add(AUX.socialWorkers);
  b.ratio(
    { code: 'childcare_places_per_1000', name: '每千人口托位数', area: '服务资源', category: '托育', unit: '个', unitSynonyms: PER_THOUSAND, decimals: 1, scope: 'stock', aliases: ['每千人口拥有3岁以下婴幼儿托位数', '常住人口拥有托位数'] },
    { numerator: 'childcare_places', denominator: 'resident_population', factor: '1000', partOfWhole: false },
  );
  b.ratio(
    { code: 'inclusive_childcare_share', name: '普惠性托位占比', area: '服务保障', category: '托育', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'stock', aliases: ['普惠托位占比'] },
    { numerator: 'inclusive_childcare_places', denominator: 'childcare_places', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'nursing_bed_share', name: '养老机构护理型床位占比', area: '服务保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'stock', aliases: ['养老机构护理型养老床位占比', '护理型床位占比', '护理型养老床位占比'] },
    { numerator: 'nursing_beds', denominator: 'institution_beds', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'pension_insurance_rate', name: '基本养老保险参保率', area: '社会保障', category: '社会保障', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'stock' },
    { numerator: 'pension_insured', denominator: 'pension_insurable', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'special_elderly_visit_rate', name: '特殊困难老年人月探访率', area: '服务保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'annual' },
    { numerator: 'special_elderly_visited', denominator: 'special_elderly', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'disabled_destitute_care_rate', name: '失能特困人员集中供养率', area: '服务保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'stock', aliases: ['失能特困老年人集中供养率'] },
    { numerator: 'disabled_destitute_in_care', denominator: 'disabled_destitute', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'community_elderly_facility_coverage', name: '社区养老服务设施覆盖率', area: '服务覆盖', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'stock', aliases: ['居家社区养老服务设施覆盖率', '城乡社区养老服务设施覆盖率'] },
    { numerator: 'communities_with_elderly_facility', denominator: 'communities', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'community_childcare_coverage', name: '社区托育服务覆盖率', area: '服务覆盖', category: '托育', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'stock', aliases: ['社区托育服务机构覆盖率', '社区托育服务中心覆盖率'] },
    { numerator: 'communities_with_childcare', denominator: 'communities', factor: '100', partOfWhole: true },
  );
  // 每千名老年人: 社工人数 over 老年人口 in 万人, so ÷10 is × 1000 ÷ 10 000.
  b.ratio(
    { code: 'social_workers_per_1000_elderly', name: '每千名老年人配套社会工作者人数', area: '人才队伍', category: '养老', unit: '人', decimals: 1, scope: 'stock', aliases: ['每千名老人配套社会工作者人数'] },
    { numerator: 'elderly_social_workers', denominator: 'elderly_population', factor: '1000 / 10000', partOfWhole: false },
  );
  b.add({ code: 'elderly_home_adaptations', name: '特殊困难老年人家庭适老化改造户数', area: '服务保障', category: '养老', unit: '户', decimals: 0, scope: 'cumulative', aggregation: 'sum', aliases: ['特殊困难老年人适老化改造数量', '特殊困难家庭居家适老化改造户数'] });
  return {
    id: 'common',
    name: '养老托育常用指标',
    region: '',
    baseYear: 2020,
    targetYear: 2025,
    source: '各地“一老一小”方案中反复出现的指标（不含任何地区数值）',
    indicators: b.indicators,
    rules: b.rules,
    bureaus: [],
  };
}

function buildXianning(): Schema {
  const doc = loadDocument('003', '咸宁市', '咸政办发〔2022〕6号');
  const b = new SchemaBuilder(doc, 2020, 2025);
  const elderlyTargets = '2025年,全市养老机构护理型床位占比达60%';
  b.add({ ...AUX.population, baseline: { value: 265.58, sentence: '2020年,我市常住人口约265.58万人' } });
  b.add({ ...AUX.elderlyPopulation, baseline: { value: 46.92, sentence: '2020年,我市常住人口约265.58万人,60岁及以上老年人达46.92万人' } });
  b.add(AUX.childcarePlaces);
  b.add(AUX.nursingBeds);
  b.add({ ...AUX.institutionBeds, baseline: { value: 18577, sentence: '全市养老机构达105家,养老床位数18577张' }, note: '基期值为“十三五”时期末数。同句“每千名老人床位数达36.4张”与46.92万老年人口算出的39.6张不一致，未作为指标收录。' });
  b.add(AUX.specialElderly);
  b.add(AUX.specialElderlyVisited);
  b.add(AUX.disabledDestitute);
  b.add(AUX.disabledDestituteInCare);
  b.add(AUX.communities);
  b.add(AUX.communitiesElderly);
  b.add(AUX.socialWorkers);
  b.add(AUX.pensionInsured);
  b.add(AUX.pensionInsurable);
  b.add({ code: 'integrated_kindergartens', name: '托幼一体化幼儿园数', area: '基础数据', category: '托育', unit: '所', decimals: 0, scope: 'stock', auxiliary: true, aliases: ['托幼一体园所数'] });
  b.add({ code: 'kindergartens', name: '公民办幼儿园总数', area: '基础数据', category: '托育', unit: '所', decimals: 0, scope: 'stock', auxiliary: true, aliases: ['幼儿园总数'] });

  b.ratio(
    { code: 'nursing_bed_share', name: '养老机构护理型床位占比', area: '服务保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', aliases: ['护理型养老床位占比', '养老机构护理型养老床位占比'], target: { value: 60, op: '>=', sentence: elderlyTargets, also: ['全市养老机构护理型养老床位占比达60%以上'] }, clause: '三(二)5' },
    { numerator: 'nursing_beds', denominator: 'institution_beds', factor: '100', partOfWhole: true },
  );
  b.add({ code: 'new_residential_elderly_facility_compliance', name: '新建城区和新建居住区配套建设养老服务设施达标率', area: '服务覆盖', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', target: { value: 100, sentence: '新建城区和新建居住区配套建设养老服务设施达标率达100%' } });
  b.ratio(
    { code: 'community_elderly_facility_coverage', name: '居家社区养老服务设施覆盖率', area: '服务覆盖', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', aliases: ['社区养老服务设施覆盖率'], target: { value: 100, sentence: '居家社区养老服务设施覆盖率达100%' } },
    { numerator: 'communities_with_elderly_facility', denominator: 'communities', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'disabled_destitute_care_rate', name: '失能特困人员集中供养率', area: '服务保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', target: { value: 60, sentence: '失能特困人员集中供养率达60%' } },
    { numerator: 'disabled_destitute_in_care', denominator: 'disabled_destitute', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'special_elderly_visit_rate', name: '特殊困难老年人月探访率', area: '服务保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'annual', target: { value: 100, sentence: '特殊困难老年人月探访率达100%', also: ['确保特殊困难老年人月探访率达100%'] }, clause: '三(一)4' },
    { numerator: 'special_elderly_visited', denominator: 'special_elderly', factor: '100', partOfWhole: true },
  );
  b.add({ code: 'special_elderly_home_adaptation_rate', name: '特殊困难老年人家庭适老化改造率', area: '服务保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'cumulative', aliases: ['特殊困难老年人家庭适老化改造'], target: { value: 100, sentence: '特殊困难老年人家庭适老化改造达100%' } });
  b.add({ code: 'welfare_lottery_elderly_share', name: '财政(福彩公益金)投入比率', area: '要素保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'annual', aliases: ['彩票公益金用于养老服务比例', '福彩公益金投入比率'], target: { value: 55, op: '>=', sentence: '财政(福彩公益金)投入比率达55%', also: ['全市用于支持发展养老服务的彩票公益金比例应不低于55%'] }, clause: '四(三)' });
  b.ratio(
    { code: 'social_workers_per_1000_elderly', name: '每千名老人配套社会工作者人数', area: '人才队伍', category: '养老', unit: '人', decimals: 0, scope: 'stock', aliases: ['每千名老年人配套社会工作者人数'], target: { value: 1, op: '>=', sentence: '每千名老人配套社会工作者人数达到1人', also: ['每百张养老机构床位、每千名老年人至少配备1名社会工作者'] }, clause: '四(四)' },
    { numerator: 'elderly_social_workers', denominator: 'elderly_population', factor: '1000 / 10000', partOfWhole: false },
  );
  b.ratio(
    { code: 'childcare_places_per_1000', name: '每千人口托位数', area: '服务资源', category: '托育', unit: '个', unitSynonyms: PER_THOUSAND, decimals: 1, scope: 'stock', aliases: ['常住人口拥有托位数', '每千人口拥有3岁以下婴幼儿托位数'], target: { value: 4.5, sentence: '2025年,全市常住人口拥有托位数达4.5/千人' }, note: '原文“4.5/千人”转换时丢了“个”字。' },
    { numerator: 'childcare_places', denominator: 'resident_population', factor: '1000', partOfWhole: false },
  );
  b.ratio(
    { code: 'integrated_kindergarten_share', name: '托幼一体化幼儿园占比', area: '服务资源', category: '托育', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', aliases: ['托幼服务一体化幼儿园占比', '托幼一体园所占比'], target: { value: 50, op: '>=', sentence: '全市托幼服务一体化幼儿园50%以上', also: ['托幼一体园所在公民办幼儿园总量中占比不低于50%'] }, clause: '三(三)2' },
    { numerator: 'integrated_kindergartens', denominator: 'kindergartens', factor: '100', partOfWhole: true },
  );
  b.add({ code: 'parenting_guidance_rate', name: '婴幼儿家庭接受科学育儿指导率', area: '服务覆盖', category: '托育', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'annual', target: { value: 90, op: '>=', sentence: '婴幼儿家庭接受科学育儿指导率达90%以上' } });
  b.add({ code: 'infant_health_management_rate', name: '婴幼儿健康管理率', area: '服务覆盖', category: '托育', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'annual', target: { value: 90, op: '>=', sentence: '婴幼儿健康管理率达90%以上' } });
  b.add({ code: 'childcare_staff_training_rate', name: '托育服务从业人员培训率', area: '人才队伍', category: '托育', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'annual', aliases: ['托育服务从业人才培训率'], target: { value: 90, op: '>=', sentence: '开展托育服务从业人才培训达90%以上' } });
  b.ratio(
    { code: 'pension_insurance_rate', name: '基本养老保险参保率', area: '社会保障', category: '社会保障', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', target: { value: 95, sentence: '到“十四五”期末,基本养老保险参保率达95%' }, clause: '三(二)1' },
    { numerator: 'pension_insured', denominator: 'pension_insurable', factor: '100', partOfWhole: true },
  );
  b.add({ code: 'pension_insured_excluding_rural', name: '基本养老保险(不含城乡居民养老保险)参保人数', area: '社会保障', category: '社会保障', unit: '万人', decimals: 0, scope: 'stock', target: { value: 45, sentence: '基本养老保险(不含城乡居民养老保险)参保人数达45万人' }, clause: '三(二)1' });
  b.add({ code: 'community_day_care_coverage', name: '社区日间照料机构覆盖率', area: '服务覆盖', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', target: { value: 100, sentence: '社区日间照料机构覆盖率达100%' }, clause: '三(二)3' });
  b.add({ code: 'community_home_care_center_coverage', name: '社区居家养老服务中心覆盖率', area: '服务覆盖', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'stock', baseline: { value: 97.8, sentence: '全市共建179个社区居家养老服务中心和684个农村老年人互助照料中心,覆盖率分别达97.8%77.2%' }, note: '基期值为“十三五”时期末数；原文“97.8%77.2%”之间丢了分隔符，前者为社区居家养老服务中心覆盖率。' });
  b.add({ code: 'rural_mutual_aid_center_coverage', name: '农村老年人互助照料中心覆盖率', area: '服务覆盖', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'stock', baseline: { value: 77.2, sentence: '全市共建179个社区居家养老服务中心和684个农村老年人互助照料中心,覆盖率分别达97.8%77.2%' }, note: '基期值为“十三五”时期末数；后者为农村老年人互助照料中心覆盖率。' });
  b.add({ code: 'immunization_rate', name: '国家免疫规划疫苗接种率', area: '服务覆盖', category: '托育', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'annual', aliases: ['国家免疫规划疫苗接种率(以乡镇为单位)'], target: { value: 95, op: '>=', sentence: '2025年,国家免疫规划疫苗接种率以乡镇为单位达95%以上' }, clause: '三(三)1', note: '以乡镇为单位计，每个乡镇均须达到。' });
  b.add({ code: 'professional_carers_trained', name: '培养专业护理人员数', area: '产业发展', category: '大健康', unit: '万名', decimals: 0, scope: 'cumulative', target: { value: 10, sentence: '力争在“十四五”期末培养10万名专业护理人员' } });
  b.add({ code: 'wellness_clients_served', name: '服务康养人员数', area: '产业发展', category: '大健康', unit: '万人', decimals: 0, scope: 'cumulative', target: { value: 100, sentence: '服务100万康养人员' } });
  b.add({ code: 'health_industry_output', name: '大健康产业产值', area: '产业发展', category: '大健康', unit: '亿元', decimals: 0, scope: 'annual', target: { value: 1000, sentence: '实现1000亿大健康产业产值' } });
  return {
    id: 'xianning-2022',
    name: '咸宁市“十四五”促进养老托育服务健康发展实施方案',
    region: '咸宁市',
    baseYear: 2020,
    targetYear: 2025,
    source: doc.source,
    indicators: b.indicators,
    rules: b.rules,
    bureaus: bureausForRegion(bureauList, '咸宁市'),
  };
}

function buildJiangxi(): Schema {
  const doc = loadDocument('004', '江西省', '赣府厅发〔2022〕2号');
  const b = new SchemaBuilder(doc, 2020, 2025);
  b.add(AUX.population);
  b.add(AUX.childcarePlaces);
  b.add(AUX.inclusivePlaces);
  b.add(AUX.nursingBeds);
  b.add(AUX.institutionBeds);
  b.add(AUX.pensionInsured);
  b.add(AUX.pensionInsurable);
  b.add(AUX.communities);
  b.add(AUX.communitiesChildcare);
  b.ratio(
    { code: 'pension_insurance_rate', name: '基本养老保险参保率', area: '社会保障', category: '社会保障', unit: '%', unitSynonyms: PERCENT, decimals: 1, scope: 'stock', target: { value: 95.5, sentence: '基本养老保险参保率达到95.5%' } },
    { numerator: 'pension_insured', denominator: 'pension_insurable', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'nursing_bed_share', name: '养老机构护理型床位占比', area: '服务保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', aliases: ['护理型床位占比'], target: { value: 60, sentence: '养老机构护理型床位占比达到60%' } },
    { numerator: 'nursing_beds', denominator: 'institution_beds', factor: '100', partOfWhole: true },
  );
  b.ratio(
    { code: 'childcare_places_per_1000', name: '每千人口托位数', area: '服务资源', category: '托育', unit: '个', unitSynonyms: PER_THOUSAND, decimals: 1, scope: 'stock', aliases: ['每千人口拥有3岁以下婴幼儿托位数'], target: { value: 4.5, sentence: '每千人口拥有3岁以下婴幼儿托位数达到4.5个' } },
    { numerator: 'childcare_places', denominator: 'resident_population', factor: '1000', partOfWhole: false },
  );
  b.ratio(
    { code: 'inclusive_childcare_places_per_1000', name: '每千人口普惠托位数', area: '服务资源', category: '托育', unit: '个', unitSynonyms: PER_THOUSAND, decimals: 1, scope: 'stock', aliases: ['每千人口拥有3岁以下婴幼儿普惠托位数'], target: { value: 2.7, sentence: '每千人口拥有3岁以下婴幼儿普惠托位2.7个' }, clause: '二(一)2' },
    { numerator: 'inclusive_childcare_places', denominator: 'resident_population', factor: '1000', partOfWhole: false },
  );
  b.add({ code: 'new_demonstration_inclusive_places', name: '新增示范性普惠托位数', area: '服务资源', category: '托育', unit: '万个', decimals: 0, scope: 'cumulative', target: { value: 1, op: '>=', sentence: '到2025年,全省新增示范性普惠托位1万个以上' }, clause: '二(一)2' });
  b.ratio(
    { code: 'community_childcare_coverage', name: '社区托育服务机构覆盖率', area: '服务覆盖', category: '托育', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', aliases: ['社区托育服务覆盖率'], target: { value: 50, op: '>=', sentence: '社区托育服务机构覆盖率达50%以上' }, clause: '二(一)2' },
    { numerator: 'communities_with_childcare', denominator: 'communities', factor: '100', partOfWhole: true },
  );
  b.add({ code: 'dementia_care_institutions', name: '失智照护机构和护理型示范机构数', area: '服务资源', category: '养老', unit: '家', decimals: 0, scope: 'cumulative', aliases: ['失智照护机构(含失智照护单元)和护理型示范机构数'], target: { value: 50, sentence: '到2025年,重点打造50家失智照护机构(含失智照护单元)和护理型示范机构' }, clause: '二(一)1' });
  b.add({ code: 'elderly_home_adaptations', name: '特殊困难家庭居家适老化改造户数', area: '服务保障', category: '养老', unit: '万户', decimals: 0, scope: 'cumulative', aggregation: 'sum', aliases: ['特殊困难老年人家庭适老化改造户数'], target: { value: 6, sentence: '支持6万户特殊困难家庭实施居家适老化改造' }, clause: '二(四)11' });
  b.add({ code: 'county_elder_universities', name: '县(市、区)老年大学建设', area: '服务覆盖', category: '养老', unit: '所', decimals: 0, scope: 'stock', targetText: { text: '每个县(市、区)至少建有1所老年大学', sentence: '到2022年,每个县(市、区)至少建有1所老年大学', year: 2022 }, clause: '二(四)12', note: '目标年份为原文所写的2022年。' });
  b.add({ code: 'childcare_guidance_centers', name: '综合性托育服务指导中心建设', area: '服务资源', category: '托育', unit: '所', decimals: 0, scope: 'stock', targetText: { text: '各设区市建设1所综合性托育服务指导中心', sentence: '各设区市建设1所综合性托育服务指导中心' } });
  b.add({ code: 'county_public_childcare_institutions', name: '县(市、区)公办或规范化普惠婴幼儿照护服务机构建设', area: '服务资源', category: '托育', unit: '个', decimals: 0, scope: 'stock', targetText: { text: '所有县(市、区)均建成不少于1个', sentence: '所有县(市、区)均建成不少于1个公办或规范化普惠婴幼儿照护服务机构' } });
  b.add({ code: 'welfare_lottery_elderly_share', name: '彩票公益金用于养老服务比例', area: '要素保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'annual', target: { value: 55, op: '>=', sentence: '各地用于社会福利事业的彩票公益金,要将55%以上用于支持发展养老服务' }, clause: '三、23' });
  b.add({ code: 'staff_training_share', name: '养老托育从业人员接受相关培训的比例', area: '人才队伍', category: '养老托育', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'annual', target: { value: 80, op: '>=', sentence: '从业人员接受相关培训的比例达到80%以上' }, clause: '三、25' });
  return {
    id: 'jiangxi-2022',
    name: '江西省促进养老托育服务健康发展的实施意见',
    region: '江西省',
    baseYear: 2020,
    targetYear: 2025,
    source: doc.source,
    indicators: b.indicators,
    rules: b.rules,
    bureaus: bureausForRegion(bureauList, '江西省'),
  };
}

function buildXuanhan(): Schema {
  const doc = loadDocument('000', '宣汉县', '宣府办〔2023〕13号');
  const b = new SchemaBuilder(doc, 2020, 2025);
  // One sentence of 一、总体要求 states all three; each figure quotes its own clause of it, so
  // that 以上 belongs to 55% alone.
  const headline = {
    places: '到2025年,全县每千人口拥有3岁以下婴幼儿托位数达到4.5个',
    beds: '全县养老床位达到7000张',
    nursing: '护理型养老床位占比达到55%以上',
  };
  b.add(AUX.population);
  b.add(AUX.childcarePlaces);
  b.add({ ...AUX.nursingBeds, name: '护理型养老床位数', aliases: ['养老机构护理型床位数', '护理型床位数'] });
  b.ratio(
    { code: 'childcare_places_per_1000', name: '每千人口托位数', area: '服务资源', category: '托育', unit: '个', unitSynonyms: PER_THOUSAND, decimals: 1, scope: 'stock', aliases: ['每千人口拥有3岁以下婴幼儿托位数'], target: { value: 4.5, sentence: headline.places } },
    { numerator: 'childcare_places', denominator: 'resident_population', factor: '1000', partOfWhole: false },
  );
  b.add({ code: 'elderly_beds', name: '养老床位数', area: '服务资源', category: '养老', unit: '张', decimals: 0, scope: 'stock', aliases: ['养老床位总数'], target: { value: 7000, sentence: headline.beds } });
  b.ratio(
    { code: 'nursing_bed_share', name: '护理型养老床位占比', area: '服务保障', category: '养老', unit: '%', unitSynonyms: PERCENT, decimals: 0, scope: 'stock', aliases: ['养老机构护理型床位占比', '护理型床位占比'], target: { value: 55, op: '>=', sentence: headline.nursing }, note: '原文在同一句中写养老床位7000张，护理型床位占比以养老床位数为分母。' },
    { numerator: 'nursing_beds', denominator: 'elderly_beds', factor: '100', partOfWhole: true },
  );
  return {
    id: 'xuanhan-2023',
    name: '宣汉县促进养老托育服务健康发展实施方案',
    region: '宣汉县',
    baseYear: 2020,
    targetYear: 2025,
    source: doc.source,
    indicators: b.indicators,
    rules: b.rules,
    bureaus: bureausForRegion(bureauList, '宣汉县'),
  };
}

for (const schema of [buildCommon(), buildXianning(), buildJiangxi(), buildXuanhan()]) {
  const file = `${root}resources/schemas/${schema.id}.json`;
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`已写出 ${file}：${schema.indicators.length} 个指标，${schema.rules.length} 条核对规则`);
}
