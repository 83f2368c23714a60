import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it, vi } from 'vitest';
import { cellAt, cellText, type GridSheet } from '../../../shared/import/grid';
import { resolveLimits } from '../../../electron/read/limits';
import { readGrid } from '../../../electron/read/read-grid';
import { CellBudget } from '../../../electron/read/sheet-builder';
import { readPackageWithSheetJS, readWithSheetJS } from '../../../electron/read/sheetjs';
import { readXlsxDirect } from '../../../electron/read/xlsx-direct';
import { readXlsxWithExcelJS } from '../../../electron/read/xlsx-exceljs';
import { inspectZip } from '../../../electron/read/zip-guard';
import { packageEntries } from '../../../electron/read/zip-package';
import { makeZip } from './make-files';

/**
 * An .xlsx or .ods is unzipped once, by the zip guard: the readers after it (ours, exceljs,
 * SheetJS) are handed the entries it inflated. Counted where the libraries would open the
 * package themselves: JSZip's loader (exceljs) and SheetJS's container reader (CFB.read). The
 * spies go in before the first read, so that the exceljs reader's own loader sits above them.
 */
const jszipOpens = vi.spyOn(JSZip, 'loadAsync');
const sheetjsOpens = vi.spyOn((XLSX as unknown as { CFB: { read: (...args: unknown[]) => unknown } }).CFB, 'read');

const limits = resolveLimits();
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A return with a hyperlink: our direct reader declines it, exceljs reads it. */
async function hyperlinkReturn(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2024年完成情况');
  sheet.getRow(1).values = ['指标名称', '单位', '完成值', '备注'];
  sheet.getRow(2).values = ['城镇化率', '%', 0.935];
  sheet.getCell('C2').numFmt = '0.0%';
  sheet.getCell('D2').value = { text: '口径说明', hyperlink: 'https://tjj.example.gov.cn/' };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** WPS's x:-prefixed SpreadsheetML: ours declines it, exceljs reads it empty, SheetJS reads it. */
function prefixedReturn(): Uint8Array {
  return makeZip([
    { name: '[Content_Types].xml', data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>` },
    { name: '_rels/.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0"?><x:workbook xmlns:x="${NS}" xmlns:r="${REL}"><x:sheets><x:sheet name="汇总" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', data: `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>常住人口</x:t></x:is></x:c><x:c r="B1"><x:v>2185.8</x:v></x:c></x:row></x:sheetData></x:worksheet>` },
  ]);
}

function sheetJsBook(bookType: 'xlsx' | 'ods'): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([
    ['区县常住人口统计表', null, null],
    ['地区', '常住人口（万人）', '城镇化率'],
    ['东城区', 70.4, { t: 'n', v: 0.981, z: '0.0%' }],
  ]);
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '人口');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['备用']]), '备用');
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
  return new Uint8Array(XLSX.write(wb, { bookType, type: 'array', cellStyles: true }) as ArrayBuffer);
}

const budget = (name: string) => new CellBudget(name, limits.maxCells, limits);
const plain = (sheets: GridSheet[]) => JSON.parse(JSON.stringify(sheets)) as unknown;

describe('an .xlsx or .ods is unzipped once', () => {
  it('reads through exceljs from the entries the guard inflated, never opening the package again', async () => {
    jszipOpens.mockClear();
    sheetjsOpens.mockClear();
    const bytes = await hyperlinkReturn();
    // Our own reader declines it: exceljs is the one that reads it.
    expect(readXlsxDirect(inspectZip(bytes, 'x.xlsx', limits), budget('x.xlsx'))).toBeNull();
    const grid = await readGrid({ name: '市统计局.xlsx', bytes });
    const s = grid.sheets[0]!;
    expect(cellAt(s, 1, 2)).toMatchObject({ value: { kind: 'number', value: 0.935 }, format: '0.0%' });
    expect(cellText(cellAt(s, 1, 3))).toBe('口径说明');
    expect(jszipOpens).not.toHaveBeenCalled();
    expect(sheetjsOpens).not.toHaveBeenCalled();
  });

  it('falls back from exceljs to SheetJS on the same entries', async () => {
    jszipOpens.mockClear();
    sheetjsOpens.mockClear();
    const grid = await readGrid({ name: 'wps.xlsx', bytes: prefixedReturn() });
    expect(cellText(cellAt(grid.sheets[0]!, 0, 0))).toBe('常住人口');
    expect(cellAt(grid.sheets[0]!, 0, 1)?.value).toEqual({ kind: 'number', value: 2185.8 });
    expect(jszipOpens).not.toHaveBeenCalled();
    expect(sheetjsOpens).not.toHaveBeenCalled();
  });

  it('reads an .ods through SheetJS from the guard’s entries', async () => {
    sheetjsOpens.mockClear();
    const grid = await readGrid({ name: '人口.ods', bytes: sheetJsBook('ods') });
    expect(cellAt(grid.sheets[0]!, 2, 1)?.value).toEqual({ kind: 'number', value: 70.4 });
    expect(sheetjsOpens).not.toHaveBeenCalled();
  });

  it('gives from the entries exactly what each library gives from the file', async () => {
    for (const [name, bytes] of [['人口.xlsx', sheetJsBook('xlsx')], ['人口.ods', sheetJsBook('ods')], ['wps.xlsx', prefixedReturn()]] as const) {
      const entries = packageEntries(inspectZip(bytes, name, limits));
      sheetjsOpens.mockClear();
      const fromFile = readWithSheetJS(bytes, budget(name));
      // The spy sees SheetJS open a package: the counts above are not vacuous.
      expect(sheetjsOpens).toHaveBeenCalled();
      expect(plain(readPackageWithSheetJS(entries, budget(name))), name).toEqual(plain(fromFile));
    }
    // exceljs, handed the entries, needs nothing of the file: zeroed bytes read the same.
    const bytes = await hyperlinkReturn();
    const entries = packageEntries(inspectZip(bytes, 'r.xlsx', limits));
    const fromEntries = await readXlsxWithExcelJS(entries, new Uint8Array(bytes.length), budget('r.xlsx'));
    expect(plain(fromEntries)).toEqual(plain(await readXlsxWithExcelJS(entries, bytes, budget('r.xlsx'))));
    expect(cellText(cellAt(fromEntries[0]!, 1, 0))).toBe('城镇化率');
    // exceljs opening a file itself is seen by the spy (through the loader it was given).
    jszipOpens.mockClear();
    await new ExcelJS.Workbook().xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(jszipOpens).toHaveBeenCalledTimes(1);
  });
});
