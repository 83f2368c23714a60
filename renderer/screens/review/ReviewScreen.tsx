import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ResolutionRequest } from '../../../shared/api/contract';
import { isUserError } from '../../../shared/api/errors';
import type { Finding, Indicator, SourceRef } from '../../../shared/domain';
import { formatNumber } from '../../../shared/format/figures';
import { useSession } from '../../app/session';
import { isNarrowed, matchesFilter, NO_FILTER, ReviewFilters, type ReviewFilter } from './ReviewFilters';
import { ReviewFindingRow, type OpenForm } from './ReviewFindingRow';
import { reviewOptions, type ReviewOption } from './ReviewOptions';
import { ReviewReportedFacts } from './ReviewReportedFacts';
import { useReportedValues } from './ReviewReportedState';
import { ReviewReportedView } from './ReviewReportedView';
import { ReviewSourcePanel } from './ReviewSourcePanel';
import { ReviewTabs, type ReviewTab } from './ReviewTabs';

// A worklist longer than this is narrowed with the filters; the rows are not a spreadsheet.
const SHOWN_AT_MOST = 300;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The finding's cell, when it stands in one (a missing figure does not). */
function sourceOf(finding: Finding | null): SourceRef | null {
  if (!finding?.file || finding.sheet === null || !finding.cell) return null;
  return { file: finding.file, sheet: finding.sheet, cell: finding.cell, bureau: finding.bureau ?? '' };
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function ReviewScreen() {
  const session = useSession();
  const { api, info, year, region } = session;
  const [tab, setTab] = useState<ReviewTab>('findings');
  // The workbook's own region stands for all of it: 报送明细 then lists every 县区's cells.
  const reported = useReportedValues(api, tab === 'reported', { year, region: info && region !== info.region ? region : undefined, savedAt: info?.savedAt ?? null });
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [indicators, setIndicators] = useState<Indicator[]>([]);
  const [filter, setFilter] = useState<ReviewFilter>(NO_FILTER);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [form, setForm] = useState<OpenForm>(null);
  // Below 1280 px the detail panel folds away until asked for (UI.md "The frame"); wider, it always shows.
  const [folded, setFolded] = useState(true);
  // Which side of a conflict the panel shows: each bureau's cell in turn.
  const [side, setSide] = useState(0);
  const list = useRef<HTMLOListElement>(null);

  const load = useCallback(async () => {
    const all = await api.listFindings({ year });
    all.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.kind.localeCompare(b.kind) || (a.indicator ?? '').localeCompare(b.indicator ?? ''));
    setFindings(all);
    return all;
  }, [api, year]);

  useEffect(() => {
    if (!info) return;
    load().catch((error: unknown) => session.setStatus(isUserError(error) ? error.message : '无法读取核对问题。', 'error'));
    api.getSchema({}).then(
      // 辅助指标 too: a row may be mapped to one, and chips and candidates name them with their units.
      (schema) => setIndicators(schema.indicators),
      () => setIndicators([]),
    );
  }, [info?.path, load]);

  const names = useMemo(() => new Map(indicators.map((i) => [i.code, i.name])), [indicators]);
  const shown = useMemo(() => (findings ?? []).filter((f) => matchesFilter(f, filter)), [findings, filter]);
  const selectedIndex = shown.findIndex((f) => f.id === selectedId);
  const selected = selectedIndex >= 0 ? shown[selectedIndex]! : null;

  // Keep a finding selected: the first one when nothing (or a filtered-out one) is.
  useEffect(() => {
    if (selectedIndex < 0 && shown.length > 0) setSelectedId(shown[0]!.id);
  }, [selectedIndex, shown]);

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
    setSide(0);
  }, [selectedId]);

  const resolve = useCallback(
    async (finding: Finding, resolution: ResolutionRequest) => {
      const position = shown.findIndex((f) => f.id === finding.id);
      const done = await session.run(() => api.resolveFinding({ findingId: finding.id, resolution }));
      if (done === undefined) return;
      setForm(null);
      const all = await load();
      // After a resolution the next open finding is selected (UI.md 核对).
      const after = all.filter((f) => matchesFilter(f, filter));
      const next = after.slice(Math.max(0, position)).find((f) => f.status === 'open' && f.id !== finding.id) ?? after.find((f) => f.status === 'open' && f.id !== finding.id);
      setSelectedId(next?.id ?? after[0]?.id ?? null);
      await session.refresh();
    },
    [api, filter, load, session, shown],
  );

  const choose = useCallback(
    (finding: Finding, option: ReviewOption) => {
      if (option.kind === 'resolve') void resolve(finding, option.resolution);
      else setForm(option.kind);
    },
    [resolve],
  );

  useEffect(() => {
    // ↑/↓ and 1–3 belong to the worklist; in 报送明细 the grid moves by itself.
    if (tab !== 'findings') return;
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (shown.length === 0) return;
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const index = Math.min(shown.length - 1, Math.max(0, (selectedIndex < 0 ? 0 : selectedIndex) + step));
        setSelectedId(shown[index]!.id);
        setForm(null);
      } else if (['1', '2', '3'].includes(event.key) && selected) {
        const option = reviewOptions(selected)[Number(event.key) - 1];
        if (option) {
          event.preventDefault();
          choose(selected, option);
        }
      } else if (event.key === 'Escape') setForm(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tab, shown, selectedIndex, selected, choose]);

  if (!info) {
    return (
      <section className="screen data-screen" aria-labelledby="screen-review">
        <h1 id="screen-review" className="screen__title">
          核对
        </h1>
        <p className="empty-state">尚未打开工作簿。请先在“首页”新建或打开工作簿，并导入各单位的报表。</p>
      </section>
    );
  }

  const openCount = (findings ?? []).filter((f) => f.status === 'open').length;
  // Open findings the filter keeps out of view: said under the chips, never hidden silently.
  const hiddenOpen = openCount - shown.filter((f) => f.status === 'open').length;
  return (
    <section className={`screen data-screen review${tab === 'reported' ? ' review--grid' : ''}${folded ? ' review--folded' : ''}`} aria-labelledby="screen-review">
      <div className="review__main">
        <h1 id="screen-review" className="screen__title">
          核对
          <span className="screen__hint">
            {tab === 'findings' ? `${year}年 · ${info.subregions.length > 0 ? '各地区 · ' : ''}待处理 ${openCount} 条 · ↑/↓ 选择，1–3 选择处理方式` : `${year}年 · 各单位报送的每个数值，选择一行查看来源单元格`}
          </span>
          <button type="button" className="action review__fold" aria-expanded={!folded} onClick={() => setFolded((f) => !f)}>
            {folded ? '显示来源单元格' : '收起来源单元格'}
          </button>
        </h1>
        <ReviewTabs
          tab={tab}
          findings={findings === null ? null : openCount}
          reported={reported.rows?.length ?? null}
          onChange={(next) => {
            if (next === 'reported') reported.load();
            setTab(next);
          }}
        />
        {tab === 'reported' ? (
          <ReviewReportedView year={year} state={reported} />
        ) : (
          <div id="review-panel-findings" role="tabpanel" aria-labelledby="review-tab-findings">
            {findings === null ? <p className="muted">正在读取…</p> : null}
            {findings !== null && findings.length === 0 ? <p className="empty-state">{year}年暂无核对问题。先在“导入报表”中导入各单位的报表。</p> : null}
            {findings !== null && findings.length > 0 ? (
              <>
                <ReviewFilters findings={findings} filter={filter} names={names} onChange={setFilter} />
                {shown.length === 0 ? (
                  <p className="empty-state" data-testid="findings-empty">
                    {openCount === 0 && filter.status === 'open' ? '本年度的问题已全部处理，可到“定稿与导出”定稿。' : `没有符合筛选条件的问题。`}
                    {hiddenOpen > 0 ? `筛选条件隐藏了 ${hiddenOpen} 条待处理问题。` : ''}
                    {isNarrowed(filter) ? (
                      <button type="button" className="link-button" onClick={() => setFilter({ ...NO_FILTER, status: filter.status })}>
                        清除筛选
                      </button>
                    ) : null}
                  </p>
                ) : hiddenOpen > 0 && isNarrowed(filter) ? (
                  <p className="muted" data-testid="findings-hidden">
                    另有 {hiddenOpen} 条待处理问题不符合筛选条件。
                    <button type="button" className="link-button" onClick={() => setFilter({ ...NO_FILTER, status: filter.status })}>
                      清除筛选
                    </button>
                  </p>
                ) : null}
                <ol ref={list} className="findings" role="listbox" aria-label="核对问题" data-testid="findings">
                  {shown.slice(0, SHOWN_AT_MOST).map((finding) => (
                    <ReviewFindingRow
                      key={finding.id}
                      finding={finding}
                      selected={finding.id === selectedId}
                      form={finding.id === selectedId ? form : null}
                      indicators={indicators}
                      showRegion={info.subregions.length > 0}
                      onSelect={() => {
                        if (finding.id !== selectedId) setForm(null);
                        setSelectedId(finding.id);
                      }}
                      onOption={(option) => choose(finding, option)}
                      onResolve={(resolution) => void resolve(finding, resolution)}
                      onCloseForm={() => setForm(null)}
                    />
                  ))}
                </ol>
                {shown.length > SHOWN_AT_MOST ? <p className="muted">共 {shown.length} 条，仅列出前 {SHOWN_AT_MOST} 条。请用上方的筛选缩小范围。</p> : null}
              </>
            ) : null}
          </div>
        )}
      </div>
      {tab === 'reported' ? (
        <ReviewSourcePanel api={api} source={reported.selected ?? null} placeholder="选择左侧的一行，这里显示它在报表中的位置。">
          {reported.selected ? <ReviewReportedFacts row={reported.selected} /> : null}
        </ReviewSourcePanel>
      ) : (
        <ReviewSourcePanel
          api={api}
          source={selected?.sides && selected.sides.length > 1 ? (selected.sides[side] ?? selected.sides[0]!).source : sourceOf(selected)}
          placeholder={selected ? `此问题没有对应的单元格${selected.kind === 'missing' ? '：该指标未报送' : ''}。` : '选择左侧的一条问题，这里显示它在报表中的位置。'}
        >
          {selected?.sides && selected.sides.length > 1 ? (
            <div className="chips review-sides" role="group" aria-label="各方所报" data-testid="finding-sides">
              {selected.sides.map((s, i) => (
                <button key={`${s.source.file}!${s.source.sheet}!${s.source.cell}`} type="button" className={`chip${i === side ? ' chip--on' : ''}`} aria-pressed={i === side} onClick={() => setSide(i)}>
                  {s.source.bureau || '未识别单位'} 报 {formatNumber(s.value)}
                </button>
              ))}
            </div>
          ) : null}
        </ReviewSourcePanel>
      )}
    </section>
  );
}
