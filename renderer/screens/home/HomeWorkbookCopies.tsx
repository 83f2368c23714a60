import { useState } from 'react';
import type { RolloverSummary, WorkbookInfo } from '../../../shared/api/contract';
import { isUserError } from '../../../shared/api/errors';
import { folderOf, formatClock } from '../../app/format';
import { messageOf, useSession } from '../../app/session';
import { WriteRefusalNotice, type WriteRefusal } from '../../components/WriteRefusal';
import type { Opener } from './HomeOpenWorkbook';


const pad = (n: number) => String(n).padStart(2, '0');

/** 临沂市养老托育指标台账-备份20261207.tzdb, beside the workbook. */
function suggestedCopy(info: WorkbookInfo, now: Date): string {
  const stem = info.name.replace(/\.tzdb$/i, '');
  return `${folderOf(info.path)}${stem}-备份${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}.tzdb`;
}

/** 临沂市2025—2030年指标台账.tzdb, beside the workbook. */
function suggestedNextPlan(info: WorkbookInfo, targetYear: number): string {
  return `${folderOf(info.path)}${info.region}${info.targetYear}—${targetYear}年指标台账.tzdb`;
}

function checkPath(target: string): string | null {
  if (target === '') return '尚未填写保存位置。请填写 .tzdb 文件的完整路径。';
  if (!target.toLowerCase().endsWith('.tzdb')) return '工作簿文件名须以 .tzdb 结尾。请在路径末尾加上 .tzdb。';
  return null;
}

/**
 * The open workbook's two copies (DESIGN "The workbook file"): 另存为/备份副本, a consistent copy
 * made at any time, and 转入下一规划期, the next plan's workbook with this plan's final values as
 * its baselines. Neither changes the workbook open now.
 */
export function HomeWorkbookCopies({ info, opener }: { info: WorkbookInfo; opener: Opener }) {
  const { api, setStatus } = useSession();
  const [copyPath, setCopyPath] = useState<string | null>(null);
  const [copyRefusal, setCopyRefusal] = useState<WriteRefusal | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [nextYear, setNextYear] = useState(String(info.targetYear + 5));
  const [nextPath, setNextPath] = useState<string | null>(null);
  const [nextRefusal, setNextRefusal] = useState<WriteRefusal | null>(null);
  const [made, setMade] = useState<RolloverSummary | null>(null);
  const [busy, setBusy] = useState(false);

  const shownCopy = copyPath ?? suggestedCopy(info, new Date());
  const targetYear = Number(nextYear);
  const yearProblem =
    !/^\d{4}$/.test(nextYear.trim()) || targetYear <= info.targetYear
      ? `新规划的目标年须是晚于 ${info.targetYear} 年的四位年份，例如 ${info.targetYear + 5}。`
      : null;
  const shownNext = nextPath ?? (yearProblem ? '' : suggestedNextPlan(info, targetYear));

  const saveCopy = async (overwrite: boolean) => {
    const target = shownCopy.trim();
    const problem = checkPath(target);
    setCopied(null);
    if (problem) {
      setCopyRefusal({ message: problem, overwrite: false });
      return;
    }
    setBusy(true);
    setCopyRefusal(null);
    try {
      const written = await api.saveWorkbookCopy({ path: target, overwrite });
      setCopied(written.path);
      setStatus(`副本已保存 ${formatClock(new Date())}`);
    } catch (error) {
      setCopyRefusal({ message: messageOf(error), overwrite: isUserError(error) && error.code === 'workbook_exists' });
    } finally {
      setBusy(false);
    }
  };

  const rollover = async (force: boolean) => {
    const target = shownNext.trim();
    const problem = yearProblem ?? checkPath(target);
    setMade(null);
    if (problem) {
      setNextRefusal({ message: problem, overwrite: false });
      return;
    }
    setBusy(true);
    setNextRefusal(null);
    try {
      const summary = await api.rolloverWorkbook({ path: target, targetYear, force });
      setMade(summary);
      setStatus(`已新建下一规划期工作簿“${summary.name}” ${formatClock(new Date())}`);
    } catch (error) {
      setNextRefusal({ message: messageOf(error), overwrite: isUserError(error) && error.code === 'workbook_exists' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="workbook-copies" data-testid="workbook-copies">
      <form
        className="new-workbook__fields"
        aria-label="另存为/备份副本"
        onSubmit={(event) => {
          event.preventDefault();
          void saveCopy(false);
        }}
      >
        <label className="form-field form-field--wide">
          <span className="form-label">副本保存为</span>
          <input className="text-input" value={shownCopy} onChange={(event) => setCopyPath(event.target.value)} placeholder="副本 .tzdb 文件的完整路径" />
        </label>
        <button type="submit" className="button" disabled={busy}>
          另存为/备份副本
        </button>
      </form>
      <p className="form-hint">副本是此刻工作簿的完整拷贝，可拷入 U 盘或发送；本窗口继续使用原工作簿。</p>
      {copyRefusal ? (
        <WriteRefusalNotice refusal={copyRefusal} busy={busy} testId="copy-refusal" onOverwrite={() => void saveCopy(true)} />
      ) : null}
      {copied ? (
        <p className="notice" role="status" data-testid="copy-done">
          副本已保存：<span data-verbatim>{copied}</span>
        </p>
      ) : null}

      <form
        className="new-workbook__fields"
        aria-label="转入下一规划期"
        onSubmit={(event) => {
          event.preventDefault();
          void rollover(false);
        }}
      >
        <label className="form-field">
          <span className="form-label">新规划目标年</span>
          <input className="text-input text-input--year" inputMode="numeric" value={nextYear} onChange={(event) => setNextYear(event.target.value)} />
        </label>
        <label className="form-field form-field--wide">
          <span className="form-label">新工作簿保存为</span>
          <input className="text-input" value={shownNext} onChange={(event) => setNextPath(event.target.value)} placeholder="新规划期工作簿 .tzdb 文件的完整路径" />
        </label>
        <button type="submit" className="button" disabled={busy}>
          转入下一规划期
        </button>
      </form>
      <p className="form-hint">
        以本规划期 {info.targetYear} 年的汇总值作新规划的基期值（附来源），目标值留待填写；填报单位、别名、校验规则、地区和记住的格式一并带入。本工作簿不作改动。
      </p>
      {nextRefusal ? (
        <WriteRefusalNotice refusal={nextRefusal} busy={busy} testId="rollover-refusal" onOverwrite={() => void rollover(true)} />
      ) : null}
      {made ? <RolloverDone summary={made} busy={busy || opener.busy} onOpen={(path) => void opener.open(path)} /> : null}
      {made && opener.refusal ? (
        <p className="notice notice--error" role="alert">
          {opener.refusal.message}
        </p>
      ) : null}
    </div>
  );
}

/** A long list named in part: the new workbook's 指标体系 shows them all. */
function listed(names: readonly string[]): string {
  const SHOWN = 8;
  return names.length > SHOWN ? `${names.slice(0, SHOWN).join('、')}等 ${names.length} 项` : names.join('、');
}

function RolloverDone({ summary, busy, onOpen }: { summary: RolloverSummary; busy: boolean; onOpen: (path: string) => void }) {
  const fromValues = summary.indicators - summary.withoutBaseline.length;
  return (
    <div className="notice" role="status" data-testid="rollover-done">
      <p>
        已新建下一规划期工作簿“<span data-verbatim>{summary.name}</span>”：基期 {summary.baseYear} 年，目标年 {summary.targetYear} 年；{summary.indicators} 项指标中 {fromValues} 项已取得基期值，目标值待填写。
      </p>
      {summary.baseYearOpen ? <p>{summary.baseYear} 年尚未定稿：基期值取自未定稿的汇总值，定稿后如有改动请在新工作簿中更正。</p> : null}
      {summary.earlierBaselines.length > 0 ? (
        <p>
          以下指标没有 {summary.baseYear} 年汇总值，基期值取自更早年份：{listed(summary.earlierBaselines.map((e) => `${e.name}（${e.year}年）`))}。
        </p>
      ) : null}
      {summary.withoutBaseline.length > 0 ? <p>以下指标没有汇总值，基期值待填：{listed(summary.withoutBaseline)}。</p> : null}
      <p className="notice__actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => onOpen(summary.path)}>
          打开新工作簿
        </button>
      </p>
    </div>
  );
}
