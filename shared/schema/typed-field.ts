/**
 * What the officer types into a cell of 指标体系 (the grid, the 新增指标 form), read with the plan
 * tables' own figure words (figure-cell.ts, figure-words.ts): 1,012, ９３.５%, 2.8万 under 人,
 * ≥60, 60以上, 不低于95, 持续提高, —. The window sends the text as typed and shows what comes back;
 * this is the only reading of it.
 */
import type { Indicator } from '../domain/indicator';
import {
  AGGREGATION_LABELS,
  ATTRIBUTE_CHOICES,
  DIRECTION_LABELS,
  FIELD_LABELS,
  NO_ATTRIBUTE_LABEL,
  NO_TARGET_OP_LABEL,
  SCOPE_LABELS,
  TARGET_OP_LABELS,
  type EditableField,
  type IndicatorChanges,
  type TypedFields,
  type TypedFieldsReading,
  type TypedFigureReading,
} from '../domain/indicator-edit';
import { isTargetInWords } from '../import/figure-words';
import { figureInUnit, readFigureCell } from './figure-cell';

export type TypedField = { ok: true; changes: IndicatorChanges } | { ok: false; message: string };

/** A bare figure (no comparator), converted into `unit` when written in another it converts from. */
export function readTypedFigure(text: string, unit = ''): TypedFigureReading {
  const cell = readFigureCell(text);
  if (cell?.kind === 'none') return { value: null };
  if (cell?.kind !== 'number' || cell.op !== null) return { reason: `“${text.trim()}”不是数值` };
  const figure = figureInUnit(cell.value, cell.decimals, cell.unit, unit);
  return 'reason' in figure ? figure : { value: figure.value };
}

/** A target as typed into its cell: ≥60, 60以上, 95, 持续提高 (kept as text), or nothing. */
export function readTypedTarget(text: string, unit = ''): { changes: Pick<Indicator, 'targetValue' | 'targetOp' | 'targetText'> } | { reason: string } {
  const cell = readFigureCell(text);
  if (cell?.kind === 'none') return { changes: { targetValue: null, targetOp: null, targetText: null } };
  if (cell?.kind === 'number') {
    const figure = figureInUnit(cell.value, cell.decimals, cell.unit, unit);
    if ('reason' in figure) return figure;
    return { changes: { targetValue: figure.value, targetOp: cell.op, targetText: null } };
  }
  // Not a figure: a target in words (持续提高, 不低于全国平均), kept as written and never made a number.
  if (isTargetInWords(text, 'target cell')) return { changes: { targetValue: null, targetOp: null, targetText: text.trim() } };
  return { reason: `“${text.trim()}”不是目标值` };
}

function choice<T extends string>(labels: Record<T, string>, text: string): T | undefined {
  const typed = text.trim();
  return (Object.keys(labels) as T[]).find((key) => labels[key] === typed || key === typed);
}

/** A list typed into one cell: 、，, ; or line breaks between the items. */
export function readTypedList(text: string): string[] {
  return [...new Set(text.split(/[、，,;；\n]+/).map((item) => item.trim()).filter((item) => item !== ''))];
}

function wholeNumber(text: string): number | undefined {
  const figure = readTypedFigure(text);
  return 'value' in figure && figure.value !== null && Number.isInteger(figure.value) ? figure.value : undefined;
}

/**
 * One cell's text read as its field's value, or why it is not one. The 目标值 cell takes the
 * whole target: figure, comparator and qualitative text. The service checks the value again
 * with the rest of the schema when it is previewed or made.
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
      const value = wholeNumber(text);
      if (value === undefined) return { ok: false, message: `“${text.trim()}”不是整数。${label}应为 0 到 6 之间的整数。` };
      return { ok: true, changes: { decimals: value } };
    }
    case 'baselineYear':
    case 'targetYear': {
      const value = wholeNumber(text.trim().replace(/年$/, ''));
      if (value === undefined) return { ok: false, message: `“${text.trim()}”不是年份。${label}应为四位数的年份，如 2025。` };
      return { ok: true, changes: { [field]: value } };
    }
    case 'baselineValue': {
      const figure = readTypedFigure(text, indicator.unit);
      if ('reason' in figure) return { ok: false, message: `${figure.reason}。${label}请填写数字（如 93.5），没有基期值的填 —。` };
      return { ok: true, changes: { baselineValue: figure.value } };
    }
    case 'targetValue': {
      const target = readTypedTarget(text, indicator.unit);
      if ('reason' in target) return { ok: false, message: `${target.reason}。${label}请填写数字，可带比较符（如 ≥60、60以上），定性目标照文件填写（如 持续提高）。` };
      return { ok: true, changes: target.changes };
    }
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

/**
 * Several cells at once (the 新增指标 form): the changes they make together and, per field,
 * why a cell is not read. Figures are read in the unit typed beside them, else `unit`.
 */
export function readTypedFields(fields: TypedFields, unit: string): TypedFieldsReading {
  const changes: IndicatorChanges = {};
  const problems: TypedFieldsReading['problems'] = {};
  const inUnit = { unit: fields.unit?.trim() || unit };
  for (const [field, text] of Object.entries(fields) as [EditableField, string | undefined][]) {
    if (text === undefined) continue;
    const read = readTypedField(field, text, inUnit);
    if (read.ok) Object.assign(changes, read.changes);
    else problems[field] = read.message;
  }
  return { changes, problems };
}
