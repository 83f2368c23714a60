import type { ReportedValueRow } from '../../../shared/api/contract';
import type { CellRole, MatchMethod, SourceRef } from '../../../shared/domain';
import { formatNumber } from '../../../shared/format/figures';

/** How a row found its indicator, in the words of DESIGN's match order. */
const MATCH_METHOD_NAMES: Record<MatchMethod, string> = {
  key: '代码',
  exact: '完全一致',
  alias: '别名',
  normalized: '规范化',
  fuzzy: '近似',
  manual: '手工',
};

/** 代码 / 完全一致 / … ; a row that matched no indicator is 未匹配. */
export function matchMethodText(row: Pick<ReportedValueRow, 'indicator' | 'matchMethod'>): string {
  if (row.indicator === null || row.matchMethod === null) return '未匹配';
  return MATCH_METHOD_NAMES[row.matchMethod];
}

/** A fuzzy match names its score (近似 0.86): the officer judges how near "near" was. */
export function matchDetailText(row: Pick<ReportedValueRow, 'indicator' | 'matchMethod' | 'matchScore'>): string {
  const method = matchMethodText(row);
  return row.matchMethod === 'fuzzy' && row.indicator !== null ? `${method}（相似度 ${row.matchScore.toFixed(2)}）` : method;
}

/** 报送值 as the bureau reported it (38.2 stays 38.2, in the indicator's unit). No number is —. */
export function reportedValueText(row: Pick<ReportedValueRow, 'value'>): string {
  return formatNumber(row.value);
}

/** What the cell held when it differs from the figure shown (52.5%, 1,012, ——); null when the same. */
export function rawTextShown(row: Pick<ReportedValueRow, 'value' | 'rawText'>): string | null {
  const raw = row.rawText.trim();
  return raw !== '' && raw !== reportedValueText(row) ? raw : null;
}

/** 文件 · 工作表 · 单元格: where the figure stands in the bureau's file. */
export function sourceText(source: Pick<SourceRef, 'file' | 'sheet' | 'cell'>): string {
  return [source.file, source.sheet, source.cell].filter((part) => part !== '').join(' · ');
}

/** The name column: the indicator's name, or the row's label as read when it matched none. */
export function indicatorNameText(row: Pick<ReportedValueRow, 'name' | 'rowName'>): string {
  return row.name ?? row.rowName;
}

/** Which figure of the row the cell holds, for the detail panel. */
export const ROLE_NAMES: Record<CellRole, string> = {
  value: '完成值',
  previous: '上年值',
  baseline: '基期值',
  target: '目标值',
};

/** The rows and how many of them matched no indicator: the toolbar's 共 N 条，其中未匹配 M 条. */
export function countUnmatched(rows: readonly Pick<ReportedValueRow, 'indicator'>[]): number {
  let count = 0;
  for (const row of rows) if (row.indicator === null) count += 1;
  return count;
}
