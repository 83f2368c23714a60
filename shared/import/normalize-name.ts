/**
 * The normalised form of an indicator name, as DESIGN's matching order defines it: width folded,
 * unit brackets and trailing unit words dropped, brackets, spaces and punctuation removed,
 * 的 dropped and 数量/个数 read as 数. Two names with the same normalised form are the same
 * indicator written differently ("骨干养老企业数（家）" and "骨干养老企业数量").
 */
import { memoText } from './memo';
import { isUnit } from './units';
import { coreName } from './name-parts';

/** Brackets of either width, with the text inside them. */
const BRACKETED = /[(\[【〔<《]([^()\[\]【】〔〕<>《》]*)[)\]】〕>》]/g;


/** A year the name is tied to ("2025年托位总数", "托位总数(2023年)"): years are data. */
const YEAR_WORDS = /\d{4}年度?(?:末|底)?/g;

/** The region the return speaks of, written before the name; the row's region is elsewhere. */
const REGION_PREFIX = /^(?:全市|本市|全县|本县|全区|本区|全省|本省|全镇|全乡)/;

/** A unit after a space, a slash or a colon at the end of a name: "托位总数 万个", "托位总数/万个". */
const TRAILING_UNIT = /(?:\s+|\/|[:：]|单位[:：]?)([^\s/:：]{1,6})\s*$/;

const PUNCTUATION = /[\s,.;:!?、，。；：！？·•‧\-—–_/\\'"“”‘’`~～*#|]/g;

export const normalizeName: (name: string) => string = memoText((name) => {
  let s = coreName(name).normalize('NFKC').trim();
  s = s.replace(/（/g, '(').replace(/）/g, ')');
  s = s.replace(BRACKETED, (whole, inner: string) => (isUnit(inner) || /^单位/.test(inner.trim()) ? '' : whole));
  const trailing = TRAILING_UNIT.exec(s);
  if (trailing && isUnit(trailing[1])) s = s.slice(0, trailing.index);
  s = s.replace(YEAR_WORDS, '');
  s = s.replace(/[()\[\]【】〔〕<>《》]/g, '');
  s = s.replace(PUNCTUATION, '');
  s = s.replace(REGION_PREFIX, '');
  s = s.replace(/的/g, '');
  s = s.replace(/数量/g, '数').replace(/个数/g, '数');
  return s.toLowerCase();
});
