import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppService } from '../../electron/services/app-service';
import { WorkbookService } from '../../electron/services/workbook-service';
import { openWorkbook } from '../../electron/store/open';
import { assignTemplateReporters, generateYear } from './generate-load';
import { median } from './measure';
import { formatGrid, formatNumber } from './report';

/**
 * The year-by-year growth series: one workbook holding one year's returns, then two, … each
 * year the same kind of load. After each year is imported, the reads an officer makes are timed
 * on a service opened afresh on that workbook: for the latest year then, and for one fixed year
 * (so the series shows whether reading one year grows with the workbook) at the end, on a copy
 * of the workbook kept as it stood after each year, the copies read in turn. A machine whose
 * load drifts over the minutes the series takes then slows every copy alike, and the ratio of
 * five years to one shows the workbook, not the drift.
 *
 * Reads may be cached per year inside a service, so each read is timed twice per opening: the
 * first call after opening (cold, what the targets judge) and the call repeated (warm).
 */

export interface ReadTiming {
  /** Median of the first call after each opening. */
  cold: number;
  /** Median of the same call made again on that opening. */
  warm: number;
  coldRuns: number[];
  warmRuns: number[];
  /** Set when the read threw: its first line; the figures are then NaN (null in the JSON). */
  error?: string;
}

export interface YearReads {
  year: number;
  values: ReadTiming;
  findings: ReadTiming;
  exportAnnual: ReadTiming;
  exportPeriod: ReadTiming;
  /** AppService.workbookInfo, the title bar's summary: cold is the first call after openWorkbook. */
  summary: ReadTiming;
  /** AppService.openWorkbook itself: the store opened, and the summary it returns. */
  openWithSummary: number;
  valueCount: number;
  findingCount: number;
  /** The first read of the year's values after the import, before any timed opening: a year the import touched is reconciled (and kept) here. */
  firstValuesMs: number;
}

export interface SeriesPoint {
  years: number;
  lastYear: number;
  /** Returns stored in the workbook, all years. */
  returns: number;
  /** This year's importReturns call, all its files at once. */
  importMs: number;
  importedFiles: number;
  importedValues: number;
  rejectedFiles: number;
  /** workbookInfo right after the import, on the session that imported: the title bar after a write (one call). */
  summaryAfterImportMs: number;
  workbookMb: number;
  fixed: YearReads;
  latest: YearReads;
}

export interface SeriesOptions {
  region: string;
  regions: readonly string[];
  years: readonly number[];
  bureausPerRegion: number;
  /** Openings per read for the fixed year, and for the latest year. */
  fixedRuns: number;
  latestRuns: number;
  log: (text: string) => void;
}

async function timed<T>(task: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const result = await task();
  return [performance.now() - start, result];
}

function timing(coldRuns: number[], warmRuns: number[]): ReadTiming {
  return { cold: median(coldRuns), warm: median(warmRuns), coldRuns, warmRuns };
}

/** `runs` openings of a WorkbookService; on each, `read` is called twice: cold, then warm. */
/**
 * `runs` openings of a WorkbookService; on each, `read` is called twice: cold, then warm. A read
 * that throws is reported, not timed, so that the other figures of a run still come out.
 */
export async function timeRead(file: string, runs: number, read: (service: WorkbookService) => Promise<unknown>): Promise<ReadTiming> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let run = 0; run < runs; run++) {
    const book = openWorkbook(file);
    try {
      const service = new WorkbookService(book);
      void service.schema; // read on opening by every caller; not part of the read
      cold.push((await timed(() => read(service)))[0]);
      warm.push((await timed(() => read(service)))[0]);
    } catch (error) {
      return { cold: Number.NaN, warm: Number.NaN, coldRuns: cold, warmRuns: warm, error: firstLine(error) };
    } finally {
      book.close();
    }
  }
  return timing(cold, warm);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.split('\n')[0]!;
}

async function timeSummary(file: string, runs: number, settingsDir: string): Promise<{ summary: ReadTiming; openWithSummary: number }> {
  const cold: number[] = [];
  const warm: number[] = [];
  const opens: number[] = [];
  for (let run = 0; run < runs; run++) {
    const app = new AppService({ settingsDir });
    try {
      opens.push((await timed(() => app.openWorkbook({ path: file })))[0]);
      cold.push((await timed(() => app.workbookInfo({})))[0]);
      warm.push((await timed(() => app.workbookInfo({})))[0]);
    } catch (error) {
      const failed = { cold: Number.NaN, warm: Number.NaN, coldRuns: cold, warmRuns: warm, error: firstLine(error) };
      return { summary: failed, openWithSummary: opens.length > 0 ? median(opens) : Number.NaN };
    } finally {
      app.close();
    }
  }
  return { summary: timing(cold, warm), openWithSummary: median(opens) };
}

/** The first read of a year's values after an import (a year it touched is reconciled and kept here), and its counts. */
async function firstRead(file: string, year: number): Promise<Pick<YearReads, 'valueCount' | 'findingCount' | 'firstValuesMs'>> {
  const count = openWorkbook(file);
  let valueCount = Number.NaN;
  let findingCount = Number.NaN;
  let firstValuesMs = Number.NaN;
  try {
    const service = new WorkbookService(count);
    void service.schema;
    const [ms, values] = await timed(() => service.listValues({ year }));
    firstValuesMs = ms;
    valueCount = values.length;
    findingCount = (await service.listFindings({ year })).length;
  } catch {
    // The timed reads meet the same failure and report it.
  } finally {
    count.close();
  }
  return { valueCount, findingCount, firstValuesMs };
}

type TimedReads = Pick<YearReads, 'values' | 'findings' | 'exportAnnual' | 'exportPeriod' | 'summary' | 'openWithSummary'>;

/** The timed reads of one year on each file, one opening per file in turn, `runs` rounds. */
async function readsInTurn(files: readonly string[], year: number, region: string, runs: number, settingsDir: string): Promise<TimedReads[]> {
  const reads: [keyof Omit<TimedReads, 'summary' | 'openWithSummary'>, (s: WorkbookService) => Promise<unknown>][] = [
    ['values', (s) => s.listValues({ year })],
    ['findings', (s) => s.listFindings({ year })],
    ['exportAnnual', (s) => s.exportBytes({ year, kind: 'annual', fileName: `${region}${year}年年度汇总表.xlsx` })],
    ['exportPeriod', (s) => s.exportBytes({ year, kind: 'period', fileName: `${region}${year}年规划期汇总表.xlsx` })],
  ];
  const rounds = files.map(() => ({ timings: new Map<string, ReadTiming[]>(), opens: [] as number[] }));
  for (let run = 0; run < runs; run++) {
    for (const [i, file] of files.entries()) {
      const round = rounds[i]!;
      const note = (kind: string, timing: ReadTiming) => round.timings.set(kind, [...(round.timings.get(kind) ?? []), timing]);
      for (const [kind, read] of reads) note(kind, await timeRead(file, 1, read));
      const { summary, openWithSummary } = await timeSummary(file, 1, settingsDir);
      note('summary', summary);
      round.opens.push(openWithSummary);
    }
  }
  return rounds.map(({ timings, opens }) => {
    const merged = (kind: string): ReadTiming => {
      const all = timings.get(kind)!;
      const failed = all.find((t) => t.error !== undefined);
      const coldRuns = all.flatMap((t) => t.coldRuns);
      const warmRuns = all.flatMap((t) => t.warmRuns);
      return failed ? { cold: Number.NaN, warm: Number.NaN, coldRuns, warmRuns, error: failed.error! } : timing(coldRuns, warmRuns);
    };
    return {
      values: merged('values'),
      findings: merged('findings'),
      exportAnnual: merged('exportAnnual'),
      exportPeriod: merged('exportPeriod'),
      summary: merged('summary'),
      openWithSummary: median(opens),
    };
  });
}

export async function measureYearReads(file: string, year: number, region: string, runs: number, settingsDir: string): Promise<YearReads> {
  const first = await firstRead(file, year);
  const [timed] = await readsInTurn([file], year, region, runs, settingsDir);
  return { year, ...first, ...timed! };
}

function fileMb(file: string): number {
  const wal = `${file}-wal`;
  return (statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0)) / 1024 / 1024;
}

/**
 * Builds the workbook at `file` year by year through AppService, as the app would (templates
 * issued each year after the last was imported, so they print last year's figures), and times
 * the reads after each year.
 */
export async function runSeries(file: string, options: SeriesOptions): Promise<SeriesPoint[]> {
  const settingsDir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-settings-'));
  const points: Omit<SeriesPoint, 'fixed' | 'latest'>[] = [];
  const firstReads: Awaited<ReturnType<typeof firstRead>>[] = [];
  const latestReads: (YearReads | null)[] = [];
  const copies: string[] = [];
  const fixedYear = options.years[0]!;
  try {
    const app = new AppService({ settingsDir });
    await app.createWorkbook({ path: file, source: { builtin: 'linyi-2022' }, region: options.region, subregions: [...options.regions] });
    await assignTemplateReporters(app);
    app.close();
    let returns = 0;
    for (const [index, year] of options.years.entries()) {
      const session = new AppService({ settingsDir });
      await session.openWorkbook({ path: file });
      options.log(`  ${year}: 生成 generating …`);
      const files = await generateYear(session.workbookService!, { year, regions: options.regions }, options.bureausPerRegion);
      options.log(`  ${year}: 导入 importing ${files.length} files …`);
      const [importMs, results] = await timed(() => session.importReturns({ files }));
      const [summaryAfterImportMs] = await timed(() => session.workbookInfo({}));
      session.close();
      const imported = results.filter((r) => r.outcome === 'imported');
      returns += imported.length;
      options.log(`  ${year}: ${importMs.toFixed(0)} ms; 读取 timing reads …`);
      firstReads.push(await firstRead(file, fixedYear));
      latestReads.push(index === 0 ? null : await measureYearReads(file, year, options.region, options.latestRuns, settingsDir));
      // The workbook as it stands now (every connection closed, so the file holds it all).
      const copy = `${file}.${index + 1}y.tzdb`;
      copyFileSync(file, copy);
      copies.push(copy);
      points.push({
        years: index + 1,
        lastYear: year,
        returns,
        importMs,
        importedFiles: imported.length,
        importedValues: imported.reduce((sum, r) => sum + r.values, 0),
        rejectedFiles: results.length - imported.length,
        summaryAfterImportMs,
        workbookMb: fileMb(file),
      });
    }
    options.log(`  ${fixedYear}年读取 reads of ${fixedYear}, the ${copies.length} workbooks in turn …`);
    const fixedReads = await readsInTurn(copies, fixedYear, options.region, options.fixedRuns, settingsDir);
    return points.map((point, i) => {
      const fixed: YearReads = { year: fixedYear, ...firstReads[i]!, ...fixedReads[i]! };
      return { ...point, fixed, latest: latestReads[i] ?? fixed };
    });
  } finally {
    rmSync(settingsDir, { recursive: true, force: true });
    for (const copy of copies) rmSync(copy, { force: true });
  }
}

/** Last point's figure over the first point's. */
export function growth(points: readonly SeriesPoint[], figure: (point: SeriesPoint) => number): number {
  return figure(points[points.length - 1]!) / figure(points[0]!);
}

/** The series as printed: one line per figure, one column per number of years held, then last ÷ first. */
export function formatSeries(points: readonly SeriesPoint[], heading: string): string {
  const fixedYear = points[0]!.fixed.year;
  const ms = (value: number) => formatNumber(value, 'ms');
  const lines: [string, (p: SeriesPoint) => number, (v: number) => string][] = [
    ['报表 returns held', (p) => p.returns, (v) => String(v)],
    ['工作簿 workbook file', (p) => p.workbookMb, (v) => formatNumber(v, 'MB')],
    ['本年导入 import of the year', (p) => p.importMs, ms],
    ['导入后汇总 summary after the import', (p) => p.summaryAfterImportMs, ms],
    ['打开并汇总 AppService.openWorkbook', (p) => p.fixed.openWithSummary, ms],
  ];
  const reads: [string, (r: YearReads) => ReadTiming][] = [
    ['完成值 values', (r) => r.values],
    ['核对问题 findings', (r) => r.findings],
    ['年度汇总表 annual export', (r) => r.exportAnnual],
    ['规划期汇总表 period export', (r) => r.exportPeriod],
    ['汇总 summary workbookInfo', (r) => r.summary],
  ];
  for (const [label, of] of reads) {
    lines.push([`${fixedYear}年${label} 冷 cold`, (p) => of(p.fixed).cold, ms]);
    lines.push([`${fixedYear}年${label} 热 warm`, (p) => of(p.fixed).warm, ms]);
  }
  for (const [label, of] of reads) lines.push([`最新年度 latest year ${label} 冷 cold`, (p) => of(p.latest).cold, ms]);
  // The first opening after each import: a year the import touched is reconciled then (and kept);
  // one it did not touch is read as kept. The medians above are over all openings.
  lines.push([`${fixedYear}年完成值 导入后首次 first read after the import`, (p) => p.fixed.firstValuesMs, ms]);
  lines.push([`最新年度完成值 导入后首次 latest year, first read after the import`, (p) => p.latest.firstValuesMs, ms]);
  const rows = [['项目 figure（工作簿所含年数 years held）', ...points.map((p) => `${p.years}年 (${p.lastYear})`), `${points.length}年/1年`]];
  for (const [label, figure, show] of lines) rows.push([label, ...points.map((p) => show(figure(p))), formatNumber(growth(points, figure), '×')]);
  return formatGrid(heading, rows, (c) => c > 0);
}
