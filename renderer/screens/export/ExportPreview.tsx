import type { ExportKind, ProgressRow } from '../../../shared/api/contract';
import type { Finding, Indicator, Value } from '../../../shared/domain';
import { FINDING_KIND_LABELS } from '../../../shared/domain';
import { formatNumber, targetShown } from '../../../shared/format/figures';

const PREVIEW_ROWS = 8;
const VALUE_STATUS: Record<Value['status'], string> = { ok: '已报', conflict: '冲突', missing: '缺报', resolved: '已核定' };

export interface ExportPreviewData {
  kind: ExportKind;
  year: number;
  values: Value[];
  findings: Finding[];
  indicators: Map<string, Indicator>;
  /** 进度 of the year and region: the status the annual and evaluation tables print. */
  progress: ReadonlyMap<string, ProgressRow>;
}

/** 目标值 as the table prints it: ≥1000, 95, 持续提高. */
function targetText(indicator: Indicator | undefined): string {
  if (!indicator) return '—';
  const shown = targetShown(indicator);
  return shown.kind === 'none' ? '—' : shown.kind === 'text' ? shown.value : formatNumber(shown.value);
}

/** The first rows of the chosen table, as the officer will find them in the file. */
export function ExportPreview({ data }: { data: ExportPreviewData }) {
  const { kind, year, values, findings, indicators, progress } = data;
  if (kind === 'findings') {
    const open = findings.filter((f) => f.status === 'open');
    if (open.length === 0) return <p className="empty-state">{year}年没有待处理的核对问题，清单将只有表头。</p>;
    return (
      <table className="data-table" data-testid="export-preview">
        <thead>
          <tr>
            <th>填报单位</th>
            <th>问题类型</th>
            <th>指标</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          {open.slice(0, PREVIEW_ROWS).map((f) => (
            <tr key={f.id}>
              <td>{f.bureau ?? '未识别单位'}</td>
              <td>{FINDING_KIND_LABELS[f.kind]}</td>
              <td>{f.name ?? '—'}</td>
              <td className="wrap">{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  if (kind === 'period') {
    const years = [...new Set(values.map((v) => v.year))].sort((a, b) => a - b);
    const codes = [...new Set(values.map((v) => v.indicator))].slice(0, PREVIEW_ROWS);
    return (
      <table className="data-table" data-testid="export-preview">
        <thead>
          <tr>
            <th>指标</th>
            <th>单位</th>
            {years.map((y) => (
              <th key={y} className="num">
                {y}年
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {codes.map((code) => {
            const indicator = indicators.get(code);
            return (
              <tr key={code}>
                <td>{indicator?.name ?? code}</td>
                <td>{indicator?.unit ?? ''}</td>
                {years.map((y) => (
                  <td key={y} className="num">
                    {formatNumber(values.find((v) => v.indicator === code && v.year === y)?.value)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }
  const rows = values.filter((v) => v.year === year).slice(0, PREVIEW_ROWS);
  return (
    <table className="data-table" data-testid="export-preview">
      <thead>
        <tr>
          <th>指标</th>
          <th>单位</th>
          {kind === 'evaluation' ? <th className="num">基期值</th> : null}
          <th className="num">{year}年</th>
          {kind === 'evaluation' ? <th className="num">目标值</th> : null}
          <th>进度状态</th>
          <th>数据</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((v) => {
          const indicator = indicators.get(v.indicator);
          return (
            <tr key={`${v.indicator}-${v.region}`} data-code={v.indicator}>
              <td>{v.name}</td>
              <td>{v.unit}</td>
              {kind === 'evaluation' ? <td className="num">{formatNumber(indicator?.baselineValue)}</td> : null}
              <td className="num">{formatNumber(v.value)}</td>
              {kind === 'evaluation' ? <td className="num">{targetText(indicator)}</td> : null}
              <td>{progress.get(v.indicator)?.status ?? '—'}</td>
              <td>{VALUE_STATUS[v.status]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
