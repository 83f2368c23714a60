import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileBytes } from '../../../shared/api/contract';
import type { ResolutionRequest } from '../../../shared/domain';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { reconcileWorkbook } from '../../../electron/services/reconcile-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { asReadDb } from '../../../electron/store/db';
import { openWorkbook, type Workbook } from '../../../electron/store/open';
import { readReckonedYears } from '../../../electron/store/reckoned-years';
import { RECKONING } from '../../../shared/reconcile/reckoning';
import { makeTempDir } from '../../support/temp-dir';

/**
 * Each year's answer is kept (in the service, and in the workbook) and dropped by the writes
 * that touch it. Whatever writes come, in whatever order, a kept answer must be what reconciling
 * the whole workbook gives for that year now.
 */

const YEARS = [2021, 2022, 2023, 2024];
const BUREAUS = ['市民政局', '市住房城乡建设局', '市卫生健康委'];
const REGIONS = ['临沂市', '兰山区', '罗庄区'];
/** Rows a bureau may send: the plan's names, one it does not know, one of two candidates. */
const ROWS: [string, string][] = [
  ['全市养老服务设施', '处'],
  ['示范性老年友好社区', '个'],
  ['登记备案的托育机构数', '处'],
  ['街道综合养老服务中心覆盖率', '%'],
  ['社区养老服务设施覆盖率', '%'],
  ['养老机构床位数', '张'],
  ['护理型床位数', '张'],
  ['老年食堂数量', '个'],
  ['骨干企业数量', '家'],
];

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function aReturn(random: () => number, serial: number, fixedYear?: number): Promise<{ file: FileBytes; region: string; year: number }> {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const year = fixedYear ?? pick(YEARS);
  const region = pick(REGIONS);
  const bureau = pick(BUREAUS);
  // Some returns restate the 基期值 and 目标值, as the plan's own table does.
  const restates = random() < 0.5;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([`${year}年养老托育服务指标完成情况`]);
  sheet.addRow([`填报单位：${bureau}`]);
  sheet.addRow(['指标名称', '单位', ...(restates ? ['2020年基期值', '2025年目标值'] : []), `${year}年完成值`]);
  for (const [name, unit] of ROWS) {
    if (random() < 0.4) continue;
    const value = random() < 0.08 ? '约八成' : Math.round(random() * 2000) / (random() < 0.5 ? 1 : 10);
    sheet.addRow([name, unit, ...(restates ? [pick([0, 5, 71, 971]), pick([20, 100, 1000])] : []), value]);
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return { file: { name: `${serial}-${bureau}${year}.xlsx`, bytes }, region, year };
}

/** A decision on an open finding of a year, as the officer could take it. */
function decisionOn(kind: string, candidates: { code: string | null; name: string }[], random: () => number): ResolutionRequest {
  if ((kind === 'unmatched_row' || kind === 'ambiguous_match') && random() < 0.7) return { action: 'map', code: candidates.find((c) => c.code)?.code ?? 'B01' };
  if (kind === 'conflict' && candidates.length > 0 && random() < 0.5) return { action: 'choose', value: Number(candidates[0]!.name) };
  if ((kind === 'conflict' || kind === 'missing' || kind === 'out_of_range' || kind === 'suspicious_change') && random() < 0.4) {
    return { action: 'override', value: Math.round(random() * 100), note: '经电话核实' };
  }
  return { action: 'confirm' };
}

/** The whole workbook reconciled afresh, the year's values and findings only. */
function recomputed(book: Workbook, service: WorkbookService, year: number) {
  const all = reconcileWorkbook(book.db, service.schema, [year]);
  return { values: all.values.filter((v) => v.year === year), findings: all.findings.filter((f) => f.year === year) };
}

describe('kept reconciled answers', () => {
  it('equal a full reconciliation after any sequence of imports, withdrawals, restorations, corrections and decisions', async () => {
    for (const seed of [7, 1234, 99]) {
      const random = seeded(seed);
      const file = path.join(makeTempDir(), 'w.tzdb');
      createWorkbookFromSchema(file, { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] }).close();
      let book = openWorkbook(file);
      let service = new WorkbookService(book);
      const imported: number[] = [];
      const withdrawn: number[] = [];
      const steps: string[] = [];
      for (let step = 0; step < 40; step++) {
        const roll = random();
        if (roll < 0.45 || imported.length === 0) {
          const made = await aReturn(random, step);
          const [result] = await service.importReturns({ files: [made.file], override: { region: made.region, year: made.year } });
          if (result?.outcome === 'imported' && result.returnId !== null) imported.push(result.returnId);
          steps.push(`import ${made.file.name} ${made.region}`);
        } else if (roll < 0.55) {
          const id = imported.splice(Math.floor(random() * imported.length), 1)[0]!;
          await service.withdrawReturn({ returnId: id });
          withdrawn.push(id);
          steps.push(`withdraw ${id}`);
        } else if (roll < 0.62 && withdrawn.length > 0) {
          const id = withdrawn.pop()!;
          await service.restoreReturn({ returnId: id });
          imported.push(id);
          steps.push(`restore ${id}`);
        } else if (roll < 0.68) {
          const id = imported[Math.floor(random() * imported.length)]!;
          const year = YEARS[Math.floor(random() * YEARS.length)]!;
          await service.correctReturn({ returnId: id, year });
          steps.push(`correct ${id} to ${year}`);
        } else if (roll < 0.74) {
          // A schema edit: the 填报单位 of some indicators (not_responsible findings rest on it).
          const bureau = BUREAUS[Math.floor(random() * BUREAUS.length)]!;
          const codes = ['A01', 'B01', 'B02', 'C01', 'C04', 'X02', 'X03'].filter(() => random() < 0.5);
          if (codes.length > 0) await service.assignReporters({ bureau, codes, confirmOverwrite: true });
          steps.push(`assign ${codes.join(',')} to ${bureau}`);
        } else if (roll < 0.9) {
          const year = YEARS[Math.floor(random() * YEARS.length)]!;
          const findings = await service.listFindings({ year });
          const open = findings.filter((f) => f.status === 'open');
          const resolved = findings.filter((f) => f.status === 'resolved' && f.severity !== 'info');
          if (resolved.length > 0 && random() < 0.2) {
            const finding = resolved[Math.floor(random() * resolved.length)]!;
            await service.resolveFinding({ findingId: finding.id, resolution: { action: 'reopen' } }).catch(() => undefined);
            steps.push(`reopen ${finding.kind} ${year}`);
          } else if (open.length > 0) {
            const finding = open[Math.floor(random() * open.length)]!;
            const decision = decisionOn(finding.kind, finding.candidates, random);
            // A decision the finding does not allow is refused and changes nothing; that is fine here.
            await service.resolveFinding({ findingId: finding.id, resolution: decision }).catch(() => undefined);
            steps.push(`${decision.action} ${finding.kind} ${year}`);
          }
        } else {
          // Closed and opened again: the answers kept in the file are read back.
          book.close();
          book = openWorkbook(file);
          service = new WorkbookService(book);
          steps.push('reopen the workbook');
        }
        // A period read (the 进度 screen, a period table) keeps the earlier years' values alone.
        if (random() < 0.3) {
          const year = YEARS[Math.floor(random() * YEARS.length)]!;
          const rows = await service.progress({ year });
          expect(rows.length).toBeGreaterThan(0);
          steps.push(`progress ${year}`);
        }
        // Ask some years (filling the keeps), then check every year against a full reconciliation.
        for (const year of [2020, ...YEARS, 2025]) {
          if (random() < 0.5) continue;
          const kept = { values: await service.listValues({ year }), findings: await service.listFindings({ year }) };
          const full = recomputed(book, service, year);
          const context = `seed ${seed}, after: ${steps.join(' → ')}; year ${year}`;
          expect(kept.findings, context).toEqual(full.findings);
          expect(service.reconciledYears([year]).values, context).toEqual(full.values);
          expect(kept.values.length, context).toBe(full.values.filter((v) => !v.auxiliary).length);
        }
      }
      // A fresh service reading only what the workbook kept agrees as well.
      const fresh = new WorkbookService(book);
      for (const year of YEARS) expect(fresh.reconciledYears([year]), `seed ${seed}, kept in the file, ${year}`).toEqual(recomputed(book, service, year));
      book.close();
    }
  }, 120_000);

  async function keptWorkbook(): Promise<string> {
    const file = path.join(makeTempDir(), 'w.tzdb');
    createWorkbookFromSchema(file, { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] }).close();
    const book = openWorkbook(file);
    const service = new WorkbookService(book);
    const made = await aReturn(seeded(5), 1, 2023);
    await service.importReturns({ files: [made.file], override: { region: '临沂市', year: 2023 } });
    await service.listValues({ year: 2023 });
    book.close();
    return file;
  }

  it('are read back from the workbook only as written: an answer edited by hand is reconciled afresh', async () => {
    const file = await keptWorkbook();
    const raw = new Database(file);
    const kept = raw.prepare('SELECT values_text FROM reckoned_years WHERE year = 2023').get() as { values_text: string };
    const forged = (JSON.parse(kept.values_text) as { value: number | null }[]).map((v) => ({ ...v, value: v.value === null ? null : v.value * 10000 }));
    raw.prepare('UPDATE reckoned_years SET values_text = ? WHERE year = 2023').run(JSON.stringify(forged));
    raw.close();
    const book = openWorkbook(file);
    const service = new WorkbookService(book);
    expect(service.reconciledYears([2023]).values).toEqual(recomputed(book, service, 2023).values);
    expect(service.reconciledYears([2023]).values.some((v) => v.value !== null)).toBe(true);
    book.close();
  });

  it('are dropped when the file was edited outside the program, and by any outside write to what they rest on', async () => {
    const file = await keptWorkbook();
    const raw = new Database(file);
    // An outside program changes a figure: the triggers drop the year it speaks of.
    raw.prepare("UPDATE reported_values SET value = value + 1 WHERE year = 2023 AND role = 'value' AND value IS NOT NULL").run();
    expect(raw.prepare('SELECT year FROM reckoned_years').all()).toEqual([]);
    raw.close();
    const book = openWorkbook(file, { takeOverStale: true });
    const service = new WorkbookService(book);
    expect(service.reconciledYears([2023])).toEqual(recomputed(book, service, 2023));
    book.close();
  });

  it('are not read under another build’s reckoning', async () => {
    const file = await keptWorkbook();
    const raw = new Database(file);
    const row = raw.prepare('SELECT reckoning FROM reckoned_years WHERE year = 2023').get() as { reckoning: string };
    expect(row.reckoning).toBe(RECKONING);
    raw.prepare("UPDATE reckoned_years SET reckoning = 'reckoning-0'").run();
    raw.close();
    const kept = readReckonedYears(asReadDb(new Database(file, { readonly: true })), [2023], RECKONING, 'values');
    expect(kept.size).toBe(0);
  });
});
