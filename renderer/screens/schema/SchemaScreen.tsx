import { useCallback, useEffect, useState } from 'react';
import type { Schema } from '../../../shared/domain';
import { formatClock } from '../../app/format';
import { messageOf, useSession } from '../../app/session';
import { undecidedReporters } from '../../components/SchemaFormat';
import { SchemaIndicatorGrid } from './SchemaIndicatorGrid';
import type { ReporterRequest } from './SchemaReporterToolbar';
import { SchemaReporterToolbar } from './SchemaReporterToolbar';
import { SchemaRulesGrid } from './SchemaRulesGrid';

type Tab = 'indicators' | 'rules';

/** 指标体系: the indicators by 领域 with their 填报单位, and the 校验规则. */
export function SchemaScreen() {
  const { api, info, refresh, setStatus } = useSession();
  const [schema, setSchema] = useState<Schema | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('indicators');
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; tone: 'ok' | 'error' } | null>(null);

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

  const change = useCallback(
    async (work: () => Promise<{ code: string; name: string; after: string | null }[]>, describe: (count: number) => string) => {
      setBusy(true);
      try {
        const changes = await work();
        setOutcome({ text: describe(changes.length), tone: 'ok' });
        setStatus(`已保存 ${formatClock(new Date())}`);
        await refresh();
      } catch (error) {
        setOutcome({ text: messageOf(error), tone: 'error' });
      } finally {
        await load();
        setBusy(false);
      }
    },
    [load, refresh, setStatus],
  );

  const assign = useCallback(
    (request: ReporterRequest) =>
      void change(
        () => api.assignReporters(request),
        (count) => (count > 0 ? `已将 ${count} 项指标的填报单位指定为“${request.bureau}”。` : `所选指标的填报单位已是“${request.bureau}”，未作改动。`),
      ),
    [api, change],
  );

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
          {readOnly ? <p className="inline-note">工作簿以只读方式打开，不能指定填报单位。</p> : null}
          <SchemaIndicatorGrid
            schema={schema}
            filter={filter}
            readOnly={readOnly}
            onSelectionChanged={setSelected}
            onAssign={(code, bureau) => assign({ bureau, codes: [code] })}
          />
        </>
      ) : (
        <SchemaRulesGrid schema={schema} />
      )}
    </section>
  );
}
