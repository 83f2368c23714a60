/**
 * Region names as tables write them: the workbook's own region under its name or as 全市 / 全县 /
 * 合计 / 总计 / 全省; a declared sub-region, also padded with spaces ("兰 山 区"), split over two
 * header rows, or with its 区/县/市 left off; any other place, known by its administrative
 * suffix or as a province-level name, kept as written so that it is reported, never dropped.
 */
import { memoText } from './memo';
import { coreName, withoutSpaces } from './name-parts';

/**
 * `sum` is 合计/总计: the sum of the regions the table shows, which is the workbook's region only
 * when the table shows all of it (coversWhole).
 */
export type RegionNameKind = 'self' | 'sum' | 'listed' | 'unlisted';

export interface RegionReading {
  /** The workbook's name for it (regions[0] for self, the declared name when listed), else as written. */
  region: string;
  kind: RegionNameKind;
}

/** Words a table uses for the region it covers as a whole. 市本级 is not one: it excludes the counties. */
const SELF_WORDS = /^(?:全市|全县|全区|全省|全国|全州|全盟|全旗|全镇|全乡|本市|本县|本区|本省|全市合计|全县合计|全区合计|全省合计|全国合计|全市总计|全省总计|全国总计)$/;
/** Groupings of provinces that national tables list beside them: sums, not places. */
const GROUPINGS = /^(?:东部|中部|西部|东北|中西部|东中部|京津冀|长三角|珠三角|长江经济带|黄河流域|粤港澳大湾区)(?:地区|三省)?$/;

/** Does 全<level> name the workbook's region? One written without its suffix ("临沂") takes any but 全国. */
function selfAt(ownLevel: string, level: string): boolean {
  return ownLevel === level || (!'市县区省国州盟旗镇乡'.includes(ownLevel) && level !== '国');
}

/** The sum of the rows or columns shown. */
const SUM_WORDS = /^(?:合计|总计|总合计|共计|小计合计)$/;

/** Administrative suffixes, longest first so that 自治县 is read before 县. */
const SUFFIXES = [
  '特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '自治县', '自治旗',
  '经济技术开发区', '高新技术产业开发区', '经济开发区', '高新区', '开发区', '新区', '经济区', '示范区', '实验区', '试验区',
  '度假区', '保税区', '产业园区', '工业园区', '园区', '管委会', '林区', '矿区', '街道办事处', '街道',
  '地区', '省', '市', '区', '县', '旗', '盟', '州', '镇', '乡',
];

/** Province-level names and their short forms, as national tables write them. */
const PROVINCES = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省', '上海市', '江苏省', '浙江省',
  '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '广西壮族自治区', '海南省', '重庆市',
  '四川省', '贵州省', '云南省', '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区',
  '台湾省', '香港特别行政区', '澳门特别行政区',
];

/** Provinces whose short name is also a prefecture city's, with that city. */
const CITY_NAMED_PROVINCES = new Map([['吉林', ['吉林省', '吉林市']]]);

/** A name that also says what is counted is an indicator, not a place (市场主体数, 城区人口). */
const NOT_A_PLACE = /人口|收入|支出|增长|面积|产业|企业|单位|人员|机构|学校|医院|设施|服务|建设|投资|生产|消费|就业|工资|保险|社区|城区|辖区|农村|城镇|城市|中心|平均|合计|小计|其他|其它/;

/** The name without its administrative suffix: 兰山区 → 兰山, 内蒙古自治区 → 内蒙古. */
export const regionStem: (name: string) => string = memoText((name) => {
  const t = withoutSpaces(name.normalize('NFKC'));
  for (const suffix of SUFFIXES) {
    if (t.endsWith(suffix) && t.length - suffix.length >= 2) return t.slice(0, -suffix.length);
  }
  return t;
});

/** PROVINCES looked up by full or short name (the first in order), and their short names: built once, asked of every label. */
let provinceIndex: { byName: Map<string, string>; stems: Set<string> } | undefined;

function provinces(): { byName: Map<string, string>; stems: Set<string> } {
  if (!provinceIndex) {
    const byName = new Map<string, string>();
    const stems = new Set<string>();
    for (const p of PROVINCES) {
      const stem = regionStem(p);
      if (!byName.has(p)) byName.set(p, p);
      if (!byName.has(stem)) byName.set(stem, p);
      stems.add(stem);
    }
    provinceIndex = { byName, stems };
  }
  return provinceIndex;
}

function hasSuffix(text: string): boolean {
  return SUFFIXES.some((s) => text.endsWith(s) && text.length - s.length >= 1);
}

/** Is this text a place name on its own (a suffix and no counting words)? */
export function isPlaceLike(text: string): boolean {
  const t = withoutSpaces(coreName(text).normalize('NFKC'));
  // A suffix alone (经济区, 开发区, 街道) names a kind of place, not one.
  if (!/^[\u4e00-\u9fff]{2,16}$/.test(t) || SUFFIXES.includes(t) || NOT_A_PLACE.test(regionStem(t))) return false;
  return hasSuffix(t) || provinces().stems.has(t);
}

/**
 * Reads `text` as a region. `regions[0]` is the workbook's region, the rest its sub-regions.
 * Null when the text is no region at all.
 */
export function readRegionName(text: string, regions: readonly string[]): RegionReading | null {
  // The same labels (indicator names, 合计, the counties) come back in every return of a batch.
  const names = namesOf(regions);
  let reading = names.readings.get(text);
  if (reading === undefined) {
    reading = readRegionNameAfresh(text, regions, names);
    if (names.readings.size >= READINGS_KEPT) names.readings.clear();
    names.readings.set(text, reading);
  }
  return reading && { ...reading };
}

const READINGS_KEPT = 20_000;

function readRegionNameAfresh(text: string, regions: readonly string[], names: RegionNames): RegionReading | null {
  const t = nameText(text);
  if (t === '') return null;
  const own = regions[0];
  // 全市 is the workbook's own region only in a city's workbook: 全国 in a city's table is the
  // nation, not the city, and is no region of this workbook.
  if (SELF_WORDS.test(t)) return own && selfAt(names.ownLevel!, /^[全本](.)/.exec(t)![1]!) ? { region: own, kind: 'self' } : null;
  if (t === '中国' && own && names.ownLevel === '国') return { region: own, kind: 'self' };
  if (GROUPINGS.test(t)) return null;
  if (SUM_WORDS.test(t)) return own ? { region: own, kind: 'sum' } : null;
  const stem = regionStem(t);
  if (own !== undefined) {
    if (t === names.own) return { region: own, kind: 'self' };
    if (stem.length >= 2 && stem === names.ownStem && !hasSuffix(t)) return bareNameOf(t, names).length > 1 ? null : { region: own, kind: 'self' };
  }
  for (const sub of names.subregions) {
    if (t === sub.text) return { region: sub.region, kind: 'listed' };
  }
  // A suffix left off ("兰山" for 兰山区) or another suffix of the same place: same stem, one side bare.
  if (stem.length >= 2) {
    const sameStem = names.subregions.filter((sub) => sub.stem === stem);
    // t is already NFKC and without spaces (nameText).
    if (sameStem.length === 1 && (stem === t || sameStem[0]!.bare)) return { region: sameStem[0]!.region, kind: 'listed' };
  }
  // "吉林" in a list of cities is 吉林市; among provinces, 吉林省. Undeclared, it settles neither.
  if (CITY_NAMED_PROVINCES.has(t)) return null;
  const province = provinces().byName.get(t);
  if (province) return { region: province, kind: 'unlisted' };
  if (isPlaceLike(t)) return { region: t, kind: 'unlisted' };
  return null;
}

/**
 * The regions a bare name (no 省/市/县 …) may mean: "吉林" in 吉林省's workbook is the province or
 * its 吉林市. More than one, and the name settles none.
 */
export function regionsOfBareName(text: string, regions: readonly string[]): string[] {
  const t = nameText(text);
  if (t === '' || hasSuffix(t)) return [];
  const declared = bareNameOf(t, namesOf(regions));
  return declared.length > 0 ? declared : (CITY_NAMED_PROVINCES.get(t) ?? []);
}

function bareNameOf(t: string, names: RegionNames): string[] {
  const own = names.ownStem === t && names.ownRegion !== null ? [names.ownRegion] : [];
  return [...own, ...names.subregions.filter((sub) => sub.stem === t).map((sub) => sub.region)];
}

/** A text as region names are compared: its core name, NFKC, without spaces. */
const nameText = memoText((text) => withoutSpaces(coreName(text).normalize('NFKC')));

/** A workbook's region names as readRegionName compares them, worked out once per list. */
interface RegionNames {
  /** The workbook's region as written, and as compared. */
  ownRegion: string | null;
  own: string | null;
  ownStem: string | null;
  /** What its 全X says: 国 for the nation, else the last character of its name (市, 县, 区 …). */
  ownLevel: string | null;
  subregions: { region: string; text: string; stem: string; bare: boolean }[];
  /** readRegionName's answers for these regions, by the text asked about. */
  readings: Map<string, RegionReading | null>;
}

const regionNames = new WeakMap<readonly string[], RegionNames>();

function namesOf(regions: readonly string[]): RegionNames {
  let names = regionNames.get(regions);
  if (!names) {
    const own = regions[0] === undefined ? null : withoutSpaces(regions[0].normalize('NFKC'));
    names = {
      ownRegion: regions[0] ?? null,
      own,
      ownStem: own === null ? null : regionStem(own),
      ownLevel: own === null ? null : /^(?:全国|中国|中华人民共和国|国家)$/.test(own) ? '国' : own.slice(-1),
      subregions: regions.slice(1).map((region) => {
        const text = withoutSpaces(region.normalize('NFKC'));
        const stem = regionStem(region);
        return { region, text, stem, bare: stem === text };
      }),
      readings: new Map(),
    };
    regionNames.set(regions, names);
  }
  return names;
}

/**
 * Does a table showing these regions show the whole workbook region, so that its 合计 is the
 * workbook region's figure? Only when every declared sub-region is there and no other place:
 * a 合计 over four of twelve counties, or over a county the workbook does not list, is not.
 */
export function coversWhole(shown: readonly (RegionReading | null)[], regions: readonly string[]): boolean {
  const subregions = regions.slice(1);
  if (subregions.length === 0) return false;
  if (shown.some((r) => r?.kind === 'unlisted')) return false;
  const listed = new Set(shown.filter((r) => r?.kind === 'listed').map((r) => r!.region));
  return subregions.every((r) => listed.has(r));
}
