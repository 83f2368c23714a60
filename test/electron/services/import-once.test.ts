import ExcelJS from 'exceljs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileBytes } from '../../../shared/api/contract';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { makeTempDir } from '../../support/temp-dir';

/**
 * "Import decides once": a file previewed and then imported is read once (by the preview), its
 * tables are read once under the layout that applies, and the import is sent no bytes. Counted
 * at the seams: the reader (read-isolated.ts) and detection's table reading (detect-layout.ts).
 */
const counted = vi.hoisted(() => ({ grids: 0, returns: 0, tablesRead: 0 }));

vi.mock('../../../electron/read/read-isolated', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/read/read-isolated')>();
  return {
    ...real,
    readGridIsolated: (...args: Parameters<typeof real.readGridIsolated>) => {
      counted.grids++;
      return real.readGridIsolated(...args);
    },
    readReturnIsolated: (...args: Parameters<typeof real.readReturnIsolated>) => {
      counted.returns++;
      return real.readReturnIsolated(...args);
    },
  };
});

// Every path that reads a file's tables goes through one of these two (lay-out-return.ts and
// layout-override.ts call them); the survey of where the tables sit is not counted.
vi.mock('../../../shared/import/detect-layout', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../shared/import/detect-layout')>();
  return {
    ...real,
    detectSurveyed: (...args: Parameters<typeof real.detectSurveyed>) => {
      counted.tablesRead++;
      return real.detectSurveyed(...args);
    },
    detectReturnWith: (...args: Parameters<typeof real.detectReturnWith>) => {
      counted.tablesRead++;
      return real.detectReturnWith(...args);
    },
  };
});

beforeEach(() => {
  counted.grids = 0;
  counted.returns = 0;
  counted.tablesRead = 0;
});

type Cell = string | number | null;

async function xlsx(name: string, rows: Cell[][]): Promise<FileBytes> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return { name, bytes: new Uint8Array(await book.xlsx.writeBuffer()) };
}

/** 市人社局's own sheet: 项目 / 计量 / a year column. Detection passes 计量 over; the officer makes it the unit. */
function socialSecurity(year: number, rate: number, talents: number): Promise<FileBytes> {
  return xlsx(`人社局${year}年报表.xlsx`, [
    [`${year}年社会保障指标完成情况`],
    ['填报单位：市人力资源社会保障局'],
    ['项目', '计量', `${year}年`],
    ['基本养老保险参保率', '%', rate],
    ['养老护理专业人才数', '万人', talents],
  ]);
}

function openService(): WorkbookService {
  const dir = makeTempDir();
  const book = createWorkbookFromSchema(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'] });
  return new WorkbookService(book);
}

/** The officer's first 人社局 return: 计量 made the unit column, the format remembered. */
async function rememberSocialSecurity(service: WorkbookService): Promise<void> {
  const first = await socialSecurity(2023, 94.6, 0.52);
  const preview = await service.previewImport({ file: first });
  const layout = structuredClone(preview.layout!);
  layout.sheets[0]!.columns = layout.sheets[0]!.columns!.map((c) => (c.header === '计量' ? { ...c, role: 'unit' as const } : c));
  const [result] = await service.importReturns({ files: [], previewed: [{ previewId: preview.previewId, override: { bureau: preview.bureau!, year: 2023, layout, remember: true } }] });
  expect(result).toMatchObject({ outcome: 'imported', year: 2023, values: 2 });
}

describe('a previewed file is imported from what its preview read', () => {
  it('reads a file with a remembered format once and reads its tables once, through preview and import, sending no bytes', async () => {
    const service = openService();
    await rememberSocialSecurity(service);
    counted.grids = counted.returns = counted.tablesRead = 0;

    const next = await socialSecurity(2024, 95.1, 0.61);
    const preview = await service.previewImport({ file: next, year: 2024 });
    // The remembered format applies: nothing to ask, no warning left over from detection alone.
    expect(preview).toMatchObject({ confident: true, bureau: '市人力资源社会保障局', year: 2024, problems: [] });
    expect(preview.sheets[0]!.columns.map((c) => c.role)).toEqual(['name', 'unit', 'value']);
    const [result] = await service.importReturns({ files: [], previewed: [{ previewId: preview.previewId }] });
    expect(result).toMatchObject({ outcome: 'imported', file: '人社局2024年报表.xlsx', year: 2024, values: 2 });
    expect(counted).toEqual({ grids: 1, returns: 0, tablesRead: 1 });
    // 0.61 万人 read through the remembered unit column.
    expect((await service.listValues({ year: 2024 })).find((v) => v.indicator === 'E02' && v.region === '临沂市')?.value).toBe(6100);
    service.workbook.close();
  });

  it('takes the year the app shows for a remembered format’s file that states none, with no warning left over', async () => {
    const service = openService();
    await rememberSocialSecurity(service);
    const undated = await xlsx('人社局报表.xlsx', [
      ['社会保障指标完成情况'],
      ['填报单位：市人力资源社会保障局'],
      ['项目', '计量', '本年'],
      ['基本养老保险参保率', '%', 95.3],
      ['养老护理专业人才数', '万人', 0.7],
    ]);
    const preview = await service.previewImport({ file: undated, year: 2024 });
    expect(preview).toMatchObject({ confident: true, year: 2024, problems: [] });
    expect(preview.sheets[0]!.columns.map((c) => [c.role, c.year])).toEqual([['name', null], ['unit', null], ['value', 2024]]);
    const [result] = await service.importReturns({ files: [], previewed: [{ previewId: preview.previewId }] });
    expect(result).toMatchObject({ outcome: 'imported', year: 2024, values: 2 });
    service.workbook.close();
  });

  it('lays a corrected preview out again from the grid it read, without reading the file again', async () => {
    const service = openService();
    const file = await socialSecurity(2023, 94.6, 0.52);
    const preview = await service.previewImport({ file });
    expect(preview.confident).toBe(false);
    const layout = structuredClone(preview.layout!);
    layout.sheets[0]!.columns = layout.sheets[0]!.columns!.map((c) => (c.header === '计量' ? { ...c, role: 'unit' as const } : c));
    const [result] = await service.importReturns({ files: [], previewed: [{ previewId: preview.previewId, override: { layout, year: 2023 } }] });
    expect(result).toMatchObject({ outcome: 'imported', values: 2 });
    // Read once; its tables read by the preview, then under the officer's correction.
    expect(counted).toEqual({ grids: 1, returns: 0, tablesRead: 2 });
    service.workbook.close();
  });

  it('reads a file sent with its bytes in the reader, once', async () => {
    const service = openService();
    const [result] = await service.importReturns({ files: [await socialSecurity(2023, 94.6, 0.52)] });
    expect(result).toMatchObject({ outcome: 'imported' });
    expect(counted).toMatchObject({ grids: 0, returns: 1 });
    service.workbook.close();
  });

  it('refuses a preview no longer kept, saying to choose the file again', async () => {
    const service = openService();
    const file = await socialSecurity(2023, 94.6, 0.52);
    const preview = await service.previewImport({ file, year: 2023 });
    const [first] = await service.importReturns({ files: [], previewed: [{ previewId: preview.previewId }] });
    expect(first).toMatchObject({ outcome: 'imported' });
    // An import takes its preview: the same id again is no longer kept.
    const [again] = await service.importReturns({ files: [], previewed: [{ previewId: preview.previewId }] });
    expect(again).toMatchObject({ file: '人社局2023年报表.xlsx', outcome: 'rejected', errorCode: 'preview_expired' });
    expect(again!.message).toContain('请重新选择该文件');
    // One crowded out by later previews is refused by its file's name too.
    const crowded = await service.previewImport({ file: await socialSecurity(2024, 95.1, 0.61), year: 2024 });
    for (let i = 0; i < 8; i++) await service.previewImport({ file: await socialSecurity(2024, 95.2 + i / 10, 0.61), year: 2024 });
    const [late] = await service.importReturns({ files: [], previewed: [{ previewId: crowded.previewId }] });
    expect(late).toMatchObject({ file: '人社局2024年报表.xlsx', outcome: 'rejected', errorCode: 'preview_expired' });
    service.workbook.close();
  });

  it('decides bureau, region and year the same way in the preview and the import: the region trimmed, the bureau by its listed name', async () => {
    const service = openService();
    const file = await xlsx('民政局.xlsx', [['2023年养老服务指标'], ['填报单位：临沂市民政局'], ['指标名称', '单位', '2023年完成值'], ['全市养老服务设施', '处', 120]]);
    const override = { region: ' 兰山区 ' };
    const preview = await service.previewImport({ file, override });
    expect([preview.bureau, preview.region, preview.year]).toEqual(['市民政局', '兰山区', 2023]);
    const [result] = await service.importReturns({ files: [], previewed: [{ previewId: preview.previewId, override }] });
    expect([result!.bureau, result!.region, result!.year]).toEqual(['市民政局', '兰山区', 2023]);
    expect(counted.tablesRead).toBe(1);
    service.workbook.close();
  });
});

describe('a file dated in a signed-off year', () => {
  it('is refused before any preview, saying how to reopen the year', async () => {
    const service = openService();
    await service.signOffYear({ year: 2023 });
    const file = await socialSecurity(2023, 94.6, 0.52);
    await expect(service.previewImport({ file })).rejects.toMatchObject({ code: 'year_signed_off', message: expect.stringContaining('请先在“定稿与导出”中重新打开该年度') });
    // A year the preview only defaulted to is the officer's to change: the preview is shown.
    const undated = await xlsx('人社局报表.xlsx', [['填报单位：市人力资源社会保障局'], ['项目', '单位', '本年'], ['基本养老保险参保率', '%', 94.6]]);
    const preview = await service.previewImport({ file: undated, year: 2023 });
    expect(preview).toMatchObject({ year: 2023, confident: false });
    expect(preview.problems).toContain('“人社局报表.xlsx”中没有写明年度，已按当前年度 2023 年填入，请核对。');
    service.workbook.close();
  });
});
