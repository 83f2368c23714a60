/**
 * The schema sheet (指标体系表): one table of columns that both the Excel writer and the grid
 * reader use, so a column added here has a header, accepted header variations, a cell format
 * and a parser at once — and export → import stays the identity.
 */
import type { Aggregation, Attribute, Direction, Indicator, Scope, TargetOp } from '../domain/indicator';
import type { Bureau } from '../domain/bureau';
import type { Rule, RuleOp } from '../domain/schema';
import { afterComparatorWord, comparatorWord, isNoDataMark, isTargetInWords, readFigureText } from '../import/figure-words';
import { shownValue } from '../import/parse-cell';
import { figureInUnit } from './figure-cell';
import { readTypedFigure } from './typed-field';

/** What a writer puts in a cell: text, a number, or nothing. */
export type CellOut = string | number | null;

/** A non-blank cell as the reader sees it. */
export interface SheetCell {
  /** Trimmed text as a person sees it (numbers as their shortest decimal). */
  text: string;
  /** The number when the cell holds one. */
  number: number | null;
  /** The cell's number format ('0.00', '0.0%', 'General' …) or ''. */
  format: string;
}

export type SchemaColumnKey =
  | 'code'
  | 'area'
  | 'category'
  | 'name'
  | 'unit'
  | 'baselineYear'
  | 'baselineValue'
  | 'targetYear'
  | 'target'
  | 'targetOp'
  | 'attribute'
  | 'direction'
  | 'scope'
  | 'aggregation'
  | 'leadBureaus'
  | 'coBureaus'
  | 'jointBureaus'
  | 'reporter'
  | 'aliases'
  | 'decimals'
  | 'notes'
  | 'targetText'
  | 'unitSynonyms'
  | 'auxiliary'
  | 'allowAbove100'
  | 'changeFactor'
  | 'formula'
  | 'localGovernments'
  | 'responsibilityText'
  | 'citation'
  | 'reporterProposed';

/** An indicator being read, with what the reader learnt along the way. */
export interface IndicatorDraft {
  indicator: Indicator;
  /** Columns whose cell was filled in, so that defaults never override a stated value. */
  given: Set<SchemaColumnKey>;
  /** Most decimals seen in the baseline and target figures, for sheets without 小数位. */
  observedDecimals: number;
  /** A comparator from a 目标类型 column, for a target cell that states none. */
  statedOp?: TargetOp | null;
}

export interface SchemaColumn {
  key: SchemaColumnKey;
  /** Read when a sheet has it, never written: the written target cell already says it (≥60). */
  readOnly?: boolean;
  /** The header the writer uses. */
  header: string;
  /** Other headers people write for it, compared after {@link normalizeHeader}. */
  synonyms: readonly string[];
  /** Column width in characters for the written sheet. */
  width: number;
  write(indicator: Indicator): CellOut;
  /** Number format of a written number cell. */
  numberFormat?(indicator: Indicator): string;
  /** Reads a non-blank cell into the draft; returns a problem message, or null when fine. */
  read(cell: SheetCell, draft: IndicatorDraft): string | null;
}

// ---------------------------------------------------------------------------------------------
// Small value vocabularies: the first word of each list is what the writer prints.

const DIRECTION_WORDS: Record<Direction, readonly string[]> = {
  higher: ['越大越好', '正向', '高', '越高越好', '高优', '正', '望大', '↑', '上升'],
  lower: ['越小越好', '逆向', '低', '越低越好', '低优', '负', '反向', '望小', '↓', '下降'],
};

const SCOPE_WORDS: Record<Scope, readonly string[]> = {
  stock: ['年末存量', '存量', '年末', '期末', '时点', '年末数'],
  cumulative: ['规划期累计', '累计', '期内累计', '规划期内累计', '五年累计'],
  annual: ['当年', '年度', '当年新增', '年内', '当年数', '时期'],
};

const AGGREGATION_WORDS: Record<Aggregation, readonly string[]> = {
  sum: ['求和', '加总', '合计', '相加', '汇总求和'],
  recompute: ['按分量重算', '重算', '按公式重算', '按公式计算', '重新计算'],
  none: ['不汇总', '不可汇总', '不加总', '不能汇总', '无'],
};

const ATTRIBUTE_WORDS: Record<Exclude<Attribute, ''>, readonly string[]> = {
  约束性: ['约束性', '约束'],
  预期性: ['预期性', '预期'],
};

/** 指标属性 cells that mark an auxiliary indicator instead of an attribute. */
const AUXILIARY_ATTRIBUTE_WORDS = ['辅助', '辅助指标', '辅助性'];

const YES_WORDS = ['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '✔', '对'];
const NO_WORDS = ['否', 'N', 'NO', 'FALSE', '0', '×', '✗', '不是'];


/** The separator the writer uses between list items (bureaus, aliases). */
export const LIST_SEPARATOR = '、';

/** Header text reduced for comparison: width, spaces, a trailing colon and line breaks. */
export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').replace(/[:：*＊]+$/, '');
}

function normalizeWord(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function lookupWord<T extends string>(words: Record<T, readonly string[]>, text: string): T | null {
  const wanted = normalizeWord(text);
  for (const [value, list] of Object.entries(words) as [T, readonly string[]][]) {
    if (list.some((word) => normalizeWord(word) === wanted)) return value;
  }
  return null;
}

function firstWord<T extends string>(words: Record<T, readonly string[]>, value: T): string {
  return words[value][0] ?? value;
}

export function parseYesNo(text: string): boolean | null {
  const word = normalizeWord(text);
  if (YES_WORDS.includes(word)) return true;
  if (NO_WORDS.includes(word)) return false;
  return null;
}

function formatYesNo(value: boolean): string {
  return value ? '是' : '否';
}

/** Bureau lists arrive separated by 、，；/ or line breaks; names never contain those. */
export function splitBureauList(text: string): string[] {
  return splitOn(text, /[、,，;；/／\n]+/);
}

/** Aliases and unit names may hold commas, so only 、；and line breaks separate them. */
export function splitNameList(text: string): string[] {
  return splitOn(text, /[、;；\n]+/);
}

function splitOn(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function joinList(items: readonly string[]): CellOut {
  return items.length === 0 ? null : items.join(LIST_SEPARATOR);
}

function textOrNull(text: string | null): CellOut {
  return text === null || text === '' ? null : text;
}

// ---------------------------------------------------------------------------------------------
// Figures: baselines and targets.

/** Decimals a number format shows: '0.00' → 2, '0.0%' → 1, 'General' → null. */
function formatDecimals(format: string): number | null {
  const match = /0\.(0+)/.exec(format);
  if (match) return match[1]!.length;
  return /^0%?$|^#,##0%?$/.test(format) ? 0 : null;
}

function textDecimals(text: string): number {
  const match = /\.(\d+)/.exec(text);
  return match ? match[1]!.length : 0;
}

export interface Figure {
  value: number;
  decimals: number;
}

/**
 * A figure from its cell: a number cell (a percent format means the file stores 0.935 for
 * 93.5 %), or text such as 1,012 / ９３.５ / 93.5% / 2.8万. `null` for no-data marks,
 * `undefined` when the text is no figure at all.
 */
export function parseFigure(cell: SheetCell, unit: string): Figure | null | undefined {
  if (cell.number !== null) {
    const value = shownValue(cell.number, cell.format);
    const shown = formatDecimals(cell.format);
    return { value, decimals: shown ?? textDecimals(String(value)) };
  }
  const figure = readFigureText(cell.text);
  if (figure.kind === 'none') return null;
  if (figure.kind !== 'number' || figure.op !== null) return undefined;
  const inUnit = figureInUnit(figure.value, figure.decimals, figure.unit, unit);
  return 'reason' in inUnit ? undefined : inUnit;
}

export interface Target {
  value: number | null;
  op: TargetOp | null;
  text: string | null;
  decimals: number;
}

/**
 * A target as plans print it: ≥60, 60以上, 不低于95, ≤5, 不高于5, ＝100, a bare figure — or a
 * target in words (持续提高, 全覆盖) kept as text, never turned into a number. A formula's error
 * value, a figure whose unit cannot be the indicator's, or a text with no Chinese word in it is
 * refused with the reason, as a return would flag it.
 */
export function parseTarget(cell: SheetCell, unit: string): Target | { refused: string } {
  const none: Target = { value: null, op: null, text: null, decimals: 0 };
  if (cell.number !== null) {
    const figure = parseFigure(cell, unit);
    return figure ? { ...none, value: figure.value, decimals: figure.decimals } : none;
  }
  const figure = readFigureText(cell.text);
  if (figure.kind === 'none') return none;
  if (figure.kind === 'error') return { refused: `目标值“${cell.text}”是公式的错误值，请改正公式或填入目标。` };
  if (figure.kind === 'number') {
    const inUnit = figureInUnit(figure.value, figure.decimals, figure.unit, unit);
    if ('reason' in inUnit) return { refused: `目标值“${cell.text}”：${inUnit.reason}。` };
    return { value: inUnit.value, op: figure.op, text: null, decimals: inUnit.decimals };
  }
  if (!isTargetInWords(cell.text, 'target cell')) return { refused: `目标值“${cell.text}”既不是数字，也不是文字目标（如“持续提高”）。` };
  return { ...none, text: cell.text.trim() };
}

const OP_SIGNS: Record<TargetOp, string> = { '>=': '≥', '<=': '≤', '=': '＝' };

/** A 目标类型 cell: ≥, 不低于, 以上 … → its comparator; null when blank or a mark for none; undefined when it is no comparator. */
export function comparatorOfCell(text: string): TargetOp | null | undefined {
  if (isNoDataMark(text)) return null;
  const before = comparatorWord(text);
  if (before !== undefined) return before;
  // One reading for a word after a figure: 以内 and 以下 are ≤, 以上 is ≥, 左右 is no comparator.
  return afterComparatorWord(text);
}

/** A figure with the published decimals (77.90), unless that would change its value. */
export function formatFigure(value: number, decimals: number): string {
  const fixed = value.toFixed(Math.max(0, Math.min(decimals, 20)));
  return Number(fixed) === value ? fixed : String(value);
}

/** Excel number format showing `decimals` places. */
export function decimalsFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
}

function writeTarget(indicator: Indicator): CellOut {
  const { targetValue, targetOp, targetText } = indicator;
  if (targetValue === null) return textOrNull(targetText);
  if (targetOp === null) return targetValue;
  // ＝ rather than =: a cell starting with = becomes a formula once someone edits it in Excel.
  return OP_SIGNS[targetOp] + formatFigure(targetValue, indicator.decimals);
}

// ---------------------------------------------------------------------------------------------
// Column builders.

type TextField = 'code' | 'area' | 'category' | 'name' | 'unit' | 'notes';

function textColumn(key: TextField, header: string, synonyms: string[], width: number): SchemaColumn {
  return {
    key,
    header,
    synonyms,
    width,
    write: (indicator) => textOrNull(indicator[key]),
    read: (cell, draft) => {
      draft.indicator[key] = cell.text;
      return null;
    },
  };
}

function listColumn(
  key: SchemaColumnKey,
  header: string,
  synonyms: string[],
  width: number,
  get: (indicator: Indicator) => string[],
  set: (indicator: Indicator, items: string[]) => void,
  split: (text: string) => string[] = splitBureauList,
): SchemaColumn {
  return {
    key,
    header,
    synonyms,
    width,
    write: (indicator) => joinList(get(indicator)),
    read: (cell, draft) => {
      set(draft.indicator, split(cell.text));
      return null;
    },
  };
}

function yesNoColumn(
  key: 'auxiliary' | 'allowAbove100' | 'reporterProposed',
  header: string,
  synonyms: string[],
): SchemaColumn {
  return {
    key,
    header,
    synonyms,
    width: 10,
    write: (indicator) => formatYesNo(indicator[key]),
    read: (cell, draft) => {
      const value = parseYesNo(cell.text);
      if (value === null) return `“${header}”应填“是”或“否”，这里是“${cell.text}”。`;
      draft.indicator[key] = value;
      return null;
    },
  };
}

function yearColumn(key: 'baselineYear' | 'targetYear', header: string, synonyms: string[]): SchemaColumn {
  return {
    key,
    header,
    synonyms,
    width: 8,
    write: (indicator) => indicator[key],
    numberFormat: () => '0',
    read: (cell, draft) => {
      const year = Number(cell.text.normalize('NFKC').replace(/年$/, ''));
      if (!Number.isInteger(year) || year < 1900 || year > 2200) {
        return `“${header}”应为四位年份（如 2020），这里是“${cell.text}”。`;
      }
      draft.indicator[key] = year;
      return null;
    },
  };
}

function vocabularyColumn<K extends 'direction' | 'scope' | 'aggregation', T extends Indicator[K]>(
  key: K,
  header: string,
  synonyms: string[],
  words: Record<T, readonly string[]>,
): SchemaColumn {
  const allowed = Object.values<readonly string[]>(words)
    .map((list) => `“${list[0]}”`)
    .join('、');
  return {
    key,
    header,
    synonyms,
    width: 12,
    write: (indicator) => firstWord(words, indicator[key] as T),
    read: (cell, draft) => {
      const value = lookupWord(words, cell.text);
      if (value === null) return `“${header}”应填${allowed}之一，这里是“${cell.text}”。`;
      (draft.indicator as unknown as Record<K, T>)[key] = value;
      return null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// THE table: the documented columns in their documented order, then the ones that give every
// other field of an Indicator a home.

export const SCHEMA_COLUMNS: readonly SchemaColumn[] = [
  textColumn('code', '指标编码', ['编码', '指标代码', '代码', '指标编号', '编号', '指标ID'], 10),
  textColumn('area', '领域', ['指标领域', '一级指标', '分类', '维度', '板块', '领域分类'], 14),
  textColumn('category', '类别', ['类型', '指标类别', '二级分类', '二级指标', '子领域', '分项'], 10),
  textColumn('name', '指标名称', ['指标', '名称', '指标项', '指标内容', '具体指标', '主要指标', '指标名'], 36),
  textColumn('unit', '单位', ['计量单位', '指标单位'], 10),
  yearColumn('baselineYear', '基期年', ['基期年份', '基年', '基准年', '基期年度']),
  {
    key: 'baselineValue',
    header: '基期值',
    synonyms: ['基期', '基期数', '基数', '基准值', '基期水平', '现状值', '现状', '基础值'],
    width: 10,
    write: (indicator) => indicator.baselineValue ?? '—',
    numberFormat: (indicator) => decimalsFormat(indicator.decimals),
    read: (cell, draft) => {
      const figure = parseFigure(cell, draft.indicator.unit);
      if (figure === undefined) {
        return `基期值“${cell.text}”不是数字；没有基期数据请填“--”或留空。`;
      }
      draft.indicator.baselineValue = figure?.value ?? null;
      if (figure) draft.observedDecimals = Math.max(draft.observedDecimals, figure.decimals);
      return null;
    },
  },
  yearColumn('targetYear', '目标年', ['目标年份', '目标年度', '规划目标年']),
  {
    key: 'target',
    header: '目标值',
    synonyms: ['目标', '规划目标', '目标任务', '预期目标', '规划值', '期末目标', '目标数', '目标值及要求'],
    width: 12,
    write: writeTarget,
    numberFormat: (indicator) => decimalsFormat(indicator.decimals),
    read: (cell, draft) => {
      const target = parseTarget(cell, draft.indicator.unit);
      if ('refused' in target) return target.refused;
      draft.indicator.targetValue = target.value;
      draft.indicator.targetOp = target.op ?? (target.value !== null ? (draft.statedOp ?? null) : null);
      draft.indicator.targetText = target.text;
      draft.observedDecimals = Math.max(draft.observedDecimals, target.decimals);
      return null;
    },
  },
  {
    // 目标类型 ≥ | ≤ | ＝ beside a bare figure: the comparator in its own column, read as the
    // target cell itself would read it (figure-words.ts).
    key: 'targetOp',
    readOnly: true,
    header: '目标类型',
    synonyms: ['比较符', '目标比较符', '目标比较关系', '达标条件', '目标要求'],
    width: 8,
    write: () => null,
    read: (cell, draft) => {
      const op = comparatorOfCell(cell.text);
      if (op === undefined) return `“目标类型”应填“≥”“≤”“＝”或“不低于”“不高于”等，这里是“${cell.text}”。`;
      draft.statedOp = op;
      if (draft.indicator.targetValue !== null && draft.indicator.targetOp === null) draft.indicator.targetOp = op;
      return null;
    },
  },
  {
    key: 'attribute',
    header: '指标属性',
    synonyms: ['属性', '指标性质', '性质', '约束性/预期性'],
    width: 10,
    write: (indicator) => textOrNull(indicator.attribute),
    read: (cell, draft) => {
      // Some sheets mark 常住人口 and friends as 辅助 in the attribute column.
      if (AUXILIARY_ATTRIBUTE_WORDS.includes(normalizeWord(cell.text))) {
        draft.indicator.auxiliary = true;
        draft.given.add('auxiliary');
        return null;
      }
      const value = lookupWord(ATTRIBUTE_WORDS, cell.text);
      if (value === null) return `“指标属性”应填“约束性”“预期性”或留空，这里是“${cell.text}”。`;
      draft.indicator.attribute = value;
      return null;
    },
  },
  vocabularyColumn('direction', '方向', ['指标方向', '极性', '指标极性', '方向性', '正逆向'], DIRECTION_WORDS),
  vocabularyColumn('scope', '口径', ['统计口径', '指标口径', '计算口径'], SCOPE_WORDS),
  vocabularyColumn('aggregation', '汇总方式', ['汇总', '汇总口径', '上报汇总方式', '合计方式'], AGGREGATION_WORDS),
  listColumn(
    'leadBureaus',
    '牵头单位',
    ['牵头部门', '牵头', '牵头责任单位', '主责单位', '主责部门'],
    18,
    (indicator) => indicator.responsibility.leadBureaus,
    (indicator, items) => void (indicator.responsibility.leadBureaus = items),
  ),
  listColumn(
    'coBureaus',
    '配合单位',
    ['配合部门', '配合', '协办单位', '协同单位', '参与单位'],
    18,
    (indicator) => indicator.responsibility.coBureaus,
    (indicator, items) => void (indicator.responsibility.coBureaus = items),
  ),
  listColumn(
    'jointBureaus',
    '共同负责单位',
    ['按职责分工负责', '责任单位', '责任部门', '共同负责部门', '负责单位'],
    18,
    (indicator) => indicator.responsibility.jointBureaus,
    (indicator, items) => void (indicator.responsibility.jointBureaus = items),
  ),
  {
    key: 'reporter',
    header: '填报单位',
    synonyms: ['报送单位', '填报部门', '报送部门', '数据来源单位', '数据提供单位', '数据来源部门'],
    width: 14,
    write: (indicator) => textOrNull(indicator.reporter),
    read: (cell, draft) => {
      draft.indicator.reporter = cell.text;
      return null;
    },
  },
  listColumn(
    'aliases',
    '别名',
    ['指标别名', '其他名称', '曾用名', '又称'],
    24,
    (indicator) => indicator.aliases,
    (indicator, items) => void (indicator.aliases = items),
    splitNameList,
  ),
  {
    key: 'decimals',
    header: '小数位',
    synonyms: ['小数位数', '保留小数', '保留小数位', '小数'],
    width: 8,
    write: (indicator) => indicator.decimals,
    numberFormat: () => '0',
    read: (cell, draft) => {
      const decimals = Number(cell.text.normalize('NFKC'));
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) {
        return `“小数位”应为 0 到 10 的整数，这里是“${cell.text}”。`;
      }
      draft.indicator.decimals = decimals;
      return null;
    },
  },
  textColumn('notes', '备注', ['说明', '注', '附注', '备注说明'], 30),
  {
    key: 'targetText',
    header: '目标说明',
    synonyms: ['定性目标', '目标描述', '目标文字'],
    width: 16,
    // Only needed when a figure and a text stand side by side; a text-only target sits in 目标值.
    write: (indicator) => (indicator.targetValue === null ? null : textOrNull(indicator.targetText)),
    read: (cell, draft) => {
      draft.indicator.targetText = cell.text;
      return null;
    },
  },
  listColumn(
    'unitSynonyms',
    '单位同义词',
    ['单位别名', '其他单位写法', '同义单位'],
    12,
    (indicator) => indicator.unitSynonyms,
    (indicator, items) => void (indicator.unitSynonyms = items),
    splitNameList,
  ),
  yesNoColumn('auxiliary', '辅助指标', ['是否辅助指标', '辅助']),
  yesNoColumn('allowAbove100', '允许超过100', ['可超过100', '允许超100', '可超100%', '允许超过100%']),
  {
    key: 'changeFactor',
    header: '变动倍数阈值',
    synonyms: ['变动倍数', '异常变动倍数', '变动阈值'],
    width: 10,
    write: (indicator) => indicator.changeFactor,
    read: (cell, draft) => {
      const factor = cell.number ?? Number(cell.text.normalize('NFKC'));
      if (!Number.isFinite(factor) || factor <= 1) {
        return `“变动倍数阈值”应为大于 1 的数（如 3），这里是“${cell.text}”。`;
      }
      draft.indicator.changeFactor = factor;
      return null;
    },
  },
  {
    key: 'formula',
    header: '计算公式',
    synonyms: ['公式', '计算方法', '计算方式'],
    width: 24,
    write: (indicator) => textOrNull(indicator.formula),
    read: (cell, draft) => {
      draft.indicator.formula = cell.text;
      return null;
    },
  },
  listColumn(
    'localGovernments',
    '地方政府',
    ['县区政府', '责任地方政府', '属地政府'],
    18,
    (indicator) => indicator.responsibility.localGovernments,
    (indicator, items) => void (indicator.responsibility.localGovernments = items),
  ),
  {
    key: 'responsibilityText',
    header: '职责原文',
    synonyms: ['责任分工原文', '职责分工原文', '分工原文'],
    width: 30,
    write: (indicator) => textOrNull(indicator.responsibility.text),
    read: (cell, draft) => {
      draft.indicator.responsibility.text = cell.text;
      return null;
    },
  },
  {
    key: 'citation',
    header: '职责出处',
    synonyms: ['出处', '文件出处', '依据'],
    width: 24,
    write: (indicator) => textOrNull(indicator.responsibility.citation),
    read: (cell, draft) => {
      draft.indicator.responsibility.citation = cell.text;
      return null;
    },
  },
  yesNoColumn('reporterProposed', '填报单位待确认', ['填报单位为建议', '待确认']),
];


// ---------------------------------------------------------------------------------------------
// The 校验规则 sheet.

export type RuleColumnKey = keyof Rule;

export interface RuleColumn {
  key: RuleColumnKey;
  header: string;
  synonyms: readonly string[];
  width: number;
  write(rule: Rule): CellOut;
  read(cell: SheetCell, rule: Rule): string | null;
}

/**
 * Not the figures' comparators (figure-words.ts): a rule relates two sums, so < and 小于 stay
 * strict here, where a target's ＞60 names its threshold.
 */
const RULE_OP_WORDS: Record<RuleOp, readonly string[]> = {
  '<=': ['≤', '<=', '≦', '不大于', '不超过', '小于等于', '小于或等于', '不高于'],
  '>=': ['≥', '>=', '≧', '不小于', '不低于', '大于等于', '大于或等于', '不少于'],
  // ＝ first: a cell starting with = turns into a formula when edited in Excel.
  '=': ['＝', '=', '==', '等于'],
  '<': ['<', '小于', '低于'],
  '>': ['>', '大于', '高于'],
};

function ruleTextColumn(key: 'id' | 'name' | 'left' | 'right' | 'note', header: string, synonyms: string[], width: number): RuleColumn {
  return {
    key,
    header,
    synonyms,
    width,
    write: (rule) => textOrNull(rule[key]),
    read: (cell, rule) => {
      rule[key] = cell.text;
      return null;
    },
  };
}

export const RULE_COLUMNS: readonly RuleColumn[] = [
  ruleTextColumn('id', '规则编号', ['编号', '规则代码', '规则ID', '编码'], 10),
  ruleTextColumn('name', '名称', ['规则名称', '规则', '校验名称'], 28),
  ruleTextColumn('left', '左边', ['左式', '左侧', '左边表达式', '左项'], 28),
  {
    key: 'op',
    header: '关系',
    synonyms: ['运算符', '比较', '关系符', '比较关系'],
    width: 8,
    write: (rule) => firstWord(RULE_OP_WORDS, rule.op),
    read: (cell, rule) => {
      const op = lookupWord(RULE_OP_WORDS, cell.text);
      if (op === null) return `“关系”应填 ≤、≥、＝、<、> 之一，这里是“${cell.text}”。`;
      rule.op = op;
      return null;
    },
  },
  ruleTextColumn('right', '右边', ['右式', '右侧', '右边表达式', '右项'], 28),
  {
    key: 'tolerance',
    header: '容差',
    synonyms: ['允许误差', '误差', '容许误差'],
    width: 8,
    write: (rule) => rule.tolerance,
    read: (cell, rule) => {
      const typed = cell.number === null ? readTypedFigure(cell.text) : { value: cell.number };
      const tolerance = 'value' in typed ? typed.value : null;
      if (tolerance === null || !Number.isFinite(tolerance) || tolerance < 0) {
        return `“容差”应为不小于 0 的数，或留空（按末位小数的半个单位），这里是“${cell.text}”。`;
      }
      rule.tolerance = tolerance;
      return null;
    },
  },
  ruleTextColumn('note', '说明', ['备注', '规则说明'], 30),
];

export function blankRule(): Rule {
  return { id: '', name: '', left: '', op: '<=', right: '', tolerance: null, note: '' };
}

// ---------------------------------------------------------------------------------------------
// The 说明 sheet: the schema's own fields as 项目/内容 rows, then the bureau table.

export type SchemaMetaKey = 'id' | 'name' | 'region' | 'baseYear' | 'targetYear' | 'source';

export const META_ROWS: readonly { key: SchemaMetaKey; label: string; synonyms: readonly string[] }[] = [
  { key: 'id', label: '体系编号', synonyms: ['指标体系编号', '编号'] },
  { key: 'name', label: '体系名称', synonyms: ['指标体系名称', '名称'] },
  { key: 'region', label: '地区', synonyms: ['行政区划', '区域'] },
  { key: 'baseYear', label: '基期年', synonyms: ['基年'] },
  { key: 'targetYear', label: '目标年', synonyms: ['目标年份'] },
  { key: 'source', label: '依据文件', synonyms: ['来源', '文件', '文号'] },
];

export const SHEET_NAMES = { indicators: '指标体系', rules: '校验规则', meta: '说明' } as const;

/** Header of the bureau table on the 说明 sheet. */
export const BUREAU_HEADERS = { name: '单位名称', aliases: '别名' } as const;

export function writeBureauAliases(bureau: Bureau): CellOut {
  return joinList(bureau.aliases);
}

/** What each cell of the indicator sheet accepts, printed on the 说明 sheet for the officer. */
export const FILLING_NOTES: readonly string[] = [
  '“指标体系”表每行一个指标；第一行为表头，列的顺序可以调整。',
  '目标值：可写 ≥60、60以上、不低于95、≤5、不高于5，或定性目标（如 持续提高、全覆盖）。',
  '基期值：没有基期数据填“--”或留空。',
  `方向：${DIRECTION_WORDS.higher[0]} / ${DIRECTION_WORDS.lower[0]}（也可写 正向/逆向）。`,
  `口径：${SCOPE_WORDS.stock[0]} / ${SCOPE_WORDS.cumulative[0]} / ${SCOPE_WORDS.annual[0]}。`,
  `汇总方式：${AGGREGATION_WORDS.sum[0]} / ${AGGREGATION_WORDS.recompute[0]} / ${AGGREGATION_WORDS.none[0]}。`,
  '辅助指标、允许超过100、填报单位待确认：填“是”或“否”。',
  '多个单位或别名之间用顿号“、”分隔。',
  '“校验规则”表：左边、右边为以指标编码组成的算式（如 A05 / A20 * 1000），关系为 ≤、≥、＝、<、>；容差留空时按末位小数的半个单位。',
];

/** The columns a written schema sheet has, in order. */
export const WRITTEN_SCHEMA_COLUMNS: readonly SchemaColumn[] = SCHEMA_COLUMNS.filter((column) => !column.readOnly);
