import ExcelJS from 'exceljs';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileBytes } from '../../shared/api/contract';
import { loadBuiltinSchema } from '../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../electron/services/create-workbook';
import { WorkbookService } from '../../electron/services/workbook-service';
import { openWorkbook } from '../../electron/store/open';
import { measureCliSchemas } from './cli-start';
import { YEAR, REGION, SUBREGIONS, bigReturn, generateReturns } from './generate-load';
import { PeakMemory, median, timeRuns, type Timing } from './measure';
import { measurePhases } from './phases';
import { formatTable, meets, writeResults, type Figure } from './report';

/**
 * `npm run bench`: the import of 300 realistic returns and one 5 000-row return into a
 * linyi-2022 workbook with 12 县区, against exceljs merely loading the same files. Medians over
 * BENCH_RUNS runs (3 by default) for the import, more for the cheap queries.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT_RUNS = Number(process.env.BENCH_RUNS ?? 3);
const QUERY_RUNS = 5;
const CLI_RUNS = 7;
/** Past this much time spent importing, further import runs are skipped (and the JSON says so). */
const IMPORT_BUDGET_MS = 150_000;

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

async function exceljsLoad(files: readonly FileBytes[]): Promise<void> {
  for (const file of files) await new ExcelJS.Workbook().xlsx.load(file.bytes as unknown as ArrayBuffer);
}

async function main(): Promise<void> {
  const started = performance.now();
  const memory = new PeakMemory();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bench-'));
  try {
    // First, before the load exists: each call is its own process, timed while this one waits.
    log('命令行 taizhang schemas (whole process) …');
    const cliSchemas = measureCliSchemas(ROOT, CLI_RUNS);

    log('生成负载 generating the load …');
    const base = path.join(dir, 'base.tzdb');
    const schema = loadBuiltinSchema('linyi-2022');
    const baseBook = createWorkbookFromSchema(base, { schema, region: REGION, subregions: SUBREGIONS });
    const baseService = new WorkbookService(baseBook);
    const files = await generateReturns(baseService);
    const big = await bigReturn(baseService.schema);
    baseBook.close();
    const bytes = files.reduce((sum, f) => sum + f.bytes.length, 0);

    log('下限 floor: exceljs loading the same files …');
    const floor = await timeRuns(3, () => exceljsLoad(files));
    const bigFloor = await timeRuns(3, () => exceljsLoad([big]));

    const fresh = (name: string): string => {
      const file = path.join(dir, name);
      copyFileSync(base, file);
      return file;
    };

    log('导入 import (read + match + store + reconcile) …');
    const importRuns: number[] = [];
    const importOnly: number[] = [];
    let target = '';
    let stored = { values: 0, matched: 0, unmatched: 0, rejected: 0 };
    let spent = 0;
    for (let run = 0; run < IMPORT_RUNS && (run === 0 || spent < IMPORT_BUDGET_MS); run++) {
      target = fresh(`import-${run}.tzdb`);
      const book = openWorkbook(target);
      const service = new WorkbookService(book);
      const start = performance.now();
      const results = await service.importReturns({ files });
      const imported = performance.now();
      service.reconcile();
      const end = performance.now();
      book.close();
      importRuns.push(end - start);
      importOnly.push(imported - start);
      spent += end - start;
      stored = {
        values: results.reduce((sum, r) => sum + r.values, 0),
        matched: results.reduce((sum, r) => sum + r.matched, 0),
        unmatched: results.reduce((sum, r) => sum + r.unmatched, 0),
        rejected: results.filter((r) => r.outcome !== 'imported').length,
      };
      log(`  run ${run + 1}: ${(end - start).toFixed(0)} ms`);
    }
    const importTiming: Timing = { median: median(importRuns), runs: importRuns };

    log('分阶段 phases: read, detect + match …');
    const phases = await measurePhases(schema, [REGION, ...SUBREGIONS], files, 3);
    const storeMs = Math.max(0, median(importOnly) - phases.read.median - phases.detectAndMatch.median);

    log('核对、查询、导出、打开 reconcile, values, export, open …');
    const book = openWorkbook(target);
    const service = new WorkbookService(book);
    const reconciled = service.reconcile();
    const reconcile = await timeRuns(QUERY_RUNS, () => service.reconcile());
    const values = await timeRuns(QUERY_RUNS, () => service.listValues());
    const exportAnnual = await timeRuns(QUERY_RUNS, () => service.exportBytes({ year: YEAR, kind: 'annual', fileName: `${REGION}${YEAR}年年度汇总表.xlsx` }));
    book.close();
    const open = await timeRuns(QUERY_RUNS, async () => {
      const opened = openWorkbook(target);
      const s = new WorkbookService(opened);
      void s.schema;
      await s.listReturns();
      opened.close();
    });

    log('大报表 the 5 000-row return …');
    const bigRun = await timeRuns(3, async (run) => {
      const opened = openWorkbook(fresh(`big-${run}.tzdb`));
      const results = await new WorkbookService(opened).importReturns({ files: [big] });
      opened.close();
      if (results[0]?.outcome !== 'imported') throw new Error(`the 5 000-row return was not imported: ${results[0]?.message}`);
    });

    const peak = memory.stop();
    const ratio = (ms: number) => ms / floor.median;
    const figures: Figure[] = [
      { label: `下限 floor: exceljs 载入 ${files.length} 个文件`, value: floor.median, unit: 'ms', target: null, targetText: '—', ratioToFloor: 1 },
      { label: `导入全部 import ${files.length} files`, value: importTiming.median, unit: 'ms', target: floor.median, inclusive: true, targetText: '≤ 1.0× floor', ratioToFloor: ratio(importTiming.median) },
      { label: `  其中读入与入库 of which importReturns`, value: median(importOnly), unit: 'ms', target: null, targetText: '—', ratioToFloor: ratio(median(importOnly)) },
      { label: '    读取 read into grids', value: phases.read.median, unit: 'ms', target: null, targetText: '—', ratioToFloor: ratio(phases.read.median) },
      { label: '    识别与匹配 detect + match', value: phases.detectAndMatch.median, unit: 'ms', target: null, targetText: '—', ratioToFloor: ratio(phases.detectAndMatch.median) },
      { label: '    入库与审计 store + audit (余下 rest)', value: storeMs, unit: 'ms', target: null, targetText: '—', ratioToFloor: ratio(storeMs) },
      { label: `核对 reconcile ${stored.values} → ${reconciled.values.length} 值`, value: reconcile.median, unit: 'ms', target: 300, targetText: '< 300 ms', ratioToFloor: ratio(reconcile.median) },
      { label: '查询 values query', value: values.median, unit: 'ms', target: null, targetText: '—', ratioToFloor: ratio(values.median) },
      { label: '年度汇总表 annual export', value: exportAnnual.median, unit: 'ms', target: 1000, targetText: '< 1 s', ratioToFloor: ratio(exportAnnual.median) },
      { label: '打开工作簿 open workbook', value: open.median, unit: 'ms', target: 200, targetText: '< 200 ms', ratioToFloor: ratio(open.median) },
      { label: '大报表 5 000 行 big return', value: bigRun.median, unit: 'ms', target: 3000, targetText: '< 3 s', ratioToFloor: bigRun.median / bigFloor.median },
      { label: '命令行 taizhang schemas（整个进程 whole process）', value: cliSchemas.median, unit: 'ms', target: 300, targetText: '< 300 ms', ratioToFloor: null },
      { label: '内存峰值 peak RSS', value: peak, unit: 'MB', target: 500, targetText: '< 500 MB', ratioToFloor: null },
    ];
    const heading = `指标台账性能基准 TaiZhang benchmark — ${files.length} 份报表 returns, ${stored.values} 个数值 values, ${(bytes / 1024 / 1024).toFixed(1)} MB; 导入 ${importRuns.length} 次取中位数 (median of ${importRuns.length} import runs), 命令行 ${CLI_RUNS} 次, 其余 ${QUERY_RUNS} 次`;
    console.log(formatTable(figures, heading));
    const file = writeResults(ROOT, {
      files: files.length,
      values: stored.values,
      import_ms: importTiming.median,
      floor_exceljs_ms: floor.median,
      import_to_floor: importTiming.median / floor.median,
      reconcile_ms: reconcile.median,
      values_query_ms: values.median,
      export_annual_ms: exportAnnual.median,
      open_ms: open.median,
      peak_rss_mb: peak,
      big_return_ms: bigRun.median,
      cli_schemas_ms: cliSchemas.median,
      cli_schemas_runs_ms: cliSchemas.runs,
      big_return_rows: 5000,
      big_return_floor_ms: bigFloor.median,
      import_returns_only_ms: median(importOnly),
      phase_read_ms: phases.read.median,
      phase_detect_match_ms: phases.detectAndMatch.median,
      phase_store_ms: storeMs,
      import_runs_ms: importRuns,
      import_runs: importRuns.length,
      matched_rows: stored.matched,
      unmatched_rows: stored.unmatched,
      rejected_files: stored.rejected,
      reconciled_values: reconciled.values.length,
      findings: reconciled.findings.length,
      bytes,
      targets_met: Object.fromEntries(figures.filter((f) => f.target !== null).map((f) => [f.label.trim(), meets(f)])),
      total_s: (performance.now() - started) / 1000,
      node: process.version,
      cpus: os.cpus().length,
      at: new Date().toISOString(),
    });
    console.log(`\n结果已写入 written: ${path.relative(ROOT, file)}（用时 ${((performance.now() - started) / 1000).toFixed(0)} s）`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
