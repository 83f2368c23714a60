import { describe, expect, it } from 'vitest';
import { emptyResponsibility, type Indicator } from '../../../shared/domain/indicator';
import type { Rule, Schema } from '../../../shared/domain/schema';
import { validateSchema } from '../../../shared/schema/validate-schema';

function indicator(fields: Partial<Indicator> & Pick<Indicator, 'code' | 'name'>): Indicator {
  return {
    area: '服务资源总量', category: '托育', unit: '万个', unitSynonyms: [], decimals: 1,
    baselineYear: 2020, baselineValue: 0.6, targetYear: 2025, targetValue: 5, targetOp: null, targetText: null,
    attribute: '', direction: 'higher', scope: 'stock', aggregation: 'sum', formula: null, auxiliary: false,
    allowAbove100: false, changeFactor: null, aliases: [], responsibility: emptyResponsibility(),
    reporter: null, reporterProposed: false, notes: '',
    ...fields,
  };
}

function schema(indicators: Indicator[], rules: Rule[] = []): Schema {
  return { id: 't', name: '测试', region: '临沂市', baseYear: 2020, targetYear: 2025, source: '', indicators, rules, bureaus: [] };
}

const SOUND = [
  indicator({ code: 'B04', name: '托位总数' }),
  indicator({ code: 'X01', name: '常住人口', unit: '万人', auxiliary: true, baselineValue: null, targetValue: null }),
  indicator({ code: 'C08', name: '每千人口托位数', unit: '人', aggregation: 'recompute', formula: 'B04 / X01 * 1000' }),
  indicator({ code: 'A01', name: '基本养老保险参保率', unit: '%', targetValue: null, targetText: '持续提高', aggregation: 'none' }),
  indicator({ code: 'H01', name: '婴儿死亡率', unit: '‰', direction: 'lower', targetOp: '<=', targetValue: 4 }),
];
const RULE: Rule = { id: 'R01', name: '每千人口托位数相符', left: 'C08', op: '=', right: 'B04 / X01 * 1000', tolerance: null, note: '' };

function fieldsOf(problems: ReturnType<typeof validateSchema>): string[] {
  return problems.map((problem) => `${problem.code ?? ''}:${problem.field}`);
}

describe('validateSchema', () => {
  it('accepts a sound schema', () => {
    expect(validateSchema(schema(SOUND, [RULE]))).toEqual([]);
  });

  it('finds duplicate codes and names, ignoring widths and spaces in names', () => {
    const problems = validateSchema(schema([...SOUND, indicator({ code: 'B04', name: '托位 数' }), indicator({ code: 'B05', name: '托位总数' })]));
    expect(fieldsOf(problems)).toEqual(['B04:code', 'B05:name']);
    expect(problems[0]?.message).toContain('重复');
    const widths = validateSchema(schema([indicator({ code: 'A', name: '托位数（万个）' }), indicator({ code: 'B', name: '托位数(万个)' })]));
    expect(fieldsOf(widths)).toEqual(['B:name']);
  });

  it('finds an empty name and an empty code', () => {
    expect(fieldsOf(validateSchema(schema([indicator({ code: 'B01', name: ' ' }), indicator({ code: '', name: '托位总数' })])))).toEqual([':code', 'B01:name']);
  });

  it('finds a numeric target without a unit, but not a qualitative one', () => {
    const problems = validateSchema(schema([
      indicator({ code: 'A', name: '托位总数', unit: '' }),
      indicator({ code: 'B', name: '参保率', unit: '', targetValue: null, targetText: '持续提高' }),
    ]));
    expect(fieldsOf(problems)).toEqual(['A:unit']);
    expect(problems[0]?.message).toContain('单位');
  });

  it('finds a comparator that contradicts the direction', () => {
    const problems = validateSchema(schema([
      indicator({ code: 'A', name: '婴儿死亡率', direction: 'lower', targetOp: '>=' }),
      indicator({ code: 'B', name: '托位总数', direction: 'higher', targetOp: '<=' }),
      indicator({ code: 'C', name: '护理型床位占比', direction: 'higher', targetOp: '>=' }),
      indicator({ code: 'D', name: '失业率', direction: 'lower', targetOp: '=' }),
    ]));
    expect(fieldsOf(problems)).toEqual(['A:targetOp', 'B:targetOp']);
    expect(problems[0]?.message).toContain('越低越好');
  });

  it('finds a baseline year after the target year, and decimals out of range', () => {
    const problems = validateSchema(schema([
      indicator({ code: 'A', name: '甲', baselineYear: 2026 }),
      indicator({ code: 'B', name: '乙', decimals: 7 }),
      indicator({ code: 'C', name: '丙', decimals: -1 }),
      indicator({ code: 'D', name: '丁', decimals: 1.5 }),
      indicator({ code: 'E', name: '戊', decimals: 6, baselineYear: 2025 }),
    ]));
    expect(fieldsOf(problems)).toEqual(['A:baselineYear', 'B:decimals', 'C:decimals', 'D:decimals']);
    expect(problems[0]?.message).toContain('2026');
  });

  it('finds rules naming unknown codes or with unparseable expressions', () => {
    const problems = validateSchema(schema(SOUND, [
      RULE,
      { ...RULE, id: 'R02', left: 'X04', right: 'B04' },
      { ...RULE, id: 'R03', right: 'B04 / (X01 * 1000' },
      { ...RULE, id: 'R04', tolerance: -0.1 },
    ]));
    expect(fieldsOf(problems)).toEqual(['R02:rules[1].left', 'R03:rules[2].right', 'R04:rules[3].tolerance']);
    expect(problems[0]?.message).toContain('X04');
    expect(problems[1]?.message).toContain('括号');
  });

  it('finds a recompute aggregation without a formula or with an unknown or bad one', () => {
    const problems = validateSchema(schema([
      ...SOUND.slice(0, 2),
      indicator({ code: 'C08', name: '每千人口托位数', aggregation: 'recompute', formula: null }),
      indicator({ code: 'D11', name: '普惠性托位占比', aggregation: 'recompute', formula: 'X04 / B04 * 100' }),
      indicator({ code: 'D01', name: '护理型床位占比', aggregation: 'recompute', formula: 'X03 // X02' }),
      indicator({ code: 'D02', name: '自指', aggregation: 'recompute', formula: 'D02 * 2' }),
      indicator({ code: 'D03', name: '不汇总', aggregation: 'none', formula: null }),
    ]));
    expect(fieldsOf(problems)).toEqual(['C08:formula', 'D11:formula', 'D01:formula', 'D02:formula']);
    expect(problems[1]?.message).toContain('X04');
  });
});
