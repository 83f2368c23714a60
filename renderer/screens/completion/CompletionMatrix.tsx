import { useState } from 'react';
import { FilterBox } from '../../components/FilterBox';
import type { Completeness, CompletenessState } from '../../../shared/api/contract';

export const COMPLETENESS_LABELS: Record<CompletenessState, string> = {
  reported: '已报',
  missing: '缺报',
  conflict: '冲突',
  not_expected: '不适用',
};

/**
 * 填报单位 × 指标, one row per indicator and one column per bureau: at 1366 px a dozen bureaus fit
 * across while 30-odd indicators run down. Every cell says its state in words as well as colour.
 */
export function CompletionMatrix({ completeness }: { completeness: Completeness }) {
  const { bureaus, indicators, cells } = completeness;
  const [filter, setFilter] = useState('');
  const words = filter.trim().split(/\s+/).filter((w) => w !== '');
  // Rows whose indicator, code or 填报单位 holds every word typed (Ctrl+F reaches the box).
  const shown = indicators.map((indicator, i) => ({ indicator, i })).filter(({ indicator }) => words.every((w) => `${indicator.code} ${indicator.name} ${indicator.reporter ?? '未指定'}`.includes(w)));
  return (
    <>
    <FilterBox className="completion-matrix__filter" label="筛选指标" placeholder="筛选：指标、编码、填报单位" value={filter} onChange={setFilter} />
    {shown.length < indicators.length ? <p className="muted">显示 {shown.length} / {indicators.length} 项指标。</p> : null}
    <div className="completion-matrix__scroll">
      <table className="data-table completion-matrix" data-testid="completion-matrix">
        <thead>
          <tr>
            <th className="completion-matrix__indicator">指标</th>
            <th>填报单位</th>
            {bureaus.map((bureau) => (
              <th key={bureau} className="completion-matrix__bureau" title={bureau}>
                {bureau}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map(({ indicator, i }) => (
            <tr key={indicator.code} data-code={indicator.code}>
              <th className="completion-matrix__indicator" scope="row">
                {indicator.name}
              </th>
              <td className="muted">{indicator.reporter ?? '未指定'}</td>
              {bureaus.map((bureau, j) => {
                const state = cells[i]?.[j] ?? 'not_expected';
                return (
                  <td key={bureau} className={`cell-state cell-state--${state}`} data-bureau={bureau} data-state={state}>
                    {COMPLETENESS_LABELS[state]}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}
