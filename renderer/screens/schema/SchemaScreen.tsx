import { useCallback, useEffect, useState } from 'react';
import type { BureauUsage, Schema } from '../../../shared/domain';
import { AUDIT_ACTION_LABELS, bureauIndex, bureauNameProblem, canonicalBureau, normalizeBureauName, UNASSIGNED_BUREAU } from '../../../shared/domain';
import { isUserError } from '../../../shared/api/errors';
import { formatClock } from '../../app/format';
import { messageOf, useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { undecidedReporters } from '../../components/SchemaFormat';
import { mergeSummary, SchemaBureauPanel } from './SchemaBureauPanel';
import { SchemaIndicatorGrid } from './SchemaIndicatorGrid';
import type { SchemaOutcome } from './SchemaOutcome';
import { SchemaOutcomeLine } from './SchemaOutcome';
import type { ReporterRequest } from './SchemaReporterToolbar';
import { SchemaReporterToolbar } from './SchemaReporterToolbar';
import { SchemaRulesGrid } from './SchemaRulesGrid';

type Tab = 'indicators' | 'rules';

/** A question before a change: 确定 runs `then`. */
interface Question {
  title: string;
  text: string;
  then(): void;
}

/** The bulk assignment the service takes: the bureau by its listed name, or null for 未指定. */
type Assignment = Omit<ReporterRequest, 'bureau'> & { bureau: string | null };

const shownBureau = (bureau: string | null) => bureau ?? UNASSIGNED_BUREAU;

/** Which indicators a request covers, in words: 所选的 3 项指标, 领域“…”的指标. */
function scopeWords(request: ReporterRequest): string {
  if (request.codes) return `所选的 ${request.codes.length} 项指标`;
  if (request.area !== undefined) return `领域“${request.area}”中${request.unassigned ? '未指定填报单位' : ''}的指标`;
  return request.unassigned ? '全部未指定填报单位的指标' : '这些指标';
}

/**
 * 指标体系: the indicators by 领域 with their 填报单位, the 单位名单 they are chosen from, and the
 * 校验规则. Bulk actions cannot surprise: one that would replace assigned 填报单位 or decided
 * findings says how many and asks; the selection clears after each; 撤销 puts the last one back.
 */
export function SchemaScreen() {
  const { api, info, refresh, setStatus } = useSession();
  const [schema, setSchema] = useState<Schema | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('indicators');
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [selectionEpoch, setSelectionEpoch] = useState(0);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SchemaOutcome | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
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

  /**
   * Runs a change; a refusal that only wants confirmation (overwrite_unconfirmed) becomes the
   * question it words, and 确定 runs the change again confirmed.
   */
  const change = useCallback(
    async <T,>(work: (confirmOverwrite: boolean) => Promise<T>, describe: (result: T) => SchemaOutcome, confirmOverwrite = false): Promise<void> => {
      setBusy(true);
      // The grid and the list are read again before the outcome shows, so that both say the same.
      const reload = async () => {
        await load();
        if (panelOpen) await loadBureaus();
      };
      try {
        const result = await work(confirmOverwrite);
        await reload();
        setOutcome(describe(result));
        setStatus(`已保存 ${formatClock(new Date())}`);
        await refresh();
      } catch (error) {
        await reload();
        if (!confirmOverwrite && isUserError(error) && error.code === 'overwrite_unconfirmed') {
          setQuestion({ title: '将覆盖已有的指定，是否继续？', text: error.message, then: () => void change(work, describe, true) });
        } else {
          setOutcome({ text: messageOf(error), tone: 'error' });
        }
      } finally {
        setBusy(false);
      }
    },
    [load, loadBureaus, panelOpen, refresh, setStatus],
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
      setQuestion({
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
    setQuestion({
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
          {outcome && !panelOpen ? <SchemaOutcomeLine outcome={outcome} busy={busy || readOnly} onUndo={undo} testId="schema-outcome" /> : null}
          {readOnly ? <p className="inline-note">工作簿以只读方式打开，不能指定填报单位。</p> : null}
          <SchemaIndicatorGrid
            schema={schema}
            filter={filter}
            readOnly={readOnly}
            selectionEpoch={selectionEpoch}
            onSelectionChanged={setSelected}
            // A cell's own dropdown is one deliberate choice, its old value in view: asked nothing.
            onAssign={(code, bureau) => void runAssign({ bureau, codes: [code] }, true)}
          />
        </>
      ) : (
        <SchemaRulesGrid schema={schema} />
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
      {question ? (
        <ConfirmDialog
          title={question.title}
          text={question.text}
          onConfirm={() => {
            const then = question.then;
            setQuestion(null);
            then();
          }}
          onCancel={() => setQuestion(null)}
        />
      ) : null}
    </section>
  );
}
