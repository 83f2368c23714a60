import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../support/processes';
import { readXlsxXml, sheetByName } from '../support/xlsx-xml';

/**
 * Our own templates, filled in LibreOffice Calc and saved by its xlsx writer, committed under
 * test/fixtures/templates/ (README.md says how make-fixtures.sh made them): as filled, with the
 * data rows sorted by the figures typed, and with one row deleted. Each set is imported through
 * the CLI into a NEW workbook made the same way as the one that wrote the templates, so the
 * template key names another workbook; rows must still import by their hidden 指标编码, every
 * figure exactly as typed, from the cell LibreOffice left it in.
 */

const FIXTURES = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));
const BIN = path.join(PROJECT_ROOT, 'bin', 'taizhang.mjs');

interface ExpectedReturn {
  file: string;
  bureau: string;
  region: string;
  sheet: string;
  contactPerson: string;
  contactPhone: string;
  figures: { code: string; value: number; cell: string }[];
  deleted: string[];
}
interface Expected {
  year: number;
  writtenBy: string;
  variants: Record<'filled' | 'sorted' | 'row_deleted', { how: string; returns: ExpectedReturn[] }>;
}
const EXPECTED = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Expected;
const YEAR = EXPECTED.year;
type Variant = keyof Expected['variants'];

interface ImportJson {
  file: string;
  outcome: string;
  bureau: string;
  region: string;
  year: number;
  matched: number;
  unmatched: number;
}
interface ReturnJson {
  file: string;
  bureau: string;
  region: string;
  year: number;
  state: string;
  contactPerson: string | null;
  contactPhone: string | null;
}
interface ValueJson {
  indicator: string;
  region: string;
  year: number;
  value: number | null;
  status: string;
  sources: { file: string; sheet: string; cell: string; bureau: string }[];
}
interface FindingJson {
  kind: string;
  indicator: string | null;
  bureau: string | null;
  region: string | null;
  year: number | null;
  file: string | null;
}
interface Imported {
  dir: string;
  imports: ImportJson[];
  returns: ReturnJson[];
  values: ValueJson[];
  findings: FindingJson[];
}

function runCli(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, TAIZHANG_DEBUG: '' }, encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`taizhang ${args.join(' ')} failed: ${stderr}`));
      else resolve(stdout);
    });
  });
}

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-lo-'));
  dirs.push(dir);
  return dir;
}

/** A workbook made as make-fixtures.sh made its own: its own workbook id, the same assignments. */
async function makeWorkbook(): Promise<string> {
  const dir = tempDir();
  await runCli(['init', 'w.tzdb', '--schema', 'linyi-2022'], dir);
  await runCli(['assign', 'w.tzdb', '--bureau', '市人社局', 'A01', 'A02'], dir);
  await runCli(['assign', 'w.tzdb', '--bureau', '市民政局', '--unassigned'], dir);
  return path.join(dir, 'w.tzdb');
}

/** A copy of the closed, untouched workbook, the variant's files imported in one batch. */
async function importVariant(workbook: string, variant: Variant): Promise<Imported> {
  const dir = tempDir();
  copyFileSync(workbook, path.join(dir, 'w.tzdb'));
  const files = EXPECTED.variants[variant].returns.map((r) => r.file);
  for (const file of files) copyFileSync(path.join(FIXTURES, file), path.join(dir, file));
  const imports = JSON.parse(await runCli(['import', 'w.tzdb', ...files, '--json'], dir)) as ImportJson[];
  const [returns, values, findings] = await Promise.all([
    runCli(['returns', 'w.tzdb', '--json'], dir),
    runCli(['values', 'w.tzdb', '--year', String(YEAR), '--region', '临沂市', '--json'], dir),
    runCli(['findings', 'w.tzdb', '--json'], dir),
  ]);
  return { dir, imports, returns: JSON.parse(returns), values: JSON.parse(values), findings: JSON.parse(findings) };
}

/** What the workbook stored for each row, read from its file after the CLI closed it. */
function storedRows(dir: string): { workbookId: string; rows: { file: string; indicator: string | null; role: string; value: number | null; cell: string; method: string | null }[] } {
  const db = new Database(path.join(dir, 'w.tzdb'), { readonly: true, fileMustExist: true });
  try {
    const { value: workbookId } = db.prepare("SELECT value FROM meta WHERE key = 'workbook_id'").get() as { value: string };
    const rows = db
      .prepare(
        `SELECT r.file_name AS file, v.indicator, v.role, v.value, v.cell, v.match_method AS method
           FROM reported_values v JOIN returns r ON r.id = v.return_id`,
      )
      .all() as { file: string; indicator: string | null; role: string; value: number | null; cell: string; method: string | null }[];
    return { workbookId, rows };
  } finally {
    db.close();
  }
}

function sorted<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const results = new Map<Variant, Imported>();
beforeAll(async () => {
  // Each CLI run starts its own Node and the runs dominate: one workbook made, three copies
  // filled side by side.
  const workbook = await makeWorkbook();
  const variants = Object.keys(EXPECTED.variants) as Variant[];
  const done = await Promise.all(variants.map((v) => importVariant(workbook, v)));
  variants.forEach((v, i) => results.set(v, done[i]!));
});
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the committed fixtures are LibreOffice files that say what expected.json says', () => {
  const all = Object.values(EXPECTED.variants).flatMap((v) => v.returns);

  it.each(all.map((r) => [r.file, r] as const))('%s', (_file, expected) => {
    const book = readXlsxXml(new Uint8Array(readFileSync(path.join(FIXTURES, expected.file))));
    expect(book.entries.get('docProps/app.xml')!.toString('utf8')).toMatch(/<Application>LibreOffice\//);
    // LibreOffice keeps the key sheet hidden but cannot write veryHidden.
    expect(sheetByName(book, '_taizhang').state).toBe('hidden');
    const sheet = sheetByName(book, expected.sheet);
    // Each expected figure sits in its row beside the code that row carries.
    for (const figure of expected.figures) {
      const row = figure.cell.replace(/^[A-Z]+/, '');
      expect(sheet.cells.get(`B${row}`)?.text, figure.cell).toBe(figure.code);
      expect(Number(sheet.cells.get(figure.cell)?.text), figure.cell).toBe(figure.value);
    }
    for (const code of expected.deleted) expect([...sheet.cells.values()].some((c) => c.text === code)).toBe(false);
  });
});

describe.each(Object.entries(EXPECTED.variants).map(([variant, v]) => [variant as Variant, v.how] as const))('%s (%s)', (variant) => {
  const expected = EXPECTED.variants[variant].returns;
  const byCode = new Map(expected.flatMap((r) => r.figures.map((f) => [f.code, { ...f, file: r.file, sheet: r.sheet, bureau: r.bureau }] as const)));
  const deleted = expected.flatMap((r) => r.deleted);

  it('imports each file as its template key says, every row matched', () => {
    const { imports, returns } = results.get(variant)!;
    expect(imports.map((r) => [r.file, r.outcome, r.bureau, r.region, r.year, r.matched, r.unmatched])).toEqual(
      expected.map((r) => [r.file, 'imported', r.bureau, r.region, YEAR, r.figures.length, 0]),
    );
    expect(sorted(returns.map((r) => [r.file, r.bureau, r.region, r.year, r.state, r.contactPerson, r.contactPhone]))).toEqual(
      sorted(expected.map((r) => [r.file, r.bureau, r.region, YEAR, 'counted', r.contactPerson, r.contactPhone])),
    );
  });

  it('has every figure exactly as typed, from the cell it was typed in', () => {
    const { values } = results.get(variant)!;
    // `values` lists the plan's indicators (not the auxiliary X codes, checked below).
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) {
      const figure = byCode.get(v.indicator);
      if (figure) {
        expect([v.indicator, v.value, v.status, v.sources]).toEqual([
          v.indicator,
          figure.value,
          'ok',
          [{ file: figure.file, sheet: figure.sheet, cell: figure.cell, bureau: figure.bureau }],
        ]);
      } else {
        // Only a deleted row's indicator goes without a figure.
        expect([v.indicator, v.value, v.sources]).toEqual([deleted.find((c) => c === v.indicator), null, []]);
      }
    }
  });

  it('matched every row by its key, though the key names the workbook that wrote the template', () => {
    const { dir } = results.get(variant)!;
    const { workbookId, rows } = storedRows(dir);
    for (const r of expected) {
      const key = sheetByName(readXlsxXml(new Uint8Array(readFileSync(path.join(FIXTURES, r.file)))), '_taizhang');
      const keyId = [...key.cells.values()].find((c) => c.ref.startsWith('B') && key.cells.get(`A${c.ref.slice(1)}`)?.text === 'workbook_id')!.text;
      expect(keyId).not.toBe('');
      expect(keyId).not.toBe(workbookId);
    }
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.method !== 'key' || row.indicator === null)).toEqual([]);
    // The 完成值 of every row, auxiliary indicators included, stored as typed.
    expect(sorted(rows.filter((row) => row.role === 'value').map((row) => [row.file, row.indicator, row.value, row.cell]))).toEqual(
      sorted(expected.flatMap((r) => r.figures.map((f) => [r.file, f.code, f.value, f.cell]))),
    );
  });

  it(deleted.length ? `finds only the deleted rows missing: ${deleted.join('、')}` : 'finds nothing: no missing figure, no conflict, no rule broken', () => {
    const { findings } = results.get(variant)!;
    expect(sorted(findings.map((f) => [f.kind, f.indicator, f.bureau, f.region, f.year, f.file]))).toEqual(
      sorted(expected.flatMap((r) => r.deleted.map((code) => ['missing', code, r.bureau, r.region, YEAR, r.file]))),
    );
  });
});
