/**
 * `npm run demo`: builds a demonstration workbook for 临沂市 from the built-in schema, step by
 * step, into demo-output/ at the project root (whatever the current folder), and says what it made.
 * Later steps (importing sample returns, exporting tables) are added to STEPS in order.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUserError } from '../shared/api/errors';
import { countPublishedIndicators, loadBuiltinSchema } from '../electron/services/builtin-schemas';
import { listAudit } from '../electron/store/audit';
import type { WritableWorkbook } from '../electron/store/open';
import { createWorkbookFromSchema } from '../electron/services/create-workbook';
import { listRegions } from '../electron/store/regions';
import { readSchemaCopy } from '../electron/store/schema-copy';

const OUTPUT_DIR = fileURLToPath(new URL('../demo-output/', import.meta.url));
const SCHEMA_ID = 'linyi-2022';
const WORKBOOK_NAME = '临沂市养老托育指标台账.tzdb';
/** 临沂市's 县区 and its three 功能区. */
const SUBREGIONS = [
  '兰山区', '罗庄区', '河东区', '沂南县', '郯城县', '沂水县', '兰陵县', '费县', '平邑县', '莒南县', '蒙阴县', '临沭县',
  '临沂高新技术产业开发区', '临沂经济技术开发区', '临沂临港经济开发区',
];

interface DemoContext {
  outputDir: string;
  workbook: WritableWorkbook | null;
  made: string[];
}

interface Step {
  title: string;
  run(context: DemoContext): void;
}

const STEPS: Step[] = [
  {
    title: '新建工作簿',
    run(context) {
      const schema = loadBuiltinSchema(SCHEMA_ID);
      mkdirSync(context.outputDir, { recursive: true });
      const file = path.join(context.outputDir, WORKBOOK_NAME);
      context.workbook = createWorkbookFromSchema(file, { schema, subregions: SUBREGIONS, force: true, operator: '演示' });
      context.made.push(file);
      const published = countPublishedIndicators(schema);
      console.log(`  指标体系：${schema.name}（${schema.id}）`);
      console.log(`  依据：${schema.source}`);
      console.log(`  指标 ${published} 项，辅助指标 ${schema.indicators.length - published} 项，规划期 ${schema.baseYear}—${schema.targetYear}年`);
    },
  },
  {
    title: '核对工作簿内容',
    run(context) {
      const workbook = requireWorkbook(context);
      const copy = readSchemaCopy(workbook.db);
      const regions = listRegions(workbook.db);
      const areas = [...new Set(copy.indicators.filter((i) => !i.auxiliary).map((i) => i.area).filter(Boolean))];
      const assigned = copy.indicators.filter((i) => i.reporter !== null).length;
      console.log(`  地区：${regions[0]?.name ?? ''}；县区 ${regions.filter((r) => r.kind === 'county').length} 个，功能区 ${regions.filter((r) => r.kind === 'zone').length} 个`);
      console.log(`  领域：${areas.join('、')}`);
      console.log(`  已有填报单位（含建议）的指标：${assigned} / ${copy.indicators.length}`);
      console.log(`  审计记录 ${listAudit(workbook.db).length} 条`);
    },
  },
];

function requireWorkbook(context: DemoContext): WritableWorkbook {
  if (!context.workbook) throw new Error('the workbook step has not run');
  return context.workbook;
}

function main(): number {
  const context: DemoContext = { outputDir: OUTPUT_DIR, workbook: null, made: [] };
  try {
    STEPS.forEach((step, index) => {
      console.log(`${index + 1}. ${step.title}`);
      step.run(context);
    });
  } catch (error) {
    if (!isUserError(error)) throw error;
    console.error(error.message);
    return 2;
  } finally {
    context.workbook?.close();
  }
  console.log('');
  console.log('已生成：');
  for (const file of context.made) console.log(`  ${file}`);
  return 0;
}

process.exitCode = main();
