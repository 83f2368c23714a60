/**
 * How a row's name is written around the indicator it names: numbering and structure marks in
 * front (一、 （二） 1. 1、 ① ⑴ 其中： #), footnote marks and an English gloss behind
 * ("北  京 Beijing", "地区生产总值① Gross Regional Product"). Returns, yearbook tables, schema
 * sheets and pasted tables all write names this way; this is the one place that reads them.
 * The name is kept as written for display; matching uses the core.
 */
import { memoText } from './memo';

/** Circled and parenthesised numbers, which NFKC would turn into bare digits glued to the name. */
const CIRCLED = /^[\u2460-\u2473\u2474-\u2487\u2488-\u249b\u3251-\u325f\u32b1-\u32bf\u24f5-\u24fe\u2776-\u2793]\s*/;

const TRAILING_CIRCLED = /[\u2460-\u2473\u2474-\u2487\u2776-\u2793]+\s*$/;

/** "1." "1、" "1)" "(1)" "一、" "(一)" "第一," "A." — numbering before a name. */
const NUMBERING =
  /^(?:\(\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*\)|第?(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、)．,，](?!\d)|[A-Za-z]\s*[.、)](?![A-Za-z\d]))\s*/;

/** "其中：" "其中" "#" "*" "△": the row is a part of the row above. */
const SUB_ITEM = /^(?:其中\s*[:：]?|#+|＃+|\*+|△|▲)\s*/;

/** A note or footnote mark after a name: "地区生产总值①", "常住人口*", "人口[注]". */
const TRAILING_MARKS = /(?:[\u2460-\u2473\u2776-\u2793*＊#]+|\[(?:注|\d{1,2})\]|\((?:注|\d{1,2})\))\s*$/;

/** An English gloss after the Chinese: yearbooks print "地区 Region", "北  京 Beijing". */
const ENGLISH_GLOSS = /(?<=[\u4e00-\u9fff)）\]】])\s*(?:[(（][^()（）\u4e00-\u9fff]*[A-Za-z]{3,}[^()（）\u4e00-\u9fff]*[)）]\s*)?[A-Za-z][A-Za-z .,'&\-/()]{4,}$/;

export interface NameParts {
  /** The name without numbering, structure marks, footnote marks and gloss, spaces kept. */
  core: string;
  /** True for a 其中/# row, a part of the row above. */
  subItem: boolean;
}

const coreMemo = new Map<string, NameParts>();

/** Reads the parts of a written name. */
export function readNameParts(written: string): NameParts {
  const known = coreMemo.get(written);
  if (known) return known;
  // Circled numbers go before NFKC, which would turn ① into a bare 1 glued to the name.
  let s = written.trim().replace(CIRCLED, '').replace(TRAILING_CIRCLED, '');
  s = s.normalize('NFKC').trim();
  let subItem = false;
  for (let i = 0; i < 3; i++) {
    const before = s;
    s = s.replace(NUMBERING, '');
    if (SUB_ITEM.test(s)) {
      subItem = true;
      s = s.replace(SUB_ITEM, '');
    }
    if (s === before) break;
  }
  s = stripEnglishGloss(s).replace(TRAILING_MARKS, '').trim();
  const parts = { core: s === '' ? written.trim() : s, subItem };
  if (coreMemo.size > 20_000) coreMemo.clear();
  coreMemo.set(written, parts);
  return parts;
}

/** The name a matcher compares: numbering, marks and gloss removed. */
export const coreName: (written: string) => string = memoText((written) => readNameParts(written).core);

/** Drops an English gloss behind Chinese text; text without Chinese is left alone. */
export function stripEnglishGloss(text: string): string {
  if (!/[\u4e00-\u9fff]/.test(text)) return text;
  return text.replace(ENGLISH_GLOSS, '').trim();
}

/** Removes every space, as yearbooks pad short names to align them: "北  京" → "北京". */
export function withoutSpaces(text: string): string {
  return text.replace(/[\s\u3000]+/g, '');
}

/**
 * A section heading inside a table ("一、养老服务", "（二）托育服务", "A.基本情况"): names the
 * category of the rows below it. Returns the heading without its numbering, or null. Arabic
 * numbering ("1.") numbers indicators, not sections.
 */
export function readSectionHeading(name: string): string | null {
  const text = name.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(?:[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十]+\)|[A-Z][、.])(.+)$/.exec(text);
  return m ? m[1]!.replace(/[:：]$/, '') : null;
}
