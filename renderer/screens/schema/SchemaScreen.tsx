import { useCallback, useEffect, useState } from 'react';
import type { BureauUsage, EditableField, IndicatorChanges, IndicatorEditPreview, IndicatorRemovalPreview, NewIndicator, NewRule, Rule, Schema } from '../../../shared/domain';
import { AUDIT_ACTION_LABELS, FIELD_LABELS, UNASSIGNED_BUREAU, bureauIndex, bureauNameProblem, canonicalBureau, normalizeBureauName } from '../../../shared/domain';
import { isUserError } from '../../../shared/api/errors';
import { formatNumber } from '../../../shared/format/figures';
import { formatClock } from '../../app/format';
import { messageOf, useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { areasOf, undecidedReporters } from '../../components/SchemaFormat';
import { SchemaAddIndicator } from './SchemaAddIndicator';
import { SchemaAddRule } from './SchemaAddRule';
import { mergeSummary, SchemaBureauPanel } from './SchemaBureauPanel';
import { SchemaIndicatorGrid, type CellRefusal } from './SchemaIndicatorGrid';
import type { SchemaOutcome } from './SchemaOutcome';
import { SchemaOutcomeLine } from './SchemaOutcome';
import type { ReporterRequest } from './SchemaReporterToolbar';
import { SchemaReporterToolbar } from './SchemaReporterToolbar';
import { SchemaRulesGrid } from './SchemaRulesGrid';

type Tab = 'indicators' | 'rules';

/**
 * What waits for the officer's 确定: an edit that changes figures, a removal, a new indicator or
 * rule; or a question before a change (a new bureau to add, assignments to overwrite, a merge),
 * whose 确定 runs `then`.
 */
type Pending =
  | { kind: 'edit'; code: string; field: EditableField; changes: IndicatorChanges; preview: IndicatorEditPreview }
  | { kind: 'remove'; preview: IndicatorRemovalPreview }
  | { kind: 'add'; auxiliary: boolean }
  | { kind: 'addRule' }
  | { kind: 'removeRule'; rule: Rule }
  | { kind: 'question'; title: string; text: string; then(): void };

/** The bulk assignment the service takes: the bureau by its listed name, or null for 未指定. */
type Assignment = Omit<ReporterRequest, 'bureau'> & { bureau: string | null };

const stateWord = (value: number | null) => (value === null ? '—' : formatNumber(value));

const shownBureau = (bureau: string | null) => bureau ?? UNASSIGNED_BUREAU;

/** Which indicators a request covers, in words: 所选的 3 项指标, 领域“…”的指标. */
function scopeWords(request: ReporterRequest): string {
  if (request.codes) return `所选的 ${request.codes.length} 项指标`;
  if (request.area !== undefined) return `领域“${request.area}”中${request.unassigned ? '未指定填报单位' : ''}的指标`;
  return request.unassigned ? '全部未指定填报单位的指标' : '这些指标';
}

/**
 * 指标体系: the indicators by 领域, edited in place, with their 填报单位; the 单位名单 those are
 * chosen from; and the 校验规则. An edit that changes figures says so and asks; a refused one is
 * said beside its cell. Bulk actions cannot surprise: one that would replace assigned 填报单位 or
 * decided findings says how many and asks; the selection clears after each; 撤销 puts the last
 * one back.
 */
export function SchemaScreen() {
  const { api, info, refresh, setStatus } = useSession();
  const [schema, setSchema] = useState<Schema | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('indicators');
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [selectionEpoch, setSelectionEpoch] = useState(0);
  const [selectedRule, setSelectedRule] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SchemaOutcome | null>(null);
  const [refusal, setRefusal] = useState<CellRefusal | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [focusCode, setFocusCode] = useState<string | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);
  const [bureaus, setBureaus] = useState<BureauUsage[] | null>(null);

  const load = useCallback(async () => {
    try {
      setSchema(await api.getSchema({}));
      setLoadError(null);
    } catch (error) {
      setLoadError(messageOf(error));
    }
  }, [api]);

  const loadBureaus = useCallback(async () => {
    try {
      setBureaus(await api.listBureaus({}));
    } catch (error) {
      setOutcome({ text: messageOf(error), tone: 'error' });
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (panelOpen) void loadBureaus();
  }, [panelOpen, loadBureaus]);

  /** The grid (and 单位名单 when open) read again, so that both say what the outcome says. */
  const reload = useCallback(async () => {
    await load();
    if (panelOpen) await loadBureaus();
  }, [load, loadBureaus, panelOpen]);

  /** A write, then the schema read again, its outcome, and 已保存 in the status bar. */
  const saved = useCallback(
    async (done: SchemaOutcome) => {
      await reload();
      setOutcome(done);
      setStatus(`已保存 ${formatClock(new Date())}`);
      await refresh();
    },
    [refresh, reload, setStatus],
  );

  /**
   * Runs a change; a refusal that only wants confirmation (overwrite_unconfirmed) becomes the
   * question it words, and 确定 runs the change again confirmed.
   */
  const change = useCallback(
    async <T,>(work: (confirmOverwrite: boolean) => Promise<T>, describe: (result: T) => SchemaOutcome, confirmOverwrite = false): Promise<void> => {
      setBusy(true);
      try {
        const result = await work(confirmOverwrite);
        await saved(describe(result));
      } catch (error) {
        await reload();
        if (!confirmOverwrite && isUserError(error) && error.code === 'overwrite_unconfirmed') {
          setPending({ kind: 'question', title: '将覆盖已有的指定，是否继续？', text: error.message, then: () => void change(work, describe, true) });
        } else {
          setOutcome({ text: messageOf(error), tone: 'error' });
        }
      } finally {
        setBusy(false);
      }
    },
    [reload, saved],
  );

  const runAssign = useCallback(
    (assignment: Assignment, direct = false) =>
      change(
        (confirmOverwrite) => api.assignReporters({ ...assignment, ...(confirmOverwrite || direct ? { confirmOverwrite: true } : {}) }),
        (changes) => {
          // The rows acted on are let go: the next action starts from a fresh choice.
          if (changes.length > 0) setSelectionEpoch((epoch) => epoch + 1);
          return changes.length > 0
            ? { text: `已将 ${changes.length} 项指标的填报单位指定为“${shownBureau(assignment.bureau)}”。`, tone: 'ok', undo: true }
            : { text: `所选指标的填报单位已是“${shownBureau(assignment.bureau)}”，未作改动。`, tone: 'ok' };
        },
      ),
    [api, change],
  );

  /** A bureau as typed: 未指定, a listed name or alias, or a new one offered to be added first. */
  const assign = useCallback(
    (request: ReporterRequest) => {
      if (!schema) return;
      const typed = request.bureau.trim();
      if (normalizeBureauName(typed) === UNASSIGNED_BUREAU) return void runAssign({ ...request, bureau: null });
      const known = canonicalBureau(bureauIndex(schema.bureaus), typed);
      if (known) return void runAssign({ ...request, bureau: known });
      const problem = bureauNameProblem(schema.bureaus, typed);
      if (problem) return setOutcome({ text: problem.message, tone: 'error' });
      setPending({
        kind: 'question',
        title: `“${typed}”不在单位名单中，添加为新单位？`,
        text: `添加后即把${scopeWords(request)}的填报单位指定为“${typed}”。如它是名单中某单位的另一叫法，请取消，改为从下拉列表中选择该单位。`,
        then: () =>
          void (async () => {
            try {
              await api.addBureau({ name: typed });
            } catch (error) {
              setOutcome({ text: messageOf(error), tone: 'error' });
              return;
            }
            await runAssign({ ...request, bureau: typed });
          })(),
      });
    },
    [api, runAssign, schema],
  );

  const undo = useCallback(
    () =>
      void change(
        () => api.undoLastChange({}),
        (undone) => ({ text: `已撤销：${AUDIT_ACTION_LABELS[undone.action]}（${undone.target}）。`, tone: 'ok' }),
      ),
    [api, change],
  );

  const addBureau = (name: string, aliases: string[]) =>
    void change(
      () => api.addBureau({ name, aliases }),
      (bureau) => ({ text: `已把“${bureau.name}”添加到单位名单。`, tone: 'ok' }),
    );

  const renameBureau = (name: string, newName: string) =>
    void change(
      (confirmOverwrite) => api.renameBureau({ name, newName, ...(confirmOverwrite ? { confirmOverwrite } : {}) }),
      (moved) => ({ text: `已将“${moved.from}”改名为“${moved.into}”（原名保留为别名）：${moved.indicators} 项指标、${moved.returns} 份报表随之改动。`, tone: 'ok', undo: true }),
    );

  const mergeBureaus = (from: BureauUsage, into: BureauUsage) =>
    setPending({
      kind: 'question',
      title: `把“${from.name}”并入“${into.name}”？`,
      text: `${mergeSummary(from, into)}合并记入审计日志，可以撤销。`,
      then: () =>
        void change(
          (confirmOverwrite) => api.mergeBureaus({ from: from.name, into: into.name, ...(confirmOverwrite ? { confirmOverwrite } : {}) }),
          (moved) => ({
            text: `已将“${moved.from}”并入“${moved.into}”：${moved.indicators} 项指标、${moved.returns} 份报表随之改动，增加 ${moved.aliases} 个别名。`,
            tone: 'ok',
            undo: true,
          }),
        ),
    });

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
      await saved({ text: `${parts.join('，')}。`, tone: 'ok' });
    },
    [api, saved],
  );

  /** A cell's text: read, asked about, refused beside the cell, or confirmed first when it changes figures. */
  const edit = useCallback(
    async (code: string, field: EditableField, text: string) => {
      const indicator = schema?.indicators.find((i) => i.code === code);
      if (!indicator) return;
      setBusy(true);
      try {
        // The workbook reads the cell as typed: the window parses no figure of its own.
        const typed = await api.readIndicatorFields({ fields: { [field]: text }, unit: indicator.unit });
        const problem = typed.problems[field];
        if (problem) {
          setRefusal({ code, field, message: problem });
          return;
        }
        setRefusal(null);
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
  const confirmPending = useCallback(async (work: () => Promise<void>) => {
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
  }, []);

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
  const outcomeLine = outcome && !panelOpen ? <SchemaOutcomeLine outcome={outcome} busy={busy || readOnly} onUndo={undo} testId="schema-outcome" /> : null;
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
            onOpenBureaus={() => setPanelOpen(true)}
            onConfirmProposed={() =>
              void change(
                () => api.confirmProposedReporters({}),
                (changes) => ({ text: `已确认 ${changes.length} 项指标的建议填报单位。`, tone: 'ok', undo: true }),
              )
            }
          />
          {outcomeLine}
          {readOnly ? <p className="inline-note">工作簿以只读方式打开，不能修改指标体系或指定填报单位。</p> : null}
          <SchemaIndicatorGrid
            schema={schema}
            filter={filter}
            readOnly={readOnly}
            refusal={refusal}
            focusCode={focusCode}
            selectionEpoch={selectionEpoch}
            onSelectionChanged={setSelected}
            // A cell's own dropdown is one deliberate choice, its old value in view: asked nothing.
            onAssign={(code, bureau) => void runAssign({ bureau, codes: [code] }, true)}
            onEdit={(code, field, text) => void edit(code, field, text)}
            onDismissRefusal={() => setRefusal(null)}
            onFocused={() => setFocusCode(null)}
          />
        </>
      ) : (
        <>
          {outcomeLine}
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
      {panelOpen ? (
        <SchemaBureauPanel
          bureaus={bureaus}
          readOnly={readOnly}
          busy={busy}
          outcome={outcome}
          onAdd={addBureau}
          onRename={renameBureau}
          onMerge={mergeBureaus}
          onUndo={undo}
          onClose={() => setPanelOpen(false)}
        />
      ) : null}
      {pending?.kind === 'question' ? (
        <ConfirmDialog
          title={pending.title}
          text={pending.text}
          onConfirm={() => {
            setPending(null);
            pending.then();
          }}
          onCancel={() => setPending(null)}
        />
      ) : null}
      {pending?.kind === 'edit' ? (
        <ConfirmDialog
          wide
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
        </ConfirmDialog>
      ) : null}
      {pending?.kind === 'remove' ? (
        <ConfirmDialog
          wide
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
                    setSelectionEpoch((epoch) => epoch + 1);
                    await saved({
                      text: removal.archived
                        ? `已归档指标“${removal.name}”（${removal.code}），其 ${removal.figures} 个填报数保留在报送明细中。`
                        : `已删除指标“${removal.name}”（${removal.code}）。`,
                      tone: 'ok',
                    });
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
        </ConfirmDialog>
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
              await saved({
                text: `已新增${added.auxiliary ? '辅助' : ''}指标“${added.name}”，编码 ${added.code}。${added.reporter ? '' : '请为它指定填报单位。'}`,
                tone: 'ok',
              });
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
              await saved({ text: `已新增校验规则 ${added.id}“${added.name}”。`, tone: 'ok' });
            })
          }
        />
      ) : null}
      {pending?.kind === 'removeRule' ? (
        <ConfirmDialog
          wide
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
              await saved({ text: `已删除校验规则 ${removed.id}“${removed.name}”。`, tone: 'ok' });
            })
          }
        >
          <p>“{pending.rule.name}”将不再用于核对；由它提出的核对问题随之消失。删除记入审计日志，编号 {pending.rule.id} 不再使用。</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
