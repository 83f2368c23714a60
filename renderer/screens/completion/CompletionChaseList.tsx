import type { ChaseItem } from '../../../shared/api/contract';

/** 催报/更正清单: per bureau, whom to call and what to ask for, each with the cell it concerns. */
export function CompletionChaseList({ chase }: { chase: ChaseItem[] }) {
  if (chase.length === 0) return <p className="empty-state">各单位均无需催报或更正。</p>;
  return (
    <div className="chase" data-testid="chase-list">
      {chase.map((entry) => (
        <section key={entry.bureau} className="chase__bureau" data-bureau={entry.bureau}>
          <h3 className="chase__title">
            {entry.bureau}
            <span className="muted">
              填报人 {entry.contactPerson || '—'} · 联系电话 {entry.contactPhone || '—'} · {entry.items.length} 项
            </span>
          </h3>
          <table className="data-table">
            <thead>
              <tr>
                <th>事项</th>
                <th>指标</th>
                <th>位置</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              {entry.items.map((item, i) => (
                <tr key={i}>
                  <td className={`request request--${item.request === '请报送' ? 'send' : item.request === '请更正' ? 'fix' : 'check'}`}>{item.request}</td>
                  <td>{item.name ?? item.indicator ?? '—'}</td>
                  <td className="wrap">{item.file ? `${item.file}${item.sheet ? ` · ${item.sheet}` : ''}${item.cell ? ` · ${item.cell}` : ''}` : '—'}</td>
                  <td className="wrap">{item.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
