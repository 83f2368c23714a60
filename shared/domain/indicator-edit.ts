import type { Aggregation, Attribute, Direction, Indicator, Scope, TargetOp } from './indicator';
import type { Rule } from './schema';
import type { ValueChange } from './values';

/**
 * What 指标体系 lets the officer change in an indicator: every field of the domain model but the
 * code (templates, aliases and findings refer to it), the 填报单位 (assigned on its own), the
 * auxiliary flag (chosen when the indicator is added) and the document's responsibility clause.
 */
export const EDITABLE_FIELDS = [
  'name',
  'area',
  'category',
  'unit',
  'unitSynonyms',
  'decimals',
  'baselineYear',
  'baselineValue',
  'targetYear',
  'targetValue',
  'targetOp',
  'targetText',
  'attribute',
  'direction',
  'scope',
  'aggregation',
  'formula',
  'aliases',
  'notes',
] as const;

export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** The fields an edit sets; those left out keep their value. */
export type IndicatorChanges = Partial<Pick<Indicator, EditableField>>;

export function isEditableField(field: string): field is EditableField {
  return (EDITABLE_FIELDS as readonly string[]).includes(field);
}

/** Each field as the officer's documents name it. */
export const FIELD_LABELS: Record<EditableField, string> = {
  name: '指标名称',
  area: '领域',
  category: '类别',
  unit: '计量单位',
  unitSynonyms: '同义单位',
  decimals: '小数位数',
  baselineYear: '基期年份',
  baselineValue: '基期值',
  targetYear: '目标年份',
  targetValue: '目标值',
  targetOp: '目标比较符',
  targetText: '定性目标',
  attribute: '属性',
  direction: '指标方向',
  scope: '口径',
  aggregation: '汇总方式',
  formula: '计算公式',
  aliases: '别名',
  notes: '备注',
};

export const TARGET_OP_LABELS: Record<TargetOp, string> = { '>=': '≥', '<=': '≤', '=': '=' };
/** A bare target figure has no comparator: shown as 无. */
export const NO_TARGET_OP_LABEL = '无';
export const DIRECTION_LABELS: Record<Direction, string> = { higher: '越高越好', lower: '越低越好' };
export const SCOPE_LABELS: Record<Scope, string> = { stock: '年末存量', cumulative: '规划期累计', annual: '当年数' };
export const AGGREGATION_LABELS: Record<Aggregation, string> = { sum: '各地相加', recompute: '按公式重算', none: '不汇总' };
/** 属性 as the documents print it; empty where the document does not say. */
export const ATTRIBUTE_CHOICES: readonly Attribute[] = ['约束性', '预期性', ''];
export const NO_ATTRIBUTE_LABEL = '未注明';

/** One reason an edit is refused, on the field it concerns. */
export interface FieldProblem {
  field: EditableField | 'code';
  message: string;
}

/**
 * What an edit will do, asked before it is made: refused (with the reason per field) or what
 * it changes beyond the field itself, consolidated values first.
 */
export interface IndicatorEditPreview {
  code: string;
  name: string;
  /** Why the edit is refused; empty when it may be made. */
  problems: FieldProblem[];
  /** The fields the edit changes, with those that follow from it (a converted 基期值, an old name kept as an alias); empty when it changes nothing. */
  changed: EditableField[];
  /** What the edit does to the workbook beyond the field, one sentence each. */
  effects: string[];
  /** Stored figures the edit reads again (converted into the new unit, or re-read under it). */
  cells: number;
  /** Consolidated values that change, before → after. */
  changes: ValueChange[];
  /** Consolidated values or stored figures change: the officer is asked before it is made. */
  confirm: boolean;
}

export interface IndicatorEditResult {
  indicator: Indicator;
  /** The fields changed; empty when the edit changed nothing (and nothing was written). */
  changed: EditableField[];
  effects: string[];
  cells: number;
  changes: ValueChange[];
}

/** A new indicator as the officer describes it; its code is the service's to give. */
export type NewIndicator = IndicatorChanges & { name: string; auxiliary: boolean };

/** What removing an indicator will do: archived when figures are stored under it, else deleted. */
export interface IndicatorRemovalPreview {
  code: string;
  name: string;
  /** Stored reported cells under it, and rows mapped to it by the officer. */
  figures: number;
  archive: boolean;
  /** Why it cannot be removed now (a rule or a formula uses it); empty when it can. */
  problems: string[];
  effects: string[];
}

export interface IndicatorRemoval {
  code: string;
  name: string;
  archived: boolean;
  figures: number;
}

/** A new cross-indicator rule; its id is the service's to give. */
export type NewRule = Omit<Rule, 'id'>;

/** An indicator taken out of the schema, kept so that its code is never given again (and, archived, its figures stay traceable). */
export interface RemovedIndicator {
  code: string;
  name: string;
  archived: boolean;
  removedAt: string;
}

export type TypedField = { ok: true; changes: IndicatorChanges } | { ok: false; message: string };

/** Words written for "no figure", as in the documents and returns. */
const NO_FIGURE = new Set(['', '-', '--', '—', '——', '－', '/', '无', '空']);

const COMPARATOR_PREFIXES: readonly [RegExp, TargetOp][] = [
  [/^(≥|>=|不低于|不少于|不小于)/, '>='],
  [/^(≤|<=|不高于|不超过|不大于)/, '<='],
  [/^(=|＝)/, '='],
];
const COMPARATOR_SUFFIXES: readonly [RegExp, TargetOp][] = [
  [/(以上|及以上)$/, '>='],
  [/(以下|及以下|以内)$/, '<='],
];

/**
 * A figure as the officer types it: 1,012 or １０１２ or 93.5 (a trailing unit of the indicator,
 * such as %, is allowed); null for the words meaning none. `undefined` when it is not a figure.
 */
export function readTypedFigure(text: string, unit = ''): number | null | undefined {
  let s = text.normalize('NFKC').replace(/\s+/g, '');
  if (NO_FIGURE.has(s)) return null;
  const u = unit.normalize('NFKC').replace(/\s+/g, '');
  if (u !== '' && s.endsWith(u) && s.length > u.length) s = s.slice(0, -u.length);
  s = s.replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return undefined;
  const value = Number(s);
  return Number.isFinite(value) ? value : undefined;
}

/** A target as typed into its cell: ≥60, 60以上, 95, 持续提高 (kept as text), or nothing. */
export function readTypedTarget(text: string, unit = ''): Pick<Indicator, 'targetValue' | 'targetOp' | 'targetText'> {
  const s = text.normalize('NFKC').trim();
  if (NO_FIGURE.has(s.replace(/\s+/g, ''))) return { targetValue: null, targetOp: null, targetText: null };
  // 达到 95% is the bare figure the document sets; only ≥/以上 and their kin are comparators.
  let rest = s.replace(/\s+/g, '').replace(/^达到/, '');
  let op: TargetOp | null = null;
  for (const [pattern, found] of COMPARATOR_PREFIXES) {
    if (pattern.test(rest)) {
      op = found;
      rest = rest.replace(pattern, '');
      break;
    }
  }
  if (op === null) {
    for (const [pattern, found] of COMPARATOR_SUFFIXES) {
      if (pattern.test(rest)) {
        op = found;
        rest = rest.replace(pattern, '');
        break;
      }
    }
  }
  const figure = readTypedFigure(rest, unit);
  if (typeof figure === 'number') return { targetValue: figure, targetOp: op, targetText: null };
  // Not a figure: a qualitative target (持续提高, 全覆盖), kept as written and never made a number.
  return { targetValue: null, targetOp: null, targetText: text.trim() };
}

function choice<T extends string>(labels: Record<T, string>, text: string): T | undefined {
  const typed = text.trim();
  const found = (Object.keys(labels) as T[]).find((key) => labels[key] === typed || key === typed);
  return found;
}

/** A list typed into one cell: 、，, ; or line breaks between the items. */
export function readTypedList(text: string): string[] {
  return [...new Set(text.split(/[、，,;；\n]+/).map((item) => item.trim()).filter((item) => item !== ''))];
}

/**
 * What the officer typed into a cell of the indicator grid, read as the field's value (the
 * service checks it again, with the rest of the schema), or why it is not one. The 目标值 cell
 * takes the whole target: figure, comparator and qualitative text.
 */
export function readTypedField(field: EditableField, text: string, indicator: Pick<Indicator, 'unit'>): TypedField {
  const label = FIELD_LABELS[field];
  switch (field) {
    case 'name':
    case 'area':
    case 'category':
    case 'unit':
    case 'notes':
      return { ok: true, changes: { [field]: text.trim() } };
    case 'formula':
      return { ok: true, changes: { formula: text.trim() === '' ? null : text.trim() } };
    case 'targetText':
      return { ok: true, changes: { targetText: text.trim() === '' ? null : text.trim() } };
    case 'unitSynonyms':
    case 'aliases':
      return { ok: true, changes: { [field]: readTypedList(text) } };
    case 'decimals': {
      const value = readTypedFigure(text);
      if (typeof value !== 'number' || !Number.isInteger(value)) return { ok: false, message: `“${text.trim()}”不是整数。${label}应为 0 到 6 之间的整数。` };
      return { ok: true, changes: { decimals: value } };
    }
    case 'baselineYear':
    case 'targetYear': {
      const value = readTypedFigure(text.replace(/年$/, ''));
      if (typeof value !== 'number' || !Number.isInteger(value)) return { ok: false, message: `“${text.trim()}”不是年份。${label}应为四位数的年份，如 2025。` };
      return { ok: true, changes: { [field]: value } };
    }
    case 'baselineValue': {
      const value = readTypedFigure(text, indicator.unit);
      if (value === undefined) return { ok: false, message: `“${text.trim()}”不是数值。${label}请填写数字（如 93.5），没有基期值的填 —。` };
      return { ok: true, changes: { baselineValue: value } };
    }
    case 'targetValue':
      return { ok: true, changes: readTypedTarget(text, indicator.unit) };
    case 'targetOp': {
      if (text.trim() === NO_TARGET_OP_LABEL || text.trim() === '') return { ok: true, changes: { targetOp: null } };
      const op = choice(TARGET_OP_LABELS, text);
      return op ? { ok: true, changes: { targetOp: op } } : { ok: false, message: `“${text.trim()}”不是比较符。请选择 ≥、≤、= 或 无。` };
    }
    case 'attribute': {
      const typed = text.trim();
      if (typed === NO_ATTRIBUTE_LABEL || typed === '') return { ok: true, changes: { attribute: '' } };
      const found = ATTRIBUTE_CHOICES.find((a) => a === typed);
      return found !== undefined ? { ok: true, changes: { attribute: found } } : { ok: false, message: `“${typed}”不是指标属性。请选择约束性、预期性或未注明。` };
    }
    case 'direction': {
      const found = choice(DIRECTION_LABELS, text);
      return found ? { ok: true, changes: { direction: found } } : { ok: false, message: `“${text.trim()}”不是指标方向。请选择越高越好或越低越好。` };
    }
    case 'scope': {
      const found = choice(SCOPE_LABELS, text);
      return found ? { ok: true, changes: { scope: found } } : { ok: false, message: `“${text.trim()}”不是口径。请选择${Object.values(SCOPE_LABELS).join('、')}之一。` };
    }
    case 'aggregation': {
      const found = choice(AGGREGATION_LABELS, text);
      return found ? { ok: true, changes: { aggregation: found } } : { ok: false, message: `“${text.trim()}”不是汇总方式。请选择${Object.values(AGGREGATION_LABELS).join('、')}之一。` };
    }
  }
}
