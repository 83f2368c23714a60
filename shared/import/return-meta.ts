import { normalizeText } from './detect-sheet-view';
import { statedYear } from './year-words';
import { memoText } from './memo';

/**
 * Meta lines of a return: "填报单位：临沂市民政局  单位：万人", "填表人：张三  联系电话：0539-…",
 * found above the table, below it, or on a cover sheet.
 */
export type MetaKey = 'indicator' | 'bureau' | 'unitOrBureau' | 'tableUnit' | 'contactPerson' | 'contactPhone' | 'reviewer' | 'date' | 'year';

const KEYS: [string, MetaKey][] = [
  ['填报单位', 'bureau'],
  ['报送单位', 'bureau'],
  ['填报部门', 'bureau'],
  ['报送部门', 'bureau'],
  ['单位名称', 'bureau'],
  ['计量单位', 'tableUnit'],
  ['单位负责人', 'reviewer'],
  ['统计负责人', 'reviewer'],
  ['单位', 'unitOrBureau'],
  ['填表人', 'contactPerson'],
  ['填报人', 'contactPerson'],
  ['联系人', 'contactPerson'],
  ['经办人', 'contactPerson'],
  ['制表人', 'contactPerson'],
  ['联系电话', 'contactPhone'],
  ['联系方式', 'contactPhone'],
  ['电话', 'contactPhone'],
  ['手机', 'contactPhone'],
  ['审核人', 'reviewer'],
  ['负责人', 'reviewer'],
  ['填报日期', 'date'],
  ['填表日期', 'date'],
  ['报送日期', 'date'],
  ['日期', 'date'],
  ['报告年度', 'year'],
  ['统计年度', 'year'],
  ['年度', 'year'],
  ['年份', 'year'],
  // 国家数据 exports name their one indicator above the table: "指标：地区生产总值(亿元)".
  ['指标', 'indicator'],
];

// Longest first, so that 填报单位 is not read as 单位; an optional "(盖章)" before the colon.
const KEY_PATTERN = new RegExp(
  `(${KEYS.map(([k]) => k).sort((a, b) => b.length - a.length).join('|')})(?:\\((?:盖章|公章|签章|签字|章|签名)\\))?\\s*:`,
  'g',
);

export interface MetaPair {
  key: MetaKey;
  label: string;
  value: string;
}

/** The key/value pairs of one line; a value runs to the next key. "填报单位：" with the value in
 *  the next cell works because the caller joins a row's cells with spaces. */
export function readMetaPairs(line: string): MetaPair[] {
  const text = line.normalize('NFKC').replace(/：/g, ':');
  const found = [...text.matchAll(KEY_PATTERN)];
  const pairs: MetaPair[] = [];
  found.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const end = i + 1 < found.length ? found[i + 1]!.index! : text.length;
    const value = text.slice(start, end).replace(/[_＿]+/g, ' ').trim().replace(/[,，;；。]+$/, '').trim();
    const label = m[1]!;
    const key = KEYS.find(([k]) => k === label)![1];
    if (value !== '') pairs.push({ key, label, value });
  });
  return pairs;
}

/** Does the line open with a meta key ("填表人：…")? Such a line is no title and no data. */
export const startsWithMetaKey: (line: string) => boolean = memoText((line) => {
  const text = line.normalize('NFKC').replace(/：/g, ':').trimStart();
  KEY_AT_START.lastIndex = 0;
  return KEY_AT_START.test(text);
});

/** KEY_PATTERN tried at the start only: a line with no key is not searched to its end. */
const KEY_AT_START = new RegExp(KEY_PATTERN.source, 'y');

const BUREAU_ENDING = /(局|委|委员会|办|办公室|厅|院|会|部|中心|政府|所|站|队|处|科|室|馆|公司|集团|街道|镇|乡|支队|大队)$/;

/**
 * "单位：" is either the bureau or the table's unit. "单位：市民政局" names a bureau (it is on the
 * bureau list, or ends as bureaus do: 局, 委, 中心 …); "单位：万人" names a unit.
 */
export function isBureauLike(value: string, bureauNames: readonly string[]): boolean {
  const v = normalizeText(value);
  if (bureauNames.some((b) => normalizeText(b) === v)) return true;
  return v.length >= 3 && BUREAU_ENDING.test(v);
}

/** The longest of `names` found in `text`, as listed (bureau aliases, region names). */
export function findLongestName(text: string, names: readonly string[]): string | null {
  const t = normalizeText(text);
  let best: string | null = null;
  for (const name of names) {
    const n = normalizeText(name);
    if (n !== '' && t.includes(n) && (best === null || n.length > normalizeText(best).length)) best = name;
  }
  return best;
}

/**
 * The region a text names. A sub-region ("临沂市兰山区民政局" → 兰山区) is more specific than the
 * workbook's region and wins; `regions[0]` is the workbook's region.
 */
export function findRegion(text: string, regions: readonly string[]): string | null {
  const sub = findLongestName(text, regions.slice(1));
  if (sub) return sub;
  return regions[0] && normalizeText(text).includes(normalizeText(regions[0])) ? regions[0] : null;
}

/** Facts gathered from meta lines, earlier lines winning. */
export interface MetaFacts {
  bureau: string | null;
  tableUnit: string | null;
  contactPerson: string | null;
  contactPhone: string | null;
  reviewer: string | null;
  year: number | null;
}

export function emptyFacts(): MetaFacts {
  return { bureau: null, tableUnit: null, contactPerson: null, contactPhone: null, reviewer: null, year: null };
}

/** A seal or signature note after the name: "临沂市民政局（盖章）". */
const SEAL_ASIDE = /[(\[【]\s*(?:盖章|公章|签章|印章|章|签字|签名|盖章处)\s*[)\]】]$/;
const TRAILING_ASIDE = /\s*[(\[【][^()\[\]【】]*[)\]】]$/;

/**
 * The bureau a 填报单位 value names. Bureaus add a seal note ("（盖章）"), an office or section
 * after the bureau ("临沂市民政局养老服务科", "市卫健委（老龄健康科）"): where what is written
 * begins with a listed bureau name, that name is the bureau; otherwise the value as written, seal
 * note removed, for the officer to see and correct.
 */
export function readBureauValue(value: string, bureauNames: readonly string[]): string {
  const text = value.normalize('NFKC').trim().replace(SEAL_ASIDE, '').trim();
  const bare = text.replace(TRAILING_ASIDE, '').trim();
  const key = normalizeText(bare);
  const listed = bureauNames.find((b) => normalizeText(b) === key);
  if (listed) return listed;
  let best: string | null = null;
  for (const name of bureauNames) {
    const n = normalizeText(name);
    if (n !== '' && key.startsWith(n) && (best === null || n.length > normalizeText(best).length)) best = name;
  }
  return best ?? text;
}

/** Adds what `line` says to `facts`, keeping what earlier lines said. */
export function collectMetaLine(facts: MetaFacts, line: string, bureauNames: readonly string[]): void {
  for (const pair of readMetaPairs(line)) {
    switch (pair.key) {
      case 'bureau':
        facts.bureau ??= readBureauValue(pair.value, bureauNames);
        break;
      case 'unitOrBureau':
        if (isBureauLike(pair.value.replace(SEAL_ASIDE, ''), bureauNames)) facts.bureau ??= readBureauValue(pair.value, bureauNames);
        else facts.tableUnit ??= pair.value;
        break;
      case 'tableUnit':
        facts.tableUnit ??= pair.value;
        break;
      case 'contactPerson':
        facts.contactPerson ??= pair.value;
        break;
      case 'contactPhone':
        facts.contactPhone ??= pair.value;
        break;
      case 'reviewer':
        facts.reviewer ??= pair.value;
        break;
      case 'year':
        facts.year ??= statedYear(pair.value);
        break;
      case 'indicator':
        // Read by the table it names (detect-region-rows.ts), not a fact of the return.
        break;
      case 'date':
        // 填报日期 is when the form was filled in (often January of the next year), not its year.
        break;
    }
  }
}
