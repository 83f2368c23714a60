import type { TemplatePlan } from '../../../shared/api/contract';
import { formatNumber } from '../../../shared/format/figures';

function targetOf(row: TemplatePlan['rows'][number]): string {
  if (row.target.kind === 'none') return '—';
  if (row.target.kind === 'text') return row.target.value;
  return formatNumber(row.target.value);
}

/** One template as the bureau will see it: its rows, with the input column left blank. */
export function TemplatesPreview({ plan }: { plan: TemplatePlan }) {
  return (
    <div className="template-preview" data-testid="template-preview">
      <p className="template-preview__title">{plan.title}</p>
      <p className="template-preview__meta">
        填报单位：{plan.bureau} · 地区：{plan.region} · 文件：{plan.fileName}
      </p>
      <div className="table-box table-box--scroll" data-scroll-box>
        <table className="plain-table plain-table--dense">
          <thead>
            <tr>
              <th className="cell-number">序号</th>
              <th>指标名称</th>
              <th>单位</th>
              <th className="cell-number">基期值（{plan.baseYear}年）</th>
              <th className="cell-number">目标值（{plan.targetYear}年）</th>
              <th className="cell-number">上年值（{plan.year - 1}年）</th>
              <th className="cell-number">本年完成值（{plan.year}年）</th>
            </tr>
          </thead>
          <tbody>
            {plan.rows.map((row, index) => (
              <tr key={row.code}>
                <td className="cell-number">{index + 1}</td>
                <td>
                  {row.name}
                  {row.auxiliary ? <span className="tag tag--muted">辅助</span> : null}
                  {row.note ? <span className="cell-note">{row.note}</span> : null}
                </td>
                <td>{row.unit}</td>
                <td className="cell-number">{formatNumber(row.baseline)}</td>
                <td className="cell-number">{targetOf(row)}</td>
                <td className="cell-number">{formatNumber(row.previous)}</td>
                <td className="cell-input" aria-label="待填写" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
