import { useCallback, useEffect, useState } from 'react';
import type { EditableField, IndicatorChanges, IndicatorEditPreview, IndicatorRemovalPreview, NewIndicator, NewRule, Rule, Schema } from '../../../shared/domain';
import { FIELD_LABELS, readTypedField } from '../../../shared/domain';
import { formatNumber } from '../../../shared/format/figures';
import { formatClock } from '../../app/format';
import { messageOf, useSession } from '../../app/session';
import { areasOf, undecidedReporters } from '../../components/SchemaFormat';
import { SchemaAddIndicator } from './SchemaAddIndicator';
import { SchemaAddRule } from './SchemaAddRule';
import { SchemaDialog } from './SchemaDialog';
import { SchemaIndicatorGrid, type CellRefusal } from './SchemaIndicatorGrid';
import type { ReporterRequest } from './SchemaReporterToolbar';
import { SchemaReporterToolbar } from './SchemaReporterToolbar';
import { SchemaRulesGrid } from './SchemaRulesGrid';

type Tab = 'indicators' | 'rules';

/** What waits for the officer's 确定: an edit that changes figures, a removal, a new indicator or rule. */
type Pending =
  | { kind: 'edit'; code: string; field: EditableField; changes: IndicatorChanges; preview: IndicatorEditPreview }
  | { kind: 'remove'; preview: IndicatorRemovalPreview }
  | { kind: 'add'; auxiliary: boolean }
  | { kind: 'addRule' }
  | { kind: 'removeRule'; rule: Rule };

type Outcome = { text: string; tone: 'ok' | 'error' };

const stateWord = (value: number | null) => (value === null ? '—' : formatNumber(value));

/** 指标体系: the indicators by 领域, edited in place, with their 填报单位; and the 校验规则. */
export function SchemaScreen() {
  const { api, info, refresh, setStatus } = useSession();
  const [schema, setSchema] = useState<Schema | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('indicators');
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [selectedRule, setSelectedRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [refusal, setRefusal] = useState<CellRefusal | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [focusCode, setFocusCode] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setSchema(await api.getSchema({}));
      setLoadError(null);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  /** A write, then 已保存 in the status bar and the schema read again. */
  const saved = useCallback(
    async (text: string) => {
      setOutcome({ text, tone: 'ok' });
      setStatus(`已保存 ${formatClock(new Date())}`);
      await refresh();
      await load();
    },
    [load, refresh, setStatus],
  );

  const change = useCallback(
    async (work: () => Promise<{ code: string; name: string; after: string | null }[]>, describe: (count: number) => string) => {
      setBusy(true);
      try {
        const changes = await work();
        await saved(describe(changes.length));
      } catch (error) {
        setOutcome({ text: messageOf(error), tone: 'error' });
        await load();
      } finally {
        setBusy(false);
      }
    },
    [load, saved],
  );

  const assign = useCallback(
    (request: ReporterRequest) =>
      void change(
        () => api.assignReporters(request),
        (count) => (count > 0 ? `已将 ${count} 项指标的填报单位指定为“${request.bureau}”。` : `所选指标的填报单位已是“${request.bureau}”，未作改动。`),
      ),
    [api, change],
  );

  const commitEdit = useCallback(
    async (code: string, field: EditableField, changes: IndicatorChanges) => {
      const result = await api.editIndicator({ code, changes });
      if (result.changed.length === 0) {
        setOutcome({ text: `“${result.indicator.name}”的${FIELD_LABELS[field]}与原来相同，未作改动。`, tone: 'ok' });
        return;
      }
      const parts = [`已修改“${result.indicator.name}”（${code}）的${result.changed.map((f) => FIELD_LABELS[f]).join('、')}`];
      if (result.cells > 0) parts.push(`重新读取已存数值 ${result.cells} 个`);
      if (result.changes.length > 0) {
        const first = result.changes[0]!;
        parts.push(`${result.changes.length} 个汇总值随之改变（如 ${first.region} ${first.year}年 ${stateWord(first.before.value)} → ${stateWord(first.after.value)}）`);
      }
      await saved(`${parts.join('，')}。`);
    },
    [api, saved],
  );

  /** A cell's text: read, asked about, refused beside the cell, or confirmed first when it changes figures. */
  const edit = useCallback(
    async (code: string, field: EditableField, text: string) => {
      const indicator = schema?.indicators.find((i) => i.code === code);
      if (!indicator) return;
      const typed = readTypedField(field, text, indicator);
      if (!typed.ok) {
        setRefusal({ code, field, message: typed.message });
        return;
      }
      setRefusal(null);
      setBusy(true);
      try {
        const preview = await api.previewIndicatorEdit({ code, changes: typed.changes });
        if (preview.problems.length > 0) {
          setRefusal({ code, field, message: preview.problems.map((p) => p.message).join(' ') });
          return;
        }
        if (preview.confirm) {
          setDialogError(null);
          setPending({ kind: 'edit', code, field, changes: typed.changes, preview });
          return;
        }
        await commitEdit(code, field, typed.changes);
      } catch (error) {
        setRefusal({ code, field, message: messageOf(error) });
        await load();
      } finally {
        setBusy(false);
      }
    },
    [api, commitEdit, load, schema],
  );

  /** The dialog's 确定: its work, then closed; a refusal stays in the dialog beside the form. */
  const confirmPending = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setDialogError(null);
      try {
        await work();
        setPending(null);
      } catch (error) {
        setDialogError(messageOf(error));
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  const askRemoval = useCallback(async () => {
    if (selected.length !== 1) return;
    setBusy(true);
    try {
      setDialogError(null);
      setPending({ kind: 'remove', preview: await api.previewRemoveIndicator({ code: selected[0]! }) });
    } catch (error) {
      setOutcome({ text: messageOf(error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }, [api, selected]);

  if (loadError) {
    return (
      <section className="screen">
        <h1 className="screen__title">指标体系</h1>
        <p className="error-text" role="alert">
          {loadError}
        </p>
      </section>
    );
  }
  if (!schema) {
    return (
      <section className="screen">
        <h1 className="screen__title">指标体系</h1>
        <p className="empty-state">正在读取指标体系…</p>
      </section>
    );
  }

  const undecided = undecidedReporters(schema.indicators);
  const proposed = schema.indicators.filter((indicator) => indicator.reporter && indicator.reporterProposed).length;
  const readOnly = info?.readOnly ?? false;
  const selectedName = selected.length === 1 ? schema.indicators.find((i) => i.code === selected[0])?.name : undefined;
  return (
    <section className="screen screen--fill" aria-labelledby="screen-schema">
      <div className="screen__head">
        <h1 id="screen-schema" className="screen__title">
          指标体系
        </h1>
        <span className="screen__meta">
          {schema.name}
          {schema.source ? `（${schema.source}）` : ''} · {schema.indicators.length} 项指标 · {schema.baseYear}—{schema.targetYear} 年
        </span>
      </div>
      <div className="tabs" role="tablist" aria-label="指标体系内容">
        <button type="button" role="tab" className="tab" aria-selected={tab === 'indicators'} onClick={() => setTab('indicators')}>
          指标（{schema.indicators.length}）
        </button>
        <button type="button" role="tab" className="tab" aria-selected={tab === 'rules'} onClick={() => setTab('rules')}>
          校验规则（{schema.rules.length}）
        </button>
        {tab === 'indicators' ? (
          <input
            className="text-input tabs__filter"
            data-grid-filter
            aria-label="筛选指标"
            placeholder="筛选：编码、名称、单位"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        ) : null}
      </div>
      {tab === 'indicators' ? (
        <>
          <div className="toolbar" role="toolbar" aria-label="编辑指标">
            <button type="button" className="button" disabled={readOnly || busy} onClick={() => setPending({ kind: 'add', auxiliary: false })}>
              新增指标
            </button>
            <button type="button" className="button" disabled={readOnly || busy} onClick={() => setPending({ kind: 'add', auxiliary: true })}>
              新增辅助指标
            </button>
            <button type="button" className="button" disabled={readOnly || busy || selected.length !== 1} onClick={() => void askRemoval()}>
              移除所选指标
            </button>
            <span className="toolbar__count">
              {readOnly ? '只读打开，不能修改。' : selectedName ? `已选“${selectedName}”。` : '双击单元格即可修改；编码不可修改。'}
            </span>
          </div>
          <SchemaReporterToolbar
            schema={schema}
            selected={selected}
            undecided={undecided.length}
            proposed={proposed}
            readOnly={readOnly}
            busy={busy}
            onAssign={assign}
            onConfirmProposed={() =>
              void change(
                () => api.confirmProposedReporters({}),
                (count) => `已确认 ${count} 项指标的建议填报单位。`,
              )
            }
          />
          {outcome ? (
            <p className={outcome.tone === 'error' ? 'inline-note inline-note--error' : 'inline-note'} role={outcome.tone === 'error' ? 'alert' : undefined} data-testid="schema-outcome">
              {outcome.text}
            </p>
          ) : null}
          {readOnly ? <p className="inline-note">工作簿以只读方式打开，不能修改指标体系或指定填报单位。</p> : null}
          <SchemaIndicatorGrid
            schema={schema}
            filter={filter}
            readOnly={readOnly}
            refusal={refusal}
            focusCode={focusCode}
            onSelectionChanged={setSelected}
            onAssign={(code, bureau) => assign({ bureau, codes: [code] })}
            onEdit={(code, field, text) => void edit(code, field, text)}
            onDismissRefusal={() => setRefusal(null)}
            onFocused={() => setFocusCode(null)}
          />
        </>
      ) : (
        <>
          {outcome ? (
            <p className={outcome.tone === 'error' ? 'inline-note inline-note--error' : 'inline-note'} data-testid="schema-outcome">
              {outcome.text}
            </p>
          ) : null}
          <SchemaRulesGrid
            schema={schema}
            readOnly={readOnly}
            busy={busy}
            selected={selectedRule}
            onSelect={setSelectedRule}
            onAdd={() => {
              setDialogError(null);
              setPending({ kind: 'addRule' });
            }}
            onRemove={(id) => {
              const rule = schema.rules.find((r) => r.id === id);
              if (rule) setPending({ kind: 'removeRule', rule });
            }}
          />
        </>
      )}
      {pending?.kind === 'edit' ? (
        <SchemaDialog
          title={`修改“${pending.preview.name}”的${FIELD_LABELS[pending.field]}`}
          confirmLabel="确定修改"
          busy={busy}
          error={dialogError}
          onConfirm={() => void confirmPending(() => commitEdit(pending.code, pending.field, pending.changes))}
          onCancel={() => setPending(null)}
          testId="edit-effect"
        >
          <p>这项修改会改变工作簿中的数值：</p>
          <ul className="schema-dialog__list">
            {pending.preview.effects.map((effect) => (
              <li key={effect}>{effect}</li>
            ))}
          </ul>
          {pending.preview.changes.length > 0 ? (
            <table className="schema-dialog__changes">
              <thead>
                <tr>
                  <th>地区</th>
                  <th>年度</th>
                  <th>原值</th>
                  <th>新值</th>
                </tr>
              </thead>
              <tbody>
                {pending.preview.changes.slice(0, 6).map((c) => (
                  <tr key={`${c.indicator}|${c.region}|${c.year}`}>
                    <td>{c.indicator === pending.code ? c.region : `${c.region}（${schema.indicators.find((i) => i.code === c.indicator)?.name ?? c.indicator}）`}</td>
                    <td>{c.year}</td>
                    <td className="num">{stateWord(c.before.value)}</td>
                    <td className="num">{stateWord(c.after.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {pending.preview.changes.length > 6 ? <p className="form-hint">另有 {pending.preview.changes.length - 6} 个汇总值改变。</p> : null}
          <p className="form-hint">修改将记入审计日志，可随时改回。</p>
        </SchemaDialog>
      ) : null}
      {pending?.kind === 'remove' ? (
        <SchemaDialog
          title={`移除指标“${pending.preview.name}”（${pending.preview.code}）`}
          busy={busy}
          error={dialogError}
          testId="remove-indicator"
          onCancel={() => setPending(null)}
          {...(pending.preview.problems.length > 0
            ? {}
            : {
                confirmLabel: pending.preview.archive ? '归档' : '删除',
                onConfirm: () =>
                  void confirmPending(async () => {
                    const removal = await api.removeIndicator({ code: pending.preview.code });
                    setSelected([]);
                    await saved(
                      removal.archived
                        ? `已归档指标“${removal.name}”（${removal.code}），其 ${removal.figures} 个填报数保留在报送明细中。`
                        : `已删除指标“${removal.name}”（${removal.code}）。`,
                    );
                  }),
              })}
        >
          {pending.preview.problems.length > 0 ? (
            <ul className="schema-dialog__list schema-dialog__list--error">
              {pending.preview.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : (
            <ul className="schema-dialog__list">
              {pending.preview.effects.map((effect) => (
                <li key={effect}>{effect}</li>
              ))}
            </ul>
          )}
        </SchemaDialog>
      ) : null}
      {pending?.kind === 'add' ? (
        <SchemaAddIndicator
          auxiliary={pending.auxiliary}
          areas={areasOf(schema).filter((area) => !schema.indicators.some((i) => i.area === area && i.auxiliary))}
          baseYear={schema.baseYear}
          targetYear={schema.targetYear}
          busy={busy}
          error={dialogError}
          onCancel={() => setPending(null)}
          onSubmit={(indicator: NewIndicator) =>
            void confirmPending(async () => {
              const added = await api.addIndicator({ indicator });
              setFilter('');
              setFocusCode(added.code);
              await saved(
                `已新增${added.auxiliary ? '辅助' : ''}指标“${added.name}”，编码 ${added.code}。${added.reporter ? '' : '请为它指定填报单位。'}`,
              );
            })
          }
        />
      ) : null}
      {pending?.kind === 'addRule' ? (
        <SchemaAddRule
          schema={schema}
          busy={busy}
          error={dialogError}
          onCancel={() => setPending(null)}
          onSubmit={(rule: NewRule) =>
            void confirmPending(async () => {
              const added = await api.addRule({ rule });
              setSelectedRule(null);
              await saved(`已新增校验规则 ${added.id}“${added.name}”。`);
            })
          }
        />
      ) : null}
      {pending?.kind === 'removeRule' ? (
        <SchemaDialog
          title={`删除校验规则 ${pending.rule.id}`}
          confirmLabel="删除"
          busy={busy}
          error={dialogError}
          testId="remove-rule"
          onCancel={() => setPending(null)}
          onConfirm={() =>
            void confirmPending(async () => {
              const removed = await api.removeRule({ id: pending.rule.id });
              setSelectedRule(null);
              await saved(`已删除校验规则 ${removed.id}“${removed.name}”。`);
            })
          }
        >
          <p>“{pending.rule.name}”将不再用于核对；由它提出的核对问题随之消失。删除记入审计日志，编号 {pending.rule.id} 不再使用。</p>
        </SchemaDialog>
      ) : null}
    </section>
  );
}
