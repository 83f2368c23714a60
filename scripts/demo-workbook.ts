/**
 * The demo's workbook, for `npm run demo` and for tests that check an export on it: 临沂市 from
 * the built-in schema with its 县区 and 功能区, 填报单位 assigned, and the bureaus' 2023 returns
 * (resources/demo-returns/) imported.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportFileResult } from '../shared/api/contract';
import type { ReporterChange } from '../shared/domain';
import { loadBuiltinSchema } from '../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../electron/services/create-workbook';
import type { WorkbookService } from '../electron/services/workbook-service';
import type { Workbook } from '../electron/store/open';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SAMPLE_DIR = path.join(ROOT, 'resources', 'demo-returns');
export const DEMO_SCHEMA_ID = 'linyi-2022';
export const DEMO_WORKBOOK_NAME = '临沂市养老托育指标台账.tzdb';
export const DEMO_YEAR = 2023;
/** 临沂市's 县区 and its three 功能区. */
export const DEMO_SUBREGIONS = [
  '兰山区', '罗庄区', '河东区', '沂南县', '郯城县', '沂水县', '兰陵县', '费县', '平邑县', '莒南县', '蒙阴县', '临沭县',
  '临沂高新技术产业开发区', '临沂经济技术开发区', '临沂临港经济开发区',
];

export function createDemoWorkbook(file: string): Workbook {
  return createWorkbookFromSchema(file, { schema: loadBuiltinSchema(DEMO_SCHEMA_ID), subregions: DEMO_SUBREGIONS, force: true, operator: '演示' });
}

/** 填报单位: the proposals from the document's responsibilities confirmed, the rest by area. */
export async function assignDemoReporters(service: WorkbookService): Promise<{ proposed: ReporterChange[]; rest: ReporterChange[] }> {
  const proposed = await service.confirmProposedReporters();
  // The confirmed proposals for these two named another bureau: replaced on purpose.
  await service.assignReporters({ bureau: '市人社局', codes: ['A01', 'A02'], confirmOverwrite: true });
  await service.assignReporters({ bureau: '市卫健委', area: '服务资源总量', unassigned: true });
  const rest = await service.assignReporters({ bureau: '市民政局', unassigned: true });
  return { proposed, rest };
}

/** The sample returns, in name order, as the year's returns. */
export async function importDemoReturns(service: WorkbookService): Promise<ImportFileResult[]> {
  const names = readdirSync(SAMPLE_DIR).filter((name) => !name.endsWith('.md')).sort();
  const files = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(SAMPLE_DIR, name))) }));
  return service.importReturns({ files, year: DEMO_YEAR });
}
