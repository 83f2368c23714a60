import { describe, expect, it } from 'vitest';
import { readTypedField, readTypedFigure, readTypedTarget } from '../../../shared/domain/indicator-edit';

describe('what the officer types into a cell of 指标体系', () => {
  it('reads figures as documents and returns write them, and says when one is not', () => {
    expect(readTypedFigure('1,012')).toBe(1012);
    expect(readTypedFigure('１０１２．５')).toBe(1012.5);
    expect(readTypedFigure(' 93.5% ', '%')).toBe(93.5);
    expect(readTypedFigure('4500人', '人')).toBe(4500);
    expect(readTypedFigure('—')).toBeNull();
    expect(readTypedFigure('')).toBeNull();
    expect(readTypedFigure('九十')).toBeUndefined();
    expect(readTypedFigure('93.5万', '%')).toBeUndefined();
    expect(readTypedFigure('1e3')).toBeUndefined();
  });

  it('reads a target with its comparator, or keeps a qualitative one as text', () => {
    expect(readTypedTarget('≥1000')).toEqual({ targetValue: 1000, targetOp: '>=', targetText: null });
    expect(readTypedTarget('>= 60', '%')).toEqual({ targetValue: 60, targetOp: '>=', targetText: null });
    expect(readTypedTarget('60%以上', '%')).toEqual({ targetValue: 60, targetOp: '>=', targetText: null });
    expect(readTypedTarget('不超过10')).toEqual({ targetValue: 10, targetOp: '<=', targetText: null });
    expect(readTypedTarget('达到95%', '%')).toEqual({ targetValue: 95, targetOp: null, targetText: null });
    expect(readTypedTarget('95')).toEqual({ targetValue: 95, targetOp: null, targetText: null });
    expect(readTypedTarget('持续提高')).toEqual({ targetValue: null, targetOp: null, targetText: '持续提高' });
    expect(readTypedTarget('--')).toEqual({ targetValue: null, targetOp: null, targetText: null });
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
  });
});
