import { describe, expect, it } from 'vitest';
import { readTypedField, readTypedFields, readTypedFigure, readTypedTarget } from '../../../shared/schema/typed-field';

describe('what the officer types into a cell of 指标体系', () => {
  it('reads figures as documents and returns write them, and says when one is not', () => {
    expect(readTypedFigure('1,012')).toEqual({ value: 1012 });
    expect(readTypedFigure('１０１２．５')).toEqual({ value: 1012.5 });
    expect(readTypedFigure(' 93.5% ', '%')).toEqual({ value: 93.5 });
    expect(readTypedFigure('4500人', '人')).toEqual({ value: 4500 });
    // The figure words of the plan tables: a magnitude typed beside the figure is converted.
    expect(readTypedFigure('2.8万', '人')).toEqual({ value: 28000 });
    expect(readTypedFigure('—')).toEqual({ value: null });
    expect(readTypedFigure('暂无')).toEqual({ value: null });
    expect(readTypedFigure('')).toEqual({ value: null });
    expect(readTypedFigure('九十')).toEqual({ reason: '“九十”不是数值' });
    expect(readTypedFigure('≥5')).toEqual({ reason: '“≥5”不是数值' });
    expect(readTypedFigure('93.5万', '%')).toEqual({ reason: '数值单位“万”与指标单位“%”不能换算' });
  });

  it('reads a target with its comparator, or keeps a qualitative one as text', () => {
    const target = (text: string, unit?: string) => readTypedTarget(text, unit);
    expect(target('≥1000')).toEqual({ changes: { targetValue: 1000, targetOp: '>=', targetText: null } });
    expect(target('>= 60', '%')).toEqual({ changes: { targetValue: 60, targetOp: '>=', targetText: null } });
    expect(target('60%以上', '%')).toEqual({ changes: { targetValue: 60, targetOp: '>=', targetText: null } });
    expect(target('不超过10')).toEqual({ changes: { targetValue: 10, targetOp: '<=', targetText: null } });
    expect(target('达到95%', '%')).toEqual({ changes: { targetValue: 95, targetOp: null, targetText: null } });
    expect(target('95')).toEqual({ changes: { targetValue: 95, targetOp: null, targetText: null } });
    expect(target('持续提高')).toEqual({ changes: { targetValue: null, targetOp: null, targetText: '持续提高' } });
    expect(target(' 不低于全国平均 ')).toEqual({ changes: { targetValue: null, targetOp: null, targetText: '不低于全国平均' } });
    expect(target('--')).toEqual({ changes: { targetValue: null, targetOp: null, targetText: null } });
    expect(target('≥abc')).toEqual({ reason: '“≥abc”不是目标值' });
    expect(target('5亿', '%')).toEqual({ reason: '数值单位“亿”与指标单位“%”不能换算' });
  });

  it('reads each kind of field, and refuses with the reason beside the cell', () => {
    const unit = { unit: '%' };
    expect(readTypedField('baselineValue', '93.5', unit)).toEqual({ ok: true, changes: { baselineValue: 93.5 } });
    expect(readTypedField('baselineValue', '九十三', unit)).toEqual({ ok: false, message: '“九十三”不是数值。基期值请填写数字（如 93.5），没有基期值的填 —。' });
    expect(readTypedField('baselineYear', '2020年', unit)).toEqual({ ok: true, changes: { baselineYear: 2020 } });
    expect(readTypedField('targetYear', '二〇二五', unit)).toMatchObject({ ok: false });
    expect(readTypedField('decimals', '1.5', unit)).toMatchObject({ ok: false, message: expect.stringContaining('不是整数') });
    expect(readTypedField('targetOp', '≥', unit)).toEqual({ ok: true, changes: { targetOp: '>=' } });
    expect(readTypedField('targetOp', '无', unit)).toEqual({ ok: true, changes: { targetOp: null } });
    expect(readTypedField('targetOp', '大于', unit)).toMatchObject({ ok: false });
    expect(readTypedField('attribute', '约束性', unit)).toEqual({ ok: true, changes: { attribute: '约束性' } });
    expect(readTypedField('attribute', '未注明', unit)).toEqual({ ok: true, changes: { attribute: '' } });
    expect(readTypedField('direction', '越低越好', unit)).toEqual({ ok: true, changes: { direction: 'lower' } });
    expect(readTypedField('scope', '规划期累计', unit)).toEqual({ ok: true, changes: { scope: 'cumulative' } });
    expect(readTypedField('aggregation', '按公式重算', unit)).toEqual({ ok: true, changes: { aggregation: 'recompute' } });
    expect(readTypedField('aliases', '养老保险参保率、 参保率；参保率', unit)).toEqual({ ok: true, changes: { aliases: ['养老保险参保率', '参保率'] } });
    expect(readTypedField('formula', '  ', unit)).toEqual({ ok: true, changes: { formula: null } });
    expect(readTypedField('targetValue', '≥96', unit)).toEqual({ ok: true, changes: { targetValue: 96, targetOp: '>=', targetText: null } });
    expect(readTypedField('targetValue', '≥abc', unit)).toMatchObject({ ok: false, message: expect.stringContaining('目标值请填写数字') });
  });

  it('reads a new indicator’s cells together, its figures in the unit typed beside them', () => {
    expect(readTypedFields({ name: ' 养老护理员 ', unit: '人', baselineValue: '1.2万', targetValue: '2万以上', decimals: '0' }, '')).toEqual({
      changes: { name: '养老护理员', unit: '人', baselineValue: 12000, targetValue: 20000, targetOp: '>=', targetText: null, decimals: 0 },
      problems: {},
    });
    expect(readTypedFields({ baselineValue: '约九成', decimals: '两位' }, '%')).toEqual({
      changes: {},
      problems: { baselineValue: expect.stringContaining('不是数值'), decimals: expect.stringContaining('不是整数') },
    });
  });
});
