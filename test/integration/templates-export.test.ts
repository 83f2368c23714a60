import ExcelJS from 'exceljs';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTaizhang } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';
import { readXlsxXml, ref } from '../support/xlsx-xml';
import { LINYI_FIGURES_2023 } from '../support/linyi-indicators';

const YEAR = 2023;


interface ValueJson {
  indicator: string;
  name: string;
  region: string;
  year: number;
  value: number | null;
  status: string;
  sources: { file: string; sheet: string; cell: string; bureau: string }[];
}

function run(dir: string, args: string[]): string {
  const result = runTaizhang(args, { cwd: dir });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

/** Types the figures into a template the way a bureau does: by the columns' headers. */
async function fillTemplate(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets.find((s) => s.state === 'visible')!;
  const columns = new Map<string, { row: number; col: number }>();
  sheet.eachRow((row, r) => row.eachCell((cell, c) => typeof cell.value === 'string' && columns.set(cell.value, { row: r, col: c })));
  const code = columns.get('指标编码')!;
  const value = columns.get(`${YEAR}年完成值`)!;
  for (let r = code.row + 1; r <= sheet.rowCount; r++) {
    const key = sheet.getCell(r, code.col).value;
    if (typeof key === 'string' && key in LINYI_FIGURES_2023) sheet.getCell(r, value.col).value = LINYI_FIGURES_2023[key]!;
  }
  await workbook.xlsx.writeFile(file);
}

describe('templates out, filled, imported, and the annual table out', () => {
  it('imports every filled template exactly, with no finding, and exports numbers equal to values', async () => {
    const dir = makeTempDir();
    run(dir, ['init', 'w.tzdb', '--schema', 'linyi-2022']);
    run(dir, ['assign', 'w.tzdb', '--bureau', '市人社局', 'A01', 'A02']);
    run(dir, ['assign', 'w.tzdb', '--bureau', '市卫健委', '--area', '产业发展情况']);
    run(dir, ['assign', 'w.tzdb', '--bureau', '市民政局', '--unassigned']);
    run(dir, ['templates', 'w.tzdb', '--year', String(YEAR), '--out', 'templates']);
    const templates = readdirSync(path.join(dir, 'templates')).map((name) => path.join('templates', name));
    expect(templates.length).toBeGreaterThanOrEqual(3);
    for (const file of templates) await fillTemplate(path.join(dir, file));

    run(dir, ['import', 'w.tzdb', ...templates]);
    expect(JSON.parse(run(dir, ['findings', 'w.tzdb', '--json']))).toEqual([]);
    const values = JSON.parse(run(dir, ['values', 'w.tzdb', '--year', String(YEAR), '--region', '临沂市', '--json'])) as ValueJson[];
    expect(values).toHaveLength(31);
    for (const v of values) {
      expect([v.indicator, v.value, v.status]).toEqual([v.indicator, LINYI_FIGURES_2023[v.indicator], 'ok']);
      expect(v.sources).toHaveLength(1);
      expect(v.sources[0]!.file).toMatch(/\.xlsx$/);
    }

    run(dir, ['export', 'w.tzdb', '--year', String(YEAR), '--out', 'annual.xlsx']);
    const book = readXlsxXml(new Uint8Array(readFileSync(path.join(dir, 'annual.xlsx'))));
    const sheet = book.sheets[0]!;
    const cells = [...sheet.cells.values()];
    const valueColumn = cells.find((c) => c.text === '完成值')!.ref.replace(/\d+/g, '');
    for (const v of values) {
      const nameCell = cells.find((c) => c.text === v.name)!;
      const row = Number(nameCell.ref.replace(/\D+/g, ''));
      const cell = sheet.cells.get(`${valueColumn}${row}`)!;
      expect(cell.type, `${v.name} is a number cell`).toBeNull();
      expect(Number(cell.raw)).toBe(v.value);
    }
    // Not signed off yet: the table says 初稿.
    expect(cells.some((c) => c.text.includes('初稿'))).toBe(true);
    expect(ref(0, 0)).toBe('A1');

    run(dir, ['signoff', 'w.tzdb', '--year', String(YEAR)]);
    run(dir, ['export', 'w.tzdb', '--year', String(YEAR), '--out', 'final.xlsx']);
    const final = readXlsxXml(new Uint8Array(readFileSync(path.join(dir, 'final.xlsx'))));
    expect([...final.sheets[0]!.cells.values()].some((c) => c.text.includes('初稿'))).toBe(false);

    // A signed-off year refuses an import with a clear message.
    writeFileSync(path.join(dir, 'late.csv'), `填报单位：市民政局\n指标名称,单位,${YEAR}年完成值\n全市养老服务设施,处,990\n`);
    const late = runTaizhang(['import', 'w.tzdb', 'late.csv'], { cwd: dir });
    expect(late.status).toBe(2);
    expect(late.stderr).toContain(`${YEAR}年已定稿`);
  });
});
