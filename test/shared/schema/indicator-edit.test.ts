import { describe, expect, it } from 'vitest';
import type { Schema } from '../../../shared/domain';
import { checkIndicatorEdit, checkNewRule, draftIndicator, proposeIndicatorCode, proposeRuleId } from '../../../shared/schema/indicator-edit';
import { makeSchema } from '../../support/schema-fixture';

const schema: Schema = makeSchema();
const first = schema.indicators[0]!;

describe('checking an edit of an indicator against its schema', () => {
  it('tidies what passes and says which fields the edit changes', () => {
    const checked = checkIndicatorEdit(schema, first, { name: `  ${first.name}  `, notes: ' 据2024年文件 ', aliases: ['甲', ' 甲 ', ''] });
    expect(checked.problems).toEqual([]);
    expect(checked.after).toMatchObject({ name: first.name, notes: '据2024年文件', aliases: ['甲'] });
    expect(checked.changed).toEqual(['aliases', 'notes']);
  });

  it('refuses the code, unknown fields, and values of the wrong kind, each on its field', () => {
    const fields = (changes: Record<string, unknown>) => checkIndicatorEdit(schema, first, changes).problems.map((p) => p.field);
    expect(fields({ code: 'Z9' })).toEqual(['code']);
    expect(fields({ reporter: '市民政局' })).toEqual(['name']);
    expect(fields({ baselineValue: Infinity })).toEqual(['baselineValue']);
    expect(fields({ targetYear: 25 })).toEqual(['targetYear']);
    expect(fields({ attribute: '指导性' })).toEqual(['attribute']);
    expect(fields({ unit: 'a\u202e' })).toEqual(['unit']);
    expect(fields({ targetValue: 5, targetText: '持续提高' })).toEqual(['targetText']);
  });

  it('does not hold a problem that stood before the edit against it', () => {
    // A schema imported with a baseline year after its target year: fixing the notes is still allowed.
    const broken = { ...first, baselineYear: first.targetYear + 1 };
    const withBroken = { ...schema, indicators: schema.indicators.map((i) => (i.code === first.code ? broken : i)) };
    expect(checkIndicatorEdit(withBroken, broken, { notes: '待核' }).problems).toEqual([]);
    expect(checkIndicatorEdit(withBroken, broken, { baselineYear: first.targetYear - 5 }).problems).toEqual([]);
  });
});

describe('new indicators and rules', () => {
  it('gives a new code after its kin, never one taken before', () => {
    const linyi = { indicators: ['A01', 'A02', 'B01', 'B02', 'X01', 'X02'].map((code) => ({ code, area: code[0]!, auxiliary: code.startsWith('X') })) } as unknown as Pick<Schema, 'indicators'>;
    expect(proposeIndicatorCode(linyi, { auxiliary: false, area: 'B' }, [])).toBe('B03');
    expect(proposeIndicatorCode(linyi, { auxiliary: false, area: 'B' }, ['B03', 'B07'])).toBe('B08');
    expect(proposeIndicatorCode(linyi, { auxiliary: true }, ['X03'])).toBe('X04');
    // A new 领域 takes the schema's most usual prefix.
    expect(proposeIndicatorCode(linyi, { auxiliary: false, area: '新领域' }, [])).toMatch(/^[AB]03$/);
    const snake = { indicators: [{ code: 'childcare_places', area: '托育', auxiliary: false }] } as unknown as Pick<Schema, 'indicators'>;
    expect(proposeIndicatorCode(snake, { auxiliary: true }, [])).toBe('X01');
    expect(proposeIndicatorCode(snake, { auxiliary: false, area: '托育' }, ['N01'])).toBe('N02');
    expect(proposeRuleId({ rules: [{ id: 'R01' }, { id: 'R02' }] } as Schema, ['R03'])).toBe('R04');
    expect(proposeRuleId({ rules: [{ id: 'pension_rate=components' }] } as Schema, [])).toBe('R01');
  });

  it('drafts a new indicator with the defaults the documents usually have', () => {
    const { indicator, problems } = draftIndicator(schema, 'X09', { name: '60岁及以上人口', unit: '万人', auxiliary: true });
    expect(problems).toEqual([]);
    expect(indicator).toMatchObject({ code: 'X09', area: '辅助指标', auxiliary: true, aggregation: 'sum', baselineYear: schema.baseYear, targetYear: schema.targetYear, reporter: null });
    const rate = draftIndicator(schema, 'Z01', { name: '新增覆盖率', unit: '%', area: '服务', targetValue: 60, targetOp: '>=', auxiliary: false });
    expect(rate.indicator).toMatchObject({ aggregation: 'none', direction: 'higher', targetOp: '>=' });
    expect(draftIndicator(schema, 'Z02', { auxiliary: false }).problems.map((p) => p.field)).toEqual(['name']);
  });

  it('checks a new rule as the schema checks its rules', () => {
    const [a, b] = schema.indicators;
    expect(checkNewRule(schema, 'R99', { name: '部分不超过整体', left: a!.code, op: '<=', right: b!.code, tolerance: null, note: '' }).problems).toEqual([]);
    const fields = (rule: Partial<Parameters<typeof checkNewRule>[2]>) =>
      checkNewRule(schema, 'R99', { name: '规则', left: a!.code, op: '<=', right: b!.code, tolerance: null, note: '', ...rule }).problems.map((p) => p.field);
    expect(fields({ name: ' ' })).toEqual(['name']);
    expect(fields({ left: '' })).toEqual(['left']);
    expect(fields({ right: `${b!.code} *` })).toEqual(['right']);
    expect(fields({ right: 'NOPE1' })).toEqual(['right']);
    expect(fields({ tolerance: -0.5 })).toEqual(['tolerance']);
    expect(fields({ op: '≈' as never })).toEqual(['op']);
  });
});
