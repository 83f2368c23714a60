import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseDelimited } from '../../../electron/read/csv';

describe('parseDelimited', () => {
  it('honours RFC 4180 quotes: delimiters, doubled quotes and line breaks inside fields', () => {
    const text = '指标名称,完成值,备注\r\n"城镇化率(%)",65.2,"含""常住""人口,按年末"\r\n"多行\n说明",,\r\n';
    expect(parseDelimited(text, ',')).toEqual([
      ['指标名称', '完成值', '备注'],
      ['城镇化率(%)', '65.2', '含"常住"人口,按年末'],
      ['多行\n说明', '', ''],
    ]);
  });

  it('accepts CR-only and LF-only line ends', () => {
    expect(parseDelimited('a,b\rc,d\re', ',')).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(parseDelimited('a;b\nc;d\n', ';')).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseDelimited('12"3,x', ',')).toEqual([['12"3', 'x']]);
  });
});

describe('detectDelimiter', () => {
  it('finds tab in Excel Unicode text, semicolon in European CSV, comma otherwise', () => {
    expect(detectDelimiter('指标\t2023年\t2024年\n人口\t1,234\t1,250\n')).toBe('\t');
    expect(detectDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(detectDelimiter('指标,完成值\n人口,"1,234"\n')).toBe(',');
  });

  it('is not fooled by commas inside quoted fields', () => {
    expect(detectDelimiter('"a,b,c";d\n"1,2,3";4\n"5,6";7\n')).toBe(';');
  });
});
