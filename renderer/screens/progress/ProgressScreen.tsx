import { Fragment, useEffect, useState } from 'react';
import type { ProgressRow } from '../../../shared/api/contract';
import { isUserError } from '../../../shared/api/errors';
import type { ProgressStatus } from '../../../shared/domain';
import { PROGRESS_STATUS_CODES } from '../../../shared/domain';
import { useSession } from '../../app/session';
import { formatNumber } from '../../../shared/format/figures';
import { formatPercent } from '../../components/DataFormat';
import { expectedText, ProgressBar, ProgressSparkline } from './ProgressBar';

const OP_SIGNS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '' };

function targetText(row: ProgressRow): string {
  if (row.target === null) return row.targetText ?? '—';
  return `${row.targetOp ? OP_SIGNS[row.targetOp] : ''}${formatNumber(row.target)}`;
}

export function StatusTag({ status }: { status: ProgressStatus }) {
  return <span className={`status-tag status-tag--${PROGRESS_STATUS_CODES[status]}`}>{status}</span>;
}

type Loaded = { state: 'loading' } | { state: 'ready'; rows: ProgressRow[] } | { state: 'failed'; message: string };

export function ProgressScreen() {
  const { api, info, year, region } = useSession();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (!info) return;
    let current = true;
    setLoaded({ state: 'loading' });
    api.progress({ year, region }).then(
      (rows) => current && setLoaded({ state: 'ready', rows }),
      (error: unknown) => current && setLoaded({ state: 'failed', message: isUserError(error) ? error.message : '无法计算进度。' }),
    );
    return () => {
      current = false;
    };
  }, [api, info, year, region]);

  if (!info) {
    return (
      <section className="screen data-screen" aria-labelledby="screen-progress">
        <h1 id="screen-progress" className="screen__title">
          进度
        </h1>
        <p className="empty-state">尚未打开工作簿。请先在“首页”新建或打开工作簿，并导入各单位的报表。</p>
      </section>
    );
  }

  const rows = loaded.state === 'ready' ? loaded.rows : [];
  const counts = new Map<ProgressStatus, number>();
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  // A row's method may name two (线性进度法；ESCAP 预期进度法): each method once.
  const methods = [...new Set(rows.flatMap((r) => r.method.split('；')))];
  const years = rows[0]?.history.map((h) => h.year) ?? [];

  return (
    <section className="screen data-screen" aria-labelledby="screen-progress">
      <h1 id="screen-progress" className="screen__title">
        进度
        <span className="screen__hint">
          {region} · {year}年 · {info.baseYear}年基期 → {info.targetYear}年目标
        </span>
      </h1>
      {loaded.state === 'loading' ? <p className="muted">正在计算…</p> : null}
      {loaded.state === 'failed' ? <p className="error-text">{loaded.message}</p> : null}
      {loaded.state === 'ready' && rows.length === 0 ? <p className="empty-state">没有可计算进度的指标。请先在“指标体系”中确认基期值和目标值。</p> : null}
      {rows.length > 0 ? (
        <>
          <div className="progress-summary" data-testid="progress-summary">
            {(['已达标', '进度正常', '滞后', '倒退', '无法评估'] as const).map((status) => (
              <span key={status}>
                <StatusTag status={status} /> {counts.get(status) ?? 0} 项
              </span>
            ))}
          </div>
          <table className="data-table progress-table" data-testid="progress-table">
            <thead>
              <tr>
                <th>指标</th>
                <th>单位</th>
                <th className="num">基期值</th>
                <th className="num">{year}年</th>
                <th className="num">目标值</th>
                <th>基期 → 当年 → 目标</th>
                <th className="num">进度 %</th>
                <th>状态</th>
                <th>{years.length > 0 ? `${years[0]}—${years[years.length - 1]}年` : '历年'}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Fragment key={row.code}>
                  <tr data-code={row.code} title={row.explanation} className={open === row.code ? 'progress-table__open' : undefined} onClick={() => setOpen(open === row.code ? null : row.code)}>
                    <td className="wrap">{row.name}</td>
                    <td>{row.unit}</td>
                    <td className="num">{formatNumber(row.baseline)}</td>
                    <td className="num">{formatNumber(row.value)}</td>
                    <td className="num">{targetText(row)}</td>
                    <td>
                      <ProgressBar row={row} />
                    </td>
                    <td className="num">{formatPercent(row.progress)}</td>
                    <td>
                      <StatusTag status={row.status} />
                    </td>
                    <td>
                      <ProgressSparkline history={row.history} />
                    </td>
                  </tr>
                  {open === row.code ? (
                    <tr className="progress-table__explanation">
                      <td colSpan={9}>
                        {row.explanation}
                        {row.expected !== null ? `（按线性进度，${year}年应达 ${expectedText(row)}${row.unit}。）` : ''}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
          <p className="method-note" data-testid="progress-method">
            计算方法：{methods.join('；')}。采用线性进度法：假定指标从基期值到目标值逐年匀速变化，当年进度不低于规划期已过时间的比例即为进度正常；点击一行可查看说明。
          </p>
        </>
      ) : null}
    </section>
  );
}
