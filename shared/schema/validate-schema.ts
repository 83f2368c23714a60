import type { Indicator } from '../domain/indicator';
import type { Schema } from '../domain/schema';
import { parseExpression, referencedCodes } from './expression';

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

export function validateSchema(schema: Schema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
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
