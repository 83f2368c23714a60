import { UserError } from '../api/errors';
import type { Indicator, Schema } from '../domain';
import { TEMPLATE_FORMAT_VERSION, TEMPLATE_KEYS, schemaHashOf } from '../import/template-key';
import type { TemplateKey } from '../import/parsed-return';
import { normalizeUnit } from '../import/units';
import { parseExpression, referencedCodes } from '../schema/expression';
import { indexValues, subjectOf, targetShown, type TableValue } from './table-inputs';
import { yearLabel } from './table-layout';

/**
 * Which return template each 填报单位 gets (DESIGN workflow 3, "下发模板"): its indicators with
 * baseline, target and last year's value, plus the auxiliary indicators its ratios need. Pure:
 * electron/services/xlsx/write-template.ts lays a plan out as .xlsx.
 */

export interface TemplatePlanInput {
  schema: Pick<Schema, 'id' | 'name' | 'region' | 'baseYear' | 'targetYear' | 'indicators' | 'rules'>;
  /** The workbook's id: the template key ties a filled template to its workbook. */
  workbookId: string;
  year: number;
  /** Regions to send templates for: the workbook's region, and sub-regions where wanted. */
  regions?: readonly string[];
  /** Consolidated values of earlier years; last year's is printed beside the input column. */
  values?: readonly TableValue[];
}

export interface TemplateRow {
  code: string;
  area: string;
  category: string;
  name: string;
  unit: string;
  decimals: number;
  auxiliary: boolean;
  baseline: number | null;
  target: ReturnType<typeof targetShown>;
  previous: number | null;
  /** Input range the template enforces: numbers from `min`, up to `max` for rates. */
  min: number;
  max: number | null;
  /** For auxiliary rows: the indicators computed from it. */
  note: string;
}

export interface TemplatePlan {
  bureau: string;
  region: string;
  year: number;
  baseYear: number;
  targetYear: number;
  title: string;
  sheetName: string;
  fileName: string;
  key: TemplateKey;
  rows: TemplateRow[];
  instructions: string[];
}

export { schemaHashOf };

/** The key sheet's rows, key in column A and value in column B, as template-key.ts reads them. */
export function templateKeyRows(key: TemplateKey): [string, string][] {
  return [
    [TEMPLATE_KEYS.workbookId, key.workbookId],
    [TEMPLATE_KEYS.schemaHash, key.schemaHash],
    [TEMPLATE_KEYS.bureau, key.bureau],
    [TEMPLATE_KEYS.region, key.region],
    [TEMPLATE_KEYS.year, String(key.year)],
    [TEMPLATE_KEYS.formatVersion, String(key.formatVersion ?? TEMPLATE_FORMAT_VERSION)],
  ];
}

/** Auxiliary indicators without a 填报单位 go to every bureau whose indicators' rules use them. */
function auxiliaryNeeds(input: TemplatePlanInput): Map<string, Set<string>> {
  const byCode = new Map(input.schema.indicators.map((i) => [i.code, i]));
  const needs = new Map<string, Set<string>>();
  for (const rule of input.schema.rules) {
    const codes = [rule.left, rule.right].flatMap((text) => {
      const parsed = parseExpression(text);
      return parsed.ok ? referencedCodes(parsed.expr) : [];
    });
    const reporters = codes.map((c) => byCode.get(c)).filter((i): i is Indicator => !!i && !i.auxiliary && !!i.reporter);
    for (const code of codes) {
      const aux = byCode.get(code);
      if (!aux?.auxiliary || aux.reporter) continue;
      const set = needs.get(code) ?? new Set<string>();
      for (const r of reporters) set.add(r.reporter!);
      needs.set(code, set);
    }
  }
  return needs;
}

function refuseUnassigned(indicators: readonly Indicator[], needs: Map<string, Set<string>>): void {
  const unassigned = indicators.filter((i) => !i.reporter && !(i.auxiliary && (needs.get(i.code)?.size ?? 0) > 0));
  const proposed = indicators.filter((i) => i.reporter && i.reporterProposed);
  if (unassigned.length === 0 && proposed.length === 0) return;
  const list = (items: Indicator[]) => items.map((i) => `${i.code} ${i.name}`).join('、');
  const parts: string[] = [];
  if (unassigned.length > 0) parts.push(`以下 ${unassigned.length} 个指标尚未指定填报单位：${list(unassigned)}`);
  if (proposed.length > 0) parts.push(`以下 ${proposed.length} 个指标的填报单位仍是系统建议、尚未确认：${list(proposed)}`);
  throw new UserError(
    'unassigned_indicators',
    `${parts.join('；')}。模板按填报单位生成，每个指标都须有确定的填报单位。请在“指标体系”中指定或确认填报单位，再生成模板。`,
  );
}

function rangeOf(indicator: Indicator): { min: number; max: number | null } {
  const unit = normalizeUnit(indicator.unit);
  if (unit === '%' && !indicator.allowAbove100) return { min: 0, max: 100 };
  if (unit === '‰' && !indicator.allowAbove100) return { min: 0, max: 1000 };
  return { min: 0, max: null };
}

function fileSafe(text: string): string {
  return text.replace(/[\\/:*?"<>|\s]+/g, '_');
}

/**
 * One plan per 填报单位 and region. Refuses (UserError 'unassigned_indicators') while an
 * indicator has no confirmed 填报单位, naming each.
 */
export function planTemplates(input: TemplatePlanInput): TemplatePlan[] {
  const { schema, year } = input;
  const needs = auxiliaryNeeds(input);
  refuseUnassigned(schema.indicators, needs);
  const regions = input.regions && input.regions.length > 0 ? input.regions : [schema.region];
  const valueOf = indexValues(input.values ?? []);
  const users = usersOf(schema.indicators, schema.rules);
  const bureaus = [...new Set(schema.indicators.filter((i) => i.reporter).map((i) => i.reporter!))];
  const schemaHash = schemaHashOf(schema);
  const plans: TemplatePlan[] = [];
  for (const region of regions) {
    for (const bureau of bureaus) {
      const own = schema.indicators.filter((i) => i.reporter === bureau);
      const shared = schema.indicators.filter((i) => i.auxiliary && !i.reporter && needs.get(i.code)?.has(bureau));
      const ordered = [...own.filter((i) => !i.auxiliary), ...own.filter((i) => i.auxiliary), ...shared];
      const rows = ordered.map((indicator) => rowOf(indicator, valueOf(indicator.code, region, year - 1)?.value ?? null, users.get(indicator.code) ?? []));
      const title = `${region}${subjectOf(schema)}${yearLabel(year)}度报表`;
      plans.push({
        bureau,
        region,
        year,
        baseYear: schema.baseYear,
        targetYear: schema.targetYear,
        title,
        sheetName: `${yearLabel(year)}报表`,
        fileName: `${fileSafe(`${yearLabel(year)}_${region}_${bureau}_${subjectOf(schema)}报表`)}.xlsx`,
        key: { workbookId: input.workbookId, schemaHash, bureau, region, year, formatVersion: TEMPLATE_FORMAT_VERSION },
        rows,
        instructions: instructionsFor(year, rows),
      });
    }
  }
  return plans;
}

/** For each auxiliary indicator, the names of the ratios its rules compute from it. */
function usersOf(indicators: readonly Indicator[], rules: TemplatePlanInput['schema']['rules']): Map<string, string[]> {
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const users = new Map<string, string[]>();
  for (const rule of rules) {
    const codes = [rule.left, rule.right].flatMap((text) => {
      const parsed = parseExpression(text);
      return parsed.ok ? referencedCodes(parsed.expr) : [];
    });
    // The ratio is the rule's left side (每千人口托位数 = 托位总数 ÷ 常住人口 × 1000).
    const left = parseExpression(rule.left);
    const published = (left.ok ? referencedCodes(left.expr) : []).map((c) => byCode.get(c)).filter((i): i is Indicator => !!i && !i.auxiliary);
    for (const code of codes) {
      if (!byCode.get(code)?.auxiliary) continue;
      const list = users.get(code) ?? [];
      for (const p of published) if (!list.includes(p.name)) list.push(p.name);
      users.set(code, list);
    }
  }
  return users;
}

function rowOf(indicator: Indicator, previous: number | null, users: string[]): TemplateRow {
  return {
    code: indicator.code,
    area: indicator.auxiliary ? '辅助指标' : indicator.area,
    category: indicator.auxiliary ? '' : indicator.category,
    name: indicator.name,
    unit: indicator.unit,
    decimals: indicator.decimals,
    auxiliary: indicator.auxiliary,
    baseline: indicator.baselineValue,
    target: targetShown(indicator),
    previous,
    ...rangeOf(indicator),
    note: indicator.auxiliary && users.length > 0 ? `用于核算${users.join('、')}` : '',
  };
}

function instructionsFor(year: number, rows: readonly TemplateRow[]): string[] {
  const lines = [
    `请在“${yearLabel(year)}完成值”列（浅黄色单元格）填写${yearLabel(year)}数值，只填数字，不带单位；无数据的留空，并在备注中说明原因。`,
    '百分比指标按百分数填写，如 93.5% 填 93.5；比率不超过 100（另有说明的除外）。',
    '请勿修改指标名称、计量单位和表头，勿删除隐藏的“指标编码”列；行的顺序可以调整。',
  ];
  if (rows.some((r) => r.auxiliary)) lines.push('辅助指标不公开发布，用于核算比率类指标，请一并填写。');
  lines.push('填好后请保存为 .xlsx 格式报送，并填写填报人、联系电话和审核人。');
  return lines.map((line, i) => `${i === 0 ? '注：' : '　　'}${i + 1}. ${line}`);
}
