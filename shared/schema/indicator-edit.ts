/**
 * Editing the schema in 指标体系 (issue #20): what an edit of an indicator, a new indicator or a
 * new rule may be, checked against the rest of the schema. Pure: the service stores what passes.
 */
import type { Indicator } from '../domain/indicator';
import {
  AGGREGATION_LABELS,
  DIRECTION_LABELS,
  EDITABLE_FIELDS,
  FIELD_LABELS,
  SCOPE_LABELS,
  TARGET_OP_LABELS,
  isEditableField,
  type EditableField,
  type FieldProblem,
  type IndicatorChanges,
  type NewIndicator,
  type NewRule,
} from '../domain/indicator-edit';
import type { Rule, Schema } from '../domain/schema';
import { normalizeName } from '../import/normalize-name';
import { blankIndicator, defaultAggregation, defaultDirection, defaultScope } from './indicator-defaults';
import { validateSchema, unsafeNameProblem } from './validate-schema';

const MAX_NAME = 200;
const MAX_UNIT = 20;
const MAX_TEXT = 5000;
const MAX_LIST = 100;
const MAX_DECIMALS = 6;
/** Years as the validators take them: anything outside is a typo. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

const ATTRIBUTES = ['约束性', '预期性', ''];

/** The auxiliary indicators' 领域 in the built-in schemas. */
export const AUXILIARY_AREA = '辅助指标';

type Normalized = { ok: true; value: unknown } | { ok: false; message: string };

const isText = (value: unknown): value is string => typeof value === 'string';
const isFigure = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** One field's value as sent, checked on its own and tidied (trimmed, lists without repeats). */
function normalizeField(field: EditableField, value: unknown): Normalized {
  const label = FIELD_LABELS[field];
  const refuse = (message: string): Normalized => ({ ok: false, message });
  switch (field) {
    case 'name': {
      if (!isText(value) || value.trim() === '') return refuse('指标名称不能为空。请填写指标名称。');
      const name = value.trim();
      if (name.length > MAX_NAME) return refuse(`指标名称过长（${name.length} 个字符），请不超过 ${MAX_NAME} 个字符。`);
      const unsafe = unsafeNameProblem('指标名称', name, { allowLineBreaks: true });
      return unsafe ? refuse(unsafe) : { ok: true, value: name };
    }
    case 'unit': {
      if (!isText(value)) return refuse('计量单位应为文字，如 %、万人、个。');
      const unit = value.trim();
      if (unit.length > MAX_UNIT) return refuse(`计量单位“${unit.slice(0, 20)}…”过长，请不超过 ${MAX_UNIT} 个字符。`);
      if (/^[+-]?\d+(\.\d+)?$/.test(unit)) return refuse(`计量单位“${unit}”是一个数字。请填写单位（如 %、万人、个），数值请填在基期值或目标值中。`);
      const unsafe = unsafeNameProblem('计量单位', unit);
      return unsafe ? refuse(unsafe) : { ok: true, value: unit };
    }
    case 'area':
    case 'category':
    case 'notes': {
      if (!isText(value)) return refuse(`${label}应为文字。`);
      const text = value.trim();
      const max = field === 'notes' ? MAX_TEXT : MAX_NAME;
      if (text.length > max) return refuse(`${label}过长，请不超过 ${max} 个字符。`);
      if (field === 'area' && text === '') return refuse('领域不能为空。请填写指标所属的领域，如“社会保障情况”。');
      const unsafe = unsafeNameProblem(label, text, { allowLineBreaks: field === 'notes' });
      return unsafe ? refuse(unsafe) : { ok: true, value: text };
    }
    case 'formula':
    case 'targetText': {
      if (value === null) return { ok: true, value: null };
      if (!isText(value)) return refuse(`${label}应为文字或空。`);
      const text = value.trim();
      if (text.length > MAX_NAME) return refuse(`${label}过长，请不超过 ${MAX_NAME} 个字符。`);
      const unsafe = unsafeNameProblem(label, text);
      if (unsafe) return refuse(unsafe);
      return { ok: true, value: text === '' ? null : text };
    }
    case 'unitSynonyms':
    case 'aliases': {
      if (!Array.isArray(value) || !value.every(isText)) return refuse(`${label}应为文字列表。`);
      const items = [...new Set(value.map((item) => item.trim()).filter((item) => item !== ''))];
      if (items.length > MAX_LIST) return refuse(`${label}最多 ${MAX_LIST} 个。`);
      for (const item of items) {
        if (item.length > MAX_NAME) return refuse(`${label}“${item.slice(0, 20)}…”过长，请不超过 ${MAX_NAME} 个字符。`);
        const unsafe = unsafeNameProblem(label, item);
        if (unsafe) return refuse(unsafe);
      }
      return { ok: true, value: items };
    }
    case 'decimals':
      if (!isFigure(value) || !Number.isInteger(value) || value < 0 || value > MAX_DECIMALS) {
        return refuse(`小数位数应为 0 到 ${MAX_DECIMALS} 之间的整数，这里是 ${String(value)}。`);
      }
      return { ok: true, value };
    case 'baselineYear':
    case 'targetYear':
      if (!isFigure(value) || !Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) {
        return refuse(`${label}应为四位数的年份（${MIN_YEAR}—${MAX_YEAR}），这里是 ${String(value)}。`);
      }
      return { ok: true, value };
    case 'baselineValue':
    case 'targetValue':
      if (value === null || isFigure(value)) return { ok: true, value };
      return refuse(`${label}应为数值或空，这里是 ${String(value)}。`);
    case 'targetOp':
      if (value === null || (isText(value) && Object.hasOwn(TARGET_OP_LABELS, value))) return { ok: true, value };
      return refuse(`目标比较符应为 ≥、≤、= 或无，这里是“${String(value)}”。`);
    case 'attribute':
      if (isText(value) && ATTRIBUTES.includes(value)) return { ok: true, value };
      return refuse(`属性应为约束性、预期性或空，这里是“${String(value)}”。`);
    case 'direction':
      if (isText(value) && Object.hasOwn(DIRECTION_LABELS, value)) return { ok: true, value };
      return refuse(`指标方向应为越高越好或越低越好，这里是“${String(value)}”。`);
    case 'scope':
      if (isText(value) && Object.hasOwn(SCOPE_LABELS, value)) return { ok: true, value };
      return refuse(`口径应为${Object.values(SCOPE_LABELS).join('、')}之一，这里是“${String(value)}”。`);
    case 'aggregation':
      if (isText(value) && Object.hasOwn(AGGREGATION_LABELS, value)) return { ok: true, value };
      return refuse(`汇总方式应为${Object.values(AGGREGATION_LABELS).join('、')}之一，这里是“${String(value)}”。`);
  }
}

/** The field a schema problem names, as the edit's fields go (validateSchema names a few more). */
function fieldOf(field: string, edited: readonly EditableField[]): EditableField | 'code' {
  if (field === 'code') return 'code';
  if (isEditableField(field) && edited.includes(field)) return field;
  // A problem on a field the edit did not touch arose from one it did (a ≥ target on a
  // lower-is-better indicator): it stands beside the edited cell.
  return edited[0] ?? 'name';
}

/** Problems of the indicator's own fields taken together, beyond what validateSchema checks. */
function crossFieldProblems(indicator: Indicator): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (indicator.targetOp !== null && indicator.targetValue === null) {
    problems.push({ field: 'targetOp', message: `比较符“${TARGET_OP_LABELS[indicator.targetOp]}”没有对应的目标数值。请先填写目标值，或把比较符改为“无”。` });
  }
  if (indicator.targetValue !== null && indicator.targetText !== null) {
    problems.push({ field: 'targetText', message: `目标值只能是一个数值（可带比较符）或一句定性表述（如“持续提高”），不能两者都有。请删去其中一个。` });
  }
  return problems;
}

/** An alias or name another indicator already goes by: rows would match either. */
function nameClashes(schema: Pick<Schema, 'indicators'>, indicator: Indicator): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const names = new Map<string, Indicator>();
  const aliases = new Map<string, Indicator>();
  for (const other of schema.indicators) {
    if (other.code === indicator.code) continue;
    names.set(normalizeName(other.name), other);
    for (const alias of other.aliases) aliases.set(normalizeName(alias), other);
  }
  for (const alias of indicator.aliases) {
    const other = names.get(normalizeName(alias)) ?? aliases.get(normalizeName(alias));
    if (other) problems.push({ field: 'aliases', message: `别名“${alias}”已是指标“${other.name}”（${other.code}）的名称或别名，报表中按此名称填报的行将无法区分。请删去这个别名。` });
  }
  const other = aliases.get(normalizeName(indicator.name));
  if (other) problems.push({ field: 'name', message: `指标名称“${indicator.name}”已是指标“${other.name}”（${other.code}）的别名，汇总时无法区分。请换一个名称，或先删去那个别名。` });
  return problems;
}

export interface CheckedEdit {
  before: Indicator;
  after: Indicator;
  /** The fields the edit actually changes (a value sent as it already was is no change). */
  changed: EditableField[];
  problems: FieldProblem[];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The changes applied field by field, each checked on its own. */
function applyChanges(before: Indicator, changes: Record<string, unknown>): CheckedEdit {
  const problems: FieldProblem[] = [];
  const tidy: Partial<Record<EditableField, unknown>> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (field === 'code') {
      problems.push({ field: 'code', message: `指标编码“${before.code}”不能修改：已下发的模板、别名和核对记录都按编码对应。如编码确有错误，请新增指标后移除原指标。` });
      continue;
    }
    if (!isEditableField(field)) {
      problems.push({ field: 'name', message: `“${field}”不是指标体系中可修改的内容。` });
      continue;
    }
    const normalized = normalizeField(field, value);
    if (normalized.ok) tidy[field] = normalized.value;
    else problems.push({ field, message: normalized.message });
  }
  const after = { ...before, ...(tidy as IndicatorChanges) };
  const changed = EDITABLE_FIELDS.filter((field) => field in tidy && !sameValue(before[field], after[field]));
  return { before, after, changed, problems };
}

/**
 * Checks an edit of one indicator against the whole schema. Only problems the edit brings are
 * returned: one that stood before (a schema imported as it was) does not block an unrelated fix.
 */
export function checkIndicatorEdit(schema: Schema, before: Indicator, changes: Record<string, unknown>): CheckedEdit {
  const checked = applyChanges(before, changes);
  if (checked.problems.length > 0) return checked;
  return { ...checked, problems: newProblems(schema, before, checked.after, checked.changed) };
}

function newProblems(schema: Schema, before: Indicator | null, after: Indicator, changed: readonly EditableField[]): FieldProblem[] {
  const withAfter = { ...schema, indicators: before === null ? [...schema.indicators, after] : schema.indicators.map((i) => (i.code === after.code ? after : i)) };
  const stood = new Set(validateSchema(schema).map((p) => p.message));
  const schemaProblems = validateSchema(withAfter)
    .filter((p) => !stood.has(p.message))
    .map((p): FieldProblem => ({ field: fieldOf(p.field, changed), message: p.message }));
  const own = [...crossFieldProblems(after), ...nameClashes(schema, after)];
  const ownBefore = new Set(before === null ? [] : [...crossFieldProblems(before), ...nameClashes(schema, before)].map((p) => p.message));
  return [...schemaProblems, ...own.filter((p) => !ownBefore.has(p.message))];
}

/**
 * A new indicator made from what the officer gave: the rest as the documents usually have it
 * (auxiliary ones in the 辅助指标 领域, not published, summed over sub-regions).
 */
export function draftIndicator(schema: Schema, code: string, input: Record<string, unknown>): { indicator: Indicator; problems: FieldProblem[] } {
  const auxiliary = input.auxiliary === true;
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  const unit = typeof input.unit === 'string' ? input.unit.trim() : '';
  const formula = typeof input.formula === 'string' && input.formula.trim() !== '' ? input.formula.trim() : null;
  const targetOp = typeof input.targetOp === 'string' && Object.hasOwn(TARGET_OP_LABELS, input.targetOp) ? (input.targetOp as Indicator['targetOp']) : null;
  const base: Indicator = {
    ...blankIndicator(),
    code,
    name,
    area: auxiliary ? AUXILIARY_AREA : (schema.indicators.find((i) => !i.auxiliary)?.area ?? ''),
    unit,
    baselineYear: schema.baseYear,
    targetYear: schema.targetYear,
    direction: defaultDirection({ targetOp }),
    scope: defaultScope({ name }),
    aggregation: auxiliary ? 'sum' : defaultAggregation({ formula, unit, name }),
    auxiliary,
  };
  const fields = Object.fromEntries(Object.entries(input).filter(([field]) => field !== 'auxiliary'));
  const checked = applyChanges(base, { name: '', ...fields });
  if (checked.problems.length > 0) return { indicator: checked.after, problems: checked.problems };
  // The fields left out are the defaults: a problem of theirs stands beside the name.
  const given = EDITABLE_FIELDS.filter((field) => field in fields);
  return { indicator: checked.after, problems: newProblems(schema, null, checked.after, given.length > 0 ? given : ['name']) };
}

/** `E05` after E01–E04: the prefix and width the group's codes use, one past the highest number taken anywhere. */
export function proposeIndicatorCode(schema: Pick<Schema, 'indicators'>, draft: Pick<NewIndicator, 'auxiliary'> & { area?: string }, taken: Iterable<string>): string {
  const used = new Set([...schema.indicators.map((i) => i.code), ...taken]);
  const group = schema.indicators.filter((i) => (draft.auxiliary ? i.auxiliary : !i.auxiliary && (draft.area === undefined || i.area === draft.area)));
  const numbered = (codes: string[]) => codes.map((c) => /^([A-Za-z_]*)(\d+)$/.exec(c)).filter((m): m is RegExpExecArray => m !== null);
  let found = numbered(group.map((i) => i.code));
  if (found.length === 0 && !draft.auxiliary) found = numbered(schema.indicators.filter((i) => !i.auxiliary).map((i) => i.code));
  const counts = new Map<string, number>();
  for (const m of found) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  const prefix = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? (draft.auxiliary ? 'X' : 'N');
  const width = Math.max(2, ...found.filter((m) => m[1] === prefix).map((m) => m[2]!.length));
  let n = Math.max(0, ...numbered([...used]).filter((m) => m[1] === prefix).map((m) => Number(m[2]))) + 1;
  let code = `${prefix}${String(n).padStart(width, '0')}`;
  while (used.has(code)) code = `${prefix}${String(++n).padStart(width, '0')}`;
  return code;
}

/** `R06` after R01–R05, never an id a removed rule had. */
export function proposeRuleId(schema: Pick<Schema, 'rules'>, taken: Iterable<string>): string {
  const used = new Set([...schema.rules.map((r) => r.id), ...taken]);
  const numbers = [...used].map((id) => /^R(\d+)$/.exec(id)).filter((m): m is RegExpExecArray => m !== null);
  const width = Math.max(2, ...numbers.map((m) => m[1]!.length));
  let n = Math.max(0, ...numbers.map((m) => Number(m[1]))) + 1;
  let id = `R${String(n).padStart(width, '0')}`;
  while (used.has(id)) id = `R${String(++n).padStart(width, '0')}`;
  return id;
}

/** A new rule checked as the schema checks rules: its sides parse and name indicators it has. */
export function checkNewRule(schema: Schema, id: string, input: NewRule): { rule: Rule; problems: { field: keyof NewRule; message: string }[] } {
  const rule: Rule = {
    id,
    name: typeof input.name === 'string' ? input.name.trim() : '',
    left: typeof input.left === 'string' ? input.left.trim() : '',
    op: input.op,
    right: typeof input.right === 'string' ? input.right.trim() : '',
    tolerance: input.tolerance,
    note: typeof input.note === 'string' ? input.note.trim() : '',
  };
  const problems: { field: keyof NewRule; message: string }[] = [];
  if (rule.name === '') problems.push({ field: 'name', message: '规则名称不能为空。请用一句话写明规则，如“护理型床位数不超过养老机构床位数”。' });
  const unsafe = unsafeNameProblem('规则名称', rule.name);
  if (unsafe) problems.push({ field: 'name', message: unsafe });
  if (rule.left === '') problems.push({ field: 'left', message: '左边算式不能为空。请填写指标编码或算式，如 X03。' });
  if (rule.right === '') problems.push({ field: 'right', message: '右边算式不能为空。请填写指标编码或算式，如 X02 或 B04 / X01 * 1000。' });
  if (schema.rules.some((r) => r.name === rule.name && rule.name !== '')) problems.push({ field: 'name', message: `已有名为“${rule.name}”的规则。请换一个名称。` });
  if (problems.length > 0) return { rule, problems };
  const index = schema.rules.length;
  for (const p of validateSchema({ ...schema, rules: [...schema.rules, rule] })) {
    const match = /^rules\[(\d+)\]\.(\w+)$/.exec(p.field);
    if (!match || Number(match[1]) !== index) continue;
    const field = match[2] as keyof NewRule;
    problems.push({ field, message: p.message });
  }
  return { rule, problems };
}
