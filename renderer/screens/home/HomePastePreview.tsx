import type { PastedSchemaPreview } from '../../../shared/api/contract';

type Line =
  | { kind: 'row'; line: number; row: PastedSchemaPreview['rows'][number] }
  | { kind: 'problem'; line: number; problem: PastedSchemaPreview['problems'][number] };

/** Parsed rows and unparsed lines in the order of the pasted text. */
function linesOf(preview: PastedSchemaPreview): Line[] {
  const lines: Line[] = [
    ...preview.rows.map((row) => ({ kind: 'row' as const, line: row.line, row })),
    ...preview.problems.map((problem) => ({ kind: 'problem' as const, line: problem.line, problem })),
  ];
  return lines.sort((a, b) => a.line - b.line);
}

/**
 * The table read from the paste box, beside it, with the lines it could not read marked (each
 * once: the parser gives one entry per line). 领域 and 类别 (养老/托育) each have their column, as
 * the schema keeps them.
 */
export function HomePastePreview({ preview, pending }: { preview: PastedSchemaPreview | null; pending: boolean }) {
  if (!preview) {
    return <p className="empty-state">把政策文件中的指标表（含表头）粘贴到左侧，这里会随即显示识别出的指标。</p>;
  }
  const period =
    preview.baseYear !== null || preview.targetYear !== null
      ? `基期 ${preview.baseYear ?? '—'} 年，目标 ${preview.targetYear ?? '—'} 年`
      : '未识别到基期年和目标年，请确认表头含有“2020年”“2025年”一类的年份。';
  return (
    <div className="paste-preview" data-testid="paste-preview" aria-busy={pending}>
      <p className="paste-preview__summary">
        识别出 {preview.rows.length} 项指标{preview.problems.length > 0 ? `，${preview.problems.length} 行未能识别（标红）` : ''}；{period}
      </p>
      <div className="table-box table-box--scroll" data-scroll-box>
        <table className="plain-table plain-table--dense">
          <thead>
            <tr>
              <th className="cell-number">行</th>
              <th>领域</th>
              <th>类别</th>
              <th>指标名称</th>
              <th>单位</th>
              <th className="cell-number">基期值</th>
              <th className="cell-number">目标值</th>
            </tr>
          </thead>
          <tbody>
            {linesOf(preview).map((entry) =>
              entry.kind === 'row' ? (
                <tr key={`r${entry.line}`}>
                  <td className="cell-number">{entry.line}</td>
                  <td>{entry.row.area}</td>
                  <td>{entry.row.category}</td>
                  <td>{entry.row.name}</td>
                  <td>{entry.row.unit}</td>
                  <td className="cell-number">{entry.row.baseline || '—'}</td>
                  <td className="cell-number">{entry.row.target || '—'}</td>
                </tr>
              ) : (
                <tr key={`p${entry.line}`} className="row-unparsed">
                  <td className="cell-number">{entry.line}</td>
                  <td colSpan={6}>
                    <span className="row-unparsed__text">{entry.problem.text}</span>
                    <span className="row-unparsed__reason">未识别：{entry.problem.reason}</span>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
