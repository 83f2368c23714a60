import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadBuiltinSchema } from '../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../electron/services/create-workbook';
import { callCli } from './cli-start';
import { YEAR, REGION, SUBREGIONS, countyReturns } from './generate-load';
import { median, type Timing } from './measure';

/**
 * `taizhang import` of 120 county returns (12 县区 × 10 bureaus) into a fresh workbook, as a
 * whole process, beside python3 + pandas reading the same files (read_excel of each, then one
 * concat): the cost of a script an officer might otherwise write. The two alternate, run by run,
 * so that both see the same machine.
 */

export const CLI_IMPORT_BUREAUS = 10;

export interface CliImport {
  files: number;
  bytes: number;
  /** Rows on the plan's indicators that the returns carry (matched by the import). */
  matchedRows: number;
  taizhang: Timing;
  /** Null when python3 cannot import pandas and openpyxl. */
  pandas: Timing | null;
  python: string | null;
  pandasVersion: string | null;
}

/** /usr/bin/python3 where it is, else python3 on the PATH; null unless it has pandas and openpyxl. */
function findPandas(): { python: string; version: string } | null {
  for (const python of [...(existsSync('/usr/bin/python3') ? ['/usr/bin/python3'] : []), 'python3']) {
    const probe = spawnSync(python, ['-c', 'import pandas, openpyxl; print(pandas.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  return null;
}

export async function measureCliImport(root: string, dir: string, runs: number): Promise<CliImport> {
  const schema = loadBuiltinSchema('linyi-2022');
  const files = await countyReturns(schema, { year: YEAR, regions: SUBREGIONS }, CLI_IMPORT_BUREAUS);
  const folder = path.join(dir, 'cli-import');
  mkdirSync(folder, { recursive: true });
  const paths = files.map((file) => {
    const where = path.join(folder, file.name);
    writeFileSync(where, file.bytes);
    return where;
  });
  const base = path.join(dir, 'cli-import-base.tzdb');
  createWorkbookFromSchema(base, { schema, region: REGION, subregions: SUBREGIONS }).close();

  const pandas = findPandas();
  let target = '';
  const fresh = (run: number) => {
    target = path.join(dir, `cli-import-${run}.tzdb`);
    copyFileSync(base, target);
  };
  const runPandas = (): number => {
    const start = performance.now();
    const result = spawnSync(pandas!.python, [path.join(root, 'test', 'bench', 'pandas-read.py'), ...paths], { encoding: 'utf8' });
    const ms = performance.now() - start;
    if (result.status !== 0) throw new Error(`pandas failed (${result.status}): ${result.stderr.slice(0, 2000)}`);
    return ms;
  };

  // One untimed round of each warms the file cache and the interpreters' compiled files.
  fresh(-1);
  const warmup = spawnSync(process.execPath, [path.join(root, 'bin', 'taizhang.mjs'), 'import', target, ...paths, '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (warmup.status !== 0) throw new Error(`taizhang import failed (${warmup.status}): ${warmup.stderr.slice(0, 2000)}`);
  const rows = JSON.parse(warmup.stdout) as { outcome: string; matched?: number }[];
  const refused = rows.filter((r) => r.outcome !== 'imported');
  if (refused.length > 0) throw new Error(`taizhang import refused ${refused.length} of the ${rows.length} county returns`);
  if (pandas) runPandas();

  const taizhangRuns: number[] = [];
  const pandasRuns: number[] = [];
  for (let run = 0; run < runs; run++) {
    fresh(run);
    taizhangRuns.push(callCli(root, ['import', target, ...paths]));
    if (pandas) pandasRuns.push(runPandas());
  }
  return {
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.bytes.length, 0),
    matchedRows: rows.reduce((sum, r) => sum + (r.matched ?? 0), 0),
    taizhang: { median: median(taizhangRuns), runs: taizhangRuns },
    pandas: pandas ? { median: median(pandasRuns), runs: pandasRuns } : null,
    python: pandas?.python ?? null,
    pandasVersion: pandas?.version ?? null,
  };
}
