import { describe, expect, it } from 'vitest';
import type { CellValue, GridCell } from '../../../shared/import/grid';
import { hasPercentFormat, rawTextOf, readCellNumber, scalesShownNumber, type CellContext } from '../../../shared/import/parse-cell';
import { readValue, type ValueContext } from '../../../shared/import/read-value';

function cell(value: CellValue, format = '', formula = false): GridCell {
  return { row: 4, col: 3, value, format, formula };
}
const num = (value: number, format = 'General'): GridCell => cell({ kind: 'number', value }, format);
const text = (value: string): GridCell => cell({ kind: 'text', value });

const percentValue: CellContext = { percentIndicator: true, role: 'value' };
const countValue: CellContext = { percentIndicator: false, role: 'value' };
const percentTarget: CellContext = { percentIndicator: true, role: 'target' };

describe('readCellNumber', () => {
  it('reads a percent-formatted number as the percentage shown, without float noise', () => {
    expect(readCellNumber(num(0.935, '0.0%'), percentValue)).toEqual({
      kind: 'number',
      value: 93.5,
      op: null,
      percentFromFormat: true,
      unitInText: '%',
      fractionSuspect: false,
    });
    expect(readCellNumber(num(0.82, '0%'), percentValue)).toMatchObject({ value: 82, percentFromFormat: true });
    expect(readCellNumber(num(0.076, '0.00%;[Red]-0.00%'), percentValue)).toMatchObject({ value: 7.6 });
  });

  it('does not scale a percent sign that the format only prints as a literal', () => {
    expect(hasPercentFormat('0.0"%"')).toBe(false);
    expect(hasPercentFormat('0.0\\%')).toBe(false);
    expect(hasPercentFormat('[$-804]0.0%')).toBe(true);
    expect(readCellNumber(num(93.5, '0.0"%"'), percentValue)).toMatchObject({ value: 93.5, percentFromFormat: false });
  });

  it('reads no number a format shows as another (in thousands, or as 万 by a literal point), and reads grouped and plain formats as held', () => {
    for (const format of ['#,##0,', '0.0,,', '#,##0,"千元"', '0!.0,"万"', '0\\.0000"万"', '#,##0,;(#,##0,)']) {
      expect(scalesShownNumber(format), format).toBe(true);
      expect(readCellNumber(num(12000, format), countValue), format).toMatchObject({ kind: 'unparseable', why: 'scaled' });
    }
    for (const format of ['General', '#,##0', '#,##0.00', '0.0', '#,##0_);(#,##0)', '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', '0.0"万"', '0.0%']) {
      expect(scalesShownNumber(format), format).toBe(false);
    }
    expect(readCellNumber(num(12000, '#,##0'), countValue)).toMatchObject({ kind: 'number', value: 12000 });
  });

  it('reads percent text, grouped thousands and full-width digits', () => {
    expect(readCellNumber(text('93.5%'), percentValue)).toMatchObject({ kind: 'number', value: 93.5, unitInText: '%' });
    expect(readCellNumber(text('９３．５％'), percentValue)).toMatchObject({ value: 93.5, unitInText: '%' });
    expect(readCellNumber(text('1,012'), countValue)).toMatchObject({ value: 1012, unitInText: null });
    expect(readCellNumber(text('１，０１２'), countValue)).toMatchObject({ value: 1012 });
    expect(readCellNumber(text('１２３．５'), countValue)).toMatchObject({ value: 123.5 });
    expect(readCellNumber(text(' 28 000 '), countValue)).toMatchObject({ value: 28000 });
    expect(readCellNumber(text('-3.2'), countValue)).toMatchObject({ value: -3.2 });
    expect(readCellNumber(text('28000户'), countValue)).toMatchObject({ value: 28000, unitInText: '户' });
  });

  it('keeps 万 and 亿 as the figure’s unit for the converter', () => {
    expect(readCellNumber(text('２.８万'), countValue)).toMatchObject({ kind: 'number', value: 2.8, unitInText: '万' });
    expect(readCellNumber(text('5万个'), countValue)).toMatchObject({ value: 5, unitInText: '万个' });
    expect(readCellNumber(text('1.2亿元'), countValue)).toMatchObject({ value: 1.2, unitInText: '亿元' });
  });

  it('reads comparators in targets', () => {
    expect(readCellNumber(text('≥60'), percentTarget)).toMatchObject({ value: 60, op: '>=' });
    expect(readCellNumber(text('≧60%'), percentTarget)).toMatchObject({ value: 60, op: '>=', unitInText: '%' });
    expect(readCellNumber(text('60以上'), percentTarget)).toMatchObject({ value: 60, op: '>=' });
    expect(readCellNumber(text('60%及以上'), percentTarget)).toMatchObject({ value: 60, op: '>=', unitInText: '%' });
    expect(readCellNumber(text('不低于60'), percentTarget)).toMatchObject({ value: 60, op: '>=' });
    expect(readCellNumber(text('1000处以上'), { percentIndicator: false, role: 'target' })).toMatchObject({
      value: 1000,
      op: '>=',
      unitInText: '处',
    });
    expect(readCellNumber(text('≤5‰'), percentTarget)).toMatchObject({ value: 5, op: '<=', unitInText: '‰' });
    expect(readCellNumber(text('不超过10'), percentTarget)).toMatchObject({ value: 10, op: '<=' });
    expect(readCellNumber(text('>=95'), percentTarget)).toMatchObject({ value: 95, op: '>=' });
    expect(readCellNumber(text('95'), percentTarget)).toMatchObject({ value: 95, op: null });
  });

  it.each(['--', '—', '——', '/', '无', '空', '-', '－－', '暂无', '', '  ', '…'])('reads %j as no figure', (mark) => {
    expect(readCellNumber(text(mark), countValue)).toEqual({ kind: 'blank' });
  });

  it('reads empty and missing cells as no figure', () => {
    expect(readCellNumber(undefined, countValue)).toEqual({ kind: 'blank' });
    expect(readCellNumber(cell({ kind: 'empty' }), countValue)).toEqual({ kind: 'blank' });
  });

  it('reports formula errors, also when a CSV export wrote them as text', () => {
    expect(readCellNumber(cell({ kind: 'error', value: '#DIV/0!' }, 'General', true), countValue)).toEqual({
      kind: 'formula_error',
      code: '#DIV/0!',
    });
    expect(readCellNumber(text('#REF!'), countValue)).toEqual({ kind: 'formula_error', code: '#REF!' });
  });

  it('takes a formula’s cached number like any number', () => {
    expect(readCellNumber(cell({ kind: 'number', value: 0.6 * 3 }, '0.0', true), countValue)).toMatchObject({ value: 1.8 });
  });

  it('refuses text that is not a figure, but keeps words in a target as a qualitative target', () => {
    expect(readCellNumber(text('约九成'), percentValue)).toEqual({ kind: 'unparseable', text: '约九成' });
    expect(readCellNumber(text('93.5（预计）'), percentValue)).toEqual({ kind: 'unparseable', text: '93.5（预计）' });
    expect(readCellNumber(text('1,5'), countValue)).toEqual({ kind: 'unparseable', text: '1,5' });
    expect(readCellNumber(text('持续提高'), percentTarget)).toEqual({ kind: 'qualitative', text: '持续提高' });
    expect(readCellNumber(text('持续提高'), percentValue)).toEqual({ kind: 'unparseable', text: '持续提高' });
    expect(readCellNumber(cell({ kind: 'bool', value: true }), countValue)).toEqual({ kind: 'unparseable', text: 'TRUE' });
  });

  it('flags a fraction in a percent indicator without converting it', () => {
    expect(readCellNumber(num(0.935), percentValue)).toMatchObject({ value: 0.935, fractionSuspect: true });
    expect(readCellNumber(num(0.935), countValue)).toMatchObject({ value: 0.935, fractionSuspect: false });
    expect(readCellNumber(text('0.5%'), percentValue)).toMatchObject({ value: 0.5, fractionSuspect: false });
  });
});

describe('rawTextOf', () => {
  it('shows numbers as their format does', () => {
    expect(rawTextOf(num(0.935, '0.0%'))).toBe('93.5%');
    expect(rawTextOf(num(0.82, '0%'))).toBe('82%');
    expect(rawTextOf(num(28000, '#,##0'))).toBe('28,000');
    expect(rawTextOf(num(77.9, '0.00'))).toBe('77.90');
    expect(rawTextOf(num(0.1 + 0.2))).toBe('0.3');
    expect(rawTextOf(text(' ≥60 '))).toBe('≥60');
    expect(rawTextOf(cell({ kind: 'error', value: '#DIV/0!' }))).toBe('#DIV/0!');
    expect(rawTextOf(undefined)).toBe('');
  });
});

describe('readValue', () => {
  const in万个: ValueContext = { role: 'value', schemaUnit: '万个', unitSynonyms: [], rowUnit: null, tableUnit: null };
  const in个: ValueContext = { ...in万个, schemaUnit: '个' };

  it('gets "2.8万" right against a schema in 万个 and in 个', () => {
    expect(readValue(text('2.8万'), in万个)).toMatchObject({ kind: 'number', value: 2.8, converted: false });
    expect(readValue(text('2.8万'), in个)).toMatchObject({ kind: 'number', value: 28000, converted: true, unit: '万' });
    expect(readValue(text('2.8万'), { ...in个, rowUnit: '万个' })).toMatchObject({ value: 28000, unit: '万个' });
    expect(readValue(text('2.8万'), { ...in万个, rowUnit: '个' })).toMatchObject({ value: 2.8, unit: '万个' });
  });

  it('converts from the row’s or the table’s unit', () => {
    expect(readValue(num(50000), { ...in万个, rowUnit: '个' })).toMatchObject({ value: 5, converted: true, factor: 0.0001 });
    expect(readValue(num(3.2), { ...in个, tableUnit: '万个' })).toMatchObject({ value: 32000, converted: true });
    expect(readValue(num(3.2), { ...in个, rowUnit: '个', tableUnit: '万个' })).toMatchObject({ value: 3.2, converted: false });
  });

  it('reports a unit that cannot become the schema’s', () => {
    expect(readValue(num(4.6), { ...in万个, schemaUnit: '人', rowUnit: '张' })).toEqual({
      kind: 'unit_mismatch',
      number: 4.6,
      unit: '张',
      reason: '单位“张”无法换算为指标单位“人”',
      rawText: '4.6',
    });
    expect(readValue(num(0.935, '0.0%'), { ...in个 })).toMatchObject({ kind: 'unit_mismatch', unit: '%' });
  });

  it('reads percent cells into a percent indicator and ‰ cells into it converted', () => {
    const percent: ValueContext = { role: 'value', schemaUnit: '%', unitSynonyms: [], rowUnit: '%', tableUnit: null };
    expect(readValue(num(0.935, '0.0%'), percent)).toMatchObject({ kind: 'number', value: 93.5, converted: false, rawText: '93.5%' });
    expect(readValue(text('5‰'), percent)).toMatchObject({ value: 0.5, converted: true });
    expect(readValue(text('——'), percent)).toEqual({ kind: 'blank', rawText: '——' });
    expect(readValue(cell({ kind: 'error', value: '#DIV/0!' }, '', true), percent)).toEqual({
      kind: 'formula_error',
      code: '#DIV/0!',
      rawText: '#DIV/0!',
    });
  });
});
