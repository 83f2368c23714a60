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

/** Cells of 指标体系 as the officer typed them, by field: read by the service, never by the window. */
export type TypedFields = Partial<Record<EditableField, string>>;

/** A figure typed into a form, read in the unit asked for: its value (null for a mark meaning none), or why it is no figure. */
export type TypedFigureReading = { value: number | null } | { reason: string };

/** Typed cells read: the changes they make, and why a cell could not be read, by field. */
export interface TypedFieldsReading {
  changes: IndicatorChanges;
  problems: Partial<Record<EditableField, string>>;
}
