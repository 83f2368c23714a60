/**
 * Units as returns write them — in a 单位 column, a 单位：万人 line, or the name's brackets — and
 * their conversion into the schema's unit. Only powers of ten between units of the same thing
 * convert (万个 → 个, 亿元 → 万元, % → ‰); a count of people never becomes a count of places.
 */
import { shiftDecimal } from './decimal';
import { memoText } from './memo';

/** Multiplier prefixes, longest first so that 百万 is read before 万. */
const PREFIXES: readonly (readonly [string, number])[] = [
  ['万亿', 12],
  ['千万', 7],
  ['百万', 6],
  ['十万', 5],
  ['亿', 8],
  ['万', 4],
  ['千', 3],
  ['百', 2],
];

/**
 * What a unit counts or measures. A prefix only applies in front of one of these, so that
 * 百分点 or 千瓦时 are never misread as 百 × 分点 or 千 × 瓦时.
 */
const BASES = new Set([
  '个', '人', '名', '位', '张', '床', '户', '元', '处', '家', '岁', '周岁', '所', '次', '人次',
  '件', '项', '辆', '台', '套', '间', '座', '条', '只', '头', '支', '种', '册', '篇', '例', '起',
  '栋', '幢', '块', '亩', '公顷', '平方米', '平方公里', '立方米', '米', '公里', '吨', '克', '千克',
  '年', '月', '天', '日', '小时', '分钟', '元/人', '个/千人', '张/千人', '人/千人',
  // Energy, trade and area units of yearbook tables: 万吨标准煤, 亿千瓦时, 万美元, 平方千米.
  '吨标准煤', '吨标煤', '标准煤', '千瓦时', '千瓦小时', '千瓦', '瓦', '美元', '港元', '欧元', '公斤', '平方千米',
  '人/平方公里', '人/平方千米', '元/吨', '元/平方米', '元/千克', '吨/公顷', '千克/公顷', '部', '升', '标准箱', '艘', '架',
  '吨公里', '人公里', '人年', '标准台',
  // 亿元人民币 beside 万美元 in trade tables: the currency said out loud is still 元.
  '元人民币',
  // Plans' own: a change in a rate (提高 2 个百分点) and a score (满意度 90 分).
  '百分点', '个百分点', '分',
]);

/**
 * Different words for the same thing counted: 名 is 人 in staffing tables; 周岁 is 岁.
 * Anything else (个 vs 人, 处 vs 家) is only equal where the schema lists it as a synonym.
 */
const SAME_BASE: Record<string, string> = { 名: '人', 周岁: '岁', 元人民币: '元' };

const RATIO = 'ratio';
const INDEX = 'index';

/** Ways returns write "per cent" and "per mille". */
const PERCENT_WORDS = new Set(['%', '百分比', '百分率', '百分数', 'percent', 'pct', '百分之']);
const PERMILLE_WORDS = new Set(['‰', '千分比', '千分率', '千分数', '千分之']);

/** A unit read as `10^exp` of `base`; base '' is a bare multiplier such as 万 in "2.8万". */
export interface ParsedUnit {
  unit: string;
  exp: number;
  base: string;
}

/**
 * The canonical spelling of a unit: full-width folded, brackets, 单位：/计量单位： and spaces
 * removed, per-cent words as % and per-mille words as ‰. '' when nothing is left.
 */
export function normalizeUnit(text: string | null | undefined): string {
  return text ? normalizedUnit(text) : '';
}

const normalizedUnit = memoText((text) => {
  let s = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  s = s.replace(/^[(\[【〔]+/, '').replace(/[)\]】〕]+$/, '');
  s = s.replace(/^(计量单位|单位)[:：]?/, '');
  s = s.replace(/^[(\[【〔]+/, '').replace(/[)\]】〕]+$/, '');
  if (PERCENT_WORDS.has(s)) return '%';
  if (PERMILLE_WORDS.has(s)) return '‰';
  return s;
});

/** "1/10万", "1/1000": one in so many, as plans print 孕产妇死亡率 (1/10万). */
const ONE_IN = /^1\/(1(?:0*))?(万|千|百)?$/;

/** The thing a per-head denominator counts: 张/千人口, 人次/万人. */
const HEADS = /^[万千百十]?人口$/;

/** Reads a unit as prefix × base; null when it is not a unit this module knows. */
export function parseUnit(text: string | null | undefined): ParsedUnit | null {
  const unit = normalizeUnit(text);
  if (unit === '') return null;
  if (unit === '%') return { unit, exp: -2, base: RATIO };
  if (unit === '‰') return { unit, exp: -3, base: RATIO };
  if (unit === '‱') return { unit, exp: -4, base: RATIO };
  const oneIn = ONE_IN.exec(unit);
  if (oneIn && (oneIn[1] !== undefined || oneIn[2] !== undefined)) {
    const prefix = PREFIXES.find(([word]) => word === oneIn[2])?.[1] ?? 0;
    return { unit, exp: -((oneIn[1] ?? '1').length - 1 + prefix), base: RATIO };
  }
  // An index on a base period ("1978年=100", "上年=100") is never the level it indexes.
  if (/=100$/.test(unit)) return { unit, exp: 0, base: `${INDEX}:${unit}` };
  const simple = parseSimpleUnit(unit);
  if (simple) return simple;
  // A unit per another (人次/万人, 张/千人口, 平方米/人) converts only into itself.
  const [top, bottom, ...more] = unit.split('/');
  if (more.length === 0 && top && bottom && parseSimpleUnit(top) && (parseSimpleUnit(bottom) || HEADS.test(bottom))) {
    return { unit, exp: 0, base: unit };
  }
  return null;
}

function parseSimpleUnit(unit: string): ParsedUnit | null {
  if (BASES.has(unit)) return { unit, exp: 0, base: SAME_BASE[unit] ?? unit };
  for (const [prefix, exp] of PREFIXES) {
    if (!unit.startsWith(prefix)) continue;
    const rest = unit.slice(prefix.length);
    if (rest === '') return { unit, exp, base: '' };
    if (BASES.has(rest)) return { unit, exp, base: SAME_BASE[rest] ?? rest };
  }
  return null;
}

/** True when the text reads as a unit (used to tell "(万个)" from "(含农村幸福院)" in a name). */
export function isUnit(text: string | null | undefined): boolean {
  return parseUnit(text) !== null;
}

/** True for a bare multiplier (万, 亿, 千) with nothing counted after it. */
export function isBareMultiplier(text: string | null | undefined): boolean {
  const parsed = parseUnit(text);
  return parsed !== null && parsed.base === '';
}

export type Conversion =
  | { ok: true; value: number; converted: boolean; factor: number; unit: string }
  | { ok: false; reason: string };

/**
 * Converts `value` from the unit the return states into the schema's unit (or one of its
 * synonyms, which count as the schema's unit itself). A missing `fromUnit` means the return did
 * not say, and the figure is taken as already in the schema's unit. `converted` is true only when
 * the number changed; `factor` is what it was multiplied by.
 */
export function convertValue(
  value: number,
  fromUnit: string | null | undefined,
  toUnit: string | null | undefined,
  synonyms: readonly string[] = [],
): Conversion {
  const from = normalizeUnit(fromUnit);
  const to = normalizeUnit(toUnit);
  const same = { ok: true as const, value, converted: false, factor: 1, unit: to };
  if (from === '' || from === to) return same;
  const targets = [to, ...synonyms.map(normalizeUnit)].filter((u) => u !== '');
  if (targets.includes(from)) return same;
  const source = parseUnit(from);
  if (to === '') {
    // The schema names no unit: a bare multiplier still scales (常住人口 "2.8万"), any other
    // unit only says more than the schema does.
    if (source && source.base === '') return scaled(value, source.exp, to);
    return same;
  }
  if (source) {
    for (const target of targets) {
      const parsedTarget = parseUnit(target);
      if (parsedTarget && sameDimension(source, parsedTarget)) {
        return scaled(value, source.exp - parsedTarget.exp, to);
      }
    }
  }
  return { ok: false, reason: `单位“${from}”无法换算为指标单位“${to}”` };
}

/** True when the two units could hold the same indicator after scaling. */
export function unitsCompatible(
  fromUnit: string | null | undefined,
  toUnit: string | null | undefined,
  synonyms: readonly string[] = [],
): boolean {
  return convertValue(1, fromUnit, toUnit, synonyms).ok;
}

function sameDimension(a: ParsedUnit, b: ParsedUnit): boolean {
  if (a.base === b.base) return true;
  // A bare multiplier ("万") takes the thing counted from the other side, never a ratio's.
  if (a.base === '' && b.base !== RATIO && !b.base.startsWith(INDEX)) return true;
  if (b.base === '' && a.base !== RATIO && !a.base.startsWith(INDEX)) return true;
  return false;
}

function scaled(value: number, exp: number, unit: string): Conversion {
  return { ok: true, value: shiftDecimal(value, exp), converted: exp !== 0, factor: shiftDecimal(1, exp), unit };
}

/**
 * The unit a figure is in, from what the cell says and what the row or table says. A cell's own
 * unit wins ("28000户" in a 万户 column); a bare 万/亿 in the cell scales the row's thing counted
 * ("2.8万" in a 个 column is 2.8 万个) and replaces the row's own prefix, because "2.8万" in a
 * 万个 column restates the 万 rather than meaning 2.8 亿个.
 */
export function combineUnits(cellUnit: string | null, declaredUnit: string | null): string | null {
  const cell = normalizeUnit(cellUnit);
  const declared = normalizeUnit(declaredUnit);
  if (cell === '') return declared === '' ? null : declared;
  if (declared === '') return cell;
  const parsedCell = parseUnit(cell);
  const parsedDeclared = parseUnit(declared);
  if (!parsedCell || parsedCell.base !== '' || !parsedDeclared) return cell;
  if (parsedDeclared.base === '' || parsedDeclared.base === RATIO) return cell;
  const baseWord = stripPrefix(declared);
  return cell + baseWord;
}

function stripPrefix(unit: string): string {
  if (BASES.has(unit)) return unit;
  for (const [prefix] of PREFIXES) {
    if (unit.startsWith(prefix) && BASES.has(unit.slice(prefix.length))) return unit.slice(prefix.length);
  }
  return unit;
}

const TRAILING_BRACKET = /[(（\[【〔]\s*([^()（）\[\]【】〔〕]{1,16})\s*[)）\]】〕]\s*$/;

/**
 * Splits a unit in brackets, half- or full-width, off the end of a name: "托位总数(万个)",
 * "每千人口托位数（人）", "乡镇区域性综合养老服务中心覆盖率 (%)", "常住人口【单位：万人】".
 * Bracketed text that is not a unit ("养老服务设施（含农村幸福院）", "地区生产总值（现价）")
 * stays in the name. Returns, schema sheets and pasted tables all read names' units here.
 */
export function unitFromName(name: string): { name: string; unit: string | null } {
  const match = TRAILING_BRACKET.exec(name);
  if (match && isUnit(match[1])) {
    return { name: name.slice(0, match.index).trim(), unit: normalizeUnit(match[1]) };
  }
  return { name: name.trim(), unit: null };
}
