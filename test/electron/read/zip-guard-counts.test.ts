import { describe, expect, it } from 'vitest';
import { resolveLimits } from '../../../electron/read/limits';
import { inspectZip } from '../../../electron/read/zip-guard';
import { makeZip } from './make-files';

/**
 * What the zip guard counts before any reader runs: every cell tag in every XML part (against
 * the cell limit), and of a worksheet's cells those holding content (what a reader's grid is
 * checked against).
 */

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function packageWith(sheetXml: string, other = ''): Uint8Array {
  return makeZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'xl/workbook.xml', data: `<workbook xmlns="${NS}"><sheets><sheet name="表1" sheetId="1"/></sheets></workbook>` },
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml },
    ...(other ? [{ name: 'xl/extra.xml', data: other }] : []),
  ]);
}

describe('the zip guard’s cell counts', () => {
  it('counts a worksheet’s cells, and as holding content those not closed at once', () => {
    const sheet = `<worksheet xmlns="${NS}"><sheetData><row r="1">` +
      '<c r="A1"/>' + // empty
      '<c r="B1" s="2" />' + // empty, a blank before the slash
      '<c r="C1"><v>12.5</v></c>' +
      '<c r="D1" t="s"><v>0</v></c>' +
      '<c>\n<v>3</v></c>' + // no attributes
      '<c\tr="E1"\nt="inlineStr"><is><t>合计</t></is></c>' + // tab and newline between attributes
      '<col r="F1"/><cols/>' + // other tags starting with c
      '</row></sheetData></worksheet>';
    const report = inspectZip(packageWith(sheet), '表.xlsx', resolveLimits());
    expect(report.cellCount).toBe(6);
    expect(report.valueCellCount).toBe(4);
  });

  it('counts prefixed cells (x:c) as cells too', () => {
    const sheet = `<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="B1"/></x:row></x:sheetData></x:worksheet>`;
    const report = inspectZip(packageWith(sheet), '表.xlsx', resolveLimits());
    expect(report.cellCount).toBe(2);
    expect(report.valueCellCount).toBe(1);
  });

  it('counts cell tags in any part against the limit, but content only in worksheets', () => {
    const sheet = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    const report = inspectZip(packageWith(sheet, '<root><c>1</c><c>2</c></root>'), '表.xlsx', resolveLimits());
    expect(report.cellCount).toBe(3);
    expect(report.valueCellCount).toBe(1);
  });
});
