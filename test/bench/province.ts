import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Schema } from '../../shared/domain';
import { AppService } from '../../electron/services/app-service';
import { loadBuiltinSchema } from '../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../electron/services/create-workbook';
import { WorkbookService } from '../../electron/services/workbook-service';
import { openWorkbook } from '../../electron/store/open';
import { assignTemplateReporters, generateYear } from './generate-load';
import { cacheFolder, hasCachedYears, readCachedYear, removeStaleCaches, writeCachedYear } from './load-cache';
import { PeakMemory, highWaterMb, timeRuns } from './measure';
import { PROVINCE, provinceSubregions } from './province-regions';
import { formatTable, meets, writeResults, type Figure } from './report';
import { measureYearReads, type ReadTiming, type YearReads } from './series';

/**
 * `npm run bench -- --province`: a province's workbook — 100 县区 × 25 bureaus × the plan's five
 * years, 12 500 returns — imported year by year into one linyi-2022 workbook, then opened and
 * read. The load is written once (by a child process, so its memory is not this one's) and kept
 * in bench-results/cache/; later runs read it from there.
 */

const REGION_COUNT = 100;
const BUREAUS_PER_REGION = 25;
const READ_RUNS = 3;

/** The plan period's years: the one after the base year up to the target year. */
export function planYears(schema: Schema): number[] {
  return Array.from({ length: schema.targetYear - schema.baseYear }, (_, i) => schema.baseYear + 1 + i);
}

function describe(schema: Schema) {
  return { schema: schema.id, region: PROVINCE, regions: provinceSubregions(REGION_COUNT), years: planYears(schema), bureausPerRegion: BUREAUS_PER_REGION };
}

/**
 * Writes the years not yet cached. The templates come from a scratch workbook with the same
 * regions and 填报单位; nothing is imported into it, so the issued templates print no figures
 * for the year before (the returns' own layouts do).
 */
export async function generateProvinceLoad(root: string, log: (text: string) => void): Promise<void> {
  const schema = loadBuiltinSchema('linyi-2022');
  const load = describe(schema);
  const folder = cacheFolder(root, 'province', load);
  removeStaleCaches(folder);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-province-gen-'));
  try {
    const book = createWorkbookFromSchema(path.join(dir, 'scratch.tzdb'), { schema, region: PROVINCE, subregions: load.regions });
    const service = new WorkbookService(book);
    await assignTemplateReporters(service);
    for (const year of load.years) {
      if (hasCachedYears(folder, [year])) continue;
      const start = performance.now();
      const files = await generateYear(service, { year, regions: load.regions }, BUREAUS_PER_REGION);
      writeCachedYear(folder, load, year, files);
      log(`  ${year}: ${files.length} 份报表 returns written in ${((performance.now() - start) / 1000).toFixed(0)} s`);
    }
    book.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runProvince(root: string, script: string, log: (text: string) => void): Promise<void> {
  const started = performance.now();
  const schema = loadBuiltinSchema('linyi-2022');
  const load = describe(schema);
  const folder = cacheFolder(root, 'province', load);
  let generatedS: number | null = null;
  if (!hasCachedYears(folder, load.years)) {
    log(`生成省级负载 writing the province load once into ${path.relative(root, folder)} …`);
    const start = performance.now();
    const child = spawnSync(process.execPath, [...process.execArgv, script, '--province-generate'], { cwd: root, stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`generating the province load failed (${child.status})`);
    generatedS = (performance.now() - start) / 1000;
  } else {
    log(`省级负载 the province load is cached in ${path.relative(root, folder)}`);
  }

  const memory = new PeakMemory();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-province-'));
  const settingsDir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-province-settings-'));
  try {
    const file = path.join(dir, 'province.tzdb');
    const book = createWorkbookFromSchema(file, { schema, region: PROVINCE, subregions: load.regions });
    const service = new WorkbookService(book);
    await assignTemplateReporters(service);
    /** The process's peak RSS so far, after each step: where the memory goes. */
    const highWater: Record<string, number | null> = {};
    const perYear: { year: number; files: number; imported: number; rejected: number; values: number; import_ms: number; bytes: number }[] = [];
    for (const year of load.years) {
      const files = readCachedYear(folder, year);
      log(`导入 importing ${year}: ${files.length} files …`);
      const start = performance.now();
      const results = await service.importReturns({ files });
      const ms = performance.now() - start;
      const imported = results.filter((r) => r.outcome === 'imported');
      perYear.push({
        year,
        files: files.length,
        imported: imported.length,
        rejected: results.length - imported.length,
        values: imported.reduce((sum, r) => sum + r.values, 0),
        import_ms: ms,
        bytes: files.reduce((sum, f) => sum + f.bytes.length, 0),
      });
      highWater[`import_${year}`] = highWaterMb();
      log(`  ${(ms / 1000).toFixed(1)} s, ${imported.length} imported, ${results.length - imported.length} not; peak RSS so far ${highWater[`import_${year}`]?.toFixed(0)} MB`);
    }
    book.close();
    const workbookMb = statSync(file).size / 1024 / 1024;

    log('打开 open …');
    const appOpen = await timeRuns(READ_RUNS, async () => {
      const app = new AppService({ settingsDir });
      await app.openWorkbook({ path: file });
      app.close();
    });
    highWater.open = highWaterMb();
    const storeOpen = await timeRuns(READ_RUNS, async () => {
      const opened = openWorkbook(file);
      void new WorkbookService(opened).schema;
      opened.close();
    });
    // The first year (least behind it) and the last (the most), each on fresh openings.
    const readYears = [load.years[0]!, load.years[load.years.length - 1]!];
    const reads: YearReads[] = [];
    for (const year of readYears) {
      log(`读取 reading ${year} …`);
      reads.push(await measureYearReads(file, year, PROVINCE, READ_RUNS, settingsDir));
      highWater[`reads_${year}`] = highWaterMb();
    }
    const peak = memory.stop();

    const values = perYear.reduce((sum, y) => sum + y.values, 0);
    const returns = perYear.reduce((sum, y) => sum + y.imported, 0);
    const figures: Figure[] = [
      ...perYear.map((y, i): Figure => ({
        label: `导入 import ${y.year} (${y.files} 份 returns, 已有 ${i} 年 years before)`,
        value: y.import_ms,
        unit: 'ms',
        target: null,
        targetText: '—',
        ratioToFloor: null,
      })),
      { label: '打开工作簿 open (AppService.openWorkbook)', value: appOpen.median, unit: 'ms', target: 1000, targetText: '< 1 s', ratioToFloor: null },
      { label: '  其中打开存储 of which the store alone', value: storeOpen.median, unit: 'ms', target: null, targetText: '—', ratioToFloor: null },
      ...reads.flatMap(readFigures),
      { label: '内存峰值 peak RSS', value: peak, unit: 'MB', target: 1024, targetText: '< 1 GB', ratioToFloor: null },
      { label: '工作簿文件 workbook file', value: workbookMb, unit: 'MB', target: null, targetText: '—', ratioToFloor: null },
    ];
    const heading = `省级规模 province scale — ${REGION_COUNT} 县区 × ${BUREAUS_PER_REGION} 单位 × ${load.years.length} 年 (${readYears.join('–')}): ${returns} 份报表 returns, ${values} 个数值 values; 读取 ${READ_RUNS} 次取中位数 (median of ${READ_RUNS})`;
    console.log(formatTable(figures, heading, { floorColumn: false }));
    const out = writeResults(root, {
      regions: REGION_COUNT,
      bureaus_per_region: BUREAUS_PER_REGION,
      years: load.years,
      returns,
      values,
      rejected_files: perYear.reduce((sum, y) => sum + y.rejected, 0),
      import_per_year: perYear,
      import_total_ms: perYear.reduce((sum, y) => sum + y.import_ms, 0),
      open_ms: appOpen.median,
      open_runs_ms: appOpen.runs,
      open_store_ms: storeOpen.median,
      reads: reads.map((r) => ({
        year: r.year,
        values_cold_ms: r.values.cold,
        values_warm_ms: r.values.warm,
        findings_cold_ms: r.findings.cold,
        findings_warm_ms: r.findings.warm,
        export_annual_cold_ms: r.exportAnnual.cold,
        export_annual_warm_ms: r.exportAnnual.warm,
        export_period_cold_ms: r.exportPeriod.cold,
        export_period_warm_ms: r.exportPeriod.warm,
        summary_cold_ms: r.summary.cold,
        summary_warm_ms: r.summary.warm,
        open_with_summary_ms: r.openWithSummary,
        value_rows: r.valueCount,
        findings: r.findingCount,
        errors: Object.fromEntries(readsOf(r).flatMap(([name, t]) => (t.error === undefined ? [] : [[name, t.error]]))),
      })),
      peak_rss_mb: peak,
      peak_rss_after_step_mb: highWater,
      workbook_mb: workbookMb,
      load_generated_s: generatedS,
      load_cache: path.relative(root, folder),
      targets_met: Object.fromEntries(figures.filter((f) => f.target !== null).map((f) => [f.label.trim(), meets(f)])),
      total_s: (performance.now() - started) / 1000,
      node: process.version,
      cpus: os.cpus().length,
      at: new Date().toISOString(),
    }, 'province.json');
    console.log(`\n结果已写入 written: ${path.relative(root, out)}（用时 ${((performance.now() - started) / 1000).toFixed(0)} s）`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(settingsDir, { recursive: true, force: true });
  }
}

function readsOf(r: YearReads): [string, ReadTiming][] {
  return [['values', r.values], ['findings', r.findings], ['export_annual', r.exportAnnual], ['export_period', r.exportPeriod], ['summary', r.summary]];
}

/** One year's reads: cold against the targets, warm (the service's per-year cache) beside. */
function readFigures(r: YearReads): Figure[] {
  const figure = (label: string, t: ReadTiming, target: number | null, targetText = '—'): Figure[] => [
    { label: `${r.year}年${label}（冷 cold）`, value: t.cold, unit: 'ms', target, targetText, ratioToFloor: null, ...(t.error === undefined ? {} : { error: t.error }) },
    { label: '  再次 again（热 warm）', value: t.warm, unit: 'ms', target: null, targetText: '—', ratioToFloor: null },
  ];
  return [
    // The first read after the imports reconciles the year and keeps it in the workbook; the timed openings then read it.
    { label: `${r.year}年完成值 导入后首次 first read after the imports`, value: r.firstValuesMs, unit: 'ms', target: null, targetText: '—', ratioToFloor: null },
    ...figure(`完成值 one year's values (${r.valueCount} 行 rows)`, r.values, 1000, '< 1 s'),
    ...figure('核对问题 findings', r.findings, null),
    ...figure('年度汇总表 annual export', r.exportAnnual, 3000, '< 3 s'),
    ...figure('规划期汇总表 period export', r.exportPeriod, null),
    { label: `${r.year}年汇总 summary workbookInfo（冷 cold）`, value: r.summary.cold, unit: 'ms', target: null, targetText: '—', ratioToFloor: null, ...(r.summary.error === undefined ? {} : { error: r.summary.error }) },
  ];
}
