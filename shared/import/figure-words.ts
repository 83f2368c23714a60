/**
 * Figures as tables write them in text — "93.5", "1,012", "２.８万", "≥60", "60以上", "不低于95",
 * "--", "持续提高" — read one way for every reader: a bureau's return (parse-cell.ts), a schema
 * sheet (schema-sheet-columns.ts) and an indicator table pasted from a document
 * (figure-cell.ts). A unit written after the figure is handed back, never applied here: only the
 * caller knows the unit the figure is wanted in (units.ts converts).
 */
import type { TargetOp } from '../domain/indicator';
import { isUnit, normalizeUnit } from './units';

export type FigureReading =
  | {
      kind: 'number';
      value: number;
      /** ≥60, 60以上, 不低于60 → '>='; ≤, 以下, 不超过 → '<='; ＝ → '='. */
      op: TargetOp | null;
      /** Decimals as printed (77.90 → 2). */
      decimals: number;
      /** A unit written after the figure ('%', '万', '户'), normalised; null when none. */
      unit: string | null;
      text: string;
    }
  /** A mark for "no figure": --, —, ——, /, 无, 暂无 … */
  | { kind: 'none'; text: string }
  /** A formula's error value, as a cell holds it or a CSV export writes it: #DIV/0!, #N/A … */
  | { kind: 'error'; code: string; text: string }
  /** A target stated in words wherever it stands (持续提高, 全覆盖): kept as text, never made a number. */
  | { kind: 'qualitative'; text: string }
  /** Anything else; in a target cell it may still be a target in words (see isTargetInWords). */
  | { kind: 'unparseable'; text: string };

/** Punctuation-only cells that mean "no figure", after width folding: -, --, —, ——, /, …, ×. */
const NO_DATA_PUNCTUATION = /^[-—–―‐‑~～_/\\.。…·×*＊]*$/;
const NO_DATA_WORDS = new Set(['无', '空', '缺', '暂无', '无数据', '暂无数据', '不适用', '未统计', '无统计', 'n/a', 'na', 'null']);

/** Excel's error values. #N/A is one of them, not a mark for "no figure": a lookup that failed. */
const ERROR_CODE = /^#(DIV\/0!|REF!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;

/** Is the text a "no figure" mark (or empty)? */
export function isNoDataMark(raw: string): boolean {
  const s = foldFigureText(raw);
  return s === '' || NO_DATA_PUNCTUATION.test(s) || NO_DATA_WORDS.has(s.toLowerCase());
}

/**
 * Comparators written before the figure, longest first. A strict sign means the threshold it
 * names (a plan's "＞60%" is met at 60): one reading, ≥, wherever it is written.
 */
const BEFORE: readonly (readonly [string, TargetOp | null])[] = [
  ['大于或等于', '>='],
  ['小于或等于', '<='],
  ['大于等于', '>='],
  ['小于等于', '<='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['不小于', '>='],
  ['不高于', '<='],
  ['不超过', '<='],
  ['不多于', '<='],
  ['不大于', '<='],
  ['力争达到', null],
  ['保持在', null],
  ['达到', null],
  ['力争', null],
  ['保持', null],
  ['等于', '='],
  ['至少', '>='],
  ['最多', '<='],
  ['超过', '>='],
  ['大于', '>='],
  ['高于', '>='],
  ['小于', '<='],
  ['低于', '<='],
  ['约', null],
  ['达', null],
  ['≥', '>='],
  ['≤', '<='],
  ['>', '>='],
  ['<', '<='],
  ['=', '='],
];

/** Comparators written after the figure (and its unit): 60以上, 1000处以上, 5%以内. */
const AFTER: readonly (readonly [string, TargetOp | null])[] = [
  ['及以上', '>='],
  ['以上', '>='],
  ['及以下', '<='],
  ['以下', '<='],
  ['以内', '<='],
  ['左右', null],
];

/** The comparator a word standing alone means ("≥" in "≥ 60" split by spaces); undefined when it is none. */
export function comparatorWord(raw: string): TargetOp | null | undefined {
  const s = foldFigureText(raw);
  return BEFORE.find(([word]) => word === s)?.[1];
}

/**
 * The comparator a word written after a figure means, standing alone ("以上" in "60 以上"):
 * null for 左右 (about: no comparator); undefined when it is none.
 */
export function afterComparatorWord(raw: string): TargetOp | null | undefined {
  const s = foldFigureText(raw);
  return AFTER.find(([word]) => word === s)?.[1];
}

/**
 * Does the text begin with a comparator (≥, 不低于, 最多 …), whatever follows it? "≥abc" and
 * "不低于全国平均" do; 约 and 达到 name no comparator, so "达到国家标准" does not.
 */
export function beginsWithComparator(raw: string): boolean {
  return splitLeadingWord(foldFigureText(raw)).op !== null;
}

/** The comparator word a folded text begins with (op null for 约, 达到 …, or when there is none) and the rest. */
function splitLeadingWord(folded: string): { op: TargetOp | null; rest: string } {
  const found = BEFORE.find(([word]) => folded.startsWith(word));
  return found ? { op: found[1], rest: folded.slice(found[0].length) } : { op: null, rest: folded };
}

/** ASCII digits, point, separators, sign, exponent, percent and blanks: a figure with no words. */
const PLAIN_FIGURE = /^[0-9.,%+\-eE ]*$/;

/** Words before a figure that make it an estimate or an aim, not a count: 约5, 力争100, 保持在95. */
const ESTIMATE_WORDS = new Set(['约', '力争', '力争达到', '保持', '保持在']);

/**
 * Is the figure a bound or an estimate (≥95, 95以上, 约5, 120左右, 力争100) rather than a figure
 * counted? Fine for a target; a 完成值 written so says only roughly what was done.
 */
export function isInexactFigure(raw: string): boolean {
  // Most figures are digits alone, in which no comparator or estimate word can stand.
  if (PLAIN_FIGURE.test(raw)) return false;
  const folded = foldFigureText(raw);
  const leading = BEFORE.find(([word]) => folded.startsWith(word));
  if (leading && (leading[1] !== null || ESTIMATE_WORDS.has(leading[0]))) return true;
  const trailing = AFTER.find(([word]) => folded.endsWith(word));
  return trailing !== undefined;
}

/** Is the text a comparator written after a figure, standing alone ("以上" in "60 以上")? */
export function isAfterComparator(raw: string): boolean {
  return afterComparatorWord(raw) !== undefined;
}

/** Digits with optional thousands separators, decimals and exponent, then whatever follows. */
const NUMBER_THEN_REST = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?)(.*)$/i;

/** The verbs plans use for a direction or a state, ending a short text. */
const QUALITATIVE =
  /^[\u4e00-\u9fff]{0,8}(提高|提升|增长|增加|上升|下降|降低|减少|改善|优化|扩大|覆盖|实现|完成|达标|建成|稳定|巩固|保持|消除|尽保|尽检|尽收|尽享|健全|完善)$/;

/**
 * Where a text that is no figure stands: in a cell only a target fills (a return's or a schema
 * sheet's 目标值), or on a line a name may share (a table pasted from a document).
 */
export type TextPlace = 'target cell' | 'shared line';

/**
 * A target stated in words. In a target cell any text with a Chinese word is one (完成省下达任务,
 * 不低于全国平均). On a shared line only the verbs plans use for a direction or a state are, and
 * never a text ending like an indicator name (…率, …数), so 服务覆盖面 stays a name.
 */
export function isTargetInWords(raw: string, place: TextPlace): boolean {
  const s = foldFigureText(raw);
  if (place === 'target cell') return /[\u4e00-\u9fff]/.test(s);
  return s.length >= 2 && s.length <= 10 && QUALITATIVE.test(s);
}

/** Reads a figure written as text. */
export function readFigureText(raw: string): FigureReading {
  const text = raw.trim();
  const s = foldFigureText(text);
  if (ERROR_CODE.test(s)) return { kind: 'error', code: s.toUpperCase(), text };
  if (isNoDataMark(s)) return { kind: 'none', text };
  let { op, rest } = splitLeadingWord(s);
  for (const [word, wordOp] of AFTER) {
    if (rest.endsWith(word)) {
      op = op ?? wordOp;
      rest = rest.slice(0, -word.length);
      break;
    }
  }
  const match = NUMBER_THEN_REST.exec(rest);
  const digits = match?.[1] ?? '';
  const value = Number(digits.replace(/,/g, ''));
  if (!/\d/.test(digits) || !Number.isFinite(value)) {
    return isTargetInWords(s, 'shared line') ? { kind: 'qualitative', text } : { kind: 'unparseable', text };
  }
  const unitText = match?.[2] ?? '';
  if (unitText !== '' && !isUnit(unitText)) return { kind: 'unparseable', text };
  const fraction = /\.(\d+)(?:e|$)/i.exec(digits.replace(/,/g, ''));
  return { kind: 'number', value, op, decimals: fraction?.[1]?.length ?? 0, unit: unitText === '' ? null : normalizeUnit(unitText), text };
}

/**
 * Full-width digits and punctuation to ASCII (NFKC), the minus and comparator look-alikes to one
 * form, and spaces removed ("1 012", "93.5 %", "≥ 60").
 */
export function foldFigureText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[−﹣]/g, '-')
    .replace(/≧|⩾|>=|=>/g, '≥')
    .replace(/≦|⩽|<=|=</g, '≤')
    .replace(/[，]/g, ',')
    .replace(/\s+/g, '');
}
