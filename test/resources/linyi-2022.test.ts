import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../shared/domain/indicator';
import type { Schema } from '../../shared/domain/schema';
import { evaluate, parseExpression } from '../../shared/schema/expression';
import { validateSchema } from '../../shared/schema/validate-schema';
import { buildLinyiSchema } from '../../scripts/build-linyi-schema';

const TABLE_TEXT = readFileSync(new URL('../fixtures/seeds/001-linyi-table.txt', import.meta.url), 'utf8');
const SCHEMA = JSON.parse(
  readFileSync(new URL('../../resources/schemas/linyi-2022.json', import.meta.url), 'utf8'),
) as Schema;

interface SeedFigure {
  name: string;
  unit: string;
  baseline: string;
  target: string;
}

/**
 * The seed's rows read with one regular expression of their own, independent of the parser
 * that built the schema: `…name(unit) baseline target`, the name being the last run of
 * non-space text before the bracket (the seed prints area and category in front of it).
 */
function readSeedFigures(text: string): SeedFigure[] {
  const figures: SeedFigure[] = [];
  for (const line of text.split('\n')) {
    const match = /(\S+?)\s?\(([^()]+)\)\s+(\S+)\s+(\S+)\s*$/.exec(line);
    if (match) figures.push({ name: match[1]!, unit: match[2]!, baseline: match[3]!, target: match[4]! });
  }
  return figures;
}

function printedValue(cell: string): { value: number | null; op: '>=' | null } {
  if (cell === '--') return { value: null, op: null };
  if (cell.startsWith('≥')) return { value: Number(cell.slice(1)), op: '>=' };
  return { value: Number(cell), op: null };
}

const published = SCHEMA.indicators.filter((indicator) => !indicator.auxiliary);
const byCode = new Map(SCHEMA.indicators.map((indicator) => [indicator.code, indicator]));

describe('resources/schemas/linyi-2022.json', () => {
  it('carries the schema header of 临发改社会〔2022〕316号', () => {
    expect({ ...SCHEMA, indicators: undefined, rules: undefined, bureaus: undefined }).toEqual({
      id: 'linyi-2022',
      name: '临沂市养老托育服务具体指标',
      region: '临沂市',
      baseYear: 2020,
      targetYear: 2025,
      source: '临沂市"一老一小"整体解决方案（临发改社会〔2022〕316号）',
      bureaus: undefined,
      indicators: undefined,
      rules: undefined,
    });
  });

  it('has every 2020 and 2025 figure and comparator of the seed table, in its order', () => {
    const seed = readSeedFigures(TABLE_TEXT);
    expect(seed).toHaveLength(31);
    expect(published).toHaveLength(31);
    seed.forEach((figure, index) => {
      const indicator = published[index] as Indicator;
      const baseline = printedValue(figure.baseline);
      const target = printedValue(figure.target);
      expect([indicator.name, indicator.unit]).toEqual([figure.name, figure.unit]);
      expect([indicator.baselineYear, indicator.baselineValue]).toEqual([2020, baseline.value]);
      expect([indicator.targetYear, indicator.targetValue, indicator.targetOp]).toEqual([2025, target.value, target.op]);
      // Published decimals: the seed prints 77.90 and 78.40.
      const decimals = Math.max(...[figure.baseline, figure.target].map((cell) => cell.split('.')[1]?.length ?? 0));
      expect(indicator.decimals).toBe(decimals);
    });
  });

  it('is what scripts/build-linyi-schema.ts builds from the fixture', () => {
    // Bureaus, responsibilities and 填报单位 are attached by scripts/attach-linyi-responsibilities.ts.
    const withoutAttached = (schema: Schema) => ({
      ...schema,
      bureaus: [],
      indicators: schema.indicators.map((indicator) => ({ ...indicator, responsibility: null, reporter: null, reporterProposed: null })),
    });
    expect(withoutAttached(SCHEMA)).toEqual(withoutAttached(buildLinyiSchema(TABLE_TEXT)));
  });

  it('passes schema validation', () => {
    expect(validateSchema(SCHEMA)).toEqual([]);
  });

  it('fills every indicator field and keeps codes unique and stable', () => {
    // A Record over keyof Indicator fails to compile when the domain gains a field this list lacks.
    const every: Record<keyof Indicator, true> = {
      code: true, name: true, area: true, category: true, unit: true, unitSynonyms: true, decimals: true,
      baselineYear: true, baselineValue: true, targetYear: true, targetValue: true, targetOp: true,
      targetText: true, attribute: true, direction: true, scope: true, aggregation: true, formula: true,
      auxiliary: true, allowAbove100: true, changeFactor: true, aliases: true, responsibility: true,
      reporter: true, reporterProposed: true, notes: true,
    };
    const fields = Object.keys(every).sort();
    for (const indicator of SCHEMA.indicators) {
      expect(Object.keys(indicator).sort()).toEqual(fields);
      expect(Object.keys(indicator.responsibility).sort()).toEqual(['citation', 'coBureaus', 'jointBureaus', 'leadBureaus', 'localGovernments', 'text']);
      expect(indicator.notes).not.toBe('');
    }
    expect(published.map((indicator) => indicator.code)).toEqual([
      'A01', 'A02', 'B01', 'B02', 'B03', 'B04',
      ...['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10'],
      ...['D01', 'D02', 'D03', 'D04', 'D05', 'D06', 'D07', 'D08', 'D09', 'D10', 'D11'],
      'E01', 'E02', 'E03', 'E04',
    ]);
    expect(SCHEMA.indicators.filter((indicator) => indicator.auxiliary).map((indicator) => [indicator.code, indicator.name, indicator.unit])).toEqual([
      ['X01', '常住人口', '万人'],
      ['X02', '养老机构床位数', '张'],
      ['X03', '护理型床位数', '张'],
      ['X04', '普惠性托位数', '万个'],
    ]);
  });

  it('groups the rows by the table areas and categories', () => {
    const groups = [...new Set(published.map((indicator) => `${indicator.area}/${indicator.category}`))];
    expect(groups).toEqual([
      '社会保障情况/',
      '服务资源总量/养老', '服务资源总量/托育',
      '服务覆盖面或可及性/养老', '服务覆盖面或可及性/托育',
      '服务对象保障程度/养老', '服务对象保障程度/托育',
      '产业发展情况/养老', '产业发展情况/托育',
    ]);
  });

  it('sums counts, recomputes ratios with components and leaves other rates unaggregated', () => {
    for (const indicator of published) {
      if (indicator.unit === '%' && indicator.aggregation !== 'recompute') expect(indicator.aggregation).toBe('none');
      if (['处', '个', '万个', '户', '家'].includes(indicator.unit)) expect(indicator.aggregation, indicator.name).toBe('sum');
      expect(indicator.direction).toBe('higher');
    }
    expect(published.filter((indicator) => indicator.aggregation === 'recompute').map((indicator) => [indicator.code, indicator.formula])).toEqual([
      ['C08', 'B04 / X01 * 1000'],
      ['D01', 'X03 / X02 * 100'],
      ['D11', 'X04 / B04 * 100'],
    ]);
    expect(byCode.get('D05')?.scope).toBe('cumulative');
    expect(published.filter((indicator) => indicator.scope !== 'stock')).toHaveLength(1);
  });

  it('recomputes 每千人口托位数 from 托位总数 and 常住人口 in the units the table prints', () => {
    const formula = parseExpression(byCode.get('C08')?.formula ?? '');
    if (!formula.ok) throw new Error(formula.message);
    // 5万个 托位 for about 1087万 residents is the table's 4.6 per thousand.
    const values: Record<string, number> = { B04: 5, X01: 1087 };
    expect(evaluate(formula.expr, (code) => values[code] ?? null)).toBeCloseTo(4.6, 2);
  });

  it('records the prose figures that disagree with the table, keeping the table figure', () => {
    expect(byCode.get('B04')?.baselineValue).toBe(0.6);
    expect(byCode.get('B04')?.notes).toContain('托位总数2.8万个');
    expect(byCode.get('D01')?.notes).toContain('41.2%');
    expect(byCode.get('C08')?.unitSynonyms).toContain('个');
    expect(byCode.get('C08')?.notes).toContain('4.6个');
  });

  it('states ratio and part-of-whole rules over known codes', () => {
    expect(SCHEMA.rules.map((rule) => `${rule.left} ${rule.op} ${rule.right}`)).toEqual([
      'C08 = B04 / X01 * 1000',
      'D01 = X03 / X02 * 100',
      'D11 = X04 / B04 * 100',
      'X04 <= B04',
      'X03 <= X02',
    ]);
    expect(SCHEMA.rules.every((rule) => rule.tolerance === null)).toBe(true);
  });
});
