import { describe, expect, it } from 'vitest';
import { convertIndicatorFigures, planUnitChange, rereadCell, synonymsAfter, type StoredReading } from '../../../shared/import/reread-cell';

const unit = (u: string, synonyms: string[] = []) => ({ unit: u, unitSynonyms: synonyms });
const cell = (reading: Partial<StoredReading>): StoredReading => ({ role: 'value', value: null, rawText: '', unit: '', problem: null, ...reading });

describe('a stored cell read again after its indicator’s unit changed', () => {
  it('plans the change: convert by a power of ten, relabel a synonym, rename what does not convert', () => {
    expect(planUnitChange(unit('万个'), unit('个'))).toEqual({ kind: 'convert', factor: 10000 });
    expect(planUnitChange(unit('人'), unit('万人'))).toEqual({ kind: 'convert', factor: 0.0001 });
    expect(planUnitChange(unit('％'), unit('%'))).toEqual({ kind: 'same' });
    expect(planUnitChange(unit('个'), unit('处', ['个']))).toEqual({ kind: 'relabel' });
    expect(planUnitChange(unit(''), unit('%'))).toEqual({ kind: 'relabel' });
    expect(planUnitChange(unit('个'), unit('张'))).toEqual({ kind: 'rename' });
    expect(planUnitChange(unit('个'), unit('%'))).toEqual({ kind: 'rename' });
    expect(synonymsAfter(unit('个', ['家']), unit('张', ['家', '张']), { kind: 'rename' })).toEqual(['家', '个']);
  });

  it('converts from what was written, keeping it traceable', () => {
    const plan = planUnitChange(unit('万个'), unit('个'));
    expect(rereadCell(cell({ value: 0.9, rawText: '0.9', unit: '万个' }), unit('万个'), unit('个'), plan)).toEqual({
      value: 9000,
      unit: '个',
      problem: { kind: 'unit_converted', from: '万个', to: '个', original: 0.9 },
    });
    // Written 9000 个, read on import as 0.9 万个: back to 9000, nothing converted.
    const imported = cell({ value: 0.9, rawText: '9000', unit: '万个', problem: { kind: 'unit_converted', from: '个', to: '万个', original: 9000 } });
    expect(rereadCell(imported, unit('万个'), unit('个'), plan)).toEqual({ value: 9000, unit: '个', problem: null });
  });

  it('keeps the numbers when the unit is renamed, and takes a figure refused for its unit when the new unit does', () => {
    const plan = planUnitChange(unit('个'), unit('%'));
    expect(rereadCell(cell({ value: 85, rawText: '85', unit: '个' }), unit('个'), unit('%', ['个']), plan)).toEqual({ value: 85, unit: '%', problem: null });
    const refused = cell({ rawText: '85%', unit: '%', problem: { kind: 'unit_mismatch', from: '%', to: '个' } });
    expect(rereadCell(refused, unit('个'), unit('%', ['个']), plan)).toEqual({ value: 85, unit: '%', problem: null });
    const stillRefused = cell({ rawText: '12', unit: '岁', problem: { kind: 'unit_mismatch', from: '岁', to: '个' } });
    expect(rereadCell(stillRefused, unit('个'), unit('%', ['个']), plan)).toEqual({ value: null, unit: '岁', problem: { kind: 'unit_mismatch', from: '岁', to: '%' } });
    // What has nothing to do with units stays as it is.
    expect(rereadCell(cell({ rawText: '见附件', problem: { kind: 'unparseable_value', text: '见附件' } }), unit('个'), unit('%'), plan)).toBeNull();
  });

  it('converts the indicator’s own baseline and target, and its decimals no further than the figures need', () => {
    const toSmaller = planUnitChange(unit('万个'), unit('个'));
    expect(convertIndicatorFigures({ unit: '万个', baselineValue: 0.6, targetValue: 5, decimals: 1 }, unit('个'), toSmaller, new Set())).toEqual({ baselineValue: 6000, targetValue: 50000, decimals: 0 });
    const toLarger = planUnitChange(unit('个'), unit('万个'));
    expect(convertIndicatorFigures({ unit: '个', baselineValue: 6000, targetValue: 50000, decimals: 0 }, unit('万个'), toLarger, new Set())).toEqual({ baselineValue: 0.6, targetValue: 5, decimals: 1 });
    expect(convertIndicatorFigures({ unit: '个', baselineValue: 6000, targetValue: null, decimals: 0 }, unit('万个'), toLarger, new Set(['baselineValue']))).toEqual({ targetValue: null, decimals: 4 });
    expect(convertIndicatorFigures({ unit: '个', baselineValue: 6000, targetValue: 1, decimals: 0 }, unit('张'), { kind: 'rename' }, new Set())).toEqual({});
  });
});
