import { useState } from 'react';
import type { NewRule, RuleOp, Schema } from '../../../shared/domain';
import { ruleOpText } from '../../../shared/format/rules';
import { messageOf, useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';

const OPS: RuleOp[] = ['<=', '>=', '=', '<', '>'];

export interface SchemaAddRuleProps {
  schema: Schema;
  busy: boolean;
  error: string | null;
  onSubmit(rule: NewRule): void;
  onCancel(): void;
}

/** 新增规则: two sides over indicator codes and how they relate; the workbook checks and numbers it. */
export function SchemaAddRule({ schema, busy, error, onSubmit, onCancel }: SchemaAddRuleProps) {
  const [name, setName] = useState('');
  const [left, setLeft] = useState('');
  const [op, setOp] = useState<RuleOp>('<=');
  const [right, setRight] = useState('');
  const [tolerance, setTolerance] = useState('');
  const [note, setNote] = useState('');
  const [toleranceProblem, setToleranceProblem] = useState<string | null>(null);
  const { api } = useSession();

  const submit = async () => {
    const typed = tolerance.trim();
    let value: number | null = null;
    if (typed !== '') {
      // The workbook reads it as 指标体系 reads a typed figure: ０.５ and 1,000 are figures, 0x10 and 半个 are not.
      try {
        const figure = await api.readFigure({ text: typed, unit: '' });
        value = 'value' in figure ? figure.value : null;
      } catch (failure) {
        setToleranceProblem(messageOf(failure));
        return;
      }
      if (value === null || value < 0) {
        setToleranceProblem(`“${typed}”不是容差。容差请填写不小于 0 的数字，留空为末位半个单位。`);
        return;
      }
    }
    setToleranceProblem(null);
    onSubmit({ name: name.trim(), left: left.trim(), op, right: right.trim(), tolerance: value, note: note.trim() });
  };

  return (
    <ConfirmDialog wide title="新增校验规则" confirmLabel="新增" busy={busy} error={error} onConfirm={() => void submit()} onCancel={onCancel} testId="add-rule">
      <p className="form-hint">算式用指标编码书写，可用 + − × ÷ 和括号，如 B04 / X01 * 1000。</p>
      <div className="schema-form">
        <label className="form-field form-field--wide">
          <span className="form-label">规则名称</span>
          <input className="text-input" value={name} placeholder="如 护理型床位数不超过养老机构床位数" onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="form-field form-field--grow">
          <span className="form-label">左边</span>
          <input className="text-input" value={left} placeholder="如 X03" list="schema-codes" onChange={(event) => setLeft(event.target.value)} />
        </label>
        <label className="form-field schema-form__op">
          <span className="form-label">关系</span>
          <select className="select" value={op} onChange={(event) => setOp(event.target.value as RuleOp)}>
            {OPS.map((o) => (
              <option key={o} value={o}>
                {ruleOpText(o)}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field form-field--grow">
          <span className="form-label">右边</span>
          <input className="text-input" value={right} placeholder="如 X02" list="schema-codes" onChange={(event) => setRight(event.target.value)} />
        </label>
        <label className="form-field">
          <span className="form-label">容差</span>
          <input className="text-input" value={tolerance} placeholder="留空为末位半个单位" aria-invalid={toleranceProblem ? true : undefined} onChange={(event) => setTolerance(event.target.value)} />
          {toleranceProblem ? <span className="inline-error">{toleranceProblem}</span> : null}
        </label>
        <label className="form-field form-field--wide">
          <span className="form-label">说明</span>
          <input className="text-input" value={note} placeholder="如 规则的出处或口径" onChange={(event) => setNote(event.target.value)} />
        </label>
      </div>
      <datalist id="schema-codes">
        {schema.indicators.map((indicator) => (
          <option key={indicator.code} value={indicator.code}>
            {indicator.name}
          </option>
        ))}
      </datalist>
    </ConfirmDialog>
  );
}
