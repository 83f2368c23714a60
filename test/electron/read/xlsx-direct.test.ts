import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridSheet } from '../../../shared/import/grid';
import { cellAt } from '../../../shared/import/grid';
import { resolveLimits } from '../../../electron/read/limits';
import { readGrid } from '../../../electron/read/read-grid';
import { CellBudget } from '../../../electron/read/sheet-builder';
import { readXlsxDirect } from '../../../electron/read/xlsx-direct';
import { packageEntries } from '../../../electron/read/zip-package';
import { readXlsxWithExcelJS } from '../../../electron/read/xlsx-exceljs';
import { inspectZip } from '../../../electron/read/zip-guard';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { REGION, SUBREGIONS, bigReturn, generateReturns } from '../../bench/generate-load';
import { makeZip } from './make-files';
import { compare, plain, spreadsheetsUnder } from '../../support/direct-reader-comparison';

/**
 * The direct OOXML reader must give exactly the grid the exceljs path gives — on our fixtures
 * and on generated bureau returns (the real-world corpus: test/corpus/direct-reader.test.ts) —
 * or decline (null) so that the exceljs path reads the file as before. Then its handling of the
 * details, on small packages written by hand.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const limits = resolveLimits();

describe('direct reader against exceljs: test fixtures', () => {
  const files = spreadsheetsUnder(path.join(projectRoot, 'test/fixtures'));

  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it.each(files.map((f) => path.relative(projectRoot, f)))('%s', async (file) => {
    const result = await compare(file, new Uint8Array(readFileSync(path.join(projectRoot, file))));
    // Our fixtures are ordinary Excel returns: the direct reader must take every one of them.
    expect(result.outcome).toBe('compared');
    if (result.outcome === 'compared') expect(result.direct).toEqual(result.exceljs);
  });
});

describe('direct reader against exceljs: generated bureau returns', () => {
  let dir: string;
  let files: { name: string; bytes: Uint8Array }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-direct-'));
    const book = createWorkbookFromSchema(path.join(dir, 'base.tzdb'), {
      schema: loadBuiltinSchema('linyi-2022'),
      region: REGION,
      subregions: SUBREGIONS,
    });
    try {
      const service = new WorkbookService(book);
      const returns = await generateReturns(service, 6);
      // Filled templates and bureaus' own layouts of several 县区, and one long return.
      files = [...returns.filter((_, i) => i % 5 === 0), await bigReturn(service.schema, 600)];
    } finally {
      book.close();
    }
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads every one exactly as exceljs does', async () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const result = await compare(file.name, file.bytes);
      expect(result.outcome, file.name).toBe('compared');
      if (result.outcome === 'compared') expect(result.direct, file.name).toEqual(result.exceljs);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-written packages.

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface SheetInput {
  name: string;
  data: string;
  state?: 'hidden' | 'veryHidden';
  /** Extra worksheet children after sheetData (mergeCells …) and before it (cols). */
  after?: string;
  before?: string;
}

function makeXlsx(sheets: SheetInput[], options: { strings?: string[]; styles?: string; date1904?: boolean } = {}): Uint8Array {
  const rels = sheets.map((_, i) =>
    `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  if (options.strings) rels.push(`<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  if (options.styles) rels.push(`<Relationship Id="rIdT" Type="${REL}/styles" Target="/xl/styles.xml"/>`);
  const parts = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
        (options.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
        '<sheets>' + sheets.map((s, i) =>
          `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    },
    { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="${PKG}">${rels.join('')}</Relationships>` },
    ...sheets.map((s, i) => ({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
        `${s.before ?? ''}<sheetData>${s.data}</sheetData>${s.after ?? ''}</worksheet>`,
    })),
  ];
  if (options.strings) {
    parts.push({ name: 'xl/sharedStrings.xml', data: `<sst xmlns="${MAIN}">${options.strings.join('')}</sst>` });
  }
  if (options.styles) parts.push({ name: 'xl/styles.xml', data: `<styleSheet xmlns="${MAIN}">${options.styles}</styleSheet>` });
  return makeZip(parts);
}

/** Reads a package both ways; they must agree, and the direct sheets are returned. */
async function readBoth(bytes: Uint8Array): Promise<GridSheet[]> {
  const report = inspectZip(bytes, 'return.xlsx', limits);
  const direct = readXlsxDirect(report, new CellBudget('return.xlsx', limits.maxCells));
  expect(direct).not.toBeNull();
  const exceljs = await readXlsxWithExcelJS(packageEntries(report), bytes, new CellBudget('return.xlsx', limits.maxCells));
  expect(plain(direct!)).toEqual(plain(exceljs));
  return direct!;
}

function directOf(bytes: Uint8Array): GridSheet[] | null {
  return readXlsxDirect(inspectZip(bytes, 'return.xlsx', limits), new CellBudget('return.xlsx', limits.maxCells));
}

describe('direct reader on hand-written packages', () => {
  it('joins rich-text runs, leaves out phonetic runs and undoes _xHHHH_ escapes in shared strings', async () => {
    const [sheet] = await readBoth(makeXlsx([{
      name: '完成情况',
      data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>',
    }], {
      strings: [
        '<si><r><rPr><b/><sz val="11"/></rPr><t>城镇化率</t></r><r><t xml:space="preserve">（常住）</t></r></si>',
        '<si><t>临沂</t><rPh sb="0" eb="2"><t>リンイ</t></rPh><phoneticPr fontId="1"/></si>',
        '<si><t>第一行_x000D_\n第二行</t></si>',
        '<si><t/></si>',
      ],
    }));
    expect(cellAt(sheet!, 0, 0)?.value).toEqual({ kind: 'text', value: '城镇化率（常住）' });
    expect(cellAt(sheet!, 0, 1)?.value).toEqual({ kind: 'text', value: '临沂' });
    expect(cellAt(sheet!, 0, 2)?.value).toEqual({ kind: 'text', value: '第一行\r\n第二行' });
    // An empty shared string is no cell at all.
    expect(cellAt(sheet!, 0, 3)).toBeUndefined();
  });

  it('reads inline strings, plain and rich, and decodes XML entities', async () => {
    const [sheet] = await readBoth(makeXlsx([{
      name: '说明',
      data: '<row r="2"><c r="A2" t="inlineStr"><is><t>R&amp;D 投入 &lt;万元&gt; &quot;含&apos;税&quot; &#21512;&#x8BA1;</t></is></c>' +
        '<c r="B2" t="inlineStr"><is><r><t>牵头</t></r><r><rPr><i/></rPr><t>单位</t></r></is></c>' +
        '<c r="C2" t="str"><v>a&amp;amp;b</v></c><c r="D2" t="inlineStr"><is><t>甲_x0020_乙</t></is></c></row>',
    }]));
    expect(cellAt(sheet!, 1, 0)?.value).toEqual({ kind: 'text', value: 'R&D 投入 <万元> "含\'税" 合计' });
    expect(cellAt(sheet!, 1, 1)?.value).toEqual({ kind: 'text', value: '牵头单位' });
    // exceljs decodes a 'str' cell's text a second time (its xmlDecode); the direct reader follows.
    expect(cellAt(sheet!, 1, 2)?.value).toEqual({ kind: 'text', value: 'a&b' });
    // …and leaves `_xHHHH_` escapes in an inline string's plain <t> as written.
    expect(cellAt(sheet!, 1, 3)?.value).toEqual({ kind: 'text', value: '甲_x0020_乙' });
  });

  it('keeps formulas with their cached results, shared formulas included', async () => {
    const [sheet] = await readBoth(makeXlsx([{
      name: '汇总',
      data: '<row r="1"><c r="A1"><v>10</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>20</v></c></row>' +
        '<row r="2"><c r="A2"><v>15</v></c><c r="B2"><f t="shared" si="0"/><v>30</v></c></row>' +
        '<row r="3"><c r="A3"><v>0</v></c><c r="B3"><f t="shared" si="0"/><v>0</v></c>' +
        '<c r="C3" t="e"><f>A1/A3</f><v>#DIV/0!</v></c><c r="D3" t="b"><f>A1&gt;A2</f><v>0</v></c>' +
        '<c r="E3" t="str"><f>"完成"</f><v>完成</v></c><c r="F3"><f>SUM(A1:A3)</f></c></row>',
    }]));
    expect(cellAt(sheet!, 0, 1)).toMatchObject({ value: { kind: 'number', value: 20 }, formula: true });
    expect(cellAt(sheet!, 1, 1)).toMatchObject({ value: { kind: 'number', value: 30 }, formula: true });
    // A formula that came to 0 or FALSE is that result (exceljs's value drops it; its model keeps it).
    expect(cellAt(sheet!, 2, 1)).toMatchObject({ value: { kind: 'number', value: 0 }, formula: true });
    expect(cellAt(sheet!, 2, 3)).toMatchObject({ value: { kind: 'bool', value: false }, formula: true });
    expect(cellAt(sheet!, 2, 2)).toMatchObject({ value: { kind: 'error', value: '#DIV/0!' }, formula: true });
    expect(cellAt(sheet!, 2, 4)).toMatchObject({ value: { kind: 'text', value: '完成' }, formula: true });
    expect(cellAt(sheet!, 2, 5)).toMatchObject({ value: { kind: 'empty' }, formula: true });
    expect(cellAt(sheet!, 2, 0)?.value).toEqual({ kind: 'number', value: 0 });
  });

  const STYLES = '<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>' +
    '<numFmt numFmtId="177" formatCode="0.0%"/></numFmts>' +
    '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
    '<cellXfs count="5"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/>' +
    '<xf numFmtId="176" fontId="0" applyNumberFormat="1"><alignment horizontal="center"/></xf>' +
    '<xf numFmtId="177" fontId="0"/><xf numFmtId="27" fontId="0"/></cellXfs>';

  it('turns numbers under date formats into dates, built-in 14 and custom 年月日 alike', async () => {
    const [sheet] = await readBoth(makeXlsx([{
      name: '进度',
      data: '<row r="1"><c r="A1" s="1"><v>45291</v></c><c r="B1" s="2"><v>45291.5</v></c>' +
        '<c r="C1" s="3"><v>0.935</v></c><c r="D1" s="4"><v>45291</v></c><c r="E1" s="0"><v>45291</v></c></row>',
    }], { styles: STYLES }));
    expect(cellAt(sheet!, 0, 0)).toMatchObject({ value: { kind: 'date', value: '2023-12-31' }, format: 'mm-dd-yy' });
    expect(cellAt(sheet!, 0, 1)).toMatchObject({
      value: { kind: 'date', value: '2023-12-31T12:00:00' },
      format: 'yyyy"年"m"月"d"日"',
    });
    expect(cellAt(sheet!, 0, 2)).toMatchObject({ value: { kind: 'number', value: 0.935 }, format: '0.0%' });
    // Built-in 27 is locale-dependent: exceljs gives it no format, so it stays a number.
    expect(cellAt(sheet!, 0, 3)).toMatchObject({ value: { kind: 'number', value: 45291 }, format: '' });
    expect(cellAt(sheet!, 0, 4)?.format).toBe('');
  });

  it('counts dates from 1904 when the workbook says so', async () => {
    const [sheet] = await readBoth(makeXlsx([{ name: '进度', data: '<row r="1"><c r="A1" s="1"><v>43829</v></c></row>' }],
      { styles: STYLES, date1904: true }));
    expect(cellAt(sheet!, 0, 0)?.value).toEqual({ kind: 'date', value: '2023-12-31' });
  });

  it('keeps hidden sheets, rows and columns, and empty sheets', async () => {
    const sheets = await readBoth(makeXlsx([
      {
        name: '2023年',
        before: '<cols><col min="1" max="1" width="20"/><col min="3" max="4" hidden="1"/><col min="6" max="16384" hidden="true"/></cols>',
        data: '<row r="1"><c r="A1"><v>1</v></c><c r="E1"><v>5</v></c></row><row r="2" hidden="1"><c r="A2"><v>2</v></c></row>' +
          '<row r="40" hidden="1"/>',
      },
      { name: '模板键', state: 'veryHidden', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>ZB-001</t></is></c></row>' },
      { name: '旧表', state: 'hidden', data: '' },
    ]));
    expect(sheets.map((s) => [s.name, s.state])).toEqual([['2023年', 'visible'], ['模板键', 'veryHidden'], ['旧表', 'hidden']]);
    expect(sheets[0]!.hiddenRows).toEqual([1]);
    expect(sheets[0]!.hiddenCols).toEqual([2, 3]);
    expect(sheets[2]!.rowCount).toBe(0);
  });

  it('keeps merges and drops what the covered cells hold', async () => {
    const [sheet] = await readBoth(makeXlsx([{
      name: '汇总',
      data: '<row r="1"><c r="A1" t="inlineStr"><is><t>指标完成情况表</t></is></c><c r="B1" t="inlineStr"><is><t>残留</t></is></c></row>' +
        '<row r="2"><c r="A2"><v>1</v></c></row>',
      after: '<mergeCells count="2"><mergeCell ref="A1:D1"/><mergeCell ref="A3:A2"/></mergeCells>',
    }]));
    expect(sheet!.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }, { top: 1, left: 0, bottom: 2, right: 0 }]);
    expect(cellAt(sheet!, 0, 1)).toBeUndefined();
    expect(cellAt(sheet!, 1, 0)?.value).toEqual({ kind: 'number', value: 1 });
    expect(sheet!.colCount).toBe(4);
  });

  it('places cells without r next to the previous cell', async () => {
    const [sheet] = await readBoth(makeXlsx([{
      name: '表1',
      data: '<row r="3"><c r="B3"><v>1</v></c><c><v>2</v></c><c t="inlineStr"><is><t>三</t></is></c></row>',
    }]));
    expect([1, 2, 3].map((c) => cellAt(sheet!, 2, c)?.value)).toEqual([
      { kind: 'number', value: 1 }, { kind: 'number', value: 2 }, { kind: 'text', value: '三' },
    ]);
  });

  it('places cells by references fixed with $ as exceljs does, and declines references it would not read', async () => {
    const [sheet] = await readBoth(makeXlsx([{
      name: '表1',
      data: '<row r="2"><c r="$B$2"><v>1</v></c><c r="C$2"><v>2</v></c><c r="$AA2"><v>3</v></c></row>',
    }]));
    expect([1, 2, 26].map((c) => cellAt(sheet!, 1, c)?.value)).toEqual([
      { kind: 'number', value: 1 }, { kind: 'number', value: 2 }, { kind: 'number', value: 3 },
    ]);
    for (const ref of ['b2', 'B', '2', 'ABCD2', 'B2C', 'B$$2', '$$B2', 'B-2']) {
      expect(directOf(makeXlsx([{ name: '表1', data: `<row r="2"><c r="${ref}"><v>1</v></c></row>` }])), ref).toBeNull();
    }
  });

  it('declines packages that are not plain transitional SpreadsheetML', () => {
    const plainSheet = makeXlsx([{ name: '表1', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }]);
    expect(directOf(plainSheet)).not.toBeNull();
    const prefixed = makeZip([
      { name: '_rels/.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
      { name: 'xl/workbook.xml', data: `<x:workbook xmlns:x="${MAIN}" xmlns:r="${REL}"><x:sheets><x:sheet name="表1" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
      { name: 'xl/worksheets/sheet1.xml', data: `<x:worksheet xmlns:x="${MAIN}"><x:sheetData/></x:worksheet>` },
    ]);
    expect(directOf(prefixed)).toBeNull();
    const rowWithoutNumber = makeXlsx([{ name: '表1', data: '<row><c r="A1"><v>1</v></c></row>' }]);
    expect(directOf(rowWithoutNumber)).toBeNull();
    const hyperlink = makeXlsx([{
      name: '表1',
      data: '<row r="1"><c r="A1" t="inlineStr"><is><t>链接</t></is></c></row>',
      after: '<hyperlinks><hyperlink ref="A1" r:id="rId9"/></hyperlinks>',
    }]);
    expect(directOf(hyperlink)).toBeNull();
    const unknownEntity = makeXlsx([{ name: '表1', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>' }]);
    expect(directOf(unknownEntity)).toBeNull();
    const withoutRels = makeZip([{ name: 'xl/workbook.xml', data: `<workbook xmlns="${MAIN}"/>` }]);
    expect(directOf(withoutRels)).toBeNull();
  });

  it('works from the texts the zip guard already inflated', () => {
    const bytes = makeXlsx([{ name: '表1', data: '<row r="1"><c r="A1"><v>42</v></c></row>' }]);
    const report = inspectZip(bytes, 'return.xlsx', limits);
    expect([...report.parts.keys()].sort()).toEqual([
      '[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml',
    ]);
    expect(report.parts.get('xl/worksheets/sheet1.xml')).toContain('<v>42</v>');
  });

  it('is what readGrid returns for an ordinary return', async () => {
    const bytes = makeXlsx([{ name: '完成情况', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>常住人口</t></is></c><c r="B1"><v>1102.3</v></c></row>' }]);
    const grid = await readGrid({ name: '兰山区统计局.xlsx', bytes });
    expect(grid.format).toBe('xlsx');
    expect(plain(grid.sheets)).toEqual(plain(directOf(bytes)!));
  });

  it('stops a sheet over the cell budget with too_many_cells', () => {
    const row = Array.from({ length: 26 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}1"><v>${c}</v></c>`);
    const bytes = makeXlsx([{ name: '表1', data: `<row r="1">${row.join('')}</row>` }]);
    const report = inspectZip(bytes, 'big.xlsx', limits);
    expect(() => readXlsxDirect(report, new CellBudget('big.xlsx', 10))).toThrow(
      expect.objectContaining({ code: 'too_many_cells' }),
    );
  });
});
