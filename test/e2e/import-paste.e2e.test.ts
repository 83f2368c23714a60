import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, expect } from 'vitest';
import { FramePage } from './pages/frame-page';
import { HomePage } from './pages/home';
import { ImportPage, type UploadFile } from './pages/import';
import { SCREENSHOT_DIR, closeSharedBrowser, test, type App } from './support/app-fixture';
import { NARROW_VIEWPORT, VIEWPORT } from './support/browser';

afterAll(closeSharedBrowser);

type Cell = string | number | null;

async function workbookOf(name: string, rows: Cell[][]): Promise<UploadFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return { name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

/** 市人力资源社会保障局's own sheet: 项目 / 计量 / 2023年. Detection passes 计量 over, so the preview asks. */
function socialSecurityReturn(year: number): Promise<UploadFile> {
  return workbookOf(`人社局${year}年报表.xlsx`, [
    [`${year}年社会保障指标完成情况`],
    ['填报单位：市人力资源社会保障局'],
    ['项目', '计量', `${year}年`],
    ['基本养老保险参保率', '%', 94.6],
    ['长期护理保险参保率', '%', 31.2],
    ['养老护理专业人才数', '万人', 0.52],
  ]);
}

/** 市民政局 in a layout detection reads whole: it imports without asking. */
function civilAffairsReturn(): Promise<UploadFile> {
  return workbookOf('市民政局2023年养老服务指标.xlsx', [
    ['2023年养老服务指标完成情况'],
    ['填报单位：市民政局'],
    ['指标名称', '单位', '2023年完成值'],
    ['全市养老服务设施', '处', 985],
    ['示范性老年友好社区', '个', 8],
  ]);
}

/** The API calls the page makes, by method, with their bodies as sent. */
function watchApi(requests: Request[]): (method: string) => { files?: unknown[]; previewed?: { previewId: string }[] }[] {
  return (method) => requests.filter((r) => r.url().endsWith(`/api/${method}`)).map((r) => JSON.parse(r.postData() ?? '{}'));
}

/** 导入报表 for 2023, with the API calls the page makes from now on. */
async function openImport(app: App): Promise<{ importPage: ImportPage; calls: ReturnType<typeof watchApi> }> {
  const { page } = app;
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/api/')) requests.push(request);
  });
  const frame = new FramePage(page);
  await frame.open(app.served.server.url);
  await page.getByTestId('year-select').selectOption('2023');
  await frame.goTo('导入报表');
  return { importPage: new ImportPage(page), calls: watchApi(requests) };
}

test('导入报表: the preview in the app’s words, and the import sends no file again', async ({ app }) => {
  const { page } = app;
  const { importPage, calls } = await openImport(app);

  await importPage.choose([await socialSecurityReturn(2023)]);
  expect(await importPage.settled()).toBe('preview');
  const preview = importPage.preview;
  const text = await preview.innerText();
  // No command-line flag, no CLI wording, in what the app shows.
  expect(text).not.toMatch(/--|命令行/);
  // One year field: 年度. The one 完成值 column says it takes that year.
  expect(await preview.locator('input[inputmode="numeric"]').count()).toBe(1);
  expect(await page.getByTestId('preview-year').inputValue()).toBe('2023');
  expect(await page.getByTestId('year-C').innerText()).toBe('2023年');
  // Why 导入 cannot be pressed is said at the top, beside the button.
  await page.getByTestId('preview-bureau').fill('');
  const reason = page.getByTestId('preview-missing');
  const button = preview.getByRole('button', { name: '导入', exact: true });
  await expect.poll(() => reason.innerText()).toBe('请填写填报单位。');
  expect(await button.isDisabled()).toBe(true);
  const [reasonBox, buttonBox, tableBox] = [await reason.boundingBox(), await button.boundingBox(), await preview.getByTestId('preview-table').boundingBox()];
  expect(Math.abs(reasonBox!.y + reasonBox!.height / 2 - (buttonBox!.y + buttonBox!.height / 2))).toBeLessThan(12);
  expect(buttonBox!.y).toBeLessThan(tableBox!.y);
  await app.checkpoint('import-preview-reason');
  await page.getByTestId('preview-bureau').fill('市人力资源社会保障局');
  await expect.poll(() => reason.count()).toBe(0);
  // Changing 年度 moves the value column with it: still one year to give.
  await page.getByTestId('preview-year').fill('2024');
  await expect.poll(() => page.getByTestId('year-C').innerText()).toBe('2024年');
  await page.getByTestId('preview-year').fill('2023');
  await importPage.setRole('B', '单位');
  await app.checkpoint('import-preview');
  await importPage.confirmPreview();
  expect(await importPage.settled()).toBe('done');
  await expect.poll(async () => (await importPage.resultRows()).find((r) => r.file === '人社局2023年报表.xlsx')?.status).toBe('已导入');

  // Read once: previewed with its bytes, imported by the preview's id alone.
  expect(calls('previewImport')).toHaveLength(1);
  const [corrected] = calls('importReturns');
  expect(corrected!.files).toEqual([]);
  expect(corrected!.previewed).toHaveLength(1);
  expect(typeof corrected!.previewed![0]!.previewId).toBe('string');
  // 0.52 万人 through the corrected 计量 column.
  expect((await app.served.service.listValues({ year: 2023, region: '临沂市' })).find((v) => v.indicator === 'E02')?.value).toBe(5200);

  // A file detection reads whole imports without asking, and without being sent twice either.
  await importPage.choose([await civilAffairsReturn()]);
  expect(await importPage.settled()).toBe('done');
  await expect.poll(async () => (await importPage.resultRows()).find((r) => r.file === '市民政局2023年养老服务指标.xlsx')?.status).toBe('已导入');
  expect(calls('previewImport')).toHaveLength(2);
  expect(calls('importReturns').map((body) => body.files)).toEqual([[], []]);
  await app.checkpoint('import-by-preview');
});

test('导入报表: a preview crowded out while the officer decides is imported from the file, with her corrections', async ({ app }) => {
  const { page } = app;
  const { importPage, calls } = await openImport(app);

  await importPage.choose([await socialSecurityReturn(2023)]);
  expect(await importPage.settled()).toBe('preview');
  await importPage.setRole('B', '单位');
  // Meanwhile the workbook previews more files than it keeps (another window of the same
  // workbook, say): the preview on screen is no longer held when 导入 is pressed.
  for (let i = 1; i <= 9; i++) {
    const other = await workbookOf(`市民政局第${i}批.xlsx`, [['2023年养老服务指标完成情况'], ['填报单位：市民政局'], ['指标名称', '单位', '2023年完成值'], ['全市养老服务设施', '处', 980 + i]]);
    await app.served.service.previewImport({ file: other });
  }
  await importPage.confirmPreview();
  expect(await importPage.settled()).toBe('done');
  await expect.poll(async () => (await importPage.resultRows()).find((r) => r.file === '人社局2023年报表.xlsx')?.status).toBe('已导入');

  // Asked by the preview's id, refused as expired, then sent once with its bytes and the corrections.
  const [byPreview, byFile] = calls('importReturns');
  expect(byPreview!.files).toEqual([]);
  expect(byPreview!.previewed).toHaveLength(1);
  expect(byFile!.files).toHaveLength(1);
  expect(calls('importReturns')).toHaveLength(2);
  // Nothing about the expired preview reaches the officer: the file is simply imported.
  const row = (await importPage.resultRows()).find((r) => r.file === '人社局2023年报表.xlsx')!;
  expect(row.message).not.toContain('预览已失效');
  await app.checkpoint('import-preview-expired');
  // 0.52 万人 read under the 计量 column she marked as 单位.
  expect((await app.served.service.listValues({ year: 2023, region: '临沂市' })).find((v) => v.indicator === 'E02')?.value).toBe(5200);
});

test('导入报表: a series with years down under 年份, each year’s figures filed under that year', async ({ app }) => {
  const { page } = app;
  const { importPage } = await openImport(app);
  await importPage.choose([
    await workbookOf('历年社会保障指标.xlsx', [
      ['历年社会保障指标'],
      ['年份', '基本养老保险参保率(%)', '养老护理专业人才数(万人)'],
      [2022, 93.8, 0.48],
      [2023, 94.6, 0.52],
    ]),
  ]);
  // No 填报单位 anywhere: the preview asks for it, and only for it.
  expect(await importPage.settled()).toBe('preview');
  expect(await importPage.roleSelect('A').inputValue()).toBe('year');
  expect(await page.getByTestId('year-B').innerText()).toBe('按各行年份');
  await expect.poll(() => page.getByTestId('preview-missing').innerText()).toBe('请填写填报单位。');
  await page.getByTestId('preview-bureau').fill('市人力资源社会保障局');
  await expect.poll(() => page.getByTestId('preview-missing').count()).toBe(0);
  await app.checkpoint('import-preview-years-down');
  await importPage.confirmPreview();
  expect(await importPage.settled()).toBe('done');
  await expect.poll(async () => (await importPage.resultRows()).find((r) => r.file === '历年社会保障指标.xlsx')?.status).toBe('已导入');
  const stored = async (year: number) =>
    (await app.served.service.listValues({ year, region: '临沂市' })).filter((v) => v.sources.some((s) => s.file === '历年社会保障指标.xlsx')).map((v) => [v.indicator, v.value]).sort();
  expect(await stored(2022)).toEqual([['A01', 93.8], ['E02', 4800]]);
  expect(await stored(2023)).toEqual([['A01', 94.6], ['E02', 5200]]);
});

test('导入报表: a return whose bureau and title name two 县区 waits in the preview for the officer to choose the region', async ({ app }) => {
  const { page } = app;
  const { importPage } = await openImport(app);
  // 兰山区民政局 filled in 罗庄区's file and left its title.
  await importPage.choose([
    await workbookOf('兰山区民政局2023年.xlsx', [['2023年罗庄区养老服务指标完成情况'], ['填报单位：兰山区民政局'], ['指标名称', '单位', '2023年完成值'], ['全市养老服务设施', '处', 77]]),
  ]);
  expect(await importPage.settled()).toBe('preview');
  expect(await page.getByTestId('preview-region').inputValue()).toBe('');
  await expect.poll(() => page.getByTestId('preview-missing').innerText()).toBe('请选择地区。');
  expect(await importPage.preview.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
  expect(await importPage.preview.locator('.import-preview__problems').innerText()).toContain('写明的地区不一致（“兰山区”与“罗庄区”），不能确定是哪个地区的报表。请在导入预览中选择地区。');
  await app.checkpoint('import-preview-region-unsettled');
  await page.getByTestId('preview-region').selectOption('兰山区');
  await expect.poll(() => page.getByTestId('preview-missing').count()).toBe(0);
  await importPage.confirmPreview();
  expect(await importPage.settled()).toBe('done');
  await expect.poll(async () => (await importPage.resultRows()).find((r) => r.file === '兰山区民政局2023年.xlsx')?.status).toBe('已导入');
  const stored = (await app.served.service.listValues({ year: 2023, region: '兰山区' })).find((v) => v.indicator === 'B01');
  expect(stored).toMatchObject({ value: 77, status: 'ok' });
});

test('导入报表: a file for a signed-off year is refused before any preview, saying how to reopen the year', async ({ app }) => {
  const { page } = app;
  await app.served.service.signOffYear({ year: 2023, note: '已核对' });
  const frame = new FramePage(page);
  await frame.open(app.served.server.url);
  await frame.goTo('导入报表');
  const importPage = new ImportPage(page);
  await importPage.choose([await socialSecurityReturn(2023)]);
  expect(await importPage.settled()).toBe('done');
  expect(await importPage.preview.count()).toBe(0);
  await expect.poll(async () => (await importPage.resultRows()).find((r) => r.file === '人社局2023年报表.xlsx')?.status).toBe('被拒绝');
  const row = (await importPage.resultRows()).find((r) => r.file === '人社局2023年报表.xlsx')!;
  expect(row.message).toContain('2023年已定稿');
  expect(row.message).toContain('请先在“定稿与导出”中重新打开该年度');
  expect(row.message).not.toContain('--');
  await app.checkpoint('import-signed-off');
});

const SEED_TABLE = readFileSync(path.resolve('test/fixtures/seeds/001-linyi-table.txt'), 'utf8');
const BAD_LINE = '社区日间照料机构覆盖率(%) 七十 90';

/** The Linyi table as the document prints it, with one line an officer mistyped. */
function tableWithBadLine(): string {
  const lines = SEED_TABLE.split('\n');
  const at = lines.findIndex((line) => line.startsWith('长期护理保险参保率'));
  lines.splice(at + 1, 0, BAD_LINE);
  return lines.join('\n');
}

test('首页: the paste box lists a bad line once, keeps 养老/托育, and refuses beside the button', async ({ app }) => {
  const { page } = app;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-paste-'));
  try {
    const frame = new FramePage(page);
    await frame.open(app.served.server.url);
    const home = new HomePage(page);
    // A refusal about the built-in list stays with that list.
    await home.chooseSource('内置指标体系');
    await home.fillNewWorkbook({ region: '临沂市', path: path.join(dir, '内置.tzdb') });
    await home.create();
    await expect.poll(() => home.refusal().innerText()).toContain('尚未选择内置指标体系');
    await home.chooseSource('粘贴政策文件中的指标表');
    expect(await home.refusal().count()).toBe(0);

    await home.paste(tableWithBadLine());
    await expect.poll(() => home.pastePreview.locator('.paste-preview__summary').innerText()).toMatch(/^识别出 31 项指标，1 行未能识别/);
    // The bad line once, saying what is wrong with it.
    const unparsed = home.pastePreview.locator('tr.row-unparsed');
    expect(await unparsed.count()).toBe(1);
    expect(await unparsed.innerText()).toContain(BAD_LINE);
    expect(await unparsed.innerText()).toContain('“七十”不是数值');
    // 领域 and 类别 each in their column: 养老/托育 kept.
    const rows = await home.previewRows();
    const named = (name: string) => rows.find((row) => row[3] === name);
    expect(named('全市养老服务设施')?.slice(1, 3)).toEqual(['服务资源总量', '养老']);
    expect(named('托位总数')?.slice(1, 3)).toEqual(['服务资源总量', '托育']);
    expect(named('基本养老保险参保率')?.slice(1, 3)).toEqual(['社会保障情况', '']);

    await home.fillNewWorkbook({ region: '临沂市', subregions: '兰山区、罗庄区', path: path.join(dir, '临沂市粘贴指标台账.tzdb') });
    await home.create();
    const refusal = home.refusal();
    await expect.poll(() => refusal.innerText()).toMatch(/有 1 行无法识别为指标：第 7 行“社区日间照料机构覆盖率\(%\) 七十 90”：指标“社区日间照料机构覆盖率\(%\)”后面的“七十”不是数值/);
    // Right above the button, and both in view.
    const button = home.newWorkbook.getByRole('button', { name: '新建工作簿' });
    const [refusalBox, buttonBox] = [await refusal.boundingBox(), await button.boundingBox()];
    expect(buttonBox!.y - (refusalBox!.y + refusalBox!.height)).toBeGreaterThanOrEqual(0);
    expect(buttonBox!.y - (refusalBox!.y + refusalBox!.height)).toBeLessThan(48);
    const inView = async () => {
      const viewport = page.viewportSize()!;
      const statusBar = await page.locator('footer').boundingBox();
      const [top, bottom] = [await refusal.boundingBox(), await button.boundingBox()];
      return top !== null && bottom !== null && top.y >= 0 && bottom.y + bottom.height <= Math.min(viewport.height, statusBar?.y ?? viewport.height);
    };
    await expect.poll(inView).toBe(true);
    await app.checkpoint('home-paste-refused');
    // On a 1024 × 768 window too, pressed again: the refusal and the button come into view together.
    await page.setViewportSize(NARROW_VIEWPORT);
    await page.locator('main').evaluate((main) => main.scrollTo(0, 0));
    await home.create();
    await expect.poll(inView).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-paste-refused-narrow.png') });
    await page.setViewportSize(VIEWPORT);

    // Corrected, the workbook is made, its schema named once.
    await home.paste(tableWithBadLine().split('\n').filter((line) => line !== BAD_LINE).join('\n'));
    await expect.poll(() => home.refusal().count()).toBe(0);
    await expect.poll(() => home.pastePreview.locator('.paste-preview__summary').innerText()).toMatch(/^识别出 31 项指标；/);
    await home.create();
    await frame.screenTitle().filter({ hasText: '指标体系' }).waitFor();
    const meta = await page.locator('.screen__meta').first().innerText();
    expect(meta).toContain('临沂市养老托育服务具体指标（粘贴的指标表）');
    expect(meta.split('临沂市养老托育服务具体指标').length - 1).toBe(1);
    const schema = await app.served.service.getSchema({});
    expect(schema.indicators.find((i) => i.name === '全市养老服务设施')).toMatchObject({ area: '服务资源总量', category: '养老' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
