import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/api/errors';
import { cellAt, cellText, type Grid, type GridSheet } from '../../../shared/import/grid';
import { readGrid } from '../../../electron/read/read-grid';
import { inflateEntry, listZipEntries } from '../../../electron/read/zip-guard';
import { encodeGbk, encodeUtf16le, makeZip } from './make-files';

/** A bureau's return as Excel writes it: title row merged over the header, percent cells,
 *  formulas with cached results and errors, rich text, a hyperlink, a hidden helper sheet. */
async function makeReturnXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2024年完成情况');
  sheet.getCell('A1').value = '市统计局指标完成情况表';
  sheet.mergeCells('A1:D1');
  sheet.getRow(2).values = ['指标名称', '单位', '完成值', '备注'];
  sheet.getCell('A3').value = { richText: [{ text: '城镇化率', font: { bold: true } }, { text: '（常住）' }] };
  sheet.getCell('B3').value = '%';
  sheet.getCell('C3').value = 0.935;
  sheet.getCell('C3').numFmt = '0.0%';
  sheet.getCell('A4').value = '人均可支配收入';
  sheet.getCell('C4').value = { formula: 'SUM(E4:F4)', result: 52310 };
  sheet.getCell('A5').value = '增速';
  sheet.getCell('C5').value = { formula: 'C4/0', result: { error: '#DIV/0!' } };
  sheet.getCell('D4').value = { text: '口径说明', hyperlink: 'https://tjj.example.gov.cn/' };
  sheet.getCell('A6').value = '统计截止日';
  sheet.getCell('C6').value = new Date(Date.UTC(2024, 11, 31));
  sheet.getCell('C6').numFmt = 'yyyy-mm-dd';
  sheet.getCell('D6').value = true;
  sheet.getRow(5).hidden = true;
  sheet.getColumn(5).hidden = true;
  sheet.getCell('E4').value = 50000;
  sheet.getCell('F4').value = 2310;
  const helper = workbook.addWorksheet('模板键');
  helper.state = 'veryHidden';
  helper.getCell('A1').value = 'ZB-001';
  const notes = workbook.addWorksheet('说明');
  notes.state = 'hidden';
  notes.getCell('B2').value = '填报说明';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function sheetJsBook(bookType: 'biff8' | 'ods'): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([
    ['区县常住人口统计表', null, null],
    ['地区', '常住人口（万人）', '城镇化率'],
    ['东城区', 70.4, 0.981],
    ['西城区', 110.6, { t: 'n', v: 0.9, z: '0.0%' }],
  ]);
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }];
  ws['C3'] = { t: 'n', v: 0.981, z: '0.0%' };
  ws['C4'] = { t: 'n', v: 0.9, z: '0.0%' };
  ws['!rows'] = [];
  ws['!rows'][3] = { hidden: true };
  const hidden = XLSX.utils.aoa_to_sheet([['备用']]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '人口');
  XLSX.utils.book_append_sheet(wb, hidden, '备用');
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
  return new Uint8Array(XLSX.write(wb, { bookType, type: 'array', cellStyles: true }) as ArrayBuffer);
}

function sheet(grid: Grid, name: string): GridSheet {
  const found = grid.sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

async function refusal(name: string, bytes: Uint8Array, limits = {}): Promise<UserError> {
  try {
    await readGrid({ name, bytes }, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`“${name}”`);
    expect((error as UserError).where).toEqual({ file: name });
    return error as UserError;
  }
  throw new Error(`${name} was read`);
}

describe('readGrid on .xlsx (exceljs)', () => {
  it('keeps values, formats, formulas, merges and hidden state of a return', async () => {
    const grid = await readGrid({ name: '市统计局.xlsx', bytes: await makeReturnXlsx() });
    expect(grid.format).toBe('xlsx');
    expect(grid.sheets.map((s) => [s.name, s.state])).toEqual([
      ['2024年完成情况', 'visible'], ['模板键', 'veryHidden'], ['说明', 'hidden'],
    ]);
    const s = sheet(grid, '2024年完成情况');
    expect(s.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }]);
    expect(cellAt(s, 0, 0)?.value).toEqual({ kind: 'text', value: '市统计局指标完成情况表' });
    expect(cellAt(s, 0, 1)).toBeUndefined();
    expect(cellText(cellAt(s, 2, 0))).toBe('城镇化率（常住）');
    expect(cellAt(s, 2, 2)).toEqual({ row: 2, col: 2, value: { kind: 'number', value: 0.935 }, format: '0.0%', formula: false });
    expect(cellAt(s, 3, 2)).toMatchObject({ value: { kind: 'number', value: 52310 }, formula: true });
    expect(cellAt(s, 4, 2)).toMatchObject({ value: { kind: 'error', value: '#DIV/0!' }, formula: true });
    expect(cellAt(s, 3, 3)?.value).toEqual({ kind: 'text', value: '口径说明' });
    expect(cellAt(s, 5, 2)).toMatchObject({ value: { kind: 'date', value: '2024-12-31' }, format: 'yyyy-mm-dd' });
    expect(cellAt(s, 5, 3)?.value).toEqual({ kind: 'bool', value: true });
    expect(s.hiddenRows).toEqual([4]);
    expect(s.hiddenCols).toEqual([4]);
    expect([s.rowCount, s.colCount]).toEqual([6, 6]);
    expect(cellAt(sheet(grid, '说明'), 1, 1)?.value).toEqual({ kind: 'text', value: '填报说明' });
  });

  it('reads an .xlsx by its bytes even when it is named .csv', async () => {
    const grid = await readGrid({ name: '误命名.csv', bytes: await makeReturnXlsx() });
    expect(grid.format).toBe('xlsx');
    expect(grid.sheets).toHaveLength(3);
  });

  it('falls back to SheetJS for x:-prefixed SpreadsheetML that exceljs reads as empty', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const bytes = makeZip([
      { name: '[Content_Types].xml', data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>` },
      { name: '_rels/.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
      { name: 'xl/workbook.xml', data: `<?xml version="1.0"?><x:workbook xmlns:x="${ns}" xmlns:r="${rel}"><x:sheets><x:sheet name="汇总" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>` },
      { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
      { name: 'xl/worksheets/sheet1.xml', data: `<?xml version="1.0"?><x:worksheet xmlns:x="${ns}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>常住人口</x:t></x:is></x:c><x:c r="B1"><x:v>2185.8</x:v></x:c></x:row></x:sheetData></x:worksheet>` },
    ]);
    const grid = await readGrid({ name: 'wps.xlsx', bytes });
    const s = sheet(grid, '汇总');
    expect(cellText(cellAt(s, 0, 0))).toBe('常住人口');
    expect(cellAt(s, 0, 1)?.value).toEqual({ kind: 'number', value: 2185.8 });
  });
});

describe('readGrid on .xls and .ods (SheetJS)', () => {
  it.each([['biff8', 'xls', '人口.xls'], ['ods', 'ods', '人口.ods']] as const)(
    'reads %s: values, percent formats, merges',
    async (bookType, format, name) => {
      const grid = await readGrid({ name, bytes: sheetJsBook(bookType) });
      expect(grid.format).toBe(format);
      expect(grid.sheets.map((s) => s.name)).toEqual(['人口', '备用']);
      const s = sheet(grid, '人口');
      expect(cellAt(s, 0, 0)?.value).toEqual({ kind: 'text', value: '区县常住人口统计表' });
      expect(cellAt(s, 2, 1)?.value).toEqual({ kind: 'number', value: 70.4 });
      // SheetJS's ODS writer turns every percentage into a two-decimal style.
      const percent = bookType === 'ods' ? '0.00%' : '0.0%';
      expect(cellAt(s, 2, 2)).toMatchObject({ value: { kind: 'number', value: 0.981 }, format: percent });
      expect(s.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
      expect([s.rowCount, s.colCount]).toEqual([4, 3]);
    },
  );

  it('knows an .ods sheet hidden through its table style (LibreOffice)', async () => {
    // SheetJS writes every sheet displayed; hide the second one the way LibreOffice does.
    const ods = sheetJsBook('ods');
    const entries = listZipEntries(ods, 'x.ods');
    const rebuilt = makeZip(entries.map((e) => {
      let data: string | Uint8Array = inflateEntry(ods, e, 'x.ods');
      if (e.name === 'content.xml') {
        data = new TextDecoder().decode(data)
          .replace('</office:automatic-styles>', '<style:style style:name="taHidden" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles>')
          .replace(/(<table:table table:name="备用" table:style-name=")[^"]*"/, '$1taHidden"');
      }
      return { name: e.name, data };
    }));
    const grid = await readGrid({ name: '人口.ods', bytes: rebuilt });
    expect(grid.sheets.map((s) => [s.name, s.state])).toEqual([['人口', 'visible'], ['备用', 'hidden']]);
  });
});

describe('readGrid on text', () => {
  it('reads a GBK CSV from Chinese Windows Excel', async () => {
    const bytes = encodeGbk('指标名称,单位,完成值\r\n城镇化率,％,65.2\r\n常住人口,万人,"1,234"\r\n');
    const grid = await readGrid({ name: '城镇化.csv', bytes });
    expect(grid.format).toBe('csv');
    const s = grid.sheets[0]!;
    expect(s.name).toBe('城镇化');
    expect(s.rows.map((r) => r.map((c) => cellText(c)))).toEqual([
      ['指标名称', '单位', '完成值'], ['城镇化率', '％', '65.2'], ['常住人口', '万人', '1,234'],
    ]);
  });

  it('reads UTF-16 tab-separated "Unicode 文本" and drops empty fields', async () => {
    const grid = await readGrid({ name: '报表.txt', bytes: encodeUtf16le('指标\t2023年\t2024年\r\n人口\t\t1250\r\n') });
    const s = grid.sheets[0]!;
    expect(cellText(cellAt(s, 0, 2))).toBe('2024年');
    expect(cellAt(s, 1, 1)).toBeUndefined();
    expect(cellAt(s, 1, 2)?.value).toEqual({ kind: 'text', value: '1250' });
  });
});

describe('readGrid refusals', () => {
  it('refuses an empty file', async () => {
    expect((await refusal('空.xlsx', new Uint8Array())).code).toBe('empty_file');
  });

  it('refuses plain text renamed .xlsx and binary junk', async () => {
    expect((await refusal('说明.xlsx', new TextEncoder().encode('这不是表格'))).code).toBe('not_spreadsheet');
    const pdf = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0, 4, 5]);
    expect((await refusal('扫描件.csv', pdf)).code).toBe('not_spreadsheet');
  });

  it('refuses a truncated .xlsx saying it is incomplete', async () => {
    const whole = await makeReturnXlsx();
    const error = await refusal('半截.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
    expect(error.code).toBe('truncated');
    expect(error.message).toContain('不完整');
  });

  it('refuses encrypted OOXML, a FILEPASS .xls, a WPS .et and Numbers', async () => {
    const cfb = (streams: Record<string, Uint8Array>) => {
      const CFB = XLSX.CFB as { utils: { cfb_new(): unknown; cfb_add(c: unknown, p: string, d: Uint8Array): void }; write(c: unknown, o: object): number[] };
      const container = CFB.utils.cfb_new();
      for (const [path, data] of Object.entries(streams)) CFB.utils.cfb_add(container, path, data);
      return Uint8Array.from(CFB.write(container, { type: 'array' }));
    };
    const bof = [0x09, 0x08, 0x04, 0x00, 0x00, 0x06, 0x05, 0x00];
    const filepass = [0x2f, 0x00, 0x02, 0x00, 0x00, 0x00];
    const eof = [0x0a, 0x00, 0x00, 0x00];
    const encrypted = await refusal('加密.xlsx', cfb({ EncryptionInfo: Uint8Array.of(4, 0, 4, 0), EncryptedPackage: Uint8Array.of(1, 2, 3) }));
    expect(encrypted.code).toBe('encrypted');
    expect(encrypted.message).toBe('“加密.xlsx”设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存为 .xlsx，再重新导入。');
    expect((await refusal('加密.xls', cfb({ Workbook: Uint8Array.from([...bof, ...filepass, ...eof]) }))).code).toBe('encrypted');
    expect((await refusal('表格.et', cfb({ Workbook: Uint8Array.from([...bof, ...eof]), ETExtData: Uint8Array.of(0) }))).code).toBe('wps_et');
    const numbers = makeZip([{ name: 'Index/Document.iwa', data: Uint8Array.of(0, 1, 2) }]);
    expect((await refusal('汇总.numbers', numbers)).code).toBe('numbers');
  });

  it('refuses a Word document renamed .xlsx', async () => {
    const docx = makeZip([{ name: 'word/document.xml', data: '<w:document/>' }, { name: '[Content_Types].xml', data: '<Types/>' }]);
    const error = await refusal('通知.xlsx', docx);
    expect(error.code).toBe('not_spreadsheet');
    expect(error.message).toContain('Word 文档');
  });
});

describe('readGrid limits', () => {
  it('refuses a file above the size limit before parsing it', async () => {
    const error = await refusal('大.xlsx', await makeReturnXlsx(), { maxFileBytes: 1024 });
    expect(error.code).toBe('too_large');
  });

  it('counts the real cells of an .xlsx before exceljs builds them', async () => {
    expect((await refusal('多.xlsx', await makeReturnXlsx(), { maxCells: 5 })).code).toBe('too_many_cells');
  });

  it('stops a CSV at the cell limit', async () => {
    const text = Array.from({ length: 20 }, (_, i) => `${i},${i * 2}`).join('\n');
    expect((await refusal('多.csv', new TextEncoder().encode(text), { maxCells: 30 })).code).toBe('too_many_cells');
  });

  it('refuses a package whose declared uncompressed total is above the limit', async () => {
    const bytes = makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>', declaredSize: 300 * 1024 * 1024 }]);
    expect((await refusal('声明过大.xlsx', bytes)).code).toBe('too_large');
  });

  it('refuses an entry that inflates beyond its declared size', async () => {
    const bytes = makeZip([
      { name: 'xl/workbook.xml', data: '<workbook>' + ' '.repeat(5000) + '</workbook>', declaredSize: 100 },
    ]);
    expect((await refusal('谎报.xlsx', bytes)).code).toBe('unsafe_content');
  });

  it('refuses an absurd compression ratio', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    expect(deflateRawSync(zeros).length * 500).toBeLessThan(zeros.length);
    const bytes = makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }, { name: 'xl/media/image1.png', data: zeros }]);
    expect((await refusal('炸弹.xlsx', bytes)).code).toBe('unsafe_content');
  });

  it('refuses an XML entity bomb without parsing it', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>';
    const bytes = makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }, { name: 'xl/sharedStrings.xml', data: bomb }]);
    const error = await refusal('实体.xlsx', bytes);
    expect(error.code).toBe('unsafe_content');
    expect(error.message).toContain('xl/sharedStrings.xml');
  });
});
