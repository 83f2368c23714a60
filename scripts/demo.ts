/**
 * `npm run demo`: the main job headless, on bundled sample data. A workbook for 临沂市 from the
 * built-in schema, 填报单位 assigned, templates sent out, the bureaus' 2023 returns imported
 * (resources/demo-returns/), the findings summarised, the annual and evaluation tables written
 * and the 中期评估报告 drafted — all into demo-output/ at the project root, whatever the current folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isUserError } from '../shared/api/errors';
import type { FindingKind } from '../shared/domain';
import { countPublishedIndicators, loadBuiltinSchema } from '../electron/services/builtin-schemas';
import { WorkbookService } from '../electron/services/workbook-service';
import { FINDING_KIND_LABELS } from '../shared/domain';
import { assignDemoReporters, createDemoWorkbook, DEMO_SCHEMA_ID, DEMO_WORKBOOK_NAME, DEMO_YEAR, importDemoReturns } from './demo-workbook';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUTPUT_DIR = path.join(ROOT, 'demo-output');
const YEAR = DEMO_YEAR;

interface Step {
  title: string;
  run(service: WorkbookService, made: string[]): Promise<void>;
}

const STEPS: Step[] = [
  {
    title: '指定填报单位（先确认按文件职责提出的建议，再补齐其余指标）',
    async run(service) {
      const { proposed, rest } = await assignDemoReporters(service);
      console.log(`  确认建议 ${proposed.length} 项；其余按领域指定，最后 ${rest.length} 项指定给市民政局`);
    },
  },
  {
    title: `下发 ${YEAR + 1} 年报表模板`,
    async run(service, made) {
      const dir = path.join(OUTPUT_DIR, `${YEAR + 1}年报表模板`);
      mkdirSync(dir, { recursive: true });
      const files = await service.makeTemplates({ year: YEAR + 1 });
      for (const file of files) writeFileSync(path.join(dir, file.name), file.bytes);
      console.log(`  ${files.length} 份模板：${files.map((f) => f.bureau).join('、')}`);
      made.push(path.join(dir, files[0]!.name));
    },
  },
  {
    title: `导入各单位报来的 ${YEAR} 年报表`,
    async run(service) {
      const results = await importDemoReturns(service);
      for (const r of results) {
        const what = r.outcome === 'imported' ? `${r.bureau ?? '未识别单位'}，${r.region}，${r.year}年，${r.values} 个数值` : r.message;
        console.log(`  ${r.file}：${what}`);
      }
    },
  },
  {
    title: '核对',
    async run(service) {
      const findings = (await service.listFindings({ year: YEAR })).filter((f) => f.status === 'open');
      const counts = new Map<FindingKind, number>();
      for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
      console.log(`  待处理 ${findings.length} 项：${[...counts].map(([kind, n]) => `${FINDING_KIND_LABELS[kind]} ${n}`).join('，')}`);
      const values = (await service.listValues({ year: YEAR, region: '临沂市' })).filter((v) => v.value !== null);
      console.log(`  临沂市 ${YEAR} 年已有完成值的指标 ${values.length} 项`);
    },
  },
  {
    title: '导出年度汇总表和评估表（有待处理问题，标为初稿）',
    async run(service, made) {
      for (const kind of ['annual', 'evaluation', 'findings'] as const) {
        const file = await service.exportTable({ year: YEAR, kind, format: 'xlsx' });
        const target = path.join(OUTPUT_DIR, file.name);
        writeFileSync(target, file.bytes);
        made.push(target);
      }
    },
  },
  {
    title: `起草 ${YEAR} 年中期评估报告（指标部分，初稿）`,
    async run(service, made) {
      const file = await service.exportReport({ year: YEAR });
      const target = path.join(OUTPUT_DIR, file.name);
      writeFileSync(target, file.bytes);
      console.log(`  评估报告：${target}`);
      made.push(target);
    },
  },
];

async function main(): Promise<number> {
  const made: string[] = [];
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const schema = loadBuiltinSchema(DEMO_SCHEMA_ID);
  const file = path.join(OUTPUT_DIR, DEMO_WORKBOOK_NAME);
  console.log('1. 新建工作簿');
  const workbook = createDemoWorkbook(file);
  made.push(file);
  const published = countPublishedIndicators(schema);
  console.log(`  ${schema.name}（${schema.source}）：指标 ${published} 项，辅助指标 ${schema.indicators.length - published} 项`);
  try {
    const service = new WorkbookService(workbook);
    for (const [index, step] of STEPS.entries()) {
      console.log(`${index + 2}. ${step.title}`);
      await step.run(service, made);
    }
  } catch (error) {
    if (!isUserError(error)) throw error;
    console.error(error.message);
    return 2;
  } finally {
    workbook.close();
  }
  console.log('');
  console.log('已生成：');
  for (const f of made) console.log(`  ${f}`);
  return 0;
}

process.exitCode = await main();
