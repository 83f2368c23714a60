import { describe, expect, it } from 'vitest';
import { writeTableWorkbook, sheetRowsOf } from '../../../electron/services/xlsx/write-table';
import { PROGRESS_METHOD_NOTE } from '../../../shared/reconcile/progress';
import { buildAnnualTable, type AnnualTableInput } from '../../../shared/tables/annual-table';
import { buildEvaluationTable } from '../../../shared/tables/evaluation-table';
import { buildFindingsTables } from '../../../shared/tables/findings-table';
import { buildPeriodTable } from '../../../shared/tables/period-table';
import { publishedIndicators } from '../../../shared/tables/table-inputs';
import type { TableLayout } from '../../../shared/tables/table-layout';
import { columnWidths, fontOf, numFmtOf, readXlsxXml, ref, sheetByName, tagsOf, type XlsxBook } from '../../support/xlsx-xml';
import { FIGURES, assignedLinyi, linyiValues, progressFor } from '../../shared/tables/table-fixture';

const schema = assignedLinyi();

/** Decimals as a person writes the figure: 94.36 → 2, 95 → 0. */
function decimalsWritten(figure: number | null): number {
  return figure === null ? 0 : (String(figure).split('.')[1] ?? '').length;
}
const values = linyiValues();

function annualInput(extra: Partial<AnnualTableInput> = {}): AnnualTableInput {
  return {
    schema,
    region: '临沂市',
    year: 2023,
    values,
    progress: progressFor(values, 2023),
    yearState: { signedOff: true, openErrors: 0 },
    progressMethodNote: PROGRESS_METHOD_NOTE,
    ...extra,
  };
}

async function roundTrip(layouts: TableLayout[]): Promise<XlsxBook> {
  return readXlsxXml(await writeTableWorkbook(layouts));
}

/** Every number cell of the layout is a number cell in the file with the exact value and the decimals' format. */
function expectNumbersKept(book: XlsxBook, layout: TableLayout): number {
  const sheet = sheetByName(book, layout.sheetName);
  const { bodyFirst } = sheetRowsOf(layout);
  const mergedAway = new Set<string>();
  for (const m of layout.bodyMerges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) mergedAway.add(`${r}:${c}`);
  }
  let checked = 0;
  layout.body.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (mergedAway.has(`${r}:${c}`)) return;
      const written = sheet.cells.get(ref(bodyFirst - 1 + r, c))!;
      expect(written, `${layout.sheetName}!${ref(bodyFirst - 1 + r, c)}`).toBeDefined();
      expect(written.formula).toBeNull();
      if (cell.kind === 'number') {
        expect(written.type).toBeNull();
        expect(Number(written.raw)).toBe(cell.value);
        expect(numFmtOf(book, written)).toBe(cell.decimals === 0 ? '0' : `0.${'0'.repeat(cell.decimals)}`);
        checked++;
      } else {
        expect(['s', 'inlineStr', 'str']).toContain(written.type);
        expect(written.text).toBe(cell.kind === 'text' ? cell.value : '—');
      }
      expect(fontOf(book, written)).toBe('宋体');
    });
  });
  return checked;
}

describe('writeTableWorkbook: the annual table', () => {
  it('writes each 完成值 as a number equal to the consolidated value, printed at no fewer decimals than its row carries', async () => {
    const layout = buildAnnualTable(annualInput());
    const book = await roundTrip([layout]);
    const sheet = sheetByName(book, layout.sheetName);
    const { bodyFirst } = sheetRowsOf(layout);
    const indicators = publishedIndicators(schema);
    indicators.forEach((indicator, i) => {
      const cell = sheet.cells.get(ref(bodyFirst - 1 + i, 6))!;
      const expected = FIGURES[indicator.code]![1];
      if (expected === null) {
        expect(cell.text).toBe('—');
      } else {
        expect(cell.type).toBeNull();
        expect(Number(cell.raw)).toBe(expected);
        const printed = Math.max(indicator.decimals, ...[indicator.baselineValue, indicator.targetValue, expected].map(decimalsWritten));
        expect(numFmtOf(book, cell)).toBe(printed === 0 ? '0' : `0.${'0'.repeat(printed)}`);
      }
      expect(sheet.cells.get(ref(bodyFirst - 1 + i, 2))!.text).toBe(indicator.name);
    });
    expect(expectNumbersKept(book, layout)).toBeGreaterThan(60);
  });

  it('prints title in 黑体, merges areas and headers, repeats the header on every page, A4 landscape fitted to width', async () => {
    const layout = buildAnnualTable(annualInput());
    const book = await roundTrip([layout]);
    const sheet = sheetByName(book, layout.sheetName);
    const { headerFirst, headerLast, bodyFirst } = sheetRowsOf(layout);
    const title = sheet.cells.get('A1')!;
    expect(title.text).toBe('临沂市2023年养老托育服务具体指标完成情况');
    expect(fontOf(book, title)).toBe('黑体');
    expect(sheet.merges).toContain('A1:J1');
    // 指标 over 领域, 类别 and name, two header rows; the year over its three columns.
    expect(sheet.merges).toContain(`A${headerFirst}:C${headerLast}`);
    expect(sheet.merges).toContain(`G${headerFirst}:I${headerFirst}`);
    // 社会保障情况 has no category: it spans both columns down its two rows.
    expect(sheet.merges).toContain(`A${bodyFirst}:B${bodyFirst + 1}`);
    // 服务资源总量 down its four rows, 养老 and 托育 down two each.
    expect(sheet.merges).toContain(`A${bodyFirst + 2}:A${bodyFirst + 5}`);
    expect(sheet.merges).toContain(`B${bodyFirst + 2}:B${bodyFirst + 3}`);
    expect(sheet.merges).toContain(`B${bodyFirst + 4}:B${bodyFirst + 5}`);

    const setup = tagsOf(sheet.xml, 'pageSetup')[0]!;
    expect(setup).toMatchObject({ orientation: 'landscape', paperSize: '9', fitToWidth: '1', fitToHeight: '0' });
    expect(tagsOf(sheet.xml, 'pageSetUpPr')[0]).toMatchObject({ fitToPage: '1' });
    const titles = book.definedNames.find((d) => d.name === '_xlnm.Print_Titles');
    expect(titles?.localSheetId).toBe('0');
    expect(titles?.value).toContain(`$${headerFirst}:$${headerLast}`);
    const pane = tagsOf(sheet.xml, 'pane')[0]!;
    expect(pane).toMatchObject({ state: 'frozen', xSplit: '3', ySplit: String(headerLast) });
    const widths = columnWidths(sheet);
    expect([...widths.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Math.min(...widths.values())).toBeGreaterThanOrEqual(7);
    expect(widths.get(3)).toBeGreaterThanOrEqual(30);
    expect(fontOf(book, sheet.cells.get(`A${headerFirst}`)!)).toBe('黑体');
  });

  it('notes the overridden value and the progress method, and marks a year not signed off 初稿', async () => {
    const final = await roundTrip([buildAnnualTable(annualInput())]);
    const finalTexts = [...final.sheets[0]!.cells.values()].map((c) => c.text);
    expect(finalTexts.some((t) => t.includes('初稿'))).toBe(false);
    expect(finalTexts.some((t) => t.includes('人均预期寿命2023年完成值 78.21岁 为人工核定值（说明：采用市卫生健康委年报口径）'))).toBe(true);
    expect(finalTexts.some((t) => t.includes('进度评估采用线性进度法'))).toBe(true);

    const layout = buildAnnualTable(annualInput({ yearState: { signedOff: true, openErrors: 2 } }));
    const book = await roundTrip([layout]);
    const sheet = sheetByName(book, layout.sheetName);
    expect(sheet.cells.get('A1')!.text).toContain('（初稿）');
    expect(sheet.cells.get('A2')!.text).toContain('尚有 2 个错误级核对问题未处理');
    // Every printed page carries the mark in its header.
    expect(sheet.xml).toMatch(/<oddHeader>[^<]*初稿<\/oddHeader>/);
    expect(final.sheets[0]!.xml).not.toMatch(/<oddHeader>[^<]*初稿/);
  });

  it('never writes text from data as a formula', async () => {
    const hostile = { ...schema, indicators: schema.indicators.map((i) => (i.code === 'A01' ? { ...i, reporter: '=HYPERLINK("http://x","点击")' } : i)) };
    const layout = buildAnnualTable(annualInput({ schema: hostile }));
    const book = await roundTrip([layout]);
    const sheet = sheetByName(book, layout.sheetName);
    const cell = sheet.cells.get(ref(sheetRowsOf(layout).bodyFirst - 1, 9))!;
    expect(cell.text).toBe('=HYPERLINK("http://x","点击")');
    expect(cell.formula).toBeNull();
    expect(cell.type).toBe('s');
    expect(numFmtOf(book, cell)).toBe('@');
    expect(sheet.xml).not.toContain('<f>');
  });
});

describe('writeTableWorkbook: the other tables', () => {
  it('keeps the numbers of the evaluation, period and findings tables as numbers', async () => {
    const evaluation = buildEvaluationTable({ schema, region: '临沂市', year: 2023, values, progress: progressFor(values, 2023), yearState: { signedOff: false, openErrors: 0 } });
    const period = buildPeriodTable({ schema, region: '临沂市', values, progress: progressFor(values, 2023), latestYear: 2023, yearState: { signedOff: true, openErrors: 0 } });
    const findings = buildFindingsTables({
      year: 2023,
      findings: [
        { id: 'm1', kind: 'missing', severity: 'warning', status: 'open', indicator: 'D03', name: '65岁及以上老年人城乡社区规范健康管理服务率', bureau: '市卫生健康委', region: '临沂市', year: 2023, file: null, sheet: null, cell: null, message: '市卫生健康委的报表中缺少该指标', candidates: [] },
      ],
      contacts: [{ bureau: '市卫生健康委', contactPerson: '王敏', contactPhone: '0539-8721034', file: '卫健委2023.xlsx' }],
    });
    const layouts = [evaluation, period, ...findings];
    const book = await roundTrip(layouts);
    expect(book.sheets.map((s) => s.name)).toEqual(layouts.map((l) => l.sheetName));
    expect(expectNumbersKept(book, evaluation)).toBeGreaterThan(60);
    expect(expectNumbersKept(book, period)).toBeGreaterThan(60);
    for (const layout of findings) expectNumbersKept(book, layout);
    for (const sheet of book.sheets) {
      expect(tagsOf(sheet.xml, 'pageSetup')[0]).toMatchObject({ orientation: 'landscape', fitToWidth: '1' });
      expect(tagsOf(sheet.xml, 'pane')[0]).toMatchObject({ state: 'frozen' });
    }
    expect(book.definedNames.filter((d) => d.name === '_xlnm.Print_Titles')).toHaveLength(layouts.length);
  });
});
