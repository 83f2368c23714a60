import { useState } from 'react';
import type { EditableField, NewIndicator, TypedFields } from '../../../shared/domain';
import { ATTRIBUTE_CHOICES, NO_ATTRIBUTE_LABEL } from '../../../shared/domain';
import { messageOf, useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export interface SchemaAddIndicatorProps {
  auxiliary: boolean;
  areas: string[];
  baseYear: number;
  targetYear: number;
  busy: boolean;
  /** Why the workbook refused the last try; null when none. */
  error: string | null;
  onSubmit(indicator: NewIndicator): void;
  onCancel(): void;
}

type Typed = Partial<Record<EditableField, string>>;

/** The fields asked of a new indicator; an auxiliary one needs no target (it is not published). */
const FIELDS: { field: EditableField; label: string; placeholder: string; published?: boolean; wide?: boolean }[] = [
  { field: 'name', label: '指标名称', placeholder: '如 养老机构护理员人数', wide: true },
  { field: 'area', label: '领域', placeholder: '选择或输入领域', published: true },
  { field: 'unit', label: '计量单位', placeholder: '如 人、%、万个' },
  { field: 'decimals', label: '小数位数', placeholder: '0' },
  { field: 'baselineValue', label: '基期值', placeholder: '无基期值的留空', published: true },
  { field: 'targetValue', label: '目标值', placeholder: '如 ≥60 或 持续提高', published: true },
];

/** 新增指标 / 新增辅助指标: what the document says of it; the workbook gives its code. */
export function SchemaAddIndicator({ auxiliary, areas, baseYear, targetYear, busy, error, onSubmit, onCancel }: SchemaAddIndicatorProps) {
  const [typed, setTyped] = useState<Typed>({ area: areas[0] ?? '' });
  const [attribute, setAttribute] = useState<string>(NO_ATTRIBUTE_LABEL);
  const [notes, setNotes] = useState('');
  const [problems, setProblems] = useState<Partial<Record<EditableField, string>>>({});
  const [readError, setReadError] = useState<string | null>(null);
  const { api } = useSession();
  const fields = FIELDS.filter((f) => !auxiliary || !f.published);

  /** The workbook reads what was typed (figures, targets, units) and says per field what it cannot. */
  const submit = async () => {
    const cells: TypedFields = {};
    for (const { field } of fields) {
      const text = typed[field] ?? '';
      if (text.trim() !== '' || field === 'name') cells[field] = text;
    }
    if (!auxiliary) cells.attribute = attribute;
    if (notes.trim() !== '') cells.notes = notes;
    setReadError(null);
    try {
      const read = await api.readIndicatorFields({ fields: cells, unit: typed.unit ?? '' });
      const found = { ...read.problems };
      if ((typed.name ?? '').trim() === '') found.name = '请填写指标名称。';
      setProblems(found);
      if (Object.keys(found).length > 0) return;
      onSubmit({ ...read.changes, name: (typed.name ?? '').trim(), auxiliary });
    } catch (failure) {
      setReadError(messageOf(failure));
    }
  };

  return (
    <ConfirmDialog
      wide
      title={auxiliary ? '新增辅助指标' : '新增指标'}
      confirmLabel="新增"
      busy={busy}
      error={readError ?? error}
      onConfirm={() => void submit()}
      onCancel={onCancel}
      testId="add-indicator"
    >
      <p className="form-hint">
        {auxiliary
          ? '辅助指标不公开发布，用于核对规则、比率和县区汇总；模板会一并向填报单位索要。编码由系统分配。'
          : `基期为 ${baseYear} 年，目标年为 ${targetYear} 年；编码由系统分配，不再改变。`}
      </p>
      <div className="schema-form">
        {fields.map(({ field, label, placeholder, wide }) => (
          <label key={field} className={wide ? 'form-field form-field--wide' : 'form-field'}>
            <span className="form-label">{label}</span>
            <input
              className="text-input"
              value={typed[field] ?? ''}
              placeholder={placeholder}
              list={field === 'area' ? 'schema-areas' : undefined}
              aria-invalid={problems[field] ? true : undefined}
              onChange={(event) => setTyped({ ...typed, [field]: event.target.value })}
            />
            {problems[field] ? <span className="inline-error">{problems[field]}</span> : null}
          </label>
        ))}
        {auxiliary ? null : (
          <label className="form-field">
            <span className="form-label">属性</span>
            <select className="select" value={attribute} onChange={(event) => setAttribute(event.target.value)}>
              {ATTRIBUTE_CHOICES.map((a) => (
                <option key={a || NO_ATTRIBUTE_LABEL} value={a || NO_ATTRIBUTE_LABEL}>
                  {a || NO_ATTRIBUTE_LABEL}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="form-field form-field--wide">
          <span className="form-label">备注</span>
          <input className="text-input" value={notes} placeholder="如 出处：某某文件第几条" onChange={(event) => setNotes(event.target.value)} />
        </label>
      </div>
      <datalist id="schema-areas">
        {areas.map((area) => (
          <option key={area} value={area} />
        ))}
      </datalist>
    </ConfirmDialog>
  );
}
