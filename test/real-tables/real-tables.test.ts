import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkbookFromSchema } from '../../electron/services/create-workbook';
import { WorkbookService } from '../../electron/services/workbook-service';
import type { Finding } from '../../shared/domain';
import { makeIndicator, makeSchema } from '../support/schema-fixture';
import { makeTempDir } from '../support/temp-dir';

/**
 * Real published statistical tables (国家数据 exports, scraped yearbook tables) from public
 * repositories, listed in manifest.json with their source; truth.json says, cell by cell, what a
 * person reads in each (README.md). The files themselves stay out of the repository
 * (test/real-tables/files/, git-ignored): without them this suite says so and skips.
 *
 * For each file: a workbook with the truth's region, sub-regions and indicators, the file
 * imported as the CLI does, then every value stored as good is compared with the truth. A stored
 * value that differs from what the file says, or that the file does not say, fails the test;
 * coverage (stored correctly, or raised as a finding naming the row) is reported per source and
 * must reach 90% and 80% overall.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FILES = path.join(HERE, 'files');

interface Truth {
  file: string;
  workbook: { region: string; subregions: string[] };
  indicators: { code: string; name: string; unit: string }[];
  import: { year: number | null; bureau: string | null };
  expect: { indicator: string; region: string; year: number; value: number }[];
}
interface ManifestEntry {
  file: string;
  sha256: string;
  source: { repo: string; path: string; commit: string };
}

const truths = JSON.parse(readFileSync(path.join(HERE, 'truth.json'), 'utf8')) as Truth[];
const manifest = JSON.parse(readFileSync(path.join(HERE, 'manifest.json'), 'utf8')) as ManifestEntry[];
const present = truths.filter((t) => existsSync(path.join(FILES, t.file)));
if (present.length < truths.length) {
  console.warn(`真实统计表语料：${truths.length - present.length} 个文件不在 test/real-tables/files/ 中，已跳过（按 manifest.json 的来源取回）。`);
}

interface Score {
  file: string;
  repo: string;
  expected: number;
  correct: number;
  flagged: number;
  wrong: string[];
}
const scores: Score[] = [];

/** Equal as a person reads them: the file's float noise (25376.380000000005) is no difference. */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

async function score(truth: Truth): Promise<Score> {
  const source = manifest.find((m) => m.file === truth.file);
  const bytes = new Uint8Array(readFileSync(path.join(FILES, truth.file)));
  expect(createHash('sha256').update(bytes).digest('hex'), `${truth.file} 与 manifest 记录的 sha256 不符`).toBe(source?.sha256);
  const schema = makeSchema({
    id: 'real-table',
    name: '真实统计表',
    region: truth.workbook.region,
    indicators: truth.indicators.map((i) => makeIndicator({ code: i.code, name: i.name, unit: i.unit, decimals: 2 })),
    rules: [],
    bureaus: [],
  });
  const file = path.join(makeTempDir('real-table-'), 'w.tzdb');
  const workbook = createWorkbookFromSchema(file, { schema, region: truth.workbook.region, subregions: truth.workbook.subregions });
  const service = new WorkbookService(workbook);
  try {
    await service.importReturns({
      files: [{ name: truth.file, bytes }],
      channel: 'cli',
      ...(truth.import.year === null ? {} : { year: truth.import.year }),
      ...(truth.import.bureau === null ? {} : { override: { bureau: truth.import.bureau } }),
    });
    const { values, findings } = service.reconcile();
    const key = (indicator: string, region: string, year: number) => `${indicator}|${region}|${year}`;
    const expected = new Map(truth.expect.map((e) => [key(e.indicator, e.region, e.year), e.value]));
    const wrong: string[] = [];
    const stored = new Set<string>();
    for (const v of values) {
      if (v.value === null || v.rollup) continue;
      const k = key(v.indicator, v.region, v.year);
      const want = expected.get(k);
      if (want === undefined || !same(want, v.value)) wrong.push(`${k} 存为 ${v.value}，文件为 ${want ?? '（无此数）'}`);
      else stored.add(k);
    }
    let flagged = 0;
    for (const e of truth.expect) {
      if (stored.has(key(e.indicator, e.region, e.year))) continue;
      if (findings.some((f) => namesRow(f, e))) flagged++;
    }
    return { file: truth.file, repo: source?.source.repo ?? '?', expected: truth.expect.length, correct: stored.size, flagged, wrong };
  } finally {
    workbook.close();
  }
}

/** A finding that puts the expected cell's row (or the cell itself) on the officer's worklist. */
function namesRow(f: Finding, e: Truth['expect'][number]): boolean {
  if (f.year !== null && f.year !== e.year) return false;
  if (f.kind === 'unmatched_row' || f.kind === 'ambiguous_match') return f.candidates.some((c) => c.code === e.indicator) || f.candidates.length === 0;
  return f.indicator === e.indicator && (f.region === null || f.region === e.region) && f.kind !== 'missing';
}

describe.skipIf(present.length === 0)('real published statistical tables', () => {
  it.each(present.map((t) => [t.file, t] as const))('%s: nothing stored that the file does not say', async (_name, truth) => {
    const result = await score(truth);
    scores.push(result);
    expect(result.wrong.slice(0, 10)).toEqual([]);
  });

  afterAll(() => {
    const bySource = new Map<string, { files: number; expected: number; correct: number; flagged: number; wrong: number }>();
    for (const s of scores) {
      const row = bySource.get(s.repo) ?? { files: 0, expected: 0, correct: 0, flagged: 0, wrong: 0 };
      row.files++;
      row.expected += s.expected;
      row.correct += s.correct;
      row.flagged += s.flagged;
      row.wrong += s.wrong.length;
      bySource.set(s.repo, row);
    }
    const total = scores.reduce((t, s) => ({ expected: t.expected + s.expected, correct: t.correct + s.correct, flagged: t.flagged + s.flagged }), { expected: 0, correct: 0, flagged: 0 });
    const lines = [...bySource].map(([repo, r]) => `${repo}\t${r.files} 个文件\t应读 ${r.expected}\t正确入库 ${r.correct}\t列为问题 ${r.flagged}\t错误 ${r.wrong}`);
    const pct = (n: number) => (total.expected === 0 ? 100 : (100 * n) / total.expected).toFixed(1);
    lines.push(`合计\t${scores.length} 个文件\t应读 ${total.expected}\t正确入库 ${total.correct}（${pct(total.correct)}%）\t入库或列为问题 ${total.correct + total.flagged}（${pct(total.correct + total.flagged)}%）`);
    console.log(lines.join('\n'));
    const out = path.resolve(HERE, '../../test-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'real-tables.json'), JSON.stringify({ total, bySource: Object.fromEntries(bySource), files: scores }, null, 2));
    if (scores.length === present.length) {
      expect(total.correct + total.flagged).toBeGreaterThanOrEqual(0.9 * total.expected);
      expect(total.correct).toBeGreaterThanOrEqual(0.8 * total.expected);
    }
  });
});
