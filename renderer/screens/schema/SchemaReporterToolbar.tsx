import { useState } from 'react';
import type { Schema } from '../../../shared/domain';
import { UNASSIGNED_BUREAU } from '../../../shared/domain';
import { areasOf } from '../../components/SchemaFormat';

/** A bulk assignment as asked for: the bureau as typed (a listed name or alias, 未指定, or a new name). */
export interface ReporterRequest {
  bureau: string;
  codes?: string[];
  area?: string;
  unassigned?: boolean;
}

export interface SchemaReporterToolbarProps {
  schema: Schema;
  selected: string[];
  undecided: number;
  proposed: number;
  readOnly: boolean;
  busy: boolean;
  onAssign(request: ReporterRequest): void;
  onConfirmProposed(): void;
  /** Opens 单位名单: add, rename, merge. */
  onOpenBureaus(): void;
}

/**
 * 填报单位 in bulk: a bureau (or 未指定), then the selected rows, a whole 领域 or every unassigned
 * indicator. A name not on the list is offered to be added (SchemaScreen asks).
 */
export function SchemaReporterToolbar({ schema, selected, undecided, proposed, readOnly, busy, onAssign, onConfirmProposed, onOpenBureaus }: SchemaReporterToolbarProps) {
  const [bureauText, setBureauText] = useState('');
  const [area, setArea] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const areas = areasOf(schema);
  const disabled = readOnly || busy;

  const assign = (selection: Omit<ReporterRequest, 'bureau'>) => {
    const typed = bureauText.trim();
    if (typed === '') {
      setRefusal(`尚未选择填报单位。请先在左侧框中选择或输入一个单位（或“${UNASSIGNED_BUREAU}”）。`);
      return;
    }
    setRefusal(null);
    onAssign({ bureau: typed, ...selection });
  };

  return (
    <div className="toolbar" role="toolbar" aria-label="指定填报单位">
      <label className="toolbar__group">
        <span className="form-label">填报单位</span>
        <input
          className="text-input"
          list="schema-bureaus"
          value={bureauText}
          placeholder="选择或输入单位"
          aria-invalid={refusal !== null}
          onChange={(event) => {
            setBureauText(event.target.value);
            setRefusal(null);
          }}
          disabled={readOnly}
        />
        <datalist id="schema-bureaus">
          <option value={UNASSIGNED_BUREAU} />
          {schema.bureaus.map((bureau) => (
            <option key={bureau.name} value={bureau.name} />
          ))}
        </datalist>
      </label>
      <button type="button" className="button" disabled={disabled || selected.length === 0} onClick={() => assign({ codes: selected })}>
        指定给所选指标{selected.length > 0 ? `（${selected.length} 项）` : ''}
      </button>
      <span className="toolbar__group">
        <select className="select" aria-label="领域" value={area} onChange={(event) => setArea(event.target.value)} disabled={readOnly}>
          <option value="">选择领域…</option>
          {areas.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={disabled || area === ''} onClick={() => assign({ area })}>
          按领域指定
        </button>
      </span>
      <button type="button" className="button" disabled={disabled} onClick={() => assign({ unassigned: true })}>
        指定给全部未指定指标
      </button>
      <button type="button" className="button button--primary" disabled={disabled || proposed === 0} onClick={onConfirmProposed}>
        确认全部建议{proposed > 0 ? `（${proposed} 项）` : ''}
      </button>
      <button type="button" className="button" onClick={onOpenBureaus}>
        单位名单…
      </button>
      <span className={undecided > 0 ? 'toolbar__count toolbar__count--warn' : 'toolbar__count'} data-testid="undecided-count">
        {undecided > 0 ? `尚有 ${undecided} 项未确定填报单位` : '全部指标均已确定填报单位'}
      </span>
      {refusal ? (
        <span className="inline-error" role="alert">
          {refusal}
        </span>
      ) : null}
    </div>
  );
}
