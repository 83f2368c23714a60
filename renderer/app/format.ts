import type { ImportFileResult, WorkbookInfo } from '../../shared/api/contract';

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026年11月25日 10:42, in this computer's time zone (UI.md "Conventions"). */
export function formatDateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日 ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 10:42: the status bar's 已保存 time. */
export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** 县区/功能区 as the officer types them: 兰山区、罗庄区, 河东区. */
export function splitNames(text: string): string[] {
  return [...new Set(text.split(/[,，、;；\s]+/).map((part) => part.trim()).filter((part) => part !== ''))];
}

/** The folder part of a path typed on Windows or Linux. */
export function folderOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '' : path.slice(0, cut + 1);
}

/** The year the officer most likely works on: the latest with returns, else last year within the plan. */
export function defaultYear(info: Pick<WorkbookInfo, 'baseYear' | 'targetYear'>, yearsWithReturns: readonly number[], now: Date): number {
  if (yearsWithReturns.length > 0) return Math.max(...yearsWithReturns);
  const lastYear = now.getFullYear() - 1;
  return Math.min(Math.max(lastYear, info.baseYear + 1), info.targetYear);
}

/**
 * The years the title bar and 下发模板 offer: every year of the plan period (a new workbook can
 * make templates for 2021 as well as 2025), any other year with data, and the one selected.
 */
export function selectableYears(info: Pick<WorkbookInfo, 'years' | 'baseYear' | 'targetYear'> | null, selected: number): number[] {
  const period: number[] = [];
  if (info) for (let y = info.baseYear + 1; y <= info.targetYear; y++) period.push(y);
  return [...new Set([...period, ...(info?.years ?? []), selected])].sort((a, b) => a - b);
}

/**
 * Where a batch's returns went, for the view to follow: the one year they all went to, or null
 * when they went to none or to several (then `years` names them).
 */
export function importedYears(results: readonly Pick<ImportFileResult, 'outcome' | 'year'>[]): { years: number[]; only: number | null } {
  const years = [...new Set(results.filter((r) => r.outcome === 'imported' && r.year !== null).map((r) => r.year as number))].sort((a, b) => a - b);
  return { years, only: years.length === 1 ? (years[0] as number) : null };
}

/** 初稿 · 3 个错误 / 已定稿: the year's state as the title bar shows it. */
export function yearStateText(info: WorkbookInfo, year: number): string {
  const signed = info.signedOff.find((state) => state.year === year)?.signedOff ?? false;
  if (signed) return '已定稿';
  const open = info.openFindings.find((entry) => entry.year === year);
  const parts = ['初稿'];
  if (open && open.errors > 0) parts.push(`${open.errors} 个错误`);
  if (open && open.warnings > 0) parts.push(`${open.warnings} 个警告`);
  return parts.join(' · ');
}

/** Open findings of the year (errors and warnings): the count beside 核对. */
export function openFindingCount(info: WorkbookInfo, year: number): number {
  const open = info.openFindings.find((entry) => entry.year === year);
  return open ? open.errors + open.warnings : 0;
}
