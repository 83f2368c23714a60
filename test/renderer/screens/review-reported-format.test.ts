import { describe, expect, it } from 'vitest';
import type { ReportedValueRow } from '../../../shared/api/contract';
import {
  countUnmatched,
  indicatorNameText,
  matchDetailText,
  matchMethodText,
  reportedValueText,
  sourceText,
} from '../../../renderer/screens/review/ReviewReportedFormat';

function row(partial: Partial<ReportedValueRow>): ReportedValueRow {
  return {
    id: 1,
    returnId: 1,
    indicator: 'C08',
    name: '每千人口托位数',
    decimals: 1,
    rowName: '每千人口拥有3岁以下婴幼儿托位数',
    region: '兰山区',
    year: 2023,
    role: 'value',
    value: 3.5,
    rawText: '3.5',
    unit: '人',
    matchMethod: 'alias',
    matchScore: 1,
    file: '兰山区卫生健康局2023年指标完成情况.xlsx',
    sheet: '2023年',
    cell: 'C12',
    bureau: '兰山区卫生健康局',
    ...partial,
  };
}

describe('报送明细 formatting', () => {
  it('names each match method as the officer reads it, and a row without indicator 未匹配', () => {
    expect(matchMethodText(row({ matchMethod: 'key' }))).toBe('代码');
    expect(matchMethodText(row({ matchMethod: 'exact' }))).toBe('完全一致');
    expect(matchMethodText(row({ matchMethod: 'alias' }))).toBe('别名');
    expect(matchMethodText(row({ matchMethod: 'normalized' }))).toBe('规范化');
    expect(matchMethodText(row({ matchMethod: 'manual' }))).toBe('手工');
    expect(matchMethodText(row({ indicator: null, name: null, matchMethod: null }))).toBe('未匹配');
    expect(matchDetailText(row({ matchMethod: 'fuzzy', matchScore: 0.8634 }))).toBe('近似（相似度 0.86）');
    expect(matchDetailText(row({ matchMethod: 'exact' }))).toBe('完全一致');
  });

  it('shows figures as reported whatever the published decimals, no number as —', () => {
    expect(reportedValueText(row({ value: 3.5, decimals: 1 }))).toBe('3.5');
    expect(reportedValueText(row({ value: 38.2, decimals: 0 }))).toBe('38.2');
    expect(reportedValueText(row({ value: 3.86, decimals: 1 }))).toBe('3.86');
    expect(reportedValueText(row({ value: 0.4406, decimals: 1 }))).toBe('0.4406');
    expect(reportedValueText(row({ value: 0.1 + 0.2, decimals: 1 }))).toBe('0.3');
    expect(reportedValueText(row({ indicator: null, decimals: null, value: 126.25 }))).toBe('126.25');
    expect(reportedValueText(row({ value: null, rawText: '——' }))).toBe('—');
  });

  it('says where the figure stands, and names an unmatched row by its label', () => {
    expect(sourceText(row({}))).toBe('兰山区卫生健康局2023年指标完成情况.xlsx · 2023年 · C12');
    expect(indicatorNameText(row({}))).toBe('每千人口托位数');
    expect(indicatorNameText(row({ indicator: null, name: null, rowName: '老年助餐点数量' }))).toBe('老年助餐点数量');
    expect(countUnmatched([row({}), row({ indicator: null }), row({ indicator: null }), row({ indicator: 'A01' })])).toBe(2);
  });
});
