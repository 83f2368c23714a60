import { useEffect, useMemo, useState } from 'react';
import type { FileBytes, TemplatePlan } from '../../../shared/api/contract';
import { isUserError } from '../../../shared/api/errors';
import type { Indicator, Schema } from '../../../shared/domain';
import { formatClock, selectableYears } from '../../app/format';
import { messageOf, useSession } from '../../app/session';
import { reporterCounts } from '../../components/SchemaFormat';
import { TemplatesPreview } from './TemplatesPreview';

interface MadeFile {
  name: string;
  bureau: string;
  region: string;
  url: string;
  size: number;
}

/** Indicators that stop templates: no 填报单位, or only a proposal (auxiliary ones may be shared). */
function blockingIndicators(schema: Schema): Indicator[] {
  return schema.indicators.filter((indicator) => indicator.reporterProposed || (!indicator.reporter && !indicator.auxiliary));
}

function linkOf(file: FileBytes & { bureau: string; region: string }): MadeFile {
  const blob = new Blob([file.bytes.slice()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  return { name: file.name, bureau: file.bureau, region: file.region, url: URL.createObjectURL(blob), size: file.bytes.length };
}

/** 下发模板: which bureaus and regions, the year, a preview, and the files to send out. */
export function TemplatesScreen() {
  const { api, info, year: sessionYear, go, refresh, setStatus } = useSession();
  const [schema, setSchema] = useState<Schema | null>(null);
  const [plans, setPlans] = useState<{ plans: TemplatePlan[]; problem: string | null }>({ plans: [], problem: null });
  const [loadError, setLoadError] = useState<string | null>(null);
  const [year, setYear] = useState(sessionYear);
  const [excludedBureaus, setExcludedBureaus] = useState<Set<string>>(new Set());
  const regionsAll = info ? [info.region, ...info.subregions.filter((name) => name !== info.region)] : [];
  const [regions, setRegions] = useState<string[]>(info ? [info.region] : []);
  const [previewBureau, setPreviewBureau] = useState('');
  const [made, setMade] = useState<MadeFile[]>([]);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  useEffect(() => setYear(sessionYear), [sessionYear]);

  useEffect(() => {
    let current = true;
    api.getSchema({}).then(
      (answer) => current && setSchema(answer),
      (error: unknown) => current && setLoadError(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [api]);

  // Blob URLs live as long as the list that offers them.
  useEffect(() => () => made.forEach((file) => URL.revokeObjectURL(file.url)), [made]);

  const bureaus = useMemo(() => (schema ? reporterCounts(schema) : []), [schema]);
  const blocking = useMemo(() => (schema ? blockingIndicators(schema) : []), [schema]);
  const chosenBureaus = bureaus.filter((entry) => !excludedBureaus.has(entry.bureau)).map((entry) => entry.bureau);

  // The preview is the service's plan of what each template will ask (last year's value included).
  const unassigned = blocking.length > 0;
  useEffect(() => {
    let current = true;
    if (!schema || unassigned) {
      setPlans({ plans: [], problem: null });
      return;
    }
    api.previewTemplates({ year, regions: regions.slice(0, 1) }).then(
      (answer) => current && setPlans({ plans: answer, problem: null }),
      (error: unknown) => current && setPlans({ plans: [], problem: isUserError(error) ? error.message : messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, schema, unassigned, year, regions]);
  const shownBureau = chosenBureaus.includes(previewBureau) ? previewBureau : (chosenBureaus[0] ?? '');
  const shownPlan = plans.plans.find((plan) => plan.bureau === shownBureau) ?? null;

  if (loadError) {
    return (
      <section className="screen">
        <h1 className="screen__title">下发模板</h1>
        <p className="error-text" role="alert">
          {loadError}
        </p>
      </section>
    );
  }
  if (!schema || !info) {
    return (
      <section className="screen">
        <h1 className="screen__title">下发模板</h1>
        <p className="empty-state">正在读取指标体系…</p>
      </section>
    );
  }

  const make = async () => {
    if (chosenBureaus.length === 0 || regions.length === 0) {
      setRefusal('尚未选择填报单位或地区。请至少勾选一个填报单位和一个地区。');
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const files = await api.makeTemplates({ year, regions });
      const wanted = files.filter((file) => chosenBureaus.includes(file.bureau));
      setMade(wanted.map(linkOf));
      setStatus(`已生成 ${wanted.length} 份模板 ${formatClock(new Date())}`);
      await refresh();
    } catch (error) {
      setRefusal(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((entry) => entry !== item));
  const blocked = blocking.length > 0 || plans.problem !== null;

  return (
    <section className="screen" aria-labelledby="screen-templates">
      <h1 id="screen-templates" className="screen__title">
        下发模板
      </h1>
      {blocked ? (
        <div className="notice notice--warn" data-testid="templates-blocked">
          <p>
            {blocking.length > 0
              ? `还有 ${blocking.length} 项指标没有确定的填报单位，暂不能生成模板。模板按填报单位生成，请先在“指标体系”中指定或确认以下指标的填报单位。`
              : plans.problem}
          </p>
          {blocking.length > 0 ? (
            <ul className="blocked-list">
              {blocking.map((indicator) => (
                <li key={indicator.code}>
                  {indicator.code} {indicator.name}
                  <span className="blocked-list__state">{indicator.reporter ? `「建议」${indicator.reporter}，待确认` : '未指定'}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="notice__actions">
            <button type="button" className="button button--primary" onClick={() => go('schema')}>
              去指标体系
            </button>
          </p>
        </div>
      ) : null}
      <div className="two-panes">
        <div className="pane pane--side">
          <fieldset className="field-set" disabled={blocked}>
            <legend>填报单位</legend>
            {bureaus.length === 0 ? <p className="empty-state">尚无指定了填报单位的指标。</p> : null}
            {bureaus.map((entry) => (
              <label key={entry.bureau} className="check-row">
                <input
                  type="checkbox"
                  checked={!excludedBureaus.has(entry.bureau)}
                  onChange={(event) => {
                    const next = new Set(excludedBureaus);
                    if (event.target.checked) next.delete(entry.bureau);
                    else next.add(entry.bureau);
                    setExcludedBureaus(next);
                  }}
                />
                <span className="check-row__label">{entry.bureau}</span>
                <span className="check-row__count">{entry.count} 项</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="field-set" disabled={blocked}>
            <legend>地区</legend>
            {regionsAll.map((region) => (
              <label key={region} className="check-row">
                <input type="checkbox" checked={regions.includes(region)} onChange={(event) => setRegions(toggle(regions, region, event.target.checked))} />
                <span className="check-row__label">{region}</span>
                {region === info.region ? <span className="check-row__count">本级</span> : null}
              </label>
            ))}
          </fieldset>
          <div className="form-row">
            <label className="form-label" htmlFor="templates-year">
              年度
            </label>
            <select id="templates-year" className="select" value={year} onChange={(event) => setYear(Number(event.target.value))} disabled={blocked}>
              {selectableYears(info, year).map((option) => (
                <option key={option} value={option}>
                  {option} 年
                </option>
              ))}
            </select>
            <button type="button" className="button button--primary" disabled={blocked || busy} onClick={() => void make()}>
              生成模板
            </button>
          </div>
          {refusal ? (
            <p className="inline-error" role="alert">
              {refusal}
            </p>
          ) : null}
          {made.length > 0 ? (
            <div className="made-files" data-testid="made-templates">
              <p className="made-files__title">已生成 {made.length} 份模板，点文件名保存：</p>
              <ul>
                {made.map((file) => (
                  <li key={file.url}>
                    <a href={file.url} download={file.name}>
                      {file.name}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <div className="pane pane--main">
          <div className="form-row">
            <span className="form-label">模板预览</span>
            <select className="select" aria-label="预览哪个单位的模板" value={shownBureau} onChange={(event) => setPreviewBureau(event.target.value)} disabled={chosenBureaus.length === 0}>
              {chosenBureaus.map((bureau) => (
                <option key={bureau} value={bureau}>
                  {bureau}
                </option>
              ))}
            </select>
          </div>
          {shownPlan ? (
            <TemplatesPreview plan={shownPlan} />
          ) : (
            <p className="empty-state">{blocked ? '确定全部填报单位后，这里显示模板的样子。' : '勾选填报单位和地区后，这里显示模板的样子。'}</p>
          )}
        </div>
      </div>
    </section>
  );
}
