import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readGrid } from '../../../electron/read/read-grid';
import { writeTemplate } from '../../../electron/services/xlsx/write-template';
import { detectReturn, type DetectContext } from '../../../shared/import/detect-layout';
import { buildMatcher } from '../../../shared/import/match';
import { readReturnValues, type ReturnValue } from '../../../shared/import/read-return-values';
import { TEMPLATE_KEY_SHEET } from '../../../shared/import/template-key';
import { reconcile } from '../../../shared/reconcile/consolidate';
import { reportedRecord, type ReportedRecord, type ReturnRecord } from '../../../shared/domain';
import { planTemplates, type TemplatePlan } from '../../../shared/tables/template-plan';
import { LINYI_SUBREGIONS } from '../../support/schema-fixture';
import { columnWidths, isLocked, readXlsxXml, sheetByName, tagsOf } from '../../support/xlsx-xml';
import { FIGURES, assignedLinyi, linyiValues } from '../../shared/tables/table-fixture';

const schema = assignedLinyi();
const YEAR = 2023;
const plans = planTemplates({ schema, workbookId: 'wb-linyi-0001', year: YEAR, values: linyiValues([YEAR - 1]) });

const context = (fileName: string): DetectContext => ({
  fileName,
  regions: [schema.region, ...LINYI_SUBREGIONS],
  bureauNames: schema.bureaus.flatMap((b) => [b.name, ...b.aliases]),
  defaultYear: null,
  knownIndicatorNames: schema.indicators.map((i) => i.name),
  baseYear: schema.baseYear,
  targetYear: schema.targetYear,
});

const CONTACTS: Record<string, [string, string, string]> = {
  市民政局: ['张丽', '0539-8231456', '刘建国'],
  市卫生健康委: ['王敏', '0539-8721034', '陈卫东'],
  市人力资源社会保障局: ['赵磊', '0539-8313520', '孙红'],
  市医保局: ['李静', '0539-8101266', '周强'],
  市发展改革委: ['吴昊', '0539-8720315', '郑伟'],
};

type Edit = (sheet: ExcelJS.Worksheet, firstData: number, lastData: number) => void;

/** Fills a template as a bureau would: finds the columns by their headers, types the figures and contacts. */
async function fill(bytes: Uint8Array, plan: TemplatePlan, edit?: Edit): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(plan.sheetName)!;
  let headerRow = 0;
  const colOf = new Map<string, number>();
  sheet.eachRow((row, r) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (cell.value === '指标名称') headerRow = r;
      if (typeof cell.value === 'string') colOf.set(cell.value, c);
    });
  });
  const codeCol = colOf.get('指标编码')!;
  const valueCol = colOf.get(`${YEAR}年完成值`)!;
  let lastData = headerRow;
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const code = sheet.getCell(r, codeCol).value;
    if (typeof code !== 'string' || !(code in FIGURES)) continue;
    lastData = r;
    sheet.getCell(r, valueCol).value = FIGURES[code]![1];
  }
  const [person, phone, reviewer] = CONTACTS[plan.bureau]!;
  sheet.eachRow((row) => {
    row.eachCell((cell, c) => {
      const next = row.getCell(c + 1);
      if (cell.value === '填报人：') next.value = person;
      if (cell.value === '联系电话：') next.value = phone;
      if (cell.value === '审核人：') next.value = reviewer;
    });
  });
  edit?.(sheet, headerRow + 1, lastData);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

interface Imported {
  values: ReturnValue[];
  problems: unknown[];
  unmatchedRows: number;
  meta: Record<string, unknown>;
  templateKey: unknown;
}

async function importTemplate(name: string, bytes: Uint8Array, plan: TemplatePlan): Promise<Imported> {
  const grid = await readGrid({ name, bytes });
  const detected = detectReturn(grid, context(name));
  const parsed = detected.parsed!;
  const read = readReturnValues(parsed, {
    indicators: schema.indicators,
    matcher: buildMatcher(schema.indicators, []),
    bureau: plan.bureau,
    region: parsed.meta.region ?? schema.region,
    year: parsed.meta.year!,
  });
  return { values: read.values, problems: detected.problems, unmatchedRows: read.unmatchedRows, meta: { ...parsed.meta }, templateKey: parsed.templateKey };
}

function records(imported: { plan: TemplatePlan; file: string; values: ReturnValue[] }[]): { records: ReportedRecord[]; returns: ReturnRecord[] } {
  const out: ReportedRecord[] = [];
  const returns: ReturnRecord[] = [];
  imported.forEach(({ plan, file, values }, n) => {
    const id = n + 1;
    returns.push({ id, seq: id, file, bureau: plan.bureau, region: plan.region, year: plan.year, state: 'counted', contactPerson: null, contactPhone: null });
    values.forEach((v, k) => out.push(reportedRecord(id * 1000 + k, { returnId: id, state: 'counted', bureau: plan.bureau, file }, v)));
  });
  return { records: out, returns };
}

describe('writeTemplate', () => {
  it('gives every 填报单位 a template, and every indicator, auxiliary ones included, a row in exactly one', () => {
    expect(plans.map((p) => p.bureau).sort()).toEqual(Object.keys(CONTACTS).sort());
    expect(plans.flatMap((p) => p.rows.map((r) => r.code)).sort()).toEqual(schema.indicators.map((i) => i.code).sort());
  });

  it('imports filled templates by key with the values exactly as filled and no finding at all', async () => {
    const imported: { plan: TemplatePlan; file: string; values: ReturnValue[] }[] = [];
    for (const plan of plans) {
      const bytes = await fill(await writeTemplate(plan), plan);
      const result = await importTemplate(plan.fileName, bytes, plan);
      expect(result.problems).toEqual([]);
      expect(result.unmatchedRows).toBe(0);
      expect(result.templateKey).toMatchObject({ workbookId: 'wb-linyi-0001', bureau: plan.bureau, region: '临沂市', year: YEAR });
      const [person, phone, reviewer] = CONTACTS[plan.bureau]!;
      expect(result.meta).toMatchObject({ bureau: plan.bureau, region: '临沂市', year: YEAR, contactPerson: person, contactPhone: phone, reviewer });
      expect(result.values.every((v) => v.problem === null)).toBe(true);
      const filled = result.values.filter((v) => v.role === 'value');
      expect(filled.map((v) => [v.indicator, v.year, v.value, v.matchMethod])).toEqual(plan.rows.map((r) => [r.code, YEAR, FIGURES[r.code]![1], 'key']));
      imported.push({ plan, file: plan.fileName, values: result.values });
    }
    const { records: recs, returns } = records(imported);
    const result = reconcile({ schema, regions: [schema.region], workbookRegion: schema.region, years: [YEAR], records: recs, returns, resolutions: [] });
    expect(result.findings).toEqual([]);
    for (const indicator of schema.indicators) {
      const v = result.values.find((x) => x.indicator === indicator.code && x.year === YEAR)!;
      expect([v.value, v.status]).toEqual([FIGURES[indicator.code]![1], 'ok']);
    }
  });

  it('still imports by key after the bureau re-orders its rows and deletes one', async () => {
    const plan = plans.find((p) => p.bureau === '市民政局')!;
    let deletedCode = '';
    const reorder: Edit = (sheet, first, last) => {
      const rows: ExcelJS.CellValue[][] = [];
      for (let r = first; r <= last; r++) rows.push((sheet.getRow(r).values as ExcelJS.CellValue[]).slice(1));
      rows.reverse().forEach((values, i) => values.forEach((value, c) => (sheet.getCell(first + i, c + 1).value = value ?? null)));
      deletedCode = String(sheet.getCell(first + 2, 2).value);
      sheet.spliceRows(first + 2, 1);
    };
    const bytes = await fill(await writeTemplate(plan), plan, reorder);
    const result = await importTemplate('民政局报表（已调整行序）.xlsx', bytes, plan);
    expect(result.problems).toEqual([]);
    const filled = result.values.filter((v) => v.role === 'value');
    const expected = plan.rows.filter((r) => r.code !== deletedCode).reverse();
    expect(deletedCode).not.toBe('');
    expect(filled.map((v) => [v.indicator, v.value, v.matchMethod])).toEqual(expected.map((r) => [r.code, FIGURES[r.code]![1], 'key']));
    expect(result.values.every((v) => v.problem === null)).toBe(true);
  });

  it('protects the sheet without a password, unlocks and validates the input cells, hides the code column and the key sheet', async () => {
    const plan = plans.find((p) => p.bureau === '市卫生健康委')!;
    const book = readXlsxXml(await writeTemplate(plan));
    const sheet = sheetByName(book, plan.sheetName);
    expect(sheetByName(book, TEMPLATE_KEY_SHEET).state).toBe('veryHidden');
    const keyCells = sheetByName(book, TEMPLATE_KEY_SHEET).cells;
    expect(keyCells.get('A1')!.text).toBe('workbook_id');
    expect(keyCells.get('B1')!.text).toBe('wb-linyi-0001');
    const protection = tagsOf(sheet.xml, 'sheetProtection')[0]!;
    expect(protection.sheet).toBe('1');
    expect(Object.keys(protection).filter((k) => /password|hash|salt/i.test(k))).toEqual([]);
    expect(tagsOf(sheet.xml, 'col').some((c) => Number(c.min) <= 2 && Number(c.max) >= 2 && c.hidden === '1')).toBe(true);
    expect(columnWidths(sheet).get(5)).toBeGreaterThanOrEqual(30);

    const header = [...sheet.cells.values()].filter((c) => /^[A-K]5$/.test(c.ref)).map((c) => c.text);
    expect(header).toContain('指标编码');
    expect(header).toContain(`${YEAR}年完成值`);
    const rowOf = (code: string) => [...sheet.cells.values()].find((c) => c.ref.startsWith('B') && c.text === code)!.ref.slice(1);
    const ratio = rowOf('C10'); // 社区托育服务覆盖率, %
    const count = rowOf('E04'); // 托育服务专业人才数, 人
    expect(isLocked(book, sheet.cells.get(`J${ratio}`))).toBe(false);
    expect(isLocked(book, sheet.cells.get(`E${ratio}`))).toBe(true);
    expect(isLocked(book, sheet.cells.get(`G${ratio}`))).toBe(true);
    const validations = [...sheet.xml.matchAll(/<dataValidation\s[^>]*>([\s\S]*?)<\/dataValidation>/g)].map((m) => ({
      ...Object.fromEntries([...m[0].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
      formulas: [...m[1]!.matchAll(/<formula\d>([^<]*)<\/formula\d>/g)].map((f) => f[1]),
    }));
    const at = (cell: string) => validations.find((v) => (v.sqref as string).split(' ').some((s) => s === cell || rangeHas(s, cell)));
    // between is OOXML's default operator, which writers may leave out.
    expect(at(`J${ratio}`)).toMatchObject({ type: 'decimal', formulas: ['0', '100'] });
    expect(at(`J${ratio}`)!.operator ?? 'between').toBe('between');
    expect(at(`J${count}`)).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulas: ['0'] });
    // Baselines are numbers at the published decimals, a ≥ target stays as printed.
    const b01 = plans.find((p) => p.bureau === '市民政局')!;
    const minzheng = sheetByName(readXlsxXml(await writeTemplate(b01)), b01.sheetName);
    const b01Row = [...minzheng.cells.values()].find((c) => c.ref.startsWith('B') && c.text === 'B01')!.ref.slice(1);
    expect(minzheng.cells.get(`G${b01Row}`)).toMatchObject({ type: null, raw: '971' });
    expect(minzheng.cells.get(`H${b01Row}`)!.text).toBe('≥1000');
    expect(minzheng.cells.get(`I${b01Row}`)).toMatchObject({ type: null, raw: String(FIGURES.B01![0]) });
  });
});

function rangeHas(range: string, cell: string): boolean {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  const c = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m || !c) return false;
  return c[1]! >= m[1]! && c[1]! <= m[3]! && Number(c[2]) >= Number(m[2]) && Number(c[2]) <= Number(m[4]);
}
