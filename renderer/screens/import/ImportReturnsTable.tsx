import { useState } from 'react';
import { FilterBox } from '../../components/FilterBox';
import type { ReturnSummary } from '../../../shared/api/contract';
import type { ReturnState } from '../../../shared/domain';
import { ImportFactsFields } from './ImportFactsFields';
import { formatDateTime } from '../../components/DataFormat';

const STATES: Record<ReturnState, string> = {
  counted: '已计入',
  superseded: '已被更正版本替代',
  withdrawn: '已撤销导入',
  duplicate: '重复文件，未计入',
};

export interface ReturnActions {
  withdraw(returnId: number): void;
  restore(returnId: number): void;
  correct(returnId: number, change: { bureau?: string; region?: string; year?: number }): void;
}

/** 更正: the bureau, region or year detection got wrong, entered in place. */
function CorrectionRow({ item, bureaus, regions, onSave, onCancel }: { item: ReturnSummary; bureaus: string[]; regions: string[]; onSave: ReturnActions['correct']; onCancel(): void }) {
  const [bureau, setBureau] = useState(item.bureau ?? '');
  const [region, setRegion] = useState(item.region ?? '');
  const [year, setYear] = useState(item.year === null ? '' : String(item.year));
  const valid = bureau.trim() !== '' && /^\d{4}$/.test(year.trim());
  const save = () => {
    const change: { bureau?: string; region?: string; year?: number } = {};
    if (bureau.trim() !== (item.bureau ?? '')) change.bureau = bureau.trim();
    if (region.trim() !== (item.region ?? '')) change.region = region.trim();
    if (Number(year) !== item.year) change.year = Number(year);
    if (Object.keys(change).length === 0) onCancel();
    else onSave(item.id, change);
  };
  return (
    <tr className="returns__correct" data-testid="return-correction">
      <td colSpan={9}>
        <div className="inline-form">
          <ImportFactsFields
            listId="returns-bureaus"
            bureaus={bureaus}
            regions={regions}
            bureau={bureau}
            region={region}
            year={year}
            onBureau={setBureau}
            onRegion={setRegion}
            onYear={setYear}
            yearClassName="input--year"
            attrs={{ bureau: { 'aria-label': '更正填报单位' }, region: { 'aria-label': '更正地区' }, year: { 'aria-label': '更正年度' } }}
          />
          <button type="button" className="action action--primary" disabled={!valid} onClick={save}>
            保存更正
          </button>
          <button type="button" className="action" onClick={onCancel}>
            取消
          </button>
        </div>
      </td>
    </tr>
  );
}

/** All returns of the year, with 撤销导入 / 恢复 and 更正; superseded and withdrawn ones greyed. */
export function ImportReturnsTable({
  returns,
  bureaus,
  regions,
  actions,
  refusal = null,
}: {
  returns: ReturnSummary[];
  bureaus: string[];
  regions: string[];
  actions: ReturnActions;
  /** Why the last action on a row was refused, shown under that row. */
  refusal?: { returnId: number; message: string } | null;
}) {
  const [correcting, setCorrecting] = useState<number | null>(null);
  const [filter, setFilter] = useState('');
  if (returns.length === 0) return <p className="empty-state">本年度尚未导入报表。把各单位报来的 Excel 拖到上方。</p>;
  const words = filter.trim().split(/\s+/).filter((w) => w !== '');
  // Returns whose file, bureau, region or contact holds every word typed (Ctrl+F reaches the box).
  const shown = returns.filter((r) => words.every((w) => [r.file, r.bureau, r.region, r.contactPerson, r.contactPhone, STATES[r.state]].join(' ').includes(w)));
  return (
    <>
    <FilterBox className="returns__filter" label="筛选报表" placeholder="筛选：文件名、填报单位、地区、填报人" value={filter} onChange={setFilter} />
    {shown.length < returns.length ? <p className="muted">显示 {shown.length} / {returns.length} 份报表。</p> : null}
    <table className="data-table returns" data-testid="returns-table">
      <thead>
        <tr>
          <th className="num">编号</th>
          <th>文件</th>
          <th>填报单位</th>
          <th>地区</th>
          <th className="num">年度</th>
          <th>填报人 / 联系电话</th>
          <th>导入时间</th>
          <th>状态</th>
          <th>操作</th>
        </tr>
      </thead>
      <tbody>
        {shown.map((item) => {
          const active = item.state === 'counted';
          return [
            <tr key={item.id} className={active ? undefined : 'returns__inactive'} data-return-id={item.id} data-file={item.file}>
              <td className="num">{item.id}</td>
              <td className="wrap">{item.file}</td>
              <td>{item.bureau ?? '未识别'}</td>
              <td>{item.region ?? '—'}</td>
              <td className="num">{item.year ?? '—'}</td>
              <td>
                {item.contactPerson || '—'}
                {item.contactPhone ? ` / ${item.contactPhone}` : ''}
              </td>
              <td>{formatDateTime(item.importedAt)}</td>
              <td>{STATES[item.state]}</td>
              <td className="actions">
                {item.state === 'withdrawn' ? (
                  <button type="button" className="action" onClick={() => actions.restore(item.id)}>
                    恢复
                  </button>
                ) : (
                  <button type="button" className="action" onClick={() => actions.withdraw(item.id)}>
                    撤销导入
                  </button>
                )}
                <button type="button" className="action" onClick={() => setCorrecting(correcting === item.id ? null : item.id)}>
                  更正
                </button>
              </td>
            </tr>,
            refusal?.returnId === item.id ? (
              <tr key={`${item.id}-refusal`} className="returns__refusal">
                <td colSpan={9} className="wrap" role="alert" data-testid="return-refusal">
                  {refusal.message}
                </td>
              </tr>
            ) : null,
            correcting === item.id ? (
              <CorrectionRow
                key={`${item.id}-correct`}
                item={item}
                bureaus={bureaus}
                regions={regions}
                onCancel={() => setCorrecting(null)}
                onSave={(id, change) => {
                  setCorrecting(null);
                  actions.correct(id, change);
                }}
              />
            ) : null,
          ];
        })}
      </tbody>
    </table>
    </>
  );
}
