import { useEffect, useMemo, useState } from 'react';
import type { ResolutionRequest } from '../../../shared/api/contract';
import type { Finding, Indicator, TypedFigureReading } from '../../../shared/domain';
import { FINDING_KIND_LABELS } from '../../../shared/domain';
import { SEVERITY_LABELS } from './ReviewFilters';
import { formatDateTime } from '../../app/format';
import { messageOf, useSession } from '../../app/session';
import { decisionText, reviewOptions, type ReviewOption } from './ReviewOptions';

export type OpenForm = 'override' | 'map' | null;

/**
 * 手工填写…: the value and the mandatory note (every manual figure says why). The workbook reads
 * the value as 指标体系 reads a typed figure (1,012, ９３.５, 2.8万 under 人), in the indicator's
 * unit, as it is typed.
 */
function OverrideForm({ unit, onResolve, onClose }: { unit: string; onResolve(r: ResolutionRequest): void; onClose(): void }) {
  const { api } = useSession();
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [reading, setReading] = useState<{ text: string; figure: TypedFigureReading } | null>(null);
  const typed = value.trim();
  useEffect(() => {
    if (typed === '') return;
    // Only the reading of what is in the box now counts; an earlier answer arriving late does not.
    let current = true;
    const keep = (figure: TypedFigureReading) => current && setReading({ text: typed, figure });
    api.readFigure({ text: typed, unit }).then(keep, (failure: unknown) => keep({ reason: messageOf(failure) }));
    return () => {
      current = false;
    };
  }, [api, typed, unit]);
  const figure = reading?.text === typed ? reading.figure : null;
  const number = figure !== null && 'value' in figure ? figure.value : null;
  const valid = number !== null && note.trim() !== '';
  // 确定 stays grey until both are right; the line beside it says what is still wanted.
  const wanted =
    typed === '' ? '请填写数值'
    : figure === null ? null
    : number === null ? `${'reason' in figure ? figure.reason : `“${typed}”不是数值`}，请填写${unit ? `以“${unit}”为单位的` : ''}数值`
    : note.trim() === '' ? '请填写说明：为何采用此数'
    : null;
  return (
    <form
      className="inline-form review-form"
      data-testid="override-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onResolve({ action: 'override', value: number, note: note.trim() });
      }}
    >
      <label>
        数值
        <input autoFocus inputMode="decimal" className="input--number" value={value} onChange={(e) => setValue(e.target.value)} aria-label="手工填写的数值" />
      </label>
      <label className="review-form__note">
        说明（必填）
        <input value={note} onChange={(e) => setNote(e.target.value)} aria-label="填写说明" placeholder="如：经电话核实，以市民政局正式文件为准" />
      </label>
      <button type="submit" className="action action--primary" disabled={!valid}>
        确定
      </button>
      <button type="button" className="action" onClick={onClose}>
        取消
      </button>
      {wanted ? (
        <span className="review-form__wanted muted" role="status" data-testid="override-wanted">
          {wanted}
        </span>
      ) : null}
    </form>
  );
}

/** 对应到指标…: the ranked candidates first, then a search over every indicator of the schema. */
function MapForm({ finding, indicators, onResolve, onClose }: { finding: Finding; indicators: Indicator[]; onResolve(r: ResolutionRequest): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const found = useMemo(() => {
    const q = query.trim();
    if (q === '') return [];
    return indicators.filter((i) => i.name.includes(q) || i.code.toLowerCase() === q.toLowerCase()).slice(0, 8);
  }, [indicators, query]);
  const unitOf = (code: string) => indicators.find((i) => i.code === code)?.unit ?? '';
  const pick = (code: string) => onResolve({ action: 'map', code });
  return (
    <div className="review-form review-map" data-testid="map-form">
      {finding.candidates.length > 0 ? (
        <ol className="review-map__list" aria-label="可能对应的指标">
          {finding.candidates.map((c) => (
            <li key={c.code}>
              <button type="button" className="action" onClick={() => pick(c.code)}>
                对应到
              </button>
              <span>
                {c.name}（{unitOf(c.code) || '无单位'}）
              </span>
              <span className="muted">相似度 {(c.score * 100).toFixed(0)}%</span>
              {c.reason ? <span className="muted review-map__reason">{c.reason}</span> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">没有相近的指标，请搜索。</p>
      )}
      <div className="inline-form">
        <label>
          搜索指标
          <input autoFocus={finding.candidates.length === 0} value={query} onChange={(e) => setQuery(e.target.value)} aria-label="搜索指标名称或编码" placeholder="指标名称或编码" />
        </label>
        <button type="button" className="action" onClick={onClose}>
          取消
        </button>
      </div>
      {found.length > 0 ? (
        <ul className="review-map__list" aria-label="搜索结果">
          {found.map((i) => (
            <li key={i.code}>
              <button type="button" className="action" onClick={() => pick(i.code)}>
                对应到
              </button>
              <span>
                {i.name}（{i.unit || '无单位'}）
              </span>
              <span className="muted">{i.area}</span>
            </li>
          ))}
        </ul>
      ) : query.trim() !== '' ? (
        <p className="muted">没有名称含“{query.trim()}”的指标。</p>
      ) : null}
    </div>
  );
}

export interface FindingRowProps {
  finding: Finding;
  selected: boolean;
  form: OpenForm;
  indicators: Indicator[];
  onSelect(): void;
  onOption(option: ReviewOption): void;
  onResolve(resolution: ResolutionRequest): void;
  onCloseForm(): void;
  /** The workbook has sub-regions: each finding names its region (the list holds every region's). */
  showRegion?: boolean;
}

/** One finding: what is wrong, in words, and its resolutions inline. */
export function ReviewFindingRow({ finding, selected, form, indicators, onSelect, onOption, onResolve, onCloseForm, showRegion = false }: FindingRowProps) {
  const options = reviewOptions(finding);
  const names = useMemo(() => new Map(indicators.map((i) => [i.code, i.name])), [indicators]);
  const decision = decisionText(finding, names, formatDateTime);
  return (
    <li
      className={`finding finding--${finding.severity}${selected ? ' finding--selected' : ''}${finding.status === 'resolved' ? ' finding--resolved' : ''}`}
      aria-selected={selected}
      role="option"
      data-finding-id={finding.id}
      data-kind={finding.kind}
      onClick={onSelect}
    >
      <div className="finding__head">
        <span className={`severity severity--${finding.severity}`}>{SEVERITY_LABELS[finding.severity]}</span>
        <span className="finding__kind">{FINDING_KIND_LABELS[finding.kind]}</span>
        {showRegion && finding.region ? <span className="finding__region">{finding.region}</span> : null}
        {finding.name ? <span className="finding__indicator">{finding.name}</span> : null}
        {finding.bureau ? <span className="muted">{finding.bureau}</span> : null}
        {finding.status === 'resolved' ? <span className="finding__done">已处理</span> : null}
      </div>
      <div className="finding__message">{finding.message}</div>
      {decision ? (
        <div className="finding__decision" data-testid="finding-decision">
          {decision}
        </div>
      ) : null}
      <div className="finding__actions" onClick={(e) => e.stopPropagation()}>
        {options.map((option, i) => (
          <button
            key={option.label}
            type="button"
            className={`action${i === 0 ? ' action--primary' : ''}`}
            title={i < 3 ? `快捷键 ${i + 1}` : undefined}
            onClick={() => {
              onSelect();
              onOption(option);
            }}
          >
            {i < 3 ? <kbd>{i + 1}</kbd> : null}
            {option.label}
          </button>
        ))}
      </div>
      {selected && form === 'override' ? <OverrideForm unit={indicators.find((i) => i.code === finding.indicator)?.unit ?? ''} onResolve={onResolve} onClose={onCloseForm} /> : null}
      {selected && form === 'map' ? <MapForm finding={finding} indicators={indicators} onResolve={onResolve} onClose={onCloseForm} /> : null}
    </li>
  );
}
