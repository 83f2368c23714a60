import { useEffect, useState } from 'react';
import type { ChaseItem, Completeness } from '../../../shared/api/contract';
import { isUserError } from '../../../shared/api/errors';
import { useSession } from '../../app/session';
import { CompletionChaseList } from './CompletionChaseList';
import { CompletionMatrix } from './CompletionMatrix';
import { formatDateTime } from '../../components/DataFormat';
import { downloadFile } from '../../download';

type Loaded = { state: 'loading' } | { state: 'ready'; completeness: Completeness; chase: ChaseItem[] } | { state: 'failed'; message: string };

export function CompletionScreen() {
  const session = useSession();
  const { api, info, year, region } = session;
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => {
    if (!info) return;
    let current = true;
    setLoaded({ state: 'loading' });
    Promise.all([api.completeness({ year, region }), api.chaseList({ year })]).then(
      ([completeness, chase]) => current && setLoaded({ state: 'ready', completeness, chase }),
      (error: unknown) => current && setLoaded({ state: 'failed', message: isUserError(error) ? error.message : '无法读取报送情况。' }),
    );
    return () => {
      current = false;
    };
  }, [api, info, year, region]);

  const exportChase = async () => {
    const file = await session.run(() => api.exportTable({ year, kind: 'findings', format: 'xlsx' }));
    if (!file) return;
    downloadFile(file);
    setExported(file.name);
  };

  if (!info) {
    return (
      <section className="screen data-screen" aria-labelledby="screen-completion">
        <h1 id="screen-completion" className="screen__title">
          完成情况
        </h1>
        <p className="empty-state">尚未打开工作簿。请先在“首页”新建或打开工作簿，并导入各单位的报表。</p>
      </section>
    );
  }

  return (
    <section className="screen data-screen" aria-labelledby="screen-completion">
      <div className="toolbar">
        <h1 id="screen-completion" className="screen__title">
          完成情况<span className="screen__hint">{region} · {year}年</span>
        </h1>
        <button type="button" className="action action--primary" onClick={() => void exportChase()}>
          导出催报清单
        </button>
        {exported ? <span className="saved-note">已导出 {exported}</span> : null}
      </div>
      {loaded.state === 'loading' ? <p className="muted">正在读取…</p> : null}
      {loaded.state === 'failed' ? <p className="error-text">{loaded.message}</p> : null}
      {loaded.state === 'ready' ? (
        <>
          <h2 className="screen__subtitle">各单位报送情况</h2>
          {loaded.completeness.perBureau.length === 0 ? (
            <p className="empty-state">尚未为指标指定填报单位。请先在“指标体系”中指定填报单位，再导入报表。</p>
          ) : (
            <table className="data-table" data-testid="bureau-table">
              <thead>
                <tr>
                  <th>填报单位</th>
                  <th className="num">收到报表</th>
                  <th>最近收到</th>
                  <th className="num">应报指标</th>
                  <th className="num">已报</th>
                  <th className="num">缺报</th>
                </tr>
              </thead>
              <tbody>
                {loaded.completeness.perBureau.map((row) => (
                  <tr key={row.bureau} data-bureau={row.bureau}>
                    <td>{row.bureau}</td>
                    <td className="num">{row.returns}</td>
                    <td>{formatDateTime(row.lastReceived)}</td>
                    <td className="num">{row.expected}</td>
                    <td className="num">{row.reported}</td>
                    <td className={`num${row.missing > 0 ? ' text-missing' : ''}`}>{row.missing}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2 className="screen__subtitle">
            填报单位 × 指标
            <span className="legend">
              <span className="cell-state cell-state--reported">已报</span>
              <span className="cell-state cell-state--missing">缺报</span>
              <span className="cell-state cell-state--conflict">冲突</span>
              <span className="cell-state cell-state--not_expected">不适用</span>
            </span>
          </h2>
          <CompletionMatrix completeness={loaded.completeness} />
          <h2 className="screen__subtitle">催报与更正清单</h2>
          <CompletionChaseList chase={loaded.chase} />
        </>
      ) : null}
    </section>
  );
}
