import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/api/errors';
import { viewSheet } from '../../../shared/import/detect-sheet-view';
import { cellAt, cellText } from '../../../shared/import/grid';
import { countBiffCells } from '../../../electron/read/biff-count';
import { MAX_CELL_TEXT, type ReadLimits } from '../../../electron/read/limits';
import { countOdsCells } from '../../../electron/read/ods-count';
import { readGrid } from '../../../electron/read/read-grid';
import * as hostile from '../../hostile/make-hostile';

/**
 * Each bound of the readers, on a small file of the hostile kind: refused before any library
 * builds what the file asks for, quickly, with a message naming the file.
 */

async function refusal(name: string, bytes: Uint8Array, limits: Partial<ReadLimits> = {}): Promise<UserError> {
  const started = performance.now();
  try {
    await readGrid({ name, bytes }, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`“${name}”`);
    expect(performance.now() - started).toBeLessThan(3_000);
    return error as UserError;
  }
  throw new Error(`${name} was read`);
}

async function plainXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('表1').addRow(['指标名称', '单位', '2023年完成值']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('zip packages', () => {
  it('inflates every entry under its declared size, images included', async () => {
    const error = await refusal('图片炸弹.xlsx', hostile.imageBomb(await plainXlsx(), 64 * 1024 * 1024));
    expect(error.code).toBe('unsafe_content');
    expect(error.message).toContain('xl/media/image1.png');
  });

  it('counts cells in a sheet part named with a leading slash', async () => {
    const error = await refusal('斜杠.xlsx', hostile.slashNamedSheet(3_000), { maxCells: 2_000 });
    expect(error.code).toBe('too_many_cells');
    expect(error.message).toContain('3,000');
  });

  it('refuses a package of too many entries', async () => {
    expect((await refusal('条目.xlsx', hostile.manyEntries(300), { maxZipEntries: 200 })).code).toBe('too_large');
  });

  it('refuses one long shared string used by many cells before a library builds them', async () => {
    const error = await refusal('长文字.xlsx', hostile.hugeSharedString(200_000, 5_000));
    expect(error.code).toBe('too_much_text');
  });

  it('reads a long shared string used a few times, each use cut at 32 767 characters', async () => {
    const grid = await readGrid({ name: '少量.xlsx', bytes: hostile.hugeSharedString(40_000, 100) });
    const sheet = grid.sheets[0]!;
    expect(cellText(cellAt(sheet, 0, 0))).toBe('指标名称');
    expect(cellText(cellAt(sheet, 1, 0))).toHaveLength(MAX_CELL_TEXT);
  });

  it('refuses an entity bomb', async () => {
    expect((await refusal('实体.xlsx', hostile.entityBomb())).code).toBe('unsafe_content');
  });
});

describe('merges and the extent of a sheet', () => {
  it('cuts a merge over the whole sheet back to the cells there are', async () => {
    const grid = await readGrid({ name: '整表合并.xlsx', bytes: hostile.wholeSheetMerge() });
    const sheet = grid.sheets[0]!;
    expect(sheet.merges).toEqual([{ top: 0, left: 4, bottom: 101, right: 104 }]);
    expect([sheet.rowCount, sheet.colCount]).toEqual([102, 105]);
    const view = viewSheet(sheet);
    expect(view.shownText(50, 50)).toBe('本表合并了整张工作表');
    expect(view.shownText(1, 0)).toBe('备注');
    expect(view.mergeAt(1, 3)).toBeUndefined();
  });

  it('refuses a sheet whose cells span all of Excel', async () => {
    const error = await refusal('两角.xlsx', hostile.farCorners());
    expect(error.code).toBe('too_many_cells');
    expect(error.message).toContain('1,048,576 行 × 16,384 列');
  });

  it('cuts an OpenDocument span of 16 000 columns by a million rows back to the cells there are', async () => {
    const grid = await readGrid({ name: '跨越.ods', bytes: hostile.odsHugeSpan(16_000, 1_000_000) });
    expect(grid.sheets[0]!.merges).toEqual([{ top: 0, left: 0, bottom: 100, right: 100 }]);
    expect([grid.sheets[0]!.rowCount, grid.sheets[0]!.colCount]).toEqual([101, 101]);
  });
});

describe('OpenDocument repeats', () => {
  it('counts each repeat of a cell with content, before SheetJS expands them', async () => {
    const error = await refusal('重复.ods', hostile.odsRepeated(1_000, 100_000));
    expect(error.code).toBe('too_many_cells');
    expect(error.message).toContain('100,000,000');
  });

  it('leaves out the empty cells and rows LibreOffice repeats to the sheet edge', () => {
    const xml = '<table:table><table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16380"/></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>';
    expect(countOdsCells(xml).cells).toBe(2 * (1 + 3));
  });
});

describe('.xls records', () => {
  it('counts MULRK cells before SheetJS', async () => {
    expect(countBiffCells(new Uint8Array(0))).toEqual({ cells: 0, blanks: 0 });
    const error = await refusal('多格.xls', hostile.xlsManyCells(5_000), { maxCells: 1_000 });
    expect(error.code).toBe('too_many_cells');
    expect(error.message).toContain('5,000');
  });
});

describe('text files', () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it('counts empty fields', async () => {
    const error = await refusal('逗号.csv', hostile.commasCsv(50_000), { maxCells: 10_000 });
    expect(error.code).toBe('too_many_cells');
    expect(error.message).toContain('空白栏');
  });

  it('refuses an unclosed quote with the line it opened on', async () => {
    const error = await refusal('引号.csv', encode('指标名称,完成值\r\n常住人口,"1,234\r\n城镇化率,65.2\r\n'));
    expect(error.code).toBe('unclosed_quote');
    expect(error.message).toContain('第 2 行');
  });

  it('refuses a NUL the same way near the start and far into the file', async () => {
    const early = await refusal('空字符前.csv', encode('指标名称,完成值\n常住人口\u0000,1\n'));
    const rows = Array.from({ length: 20_000 }, (_, i) => `指标${i},${i}`).join('\n');
    const late = await refusal('空字符后.csv', encode(`指标名称,完成值\n${rows}\n末行\u0000,1\n`));
    expect([early.code, late.code]).toEqual(['nul_in_text', 'nul_in_text']);
    expect(early.message).toContain('第 2 行');
    expect(late.message).toContain('第 20002 行');
  });

  it('cuts a field longer than Excel allows', async () => {
    const grid = await readGrid({ name: '长.csv', bytes: encode(`指标名称,说明\n人口,${'字'.repeat(40_000)}\n`) });
    expect(cellText(cellAt(grid.sheets[0]!, 1, 1))).toHaveLength(MAX_CELL_TEXT);
  });
});
