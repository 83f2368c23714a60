import { useMemo } from 'react';
import { FilterBox } from '../../components/FilterBox';
import { countUnmatched } from './ReviewReportedFormat';
import { ReviewReportedGrid } from './ReviewReportedGrid';
import type { ReportedValuesState } from './ReviewReportedState';

/** 报送明细: the filter box (Ctrl+F), 只看未匹配, the counts, and the grid of every reported cell. */
export function ReviewReportedView({ year, state }: { year: number; state: ReportedValuesState }) {
  const { rows } = state;
  const unmatched = useMemo(() => (rows ? countUnmatched(rows) : 0), [rows]);
  const filtered = state.filter.trim() !== '' || state.onlyUnmatched;
  return (
    <div id="review-panel-reported" role="tabpanel" aria-labelledby="review-tab-reported" className="reported-view">
      <div className="toolbar" role="toolbar" aria-label="筛选报送明细">
        <FilterBox className="reported-view__filter" label="筛选报送明细" placeholder="筛选：指标、填报单位、地区、文件名" value={state.filter} onChange={state.setFilter} />
        <label className="reported-view__only">
          <input type="checkbox" checked={state.onlyUnmatched} onChange={(event) => state.setOnlyUnmatched(event.target.checked)} />
          只看未匹配
        </label>
        {rows ? (
          <span className="toolbar__count" data-testid="reported-count">
            共 {rows.length} 条{filtered ? `，显示 ${state.shown} 条` : ''}
            {unmatched > 0 ? <span className="reported-view__unmatched">，其中未匹配 {unmatched} 条</span> : null}
          </span>
        ) : null}
      </div>
      {state.error ? (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      ) : null}
      {rows && rows.length === 0 ? (
        <p className="empty-state">{year}年尚无报送数据。请先在“导入报表”中导入各单位报来的 Excel。</p>
      ) : (
        <ReviewReportedGrid
          rows={rows}
          filter={state.filter}
          onlyUnmatched={state.onlyUnmatched}
          selectedId={state.selected?.id ?? null}
          onSelect={state.select}
          onShownChange={state.setShown}
        />
      )}
    </div>
  );
}
