import { useEffect, useMemo, useRef, useState } from 'react';
import type { BureauUsage } from '../../../shared/domain';
import { bureauNameProblem } from '../../../shared/domain';
import { FilterBox } from '../../components/FilterBox';
import type { SchemaOutcome } from './SchemaOutcome';
import { SchemaOutcomeLine } from './SchemaOutcome';

export interface SchemaBureauPanelProps {
  /** Null while the list is read. */
  bureaus: BureauUsage[] | null;
  readOnly: boolean;
  busy: boolean;
  outcome: SchemaOutcome | null;
  onAdd(name: string, aliases: string[]): void;
  onRename(name: string, newName: string): void;
  /** Asks first, saying what moves (SchemaScreen). */
  onMerge(from: BureauUsage, into: BureauUsage): void;
  onUndo(): void;
  onClose(): void;
}

/** 别名 as officers type them: separated by 、，, or spaces. */
function splitNames(text: string): string[] {
  return text
    .split(/[、，,;；\s]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** What a merge of `from` into `into` moves, in one sentence (the question asked before it). */
export function mergeSummary(from: BureauUsage, into: BureauUsage): string {
  const parts = [
    ...(from.reporterOf > 0 ? [`${from.reporterOf} 项指标的填报单位`] : []),
    ...(from.responsibleFor > 0 ? [`${from.responsibleFor} 项指标的责任单位`] : []),
    ...(from.returns > 0 ? [`${from.returns} 份报表`] : []),
    `${from.aliases.length + 1} 个名称（含别名）`,
  ];
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join('、')}和 ${parts.at(-1)!}` : parts[0]!;
  return `“${from.name}”的 ${listed}将移到“${into.name}”名下，“${from.name}”从名单中去掉。`;
}

/**
 * 单位名单: the bureaus 填报单位 are chosen from, each with its other names and what refers to it;
 * add one, rename one (its old name stays an alias), merge two that are one body. A modal dialog,
 * so that it fits a 1024 px window over the grid.
 */
export function SchemaBureauPanel({ bureaus, readOnly, busy, outcome, onAdd, onRename, onMerge, onUndo, onClose }: SchemaBureauPanelProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [filter, setFilter] = useState('');
  const [newName, setNewName] = useState('');
  const [newAliases, setNewAliases] = useState('');
  const [addRefusal, setAddRefusal] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [into, setInto] = useState('');
  const [renaming, setRenaming] = useState<{ name: string; text: string; refusal: string | null } | null>(null);
  const disabled = readOnly || busy || bureaus === null;

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  // A bureau gone from the list (merged, renamed) is no longer a choice.
  useEffect(() => {
    const names = new Set((bureaus ?? []).map((b) => b.name));
    if (from !== '' && !names.has(from)) setFrom('');
    if (into !== '' && !names.has(into)) setInto('');
    if (renaming && !names.has(renaming.name)) setRenaming(null);
  }, [bureaus, from, into, renaming]);

  const list = bureaus ?? [];
  const shown = useMemo(() => {
    const words = filter.trim().split(/\s+/).filter((w) => w !== '');
    return list.filter((b) => words.every((w) => [b.name, ...b.aliases].some((name) => name.includes(w))));
  }, [list, filter]);
  const fromBureau = list.find((b) => b.name === from);
  const intoBureau = list.find((b) => b.name === into);

  const add = () => {
    const problem = bureauNameProblem(list, newName);
    if (problem) {
      setAddRefusal(problem.message);
      return;
    }
    setAddRefusal(null);
    onAdd(newName.trim(), splitNames(newAliases));
    setNewName('');
    setNewAliases('');
  };

  const rename = () => {
    if (!renaming) return;
    const problem = bureauNameProblem(list, renaming.text, renaming.name);
    if (problem || renaming.text.trim() === renaming.name) {
      setRenaming({ ...renaming, refusal: problem?.message ?? '新名称与原名称相同。' });
      return;
    }
    onRename(renaming.name, renaming.text.trim());
    setRenaming(null);
  };

  return (
    <dialog
      ref={dialog}
      className="bureau-panel"
      aria-labelledby="bureau-panel-title"
      data-testid="bureau-panel"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="bureau-panel__head">
        <h2 id="bureau-panel-title">单位名单</h2>
        <span className="muted">{bureaus === null ? '正在读取…' : `共 ${list.length} 个单位。填报单位从名单中选择；同一单位的不同叫法作为别名，导入报表时都认作该单位。`}</span>
        <button type="button" className="button" onClick={onClose}>
          关闭
        </button>
      </div>
      {readOnly ? <p className="inline-note">工作簿以只读方式打开，不能修改单位名单。</p> : null}

      <div className="bureau-panel__row" role="group" aria-label="添加单位">
        <span className="form-label">添加单位</span>
        <input
          className="text-input"
          aria-label="新单位名称"
          placeholder="单位名称，如 市统计局"
          value={newName}
          aria-invalid={addRefusal !== null}
          disabled={disabled}
          onChange={(event) => {
            setNewName(event.target.value);
            setAddRefusal(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') add();
          }}
        />
        <input
          className="text-input bureau-panel__aliases"
          aria-label="新单位的别名"
          placeholder="别名（选填，用顿号分隔）"
          value={newAliases}
          disabled={disabled}
          onChange={(event) => setNewAliases(event.target.value)}
        />
        <button type="button" className="button" disabled={disabled || newName.trim() === ''} onClick={add}>
          添加
        </button>
        {addRefusal ? (
          <span className="inline-error" role="alert">
            {addRefusal}
          </span>
        ) : null}
      </div>

      <div className="bureau-panel__row" role="group" aria-label="合并单位">
        <span className="form-label">合并</span>
        <span>把</span>
        <select className="select bureau-panel__select" aria-label="并入其他单位的单位" value={from} disabled={disabled} onChange={(event) => setFrom(event.target.value)}>
          <option value="">选择单位…</option>
          {list.map((b) => (
            <option key={b.name} value={b.name}>
              {b.name}
            </option>
          ))}
        </select>
        <span>并入</span>
        <select className="select bureau-panel__select" aria-label="保留的单位" value={into} disabled={disabled} onChange={(event) => setInto(event.target.value)}>
          <option value="">选择单位…</option>
          {list
            .filter((b) => b.name !== from)
            .map((b) => (
              <option key={b.name} value={b.name}>
                {b.name}
              </option>
            ))}
        </select>
        <button type="button" className="button" disabled={disabled || !fromBureau || !intoBureau} onClick={() => fromBureau && intoBureau && onMerge(fromBureau, intoBureau)}>
          合并…
        </button>
      </div>
      {fromBureau && intoBureau ? (
        <p className="bureau-panel__hint" data-testid="merge-summary">
          {mergeSummary(fromBureau, intoBureau)}
        </p>
      ) : (
        <p className="bureau-panel__hint muted">同一单位在名单中出现两次（如更名前后的名称）时，把一个并入另一个；其名称成为保留单位的别名。</p>
      )}

      {outcome ? <SchemaOutcomeLine outcome={outcome} busy={busy} onUndo={onUndo} testId="bureau-outcome" /> : null}

      <FilterBox label="筛选单位" placeholder="筛选：单位名称或别名" value={filter} className="bureau-panel__filter" onChange={setFilter} />
      <div className="bureau-panel__list" data-scroll-box>
        <table className="data-table" data-testid="bureau-table">
          <thead>
            <tr>
              <th>单位名称</th>
              <th>别名</th>
              <th className="num">填报指标</th>
              <th className="num">报表</th>
              <th aria-label="操作" />
            </tr>
          </thead>
          <tbody>
            {shown.map((b) => (
              <tr key={b.name} data-bureau={b.name}>
                <td>
                  {renaming?.name === b.name ? (
                    <span className="bureau-panel__rename">
                      <input
                        className="text-input"
                        aria-label={`“${b.name}”的新名称`}
                        value={renaming.text}
                        autoFocus
                        aria-invalid={renaming.refusal !== null}
                        onChange={(event) => setRenaming({ ...renaming, text: event.target.value, refusal: null })}
                        onKeyDown={(event) => {
                          if (event.key === 'Enter') rename();
                          if (event.key === 'Escape') {
                            event.preventDefault();
                            setRenaming(null);
                          }
                        }}
                      />
                      <button type="button" className="button button--primary" disabled={disabled} onClick={rename}>
                        确定
                      </button>
                      <button type="button" className="button" onClick={() => setRenaming(null)}>
                        取消
                      </button>
                      {renaming.refusal ? (
                        <span className="inline-error" role="alert">
                          {renaming.refusal}
                        </span>
                      ) : null}
                    </span>
                  ) : (
                    b.name
                  )}
                </td>
                <td className="wrap">{b.aliases.length > 0 ? b.aliases.join('、') : '—'}</td>
                <td className="num">{b.reporterOf}</td>
                <td className="num">{b.returns}</td>
                <td>
                  {renaming?.name === b.name ? null : (
                    <button type="button" className="link-button" disabled={disabled} onClick={() => setRenaming({ name: b.name, text: b.name, refusal: null })}>
                      改名
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {bureaus !== null && shown.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  {list.length === 0 ? '单位名单是空的。在上方“添加单位”中添加各填报单位。' : '没有符合筛选条件的单位。'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </dialog>
  );
}
