import type { ReportedValueRow } from '../../../shared/api/contract';
import { matchDetailText, rawTextShown, reportedValueText, ROLE_NAMES } from './ReviewReportedFormat';

/** The selected 报送明细 row above its source cell: what was read, and what it was taken to be. */
export function ReviewReportedFacts({ row }: { row: ReportedValueRow }) {
  return (
    <section aria-label="报送明细" data-testid="reported-facts">
      <h2 className="detail-panel__title">
        {row.indicator === null ? <span className="tag tag--unmatched">未匹配</span> : null}
        {row.name ?? row.rowName}
      </h2>
      <dl className="detail-panel__where">
        <dt>指标代码</dt>
        <dd>{row.indicator ?? '未对应到指标'}</dd>
        <dt>报表行名</dt>
        <dd>{row.rowName}</dd>
        <dt>{ROLE_NAMES[row.role]}</dt>
        <dd>
          {reportedValueText(row)}
          {row.unit ? ` ${row.unit}` : ''}
          {rawTextShown(row) !== null ? <span className="muted">（原填“{rawTextShown(row)}”）</span> : null}
        </dd>
        <dt>地区 / 年度</dt>
        <dd>
          {row.region} · {row.year}年
        </dd>
        <dt>匹配方式</dt>
        <dd>{matchDetailText(row)}</dd>
      </dl>
      {row.indicator === null ? <p className="reported-facts__note">此行未对应到指标，不计入汇总。如属规划指标，请到“核对问题”中按问题类型“未匹配指标”找到此行，对应到指标。</p> : null}
    </section>
  );
}
