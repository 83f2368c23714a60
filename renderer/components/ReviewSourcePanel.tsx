import { useEffect, useState } from 'react';
import type { SourceContext, TaiZhangApi } from '../../shared/api/contract';
import { isUserError } from '../../shared/api/errors';
import type { Finding } from '../../shared/domain';
import { columnLetter } from './ImportFormat';

type Loaded = { state: 'none' } | { state: 'loading' } | { state: 'ready'; context: SourceContext } | { state: 'failed'; message: string };

/** The source cell in context: the return's sheet around the cell, so the file need not be opened. */
export function ReviewSourcePanel({ api, finding }: { api: TaiZhangApi; finding: Finding | null }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'none' });
  const file = finding?.file ?? null;
  const sheet = finding?.sheet ?? null;
  const cell = finding?.cell ?? null;

  useEffect(() => {
    if (!file || !sheet || !cell) {
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

  if (!finding) return <aside className="detail-panel" aria-label="来源单元格"><p className="empty-state">选择左侧的一条问题，这里显示它在报表中的位置。</p></aside>;
  return (
    <aside className="detail-panel" aria-label="来源单元格" data-testid="source-panel">
      <h2 className="detail-panel__title">来源单元格</h2>
      {file ? (
        <dl className="detail-panel__where">
          <dt>文件</dt>
          <dd>{file}</dd>
          <dt>工作表</dt>
          <dd>{sheet}</dd>
          <dt>单元格</dt>
          <dd>{cell}</dd>
        </dl>
      ) : (
        <p className="empty-state">此问题没有对应的单元格{finding.kind === 'missing' ? '：该指标未报送' : ''}。</p>
      )}
      {loaded.state === 'loading' ? <p className="muted">正在读取…</p> : null}
      {loaded.state === 'failed' ? <p className="error-text">{loaded.message}</p> : null}
      {loaded.state === 'ready' ? <SourceGrid context={loaded.context} /> : null}
    </aside>
  );
}

function SourceGrid({ context }: { context: SourceContext }) {
  const width = Math.max(0, ...context.rows.map((r) => r.length));
  return (
    <div className="source-grid__scroll">
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
                  <td key={c} className={focus ? 'sheet-grid__focus' : undefined} data-focus={focus || undefined}>
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
