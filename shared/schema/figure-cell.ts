import type { Attribute, TargetOp } from '../domain/indicator';

/**
 * One baseline/target cell of a plan's indicator table, read as the document prints it:
 * `93.5`, `≥1000`, `60以上`, `不低于60`, `--` (no data), or a qualitative target (持续提高).
 */
export type FigureCell =
  | { kind: 'number'; value: number; op: TargetOp | null; decimals: number; text: string }
  | { kind: 'none'; text: string }
  | { kind: 'qualitative'; text: string }
  | { kind: 'invalid'; text: string; reason: string };

/** What documents print for "no figure": the seed's `--` and its footnote's `-`, dashes, 无. */
const NO_DATA = new Set(['', '-', '--', '---', '—', '——', '–', '––', '－', '/', '／', '无', '暂无', '…', '...']);

const PREFIX_OPS: readonly (readonly [string, TargetOp])[] = [
  ['大于等于', '>='],
  ['不低于', '>='],
  ['不少于', '>='],
  ['不小于', '>='],
  ['≥', '>='],
  ['≧', '>='],
  ['⩾', '>='],
  ['>=', '>='],
  ['小于等于', '<='],
  ['不高于', '<='],
  ['不超过', '<='],
  ['不大于', '<='],
  ['不多于', '<='],
  ['≤', '<='],
  ['≦', '<='],
  ['⩽', '<='],
  ['<=', '<='],
  ['=', '='],
];

const SUFFIX_OPS: readonly (readonly [string, TargetOp])[] = [
  ['及以上', '>='],
  ['以上', '>='],
  ['及以下', '<='],
  ['以下', '<='],
  ['以内', '<='],
];

/** A comparator standing alone as its own token, as `≥ 60` splits into `≥` and `60`. */
export function isLoneComparator(text: string): boolean {
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  return PREFIX_OPS.some(([word]) => word === compact) || compact === '>' || compact === '<';
}

/** `以上` standing alone after a figure, as `60 以上` splits. */
export function isLoneSuffix(text: string): boolean {
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  return SUFFIX_OPS.some(([word]) => word === compact);
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Reads a number as printed; the decimals are the published ones (77.90 → 2). */
function readNumber(text: string): { value: number; decimals: number } | null {
  const bare = text.endsWith('%') ? text.slice(0, -1) : text;
  if (!NUMBER.test(bare)) return null;
  const plain = bare.replace(/,/g, '');
  const dot = plain.indexOf('.');
  return { value: Number(plain), decimals: dot < 0 ? 0 : plain.length - dot - 1 };
}

/**
 * A target stated in words. Only the verbs plans use for a direction or a state are accepted,
 * and never a text ending like an indicator name (…率, …数), so 服务覆盖面 stays a name.
 */
const QUALITATIVE =
  /^[\u4e00-\u9fff]{0,8}(提高|提升|增长|增加|上升|下降|降低|减少|改善|优化|扩大|覆盖|实现|完成|达标|建成|稳定|巩固|保持|消除|尽保|尽检|尽收|尽享|健全|完善)$/;

export function looksQualitative(text: string): boolean {
  const compact = text.normalize('NFKC').replace(/\s+/g, '');
  return compact.length >= 2 && compact.length <= 10 && QUALITATIVE.test(compact);
}

/**
 * Reads a figure cell. Returns null when the text is not figure-like at all (a name, an
 * area); qualitative texts come back as such and the caller decides from their position.
 */
export function readFigureCell(raw: string): FigureCell | null {
  const text = raw.normalize('NFKC').replace(/\s+/g, '');
  if (NO_DATA.has(text)) return { kind: 'none', text };
  let op: TargetOp | null = null;
  let rest = text;
  for (const [word, wordOp] of PREFIX_OPS) {
    if (rest.startsWith(word)) {
      op = wordOp;
      rest = rest.slice(word.length);
      break;
    }
  }
  if (op === null) {
    for (const [word, wordOp] of SUFFIX_OPS) {
      if (rest.endsWith(word)) {
        op = wordOp;
        rest = rest.slice(0, -word.length);
        break;
      }
    }
  }
  const number = readNumber(rest);
  if (number) return { kind: 'number', value: number.value, op, decimals: number.decimals, text };
  // `>60` and `<5`: a plan may mean 不低于 or strictly above; we do not pick one for it.
  if (/^[<>]\d/.test(text)) {
    return { kind: 'invalid', text, reason: `“${text}”中的比较符含义不明确（“大于”还是“不低于”），请改写为≥或≤后再粘贴` };
  }
  if (/^[+-]?\d+(\.\d+)?(万|亿|千|百)/.test(text)) {
    return { kind: 'invalid', text, reason: `数值“${text}”带有数量单位，请把单位写在指标名称的括号里，数值栏只填数字` };
  }
  if (op !== null && rest !== text) {
    return { kind: 'invalid', text, reason: `“${text}”有比较符但后面不是数字` };
  }
  if (looksQualitative(text)) return { kind: 'qualitative', text };
  return null;
}

const ATTRIBUTES = new Set<Attribute>(['约束性', '预期性']);

/** 约束性 / 预期性 in a 属性 column, with or without brackets. */
export function readAttributeCell(raw: string): Attribute | null {
  const text = raw.normalize('NFKC').replace(/[\s()[\]【】]/g, '');
  return ATTRIBUTES.has(text as Attribute) ? (text as Attribute) : null;
}
