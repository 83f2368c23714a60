import type { RecentWorkbook } from '../../../shared/api/contract';
import { formatDateTime } from '../../app/format';

/** 最近打开的工作簿: one click (or Enter) opens one. */
export function HomeRecentWorkbooks({ recent, busy, onOpen }: { recent: RecentWorkbook[]; busy: boolean; onOpen: (path: string) => void }) {
  if (recent.length === 0) {
    return <p className="empty-state">还没有打开过工作簿。请在下方新建工作簿，或在“打开”框中填写已有工作簿的路径。</p>;
  }
  return (
    <div className="table-box" data-scroll-box>
      <table className="plain-table" data-testid="recent-workbooks">
        <thead>
          <tr>
            <th>工作簿</th>
            <th>地区</th>
            <th>指标体系</th>
            <th>上次打开</th>
            <th>路径</th>
          </tr>
        </thead>
        <tbody>
          {recent.map((entry) => (
            <tr key={entry.path}>
              <td>
                <button type="button" className="link-button" disabled={busy} onClick={() => onOpen(entry.path)} title={`打开 ${entry.name}`}>
                  {entry.name}
                </button>
              </td>
              <td>{entry.region}</td>
              <td className="cell-clip" title={entry.schemaName}>
                {entry.schemaName}
              </td>
              <td className="cell-nowrap">{formatDateTime(entry.lastOpened)}</td>
              <td className="cell-clip cell-path" title={entry.path} data-verbatim>
                {entry.path}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
