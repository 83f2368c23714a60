import type { ReactNode } from 'react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { SourceContext, TaiZhangApi } from '../../../shared/api/contract';
import { isUserError } from '../../../shared/api/errors';
import type { SourceRef } from '../../../shared/domain';
import { columnLetter } from '../../components/DataFormat';

type Loaded = { state: 'none' } | { state: 'loading' } | { state: 'ready'; context: SourceContext } | { state: 'failed'; message: string };

export interface ReviewSourcePanelProps {
  api: TaiZhangApi;
  /** The cell to show; null when nothing is selected or the selection stands in no cell. */
  source: SourceRef | null;
  /** What the panel says instead when `source` is null: how to select, or why there is no cell. */
  placeholder: string;
  /** Facts of the selection shown above the cell (the 报送明细 row's indicator, match, text as read). */
  children?: ReactNode;
}

/** The source cell in context: the return's sheet around the cell, so the file need not be opened. */
export function ReviewSourcePanel({ api, source, placeholder, children }: ReviewSourcePanelProps) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'none' });
  const file = source?.file ?? null;
  const sheet = source?.sheet ?? null;
  const cell = source?.cell ?? null;

  useEffect(() => {
    if (!file || sheet === null || !cell) {
      setLoaded({ state: 'none' });
      return;
    }
    let current = true;
    setLoaded({ state: 'loading' });
    api.sourceContext({ file, sheet, cell }).then(
      (context) => current && setLoaded({ state: 'ready', context }),
      (error: unknown) => current && setLoaded({ state: 'failed', message: isUserError(error) ? error.message : '无法读取来源单元格。' }),
    );
    return () => {
      current = false;
    };
  }, [api, file, sheet, cell]);

  if (!source && !children) {
    return (
      <aside className="detail-panel" aria-label="来源单元格">
        <p className="empty-state">{placeholder}</p>
      </aside>
    );
  }
  return (
    <aside className="detail-panel" aria-label="来源单元格" data-testid="source-panel">
      {children}
      <h2 className="detail-panel__title">来源单元格</h2>
      {source ? (
        <dl className="detail-panel__where">
          {source.bureau ? (
            <>
              <dt>填报单位</dt>
              <dd>{source.bureau}</dd>
            </>
          ) : null}
          <dt>文件</dt>
          <dd>{source.file}</dd>
          <dt>工作表</dt>
          <dd>{source.sheet}</dd>
          <dt>单元格</dt>
          <dd>{source.cell}</dd>
        </dl>
      ) : (
        <p className="empty-state">{placeholder}</p>
      )}
      {loaded.state === 'loading' ? <p className="muted">正在读取…</p> : null}
      {loaded.state === 'failed' ? <p className="error-text">{loaded.message}</p> : null}
      {loaded.state === 'ready' ? <SourceGrid context={loaded.context} /> : null}
    </aside>
  );
}
function SourceGrid({ context }: { context: SourceContext }) {
  const width = Math.max(0, ...context.rows.map((r) => r.length));
  const box = useRef<HTMLDivElement>(null);
  // A sheet wider (or taller) than the box would hide the highlighted cell: it is brought to the middle.
  useLayoutEffect(() => {
    const scroller = box.current;
    const focus = scroller?.querySelector<HTMLElement>('td[data-focus]');
    if (!scroller || !focus) return;
    if (focus.offsetLeft + focus.offsetWidth > scroller.clientWidth) {
      scroller.scrollLeft = Math.max(0, focus.offsetLeft - (scroller.clientWidth - focus.offsetWidth) / 2);
    }
    if (focus.offsetTop + focus.offsetHeight > scroller.clientHeight) {
      scroller.scrollTop = Math.max(0, focus.offsetTop - (scroller.clientHeight - focus.offsetHeight) / 2);
    }
  }, [context]);
  return (
    // A sheet is wider than the panel: it scrolls sideways inside its box, as the grids do.
    <div ref={box} className="source-grid__scroll" data-scroll-box>
      <table className="sheet-grid source-grid" data-testid="source-grid">
        <thead>
          <tr>
            <th className="sheet-grid__corner" />
            {Array.from({ length: width }, (_, c) => (
              <th key={c} className={`sheet-grid__letter${c === context.focus.col ? ' sheet-grid__letter--focus' : ''}`} data-letter={columnLetter(context.left + c)} />
            ))}
          </tr>
        </thead>
        <tbody>
          {context.rows.map((row, r) => (
            <tr key={r}>
              <th className={`sheet-grid__row-number${r === context.focus.row ? ' sheet-grid__letter--focus' : ''}`}>{context.top + r + 1}</th>
              {Array.from({ length: width }, (_, c) => {
                const focus = r === context.focus.row && c === context.focus.col;
                return (
                  // A long name is cut to the column's width, as Excel cuts it; the whole text shows on hover.
                  <td key={c} className={focus ? 'sheet-grid__focus' : undefined} data-focus={focus || undefined} title={row[c] || undefined}>
                    {row[c] ?? ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
