import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExportKind, ProgressRow, ReportKind } from '../../../shared/api/contract';
import type { YearState } from '../../../shared/domain';
import type { Finding, Indicator, Value } from '../../../shared/domain';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ExportPreview } from './ExportPreview';
import { formatDateTime } from '../../components/DataFormat';
import { downloadFile } from '../../download';

const KINDS: { kind: ExportKind; label: string; note: string; csv: boolean }[] = [
  { kind: 'annual', label: '年度汇总表', note: '本年度各指标的完成值，按发布格式排版', csv: true },
  { kind: 'evaluation', label: '中期/终期评估表', note: '基期值 → 目标值 → 完成值，是否达标', csv: true },
  { kind: 'findings', label: '核对问题清单', note: '按单位分表的催报与更正事项', csv: false },
  { kind: 'period', label: '规划期汇总表', note: '规划期内每年的完成值', csv: true },
];

export function ExportScreen() {
  const session = useSession();
  const { api, info, year, region } = session;
  const [state, setState] = useState<YearState | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [values, setValues] = useState<Value[]>([]);
  const [progress, setProgress] = useState<ReadonlyMap<string, ProgressRow>>(new Map());
  const [indicators, setIndicators] = useState<Map<string, Indicator>>(new Map());
  const [kind, setKind] = useState<ExportKind>('annual');
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [confirming, setConfirming] = useState<'signoff' | 'reopen' | null>(null);
  // 定稿 over open errors, and every 重新打开, says why: kept in the audit, printed in the tables.
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState<string | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  // The title bar's 地区, or the workbook's region with every sub-region, a sheet each.
  const [allRegions, setAllRegions] = useState(false);
  const [drafted, setDrafted] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!info) return;
    const [yearState, all, schema] = await Promise.all([api.yearState({ year }), api.listFindings({ year }), api.getSchema({})]);
    setState(yearState);
    setFindings(all);
    setIndicators(new Map(schema.indicators.map((i) => [i.code, i])));
  }, [api, info, year]);

  useEffect(() => {
    void session.run(load);
    // Reloaded when the year or the workbook changes; `session` itself is new on every render.
  }, [load]);

  useEffect(() => {
    if (!info || kind === 'findings') return;
    let current = true;
    const query = kind === 'period' ? { region } : { year, region };
    api.listValues(query).then(
      (list) => current && setValues(list),
      () => current && setValues([]),
    );
    // The preview's 进度状态 is the tables' own: the one progress computation 进度 shows.
    api.progress({ year, region }).then(
      (rows) => current && setProgress(new Map(rows.map((row) => [row.code, row]))),
      () => current && setProgress(new Map()),
    );
    return () => {
      current = false;
    };
  }, [api, info, kind, year, region]);

  const open = useMemo(() => findings.filter((f) => f.status === 'open'), [findings]);
  const errors = open.filter((f) => f.severity === 'error').length;
  const warnings = open.filter((f) => f.severity === 'warning').length;
  const resolutions = findings.filter((f) => f.status === 'resolved').length;
  const chosen = KINDS.find((k) => k.kind === kind)!;
  const together = allRegions && kind !== 'findings' && (info?.subregions.length ?? 0) > 0;
  const effectiveFormat = chosen.csv && !together ? format : 'xlsx';

  const signed = state?.signedOff ?? false;
  const reasonRequired = signed || errors > 0;

  const ask = () => {
    if (reasonRequired && reason.trim() === '') {
      setReasonMissing(signed ? '重新打开须说明原因，请先在左侧框中填写。' : `还有 ${errors} 个错误未处理，定稿须说明原因，请先在左侧框中填写。`);
      document.getElementById('year-reason')?.focus();
      return;
    }
    setReasonMissing(null);
    setConfirming(signed ? 'reopen' : 'signoff');
  };

  const decide = async () => {
    const action = confirming;
    setConfirming(null);
    const note = reason.trim();
    const next = await session.run(() => (action === 'signoff' ? api.signOffYear({ year, note }) : api.reopenYear({ year, note })));
    if (next) {
      setState(next);
      setReason('');
    }
    await load();
  };

  // 终期评估 from the target year on, 中期评估 for a year inside the plan period; none before it.
  const reportKind: ReportKind | null = !info || year <= info.baseYear ? null : year >= info.targetYear ? 'final' : 'midterm';

  const draftReport = async () => {
    if (!reportKind) return;
    const file = await session.run(() => api.exportReport({ year, kind: reportKind, region }));
    if (!file) return;
    downloadFile(file);
    setDrafted(file.name);
  };

  const exportNow = async () => {
    const file = await session.run(() => api.exportTable({ year, kind, format: effectiveFormat, ...(together ? { allRegions: true } : { region }) }));
    if (!file) return;
    downloadFile(file);
    setExported(file.name);
  };

  if (!info) {
    return (
      <section className="screen data-screen" aria-labelledby="screen-export">
        <h1 id="screen-export" className="screen__title">
          定稿与导出
        </h1>
        <p className="empty-state">尚未打开工作簿，没有可定稿或导出的内容。请先在“首页”新建或打开工作簿。</p>
      </section>
    );
  }

  const draft = !state?.signedOff || errors > 0;
  return (
    <section className="screen data-screen" aria-labelledby="screen-export">
      <h1 id="screen-export" className="screen__title">
        定稿与导出<span className="screen__hint">{year}年</span>
      </h1>
      <div className="year-state" data-testid="export-year-state">
        <div className="year-state__line">
          <span className={`year-state__badge${state?.signedOff ? ' year-state__badge--signed' : ''}`}>{state?.signedOff ? '已定稿' : '初稿'}</span>
          {state?.signedOff ? (
            <span>
              {formatDateTime(state.signedAt)} 由 {state.signedBy ?? '—'} 定稿
            </span>
          ) : null}
          {state?.signedOff && state.signOff ? (
            <span className="year-state__signed-reason" data-testid="signoff-reason">
              {state.signOff.openErrors > 0 ? `定稿时尚有 ${state.signOff.openErrors} 个错误未处理，原因：` : '定稿说明：'}
              {state.signOff.note}
            </span>
          ) : null}
          <span>待处理错误 {errors} 个</span>
          <span>警告 {warnings} 个</span>
          <span>已处理 {resolutions} 个</span>
        </div>
        <div className="year-state__line year-state__decide">
          <label className="year-state__reason">
            <span className="form-label">{signed ? '重新打开原因' : '定稿原因'}</span>
            <input
              id="year-reason"
              className="text-input"
              value={reason}
              maxLength={2000}
              aria-invalid={reasonMissing !== null}
              placeholder={signed ? '必填：如哪个单位报来了更正' : errors > 0 ? `必填：为何带着 ${errors} 个错误定稿` : '选填'}
              onChange={(event) => {
                setReason(event.target.value);
                setReasonMissing(null);
              }}
            />
          </label>
          {signed ? (
            <button type="button" className="action" onClick={ask}>
              重新打开
            </button>
          ) : (
            <button type="button" className="action action--primary" onClick={ask}>
              定稿
            </button>
          )}
          {reasonMissing ? (
            <span className="inline-error" role="alert">
              {reasonMissing}
            </span>
          ) : null}
        </div>
        {!signed && errors > 0 ? <p className="warning-text">还有 {errors} 个错误未处理。请先到“核对”中处理，或在说明原因后定稿。</p> : null}
      </div>
      {confirming ? (
        <ConfirmDialog
          title={confirming === 'signoff' ? `定稿 ${year} 年？` : `重新打开 ${year} 年？`}
          text={
            confirming === 'signoff'
              ? `定稿后，${year}年的数值不能再导入或修改，直到重新打开。${errors > 0 ? `目前还有 ${errors} 个错误未处理，原因将印在导出表格的注中。` : ''}`
              : `重新打开后，${year}年可以继续导入和修改，此后导出的表格标为初稿。`
          }
          onConfirm={() => void decide()}
          onCancel={() => setConfirming(null)}
        >
          {reason.trim() !== '' ? <p className="confirm-dialog__reason">原因：{reason.trim()}</p> : null}
        </ConfirmDialog>
      ) : null}
      <h2 className="screen__subtitle">导出</h2>
      <div className="export-choices" role="radiogroup" aria-label="导出的表格">
        {KINDS.map((k) => (
          <label key={k.kind} className={`export-choice${kind === k.kind ? ' export-choice--on' : ''}`}>
            <input type="radio" name="export-kind" value={k.kind} checked={kind === k.kind} onChange={() => setKind(k.kind)} />
            <strong>{k.label}</strong>
            <span className="muted">{k.note}</span>
          </label>
        ))}
      </div>
      {info && info.subregions.length > 0 && kind !== 'findings' ? (
        <div className="toolbar" role="radiogroup" aria-label="导出的地区">
          <span>地区</span>
          <label>
            <input type="radio" name="export-region" checked={!allRegions} onChange={() => setAllRegions(false)} /> {region}
          </label>
          <label>
            <input type="radio" name="export-region" checked={allRegions} onChange={() => setAllRegions(true)} /> {info.region}及各县区（每个地区一个工作表）
          </label>
        </div>
      ) : null}
      <div className="toolbar">
        <span>格式</span>
        <label>
          <input type="radio" name="export-format" checked={effectiveFormat === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel（.xlsx）
        </label>
        <label className={chosen.csv && !together ? undefined : 'muted'}>
          <input type="radio" name="export-format" disabled={!chosen.csv || together} checked={effectiveFormat === 'csv'} onChange={() => setFormat('csv')} /> CSV（.csv）
        </label>
        {!chosen.csv ? <span className="muted">核对问题清单分为多个工作表，只能导出为 .xlsx。</span> : together ? <span className="muted">各地区分表导出时只能为 .xlsx。</span> : null}
        <button type="button" className="action action--primary" onClick={() => void exportNow()}>
          导出
        </button>
        {exported ? (
          <span className="saved-note" data-testid="exported">
            已导出 {exported}
          </span>
        ) : null}
      </div>
      {draft ? (
        <p className="warning-text">
          {signed ? `本年度已定稿，但有 ${errors} 个错误未处理` : `本年度尚未定稿${errors > 0 ? `，且有 ${errors} 个错误未处理` : ''}`}，导出的表格将标为“初稿”。
        </p>
      ) : null}
      <h2 className="screen__subtitle">评估报告（指标部分）</h2>
      <div className="toolbar" data-testid="report-toolbar">
        <span>
          {reportKind ? `${region}${year}年${reportKind === 'final' ? '终期' : '中期'}评估报告（地区和年度按顶部所选）` : `${year}年不在规划期内，无法起草评估报告`}
        </span>
        <button type="button" className="action action--primary" disabled={!reportKind} onClick={() => void draftReport()}>
          起草评估报告
        </button>
        {drafted ? (
          <span className="saved-note" data-testid="drafted">
            已起草 {drafted}
          </span>
        ) : null}
      </div>
      <p className="muted">
        与评估表同一组数值，写成 Word 文档（.docx）：总体情况、分领域表和图、未达标及需关注指标（留有“请填写原因及下一步措施”）、数据来源与方法。
        {draft ? (signed ? '本年度尚有错误未处理，报告标为“初稿”。' : '本年度未定稿，报告标为“初稿”。') : ''}
      </p>
      <h2 className="screen__subtitle">
        预览：{chosen.label} · {kind === 'findings' ? '各填报单位' : together ? `${region}（另有各县区工作表）` : region}（前几行）
      </h2>
      <ExportPreview data={{ kind, year, values, findings, indicators, progress }} />
    </section>
  );
}
