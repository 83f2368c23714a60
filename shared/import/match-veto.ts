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

/** A qualifier this long added anywhere in a name narrows what it counts (护理型…, 有…意愿的). */
const QUALIFIER_CHARS = 3;
/** At the start of a name even two characters are a qualifier (骨干…, 失能…, 城乡居民…). */
const LEADING_QUALIFIER_CHARS = 2;
/** Both names have a different run this long at the same place: a different word (养老/托育). */
const SUBSTITUTION_CHARS = 2;

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
  for (const hunk of alignment.hunks) {
    const a = Array.from(hunk.a).length;
    const b = Array.from(hunk.b).length;
    if (a >= SUBSTITUTION_CHARS && b >= SUBSTITUTION_CHARS) return `名称中“${hunk.a}”与“${hunk.b}”不同`;
    const added = a === 0 ? hunk.b : b === 0 ? hunk.a : '';
    const addedChars = Math.max(a, b);
    if (added !== '' && (addedChars >= QUALIFIER_CHARS || (hunk.leading && addedChars >= LEADING_QUALIFIER_CHARS))) {
      return `一个名称多出限定语“${added}”`;
    }
  }
  return null;
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
