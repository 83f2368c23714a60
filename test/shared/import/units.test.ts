import { describe, expect, it } from 'vitest';
import {
  combineUnits,
  convertValue,
  isBareMultiplier,
  isUnit,
  normalizeUnit,
  parseUnit,
  unitsCompatible,
} from '../../../shared/import/units';

describe('normalizeUnit', () => {
  it('folds width, brackets, 单位 lines and per-cent words', () => {
    expect(normalizeUnit('（万个）')).toBe('万个');
    expect(normalizeUnit('单位：万人')).toBe('万人');
    expect(normalizeUnit('计量单位: 亿元')).toBe('亿元');
    expect(normalizeUnit(' ％ ')).toBe('%');
    expect(normalizeUnit('百分比')).toBe('%');
    expect(normalizeUnit('(百分率)')).toBe('%');
    expect(normalizeUnit('千分比')).toBe('‰');
    expect(normalizeUnit('')).toBe('');
    expect(normalizeUnit(null)).toBe('');
  });

  it('tells units from other bracketed words', () => {
    expect(isUnit('万个')).toBe(true);
    expect(isUnit('张/千人')).toBe(true);
    expect(isUnit('含农村幸福院')).toBe(false);
    // A change in a rate, a unit of its own: never 百 × 分点, never a %.
    expect(parseUnit('百分点')).toEqual({ unit: '百分点', exp: 0, base: '百分点' });
    expect(convertValue(2, '百分点', '%').ok).toBe(false);
    expect(isBareMultiplier('万')).toBe(true);
    expect(isBareMultiplier('万人')).toBe(false);
  });
});

describe('convertValue', () => {
  it.each([
    [2.8, '万个', '个', 28000, 10000],
    [12, '1/10万', '‰', 0.12, 0.01],
    [50000, '个', '万个', 5, 0.0001],
    [4500, '人', '万人', 0.45, 0.0001],
    [1.2, '万张', '张', 12000, 10000],
    [2.8, '万户', '户', 28000, 10000],
    [3.5, '亿元', '万元', 35000, 10000],
    [3.5, '亿元人民币', '万元', 35000, 10000],
    [12345, '元', '万元', 1.2345, 0.0001],
    [1.5, '千人', '人', 1500, 1000],
    [93.5, '%', '‰', 935, 10],
    [5, '‰', '%', 0.5, 0.1],
  ])('%s %s → %s %s', (value, from, to, expected, factor) => {
    expect(convertValue(value, from, to)).toEqual({ ok: true, value: expected, converted: true, factor, unit: to });
  });

  it('keeps a figure whose unit is the schema’s, written differently', () => {
    expect(convertValue(93.5, '（%）', '%')).toMatchObject({ ok: true, value: 93.5, converted: false });
    expect(convertValue(93.5, '百分比', '%')).toMatchObject({ ok: true, value: 93.5, converted: false });
    expect(convertValue(12, null, '家')).toMatchObject({ ok: true, value: 12, converted: false });
    expect(convertValue(12, '名', '人')).toMatchObject({ ok: true, value: 12, converted: false });
    expect(convertValue(1.5, '亿元人民币', '亿元')).toMatchObject({ ok: true, value: 1.5, converted: false });
    expect(convertValue(1.5, '万美元', '亿元').ok).toBe(false);
  });

  it('refuses counts of different things and ratios against counts', () => {
    const counted = convertValue(4.6, '个', '人');
    expect(counted.ok).toBe(false);
    if (!counted.ok) expect(counted.reason).toBe('单位“个”无法换算为指标单位“人”');
    expect(convertValue(971, '家', '处').ok).toBe(false);
    expect(convertValue(93.5, '%', '人').ok).toBe(false);
    expect(convertValue(2.8, '万', '%').ok).toBe(false);
    expect(convertValue(3, '亿元', '万人').ok).toBe(false);
  });

  it('accepts a schema synonym, also with a prefix', () => {
    // 每千人口托位数: the table prints (人), the prose 4.6个.
    expect(convertValue(4.6, '个', '人', ['个'])).toMatchObject({ ok: true, value: 4.6, converted: false });
    expect(unitsCompatible('个', '人', ['个'])).toBe(true);
    expect(convertValue(0.5, '万个', '人', ['个'])).toMatchObject({ ok: true, value: 5000, converted: true });
  });

  it('scales a bare multiplier into the schema’s thing counted', () => {
    expect(convertValue(2.8, '万', '个')).toMatchObject({ ok: true, value: 28000, converted: true });
    expect(convertValue(2.8, '万', '万个')).toMatchObject({ ok: true, value: 2.8, converted: false });
  });
});

describe('combineUnits', () => {
  it('lets a cell’s own unit win and a bare 万 take the row’s thing counted', () => {
    expect(combineUnits(null, '万个')).toBe('万个');
    expect(combineUnits(null, null)).toBeNull();
    expect(combineUnits('户', '万户')).toBe('户');
    expect(combineUnits('万', '个')).toBe('万个');
    // "2.8万" in a 万个 column restates the 万; it does not mean 2.8 亿个.
    expect(combineUnits('万', '万个')).toBe('万个');
    expect(combineUnits('万', '%')).toBe('万');
  });
});
