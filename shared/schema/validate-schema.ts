import type { Indicator } from '../domain/indicator';
import type { Rule, Schema } from '../domain/schema';
import { parseExpression, referencedCodes } from './expression';

/**
 * Characters a name must not hold: C0 and C1 controls (NUL, ESC, which a terminal obeys) and the
 * bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069), which make a name
 * print reversed, so that the audit shows something other than what is stored.
 */
const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_NAME_CHARS_KEEPING_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The first unsafe character of a name as U+XXXX, or null when there is none. */
export function unsafeCharacterIn(name: string, options: { allowLineBreaks?: boolean } = {}): string | null {
  const found = (options.allowLineBreaks ? UNSAFE_NAME_CHARS_KEEPING_LINES : UNSAFE_NAME_CHARS).exec(name);
  return found ? `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/**
 * Why a name (操作人, 单位, 地区, 指标) is refused, in Chinese, or null when it is acceptable.
 * `what` names the field as the officer knows it: 操作人、单位名称、地区名称、指标名称.
 */
export function unsafeNameProblem(what: string, name: string, options: { allowLineBreaks?: boolean } = {}): string | null {
  const found = unsafeCharacterIn(name, options);
  if (!found) return null;
  return `${what}含有控制字符或文字方向控制符（${found}），这类字符会使名称显示得与实际不同。请删除后重新输入。`;
}

/** One thing wrong with a schema, said so that the officer can find and fix it in 指标体系. */
export interface SchemaProblem {
  /** The indicator's code, or the rule's id, where the problem belongs to one. */
  code?: string;
  /** The field at fault: `name`, `unit`, `targetOp`, `rules[2].left` … */
  field: string;
  message: string;
}

const MAX_DECIMALS = 6;

/** Same text once widths and spaces are ignored: 托位总数（万个） and 托位总数(万个) are one name. */
function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

function label(indicator: Indicator): string {
  return indicator.name.trim() === '' ? `代码为${indicator.code}的指标` : `指标“${indicator.name}”（${indicator.code}）`;
}

/**
 * Checks a schema: first its shape (a schema read back from a workbook file or a JSON file may
 * hold anything: a unit that is a number, an indicator without a name), then what it says.
 * Shape problems come alone, because the checks after them read the fields as their types.
 */
export function validateSchema(schema: Schema): SchemaProblem[] {
  const shape = checkShape(schema);
  if (shape.length > 0) return shape;
  const problems: SchemaProblem[] = [...checkNames(schema)];
  const codes = new Set(schema.indicators.map((indicator) => indicator.code));
  problems.push(...findDuplicates(schema.indicators));
  for (const indicator of schema.indicators) problems.push(...checkIndicator(indicator, codes));
  schema.rules.forEach((rule, index) => {
    for (const side of ['left', 'right'] as const) {
      const where = `rules[${index}].${side}`;
      const parsed = parseExpression(rule[side]);
      if (!parsed.ok) {
        problems.push({ code: rule.id, field: where, message: `核对规则“${rule.name}”的算式“${rule[side]}”无法识别：${parsed.message}。请修改算式。` });
        continue;
      }
      for (const code of referencedCodes(parsed.expr)) {
        if (!codes.has(code)) {
          problems.push({ code: rule.id, field: where, message: `核对规则“${rule.name}”用到指标代码“${code}”，指标体系中没有这个代码。请改为已有的指标代码或补充该指标。` });
        }
      }
    }
    if (rule.tolerance !== null && !(rule.tolerance >= 0)) {
      problems.push({ code: rule.id, field: `rules[${index}].tolerance`, message: `核对规则“${rule.name}”的允许误差为${rule.tolerance}，误差不能为负数。` });
    }
  });
  return problems;
}

function findDuplicates(indicators: readonly Indicator[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const seenCodes = new Set<string>();
  const seenNames = new Map<string, Indicator>();
  for (const indicator of indicators) {
    if (indicator.code.trim() === '') {
      problems.push({ field: 'code', message: `${label(indicator)}没有指标代码，请填写一个不与其他指标重复的代码。` });
    } else if (seenCodes.has(indicator.code)) {
      problems.push({ code: indicator.code, field: 'code', message: `指标代码“${indicator.code}”重复使用，请为其中一个指标另行编码。` });
    }
    seenCodes.add(indicator.code);
    const name = normalizeName(indicator.name);
    const earlier = seenNames.get(name);
    if (name !== '' && earlier) {
      problems.push({ code: indicator.code, field: 'name', message: `指标名称“${indicator.name}”与${earlier.code}重名，汇总时无法区分，请修改其中一个名称。` });
    }
    if (name !== '' && !earlier) seenNames.set(name, indicator);
  }
  return problems;
}

function checkIndicator(indicator: Indicator, codes: ReadonlySet<string>): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const add = (field: string, message: string): void => {
    problems.push({ code: indicator.code, field, message });
  };
  const who = label(indicator);
  if (indicator.name.trim() === '') add('name', `${who}没有名称，请填写指标名称。`);
  if (indicator.targetValue !== null && indicator.unit.trim() === '') {
    add('unit', `${who}的目标值是数字，但没有计量单位，请填写单位（如 %、万人、个）。`);
  }
  if (indicator.targetOp === '>=' && indicator.direction === 'lower') {
    add('targetOp', `${who}是越低越好的指标，目标值却写成“≥”，请检查比较符或指标方向。`);
  }
  if (indicator.targetOp === '<=' && indicator.direction === 'higher') {
    add('targetOp', `${who}是越高越好的指标，目标值却写成“≤”，请检查比较符或指标方向。`);
  }
  if (indicator.baselineYear > indicator.targetYear) {
    add('baselineYear', `${who}的基期年份${indicator.baselineYear}年晚于目标年份${indicator.targetYear}年，请检查年份。`);
  }
  if (!Number.isInteger(indicator.decimals) || indicator.decimals < 0 || indicator.decimals > MAX_DECIMALS) {
    add('decimals', `${who}的小数位数为${indicator.decimals}，应为0到${MAX_DECIMALS}之间的整数。`);
  }
  if (indicator.aggregation === 'recompute') {
    const formula = indicator.formula?.trim() ?? '';
    if (formula === '') {
      add('formula', `${who}的汇总方式为“按构成指标重新计算”，但没有计算公式，请填写公式（如 B04 / X01 * 1000）。`);
    } else {
      const parsed = parseExpression(formula);
      if (!parsed.ok) {
        add('formula', `${who}的计算公式“${formula}”无法识别：${parsed.message}。请修改公式。`);
      } else {
        for (const code of referencedCodes(parsed.expr)) {
          if (!codes.has(code)) add('formula', `${who}的计算公式用到指标代码“${code}”，指标体系中没有这个代码。`);
          if (code === indicator.code) add('formula', `${who}的计算公式引用了它自己，无法计算。`);
        }
      }
    }
  }
  return problems;
}

type FieldKind = 'text' | 'textOrNull' | 'number' | 'numberOrNull' | 'year' | 'boolean' | 'textList';

const INDICATOR_FIELDS: Record<string, FieldKind> = {
  code: 'text',
  name: 'text',
  area: 'text',
  category: 'text',
  unit: 'text',
  unitSynonyms: 'textList',
  decimals: 'number',
  baselineYear: 'year',
  baselineValue: 'numberOrNull',
  targetYear: 'year',
  targetValue: 'numberOrNull',
  targetText: 'textOrNull',
  formula: 'textOrNull',
  auxiliary: 'boolean',
  allowAbove100: 'boolean',
  changeFactor: 'numberOrNull',
  aliases: 'textList',
  reporter: 'textOrNull',
  reporterProposed: 'boolean',
  notes: 'text',
};

const CHOICES: Record<string, readonly (string | null)[]> = {
  targetOp: ['>=', '<=', '=', null],
  attribute: ['约束性', '预期性', ''],
  direction: ['higher', 'lower'],
  scope: ['stock', 'cumulative', 'annual'],
  aggregation: ['sum', 'recompute', 'none'],
};

const RULE_FIELDS: Record<string, FieldKind> = { id: 'text', name: 'text', left: 'text', right: 'text', tolerance: 'numberOrNull', note: 'text' };

const KIND_NAMES: Record<FieldKind, string> = {
  text: '文本',
  textOrNull: '文本或空',
  number: '数字',
  numberOrNull: '数字或空',
  year: '四位年份',
  boolean: '是或否',
  textList: '文本列表',
};

function fits(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'text':
      return typeof value === 'string';
    case 'textOrNull':
      return value === null || typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'numberOrNull':
      return value === null || (typeof value === 'number' && Number.isFinite(value));
    case 'year':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1900 && value <= 2200;
    case 'boolean':
      return typeof value === 'boolean';
    case 'textList':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every field of the schema as the types say, so that nothing after this trips on a number where text belongs. */
function checkShape(schema: unknown): SchemaProblem[] {
  if (!isRecord(schema)) return [{ field: 'schema', message: '指标体系不是一个完整的对象，无法读取。' }];
  const problems: SchemaProblem[] = [];
  for (const [field, kind] of [['id', 'text'], ['name', 'text'], ['region', 'text'], ['source', 'text'], ['baseYear', 'year'], ['targetYear', 'year']] as const) {
    if (!fits(schema[field], kind)) problems.push({ field, message: `指标体系的“${field}”应为${KIND_NAMES[kind]}。` });
  }
  for (const list of ['indicators', 'rules', 'bureaus'] as const) {
    if (!Array.isArray(schema[list])) problems.push({ field: list, message: `指标体系的“${list}”应为列表。` });
  }
  if (problems.length > 0) return problems;
  (schema.indicators as unknown[]).forEach((item, index) => problems.push(...indicatorShapeProblems(item, index)));
  (schema.rules as unknown[]).forEach((item, index) => problems.push(...ruleShapeProblems(item, index)));
  (schema.bureaus as unknown[]).forEach((item, index) => {
    if (!isRecord(item) || !fits(item.name, 'text') || !fits(item.aliases, 'textList')) {
      problems.push({ field: `bureaus[${index}]`, message: `单位名单第 ${index + 1} 项应有文本的名称和别名列表。` });
    }
  });
  return problems;
}

/** An indicator record's fields as the types say; `index` names it where it has no code. */
function indicatorShapeProblems(item: unknown, index: number): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  if (!isRecord(item)) return [{ field: `indicators[${index}]`, message: `第 ${index + 1} 项指标不是完整的指标记录。` }];
  const code = typeof item.code === 'string' && item.code.trim() !== '' ? item.code : undefined;
  const who = code ? `指标 ${code}` : `第 ${index + 1} 项指标`;
  const at = (field: string, message: string) => problems.push({ ...(code ? { code } : {}), field, message });
  for (const [field, kind] of Object.entries(INDICATOR_FIELDS)) {
    if (!(field in item)) at(field, `${who}缺少“${field}”。`);
    else if (!fits(item[field], kind)) at(field, `${who}的“${field}”应为${KIND_NAMES[kind]}，这里是 ${describe(item[field])}。`);
  }
  for (const [field, allowed] of Object.entries(CHOICES)) {
    if (!allowed.includes(item[field] as string | null)) at(field, `${who}的“${field}”应为 ${allowed.map((a) => (a === null ? '空' : a || '空文本')).join('、')} 之一，这里是 ${describe(item[field])}。`);
  }
  const responsibility = item.responsibility;
  if (!isRecord(responsibility)) {
    at('responsibility', `${who}缺少职责分工记录。`);
  } else {
    for (const list of ['leadBureaus', 'coBureaus', 'jointBureaus', 'localGovernments'] as const) {
      if (!fits(responsibility[list], 'textList')) at(`responsibility.${list}`, `${who}的职责分工“${list}”应为文本列表。`);
    }
    for (const field of ['text', 'citation'] as const) {
      if (!fits(responsibility[field], 'text')) at(`responsibility.${field}`, `${who}的职责分工“${field}”应为文本。`);
    }
  }
  return problems;
}

function ruleShapeProblems(item: unknown, index: number): SchemaProblem[] {
  if (!isRecord(item)) return [{ field: `rules[${index}]`, message: `第 ${index + 1} 条核对规则不是完整的规则记录。` }];
  const problems: SchemaProblem[] = [];
  for (const [field, kind] of Object.entries(RULE_FIELDS)) {
    if (!fits(item[field], kind)) problems.push({ field: `rules[${index}].${field}`, message: `第 ${index + 1} 条核对规则的“${field}”应为${KIND_NAMES[kind]}。` });
  }
  if (!['<=', '>=', '=', '<', '>'].includes(item.op as string)) {
    problems.push({ field: `rules[${index}].op`, message: `第 ${index + 1} 条核对规则的关系应为 ≤、≥、＝、<、> 之一。` });
  }
  return problems;
}

/** A stored record that has every field of an indicator as the types say (an audit entry's, a removed indicator's). */
export function isIndicatorShape(value: unknown): value is Indicator {
  return indicatorShapeProblems(value, 0).length === 0;
}

export function isRuleShape(value: unknown): value is Rule {
  return ruleShapeProblems(value, 0).length === 0;
}

function describe(value: unknown): string {
  if (value === undefined) return '空';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Names print in tables, templates and the audit: no control or bidirectional-override characters. */
function checkNames(schema: Schema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  // An indicator list's cells may break a long name over lines (Alt+Enter): line breaks are kept.
  const lines = { allowLineBreaks: true };
  for (const indicator of schema.indicators) {
    for (const [field, what, value] of [
      ['code', '指标代码', indicator.code],
      ['name', `指标“${indicator.code}”的名称`, indicator.name],
      ['unit', `指标“${indicator.code}”的计量单位`, indicator.unit],
      ['reporter', `指标“${indicator.code}”的填报单位`, indicator.reporter ?? ''],
    ] as const) {
      const found = unsafeNameProblem(what, value, field === 'name' ? lines : {});
      if (found) problems.push({ code: indicator.code, field, message: found });
    }
  }
  for (const bureau of schema.bureaus) {
    for (const name of [bureau.name, ...bureau.aliases]) {
      const found = unsafeNameProblem('单位名称', name);
      if (found) problems.push({ field: 'bureaus', message: found });
    }
  }
  const region = unsafeNameProblem('地区名称', schema.region);
  if (region) problems.push({ field: 'region', message: region });
  return problems;
}
