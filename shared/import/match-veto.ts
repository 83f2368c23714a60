/**
 * Why a fuzzy match between two similar names must not be accepted on its own. DESIGN: near-
 * identical names that are different indicators (骨干养老企业数量 / 骨干托育企业数量; 失能特困人员
 * 集中供养率 / 有集中供养意愿的特困人员集中供养率; 基本养老保险参保率 / 城乡居民基本养老保险参保
 * 人数) never match each other automatically. The pair may still be offered as a candidate.
 */
import { alignNames, type Alignment } from './similarity';
import { unitsCompatible } from './units';

export interface VetoSide {
  /** Normalised name. */
  name: string;
  unit: string | null;
}

/**
 * Words that tell indicators of one family apart. Where one name has one of them and the other
 * has a different one of the same group, they are different indicators, however alike the rest.
 */
const CONTRAST_WORDS: readonly (readonly string[])[] = [
  ['养老', '托育'],
  ['城乡居民', '城镇职工'],
  ['城镇', '农村', '城乡', '城市'],
  ['街道', '乡镇', '社区'],
  ['国家级', '省级', '市级', '县级', '乡镇级'],
  ['公办', '民办'],
  ['男性', '女性'],
  ['半失能', '失能', '失智'],
  ['新建', '既有', '老旧'],
  ['普惠性', '营利性'],
  ['小学', '初中', '高中'],
  ['婴儿', '孕产妇'],
  ['本年', '上年', '累计'],
  ['增长率', '增长量'],
];

/** Each group longest word first, so that 失能 is not also found inside 半失能. */
const CONTRASTS = CONTRAST_WORDS.map((group) => [...group].sort((x, y) => y.length - x.length));

/**
 * Words that only restate the region or the kind of figure (全市, 年末, 数, 数量, 总数): a name
 * with or without them is the same indicator. Anything else that differs is a question for the
 * officer, except a one-character slip outside a qualifier (复盖率 for 覆盖率).
 */
const RESTATING = /全市|全县|全区|全省|全国|我市|我县|我区|本市|本县|本区|年末|年底|全年|总数|总量|数量|合计|总计|总|数|的|量/g;

/**
 * Words that narrow what an indicator counts. A slip inside one of them is no slip: 联营 for 私营,
 * 城镇 for 乡镇, 男 for 女 name different things, however alike the characters.
 */
const QUALIFIERS = [
  '集体', '国有', '私营', '联营', '个体', '股份', '外商', '外资', '内资', '港澳台', '民营', '公有', '非公有', '混合',
  '城镇', '乡镇', '乡村', '农村', '城市', '城乡', '居民', '职工', '男', '女', '规模以上', '规上', '限额以上', '限上',
  '第一', '第二', '第三', '一产', '二产', '三产', '工业', '农业', '建筑', '服务', '进口', '出口', '中央', '地方', '本级',
  '公办', '民办', '普惠', '失能', '半失能', '失智', '护理型', '养老', '托育', '婴幼儿', '儿童', '老年', '青年', '少年',
  '小学', '初中', '高中', '中学', '大学', '高等', '普通', '职业', '义务', '学前', '在岗', '离退休', '新增', '累计',
  '本年', '上年', '年均', '人均', '平均', '每千', '每万', '占', '比重', '增长', '增速', '增加', '减少', '指数', '全日制',
  '户籍', '常住', '流动', '出生', '死亡', '一般', '公共', '财政', '税收', '非税', '存款', '贷款', '收入', '支出',
  '住户', '企业', '法人', '固定', '房地产', '商品', '住宅', '零售', '批发', '餐饮', '住宿', '实际', '合同', '直接',
  '利用', '专任', '卫生', '技术', '执业', '注册', '医疗', '基本', '商业', '补充', '东部', '中部', '西部', '东北',
  '市区', '县域', '街道', '社区', '镇', '乡', '村', '省', '市', '县', '区', '上', '下', '前', '后', '内', '外', '大', '小',
  '高', '低', '新', '旧', '老', '长', '短', '最', '净', '毛', '总', '分', '单', '双', '多', '少',
];

/** A hunk of at most this many characters, outside every qualifier, is a slip. */
const SLIP_CHARS = 1;
/** Names shorter than this have no room for a slip: every character counts. */
const SLIP_MIN_LENGTH = 6;

/** The reason, in Chinese, why the row must not be matched to the target automatically; null if none. */
export function vetoOf(
  row: VetoSide,
  target: VetoSide & { synonyms: readonly string[] },
  alignment: Alignment = alignNames(row.name, target.name),
): string | null {
  if (row.unit && target.unit && !unitsCompatible(row.unit, target.unit, target.synonyms)) {
    return `单位“${row.unit}”与指标单位“${target.unit}”不能换算`;
  }
  const rowKind = kindOf(row.name);
  const targetKind = kindOf(target.name);
  if (rowKind && targetKind && rowKind !== targetKind) {
    return `一个是${KIND_WORD[rowKind]}、一个是${KIND_WORD[targetKind]}，不是同一指标`;
  }
  const rowDigits = digitsOf(row.name);
  const targetDigits = digitsOf(target.name);
  if (rowDigits !== targetDigits) return `名称中的数字不同（${rowDigits || '无'}与${targetDigits || '无'}）`;
  const contrast = contrastOf(row.name, target.name);
  if (contrast) return `名称中“${contrast[0]}”与“${contrast[1]}”不同`;
  return hunkVeto(row.name, target.name, alignment);
}

/** Why the names' differing runs are more than restated words and one slip; null when they are not. */
function hunkVeto(a: string, b: string, alignment: Alignment): string | null {
  let slips = 0;
  for (const hunk of alignment.hunks) {
    const restA = hunk.a.replace(RESTATING, '');
    const restB = hunk.b.replace(RESTATING, '');
    if (restA === '' && restB === '') continue;
    const qualifier = qualifierAt(a, hunk.aStart, hunk.a.length) ?? qualifierAt(b, hunk.bStart, hunk.b.length);
    if (qualifier !== null) return `名称中的限定语“${qualifier}”不同（“${hunk.a || '—'}”与“${hunk.b || '—'}”）`;
    const longest = Math.max(Array.from(hunk.a).length, Array.from(hunk.b).length);
    const short = Math.min(Array.from(a).length, Array.from(b).length);
    if (longest <= SLIP_CHARS && short >= SLIP_MIN_LENGTH && ++slips <= 1) continue;
    if (hunk.a === '' || hunk.b === '') return `一个名称多出限定语“${hunk.a || hunk.b}”`;
    return `名称中“${hunk.a}”与“${hunk.b}”不同`;
  }
  return null;
}

/** The qualifier word of `name` that the run [start, start + length) touches, if any. */
function qualifierAt(name: string, start: number, length: number): string | null {
  if (length === 0) return null;
  const end = start + length;
  let best: string | null = null;
  for (const word of QUALIFIERS) {
    for (let at = name.indexOf(word); at !== -1; at = name.indexOf(word, at + 1)) {
      if (at < end && at + word.length > start && (best === null || word.length > best.length)) best = word;
    }
  }
  return best;
}

type NameKind = 'rate' | 'count';
const KIND_WORD: Record<NameKind, string> = { rate: '比率', count: '数量' };

/** 率/比/占比/比例/比重 name a ratio; 数/人数/数量 (normalised to 数) a count. */
function kindOf(name: string): NameKind | null {
  if (/(率|比|比例|比重)$/.test(name)) return 'rate';
  if (/数$/.test(name)) return 'count';
  return null;
}

function digitsOf(name: string): string {
  return (name.match(/\d+(?:\.\d+)?/g) ?? []).join('、');
}

function contrastOf(a: string, b: string): [string, string] | null {
  for (const group of CONTRASTS) {
    const inA = tokensIn(a, group);
    const inB = tokensIn(b, group);
    const onlyA = inA.find((t) => !inB.includes(t));
    const onlyB = inB.find((t) => !inA.includes(t));
    if (onlyA && onlyB) return [onlyA, onlyB];
  }
  return null;
}

/** The group's words in the name (the group is sorted longest first). */
function tokensIn(name: string, group: readonly string[]): string[] {
  let rest = name;
  const found: string[] = [];
  for (const token of group) {
    if (rest.includes(token)) {
      found.push(token);
      rest = rest.replaceAll(token, '\u0000');
    }
  }
  return found;
}
