import type { ImportFileResult, ImportOutcome } from '../../../shared/api/contract';

const OUTCOMES: Record<ImportOutcome, { icon: string; label: string }> = {
  imported: { icon: '✓', label: '已导入' },
  duplicate: { icon: '＝', label: '重复' },
  rejected: { icon: '✕', label: '被拒绝' },
};

/** One row per file of this session's imports: what was detected and what became of it. */
export function ImportResultsTable({ results }: { results: ImportFileResult[] }) {
  if (results.length === 0) return null;
  return (
    <table className="data-table" data-testid="import-results">
      <thead>
        <tr>
          <th>状态</th>
          <th>文件</th>
          <th>填报单位</th>
          <th>地区</th>
          <th className="num">年度</th>
          <th className="num">已匹配行</th>
          <th className="num">未匹配行</th>
          <th className="num">读入数值</th>
        </tr>
      </thead>
      <tbody>
        {results.map((result, i) => {
          const outcome = OUTCOMES[result.outcome];
          return [
            <tr key={`${i}-row`} className={`import-result import-result--${result.outcome}`} data-file={result.file}>
              <td className="import-result__status">
                <span aria-hidden="true">{outcome.icon}</span> {outcome.label}
              </td>
              <td className="wrap">{result.file}</td>
              <td>{result.bureau ?? '—'}</td>
              <td>{result.region ?? '—'}</td>
              <td className="num">{result.year ?? '—'}</td>
              <td className="num">{result.outcome === 'imported' ? result.matched : '—'}</td>
              <td className="num">{result.outcome === 'imported' ? result.unmatched : '—'}</td>
              <td className="num">{result.outcome === 'imported' ? result.values : '—'}</td>
            </tr>,
            result.message ? (
              <tr key={`${i}-message`} className={`import-result__message import-result--${result.outcome}`}>
                <td />
                <td colSpan={7} className="wrap">
                  {result.message}
                </td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
