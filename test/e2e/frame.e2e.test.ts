import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { serveApp } from '../../electron/http/serve-workbook';
import { listBuiltinSchemas } from '../../electron/services/builtin-schemas';
import { AuditPage } from './pages/audit';
import { FramePage } from './pages/frame-page';
import { HomePage } from './pages/home';
import { question } from './pages/bureaus';
import { SchemaPage } from './pages/schema';
import { TemplatesPage } from './pages/templates';
import { closeSharedBrowser, test } from './support/app-fixture';

afterAll(closeSharedBrowser);

const WORKFLOW = ['首页', '指标体系', '下发模板', '导入报表', '核对', '完成情况', '进度', '定稿与导出', '审计日志'];

/** A table as a policy document prints it, with one row whose figures cannot be placed. */
const PASTED_TABLE = [
  '表1 “十四五”养老服务发展主要指标',
  '类别 指 标 2020年 2025年 属性',
  '养老服务 养老机构床位数(张) 25000 30000以上 预期性',
  '护理型床位占比(%) 41.2 不低于55 约束性',
  '社区日间照料机构覆盖率(%) 70 90 95 预期性',
  '健康养老 婴儿死亡率(‰) 3.5 ≤4 约束性',
  '基本养老保险参保率(%) 93.5 持续提高 预期性',
].join('\n');

test('the frame shows the workbook, its year and state, the workflow and the shortcuts', async ({ app }) => {
  const frame = new FramePage(app.page);
  await frame.open(app.served.server.url);
  expect(await app.page.title()).toBe('指标台账');
  expect(await frame.navigation.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')))).toEqual(WORKFLOW);
  await expect.poll(() => frame.currentEntry().getAttribute('aria-label')).toBe('首页');
  const title = await frame.titleBar.innerText();
  expect(title).toContain('临沂市养老托育指标台账');
  expect(title).toMatch(/地区[\s\S]*临沂市[\s\S]*年度[\s\S]*状态[\s\S]*初稿/);
  const regions = await app.page.getByTestId('region-select').locator('option').allInnerTexts();
  expect(regions).toEqual(['临沂市', '兰山区', '罗庄区', '河东区']);
  // No returns yet: the year is last year, held within the plan period 2021–2025.
  const expectedYear = Math.min(Math.max(new Date().getFullYear() - 1, 2021), 2025);
  expect(await app.page.getByTestId('year-select').inputValue()).toBe(String(expectedYear));
  // A new workbook offers every year of the plan period, not only years with data.
  expect(await app.page.getByTestId('year-select').locator('option').allInnerTexts()).toEqual(['2021', '2022', '2023', '2024', '2025']);
  expect(await frame.statusBar.innerText()).not.toBe('');
  expect(await app.page.locator('footer').innerText()).toMatch(/临沂市养老托育指标台账\.tzdb[\s\S]*操作人[\s\S]*张敏/);

  // Keyboard: Enter on a navigation entry, then Ctrl+I, Ctrl+E and Ctrl+O.
  await frame.navigation.getByRole('button', { name: '核对', exact: true }).focus();
  await app.page.keyboard.press('Enter');
  await expect.poll(() => frame.currentEntry().getAttribute('aria-label')).toBe('核对');
  await app.page.keyboard.press('Control+i');
  await expect.poll(() => frame.currentEntry().getAttribute('aria-label')).toBe('导入报表');
  await app.page.keyboard.press('Control+e');
  await expect.poll(() => frame.currentEntry().getAttribute('aria-label')).toBe('定稿与导出');
  await app.page.keyboard.press('Control+o');
  await expect.poll(() => frame.currentEntry().getAttribute('aria-label')).toBe('首页');
  await expect.poll(() => app.page.evaluate(() => document.activeElement?.id)).toBe('open-path');

  // 操作人 is changed in place and kept by the workbook.
  await app.page.locator('footer').getByRole('button', { name: '张敏' }).click();
  await app.page.getByLabel('操作人').fill('李娜');
  await app.page.keyboard.press('Enter');
  await expect.poll(() => app.page.locator('footer').innerText()).toMatch(/操作人\s*李娜/);
  expect((await app.served.service.workbookInfo())?.operator).toBe('李娜');

  const home = new HomePage(app.page);
  expect(await home.columnHeaders()).toEqual(['指标体系', '地区', '基期年', '目标年', '指标数']);
  const rows = await home.schemaRows();
  const expected = listBuiltinSchemas();
  expect(rows).toHaveLength(expected.length);
  const linyi = expected.find((schema) => schema.id === 'linyi-2022')!;
  expect(rows).toContainEqual([linyi.name, linyi.region, `${linyi.baseYear}`, `${linyi.targetYear}`, `${linyi.indicators.filter((indicator) => !indicator.auxiliary).length}`]);
  await app.checkpoint('frame-home');
});

test('without a workbook every screen says so and points to 首页', async ({ app }) => {
  const settings = mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-bare-'));
  const bare = await serveApp({ settingsDir: settings, operator: '张敏' });
  try {
    const frame = new FramePage(app.page);
    await frame.open(bare.server.url);
    expect(await frame.titleBar.innerText()).toContain('未打开工作簿');
    for (const label of WORKFLOW.slice(1)) {
      await frame.goTo(label);
      expect(await frame.main.locator('.empty-state').innerText()).toMatch(/^尚未打开工作簿[\s\S]*首页/);
    }
    await app.checkpoint('frame-no-workbook');
    await frame.main.getByRole('button', { name: '去首页' }).click();
    await expect.poll(() => frame.currentEntry().getAttribute('aria-label')).toBe('首页');
  } finally {
    await bare.close();
    rmSync(settings, { recursive: true, force: true });
  }
});

test('首页 makes a workbook from an indicator table pasted out of a document', async ({ app }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-new-'));
  try {
    const frame = new FramePage(app.page);
    await frame.open(app.served.server.url);
    const home = new HomePage(app.page);
    await home.chooseSource('粘贴政策文件中的指标表');
    await home.paste(PASTED_TABLE);
    await expect.poll(() => home.pastePreview.locator('.paste-preview__summary').innerText()).toMatch(/识别出 4 项指标，1 行未能识别/);
    const preview = await home.previewRows();
    // 行 | 领域 | 类别 | 指标名称 | 单位 | 基期值 | 目标值
    expect(preview.map((row) => row[3])).toEqual(['养老机构床位数', '护理型床位占比', undefined, '婴儿死亡率', '基本养老保险参保率']);
    expect(preview[2]![1]).toMatch(/社区日间照料机构覆盖率[\s\S]*未识别/);
    expect(preview[0]!.slice(4)).toEqual(['张', '25000', '30000以上']);

    const file = path.join(dir, '示例县养老服务指标台账.tzdb');
    await home.fillNewWorkbook({ region: '示例县', subregions: '城关镇、南关镇, 北关镇', path: file });
    await app.checkpoint('home-paste');
    // A line that was not read stops the workbook, naming the line; corrected, it goes through.
    await home.create();
    await expect.poll(() => home.refusal().innerText()).toMatch(/第 5 行“社区日间照料机构覆盖率/);
    const readable = PASTED_TABLE.split('\n').filter((line) => !line.startsWith('社区日间照料')).join('\n');
    await home.paste(readable);
    await expect.poll(() => home.pastePreview.locator('.paste-preview__summary').innerText()).toMatch(/识别出 4 项指标；/);
    await home.create();
    await frame.screenTitle().filter({ hasText: '指标体系' }).waitFor();
    const schema = new SchemaPage(app.page);
    expect(await schema.areaRows()).toEqual(['养老服务', '健康养老']);
    expect(await app.page.getByTestId('region-select').locator('option').allInnerTexts()).toEqual(['示例县', '城关镇', '南关镇', '北关镇']);

    await frame.goTo('首页');
    expect(await app.page.getByTestId('recent-workbooks').innerText()).toContain('示例县养老服务指标台账');
    await app.checkpoint('home-recent');

    // The open workbook is never replaced; another existing file is refused in one sentence,
    // with the choice to overwrite.
    const existing = path.join(dir, '另一县养老服务指标台账.tzdb');
    writeFileSync(existing, '');
    await home.chooseSource('粘贴政策文件中的指标表');
    await home.paste(readable);
    await home.fillNewWorkbook({ region: '示例县', path: existing });
    await home.pastePreview.waitFor();
    await home.create();
    await expect.poll(() => home.refusal().innerText()).toMatch(/已存在[\s\S]*覆盖原文件/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('指标体系 assigns 填报单位 in bulk; 下发模板 waits for it; 审计日志 records each change', async ({ app }) => {
  const frame = new FramePage(app.page);
  await frame.open(app.served.server.url);

  await frame.goTo('下发模板');
  const templates = new TemplatesPage(app.page);
  await templates.blocked.waitFor();
  expect(await templates.blocked.innerText()).toMatch(/还有 31 项指标没有确定的填报单位[\s\S]*A01 基本养老保险参保率/);
  await app.checkpoint('templates-blocked');
  await templates.blocked.getByRole('button', { name: '去指标体系' }).click();

  const schema = new SchemaPage(app.page);
  expect((await schema.areaRows()).slice(0, 2)).toEqual(['社会保障情况', '服务资源总量']);
  expect(await schema.undecidedCount().innerText()).toBe('尚有 35 项未确定填报单位');
  expect(await schema.cell('A01', '目标值')).toBe('95');
  await schema.filter('X01');
  await expect.poll(() => schema.cell('X01', '指标名称')).toMatch(/常住人口\s*辅助/);
  await schema.filter('');

  // A name not on the list is offered to be added; declined, nothing changes and the selection stays.
  await schema.select(['A01', 'A02']);
  await schema.chooseBureau('市社保中心');
  await schema.assignSelected();
  const offer = question(app.page, '“市社保中心”不在单位名单中，添加为新单位？');
  await offer.getByRole('button', { name: '取消' }).click();
  expect(await schema.cell('A01', '填报单位')).toBe('未指定');
  expect(await schema.toolbar.getByRole('button', { name: /^指定给所选指标/ }).innerText()).toBe('指定给所选指标（2 项）');

  await schema.chooseBureau('市医保局');
  await schema.assignSelected();
  await expect.poll(() => schema.cell('A01', '填报单位')).toBe('市医保局');
  expect(await schema.cell('A02', '填报单位')).toBe('市医保局');
  expect(await schema.outcome().innerText()).toMatch(/^已将 2 项指标的填报单位指定为“市医保局”。\s*撤销$/);
  await schema.chooseBureau('市卫生健康委');
  await schema.assignArea('服务对象保障程度');
  await schema.filter('D08');
  await expect.poll(() => schema.areaRows()).toEqual(['服务对象保障程度']);
  await expect.poll(() => schema.cell('D08', '填报单位')).toBe('市卫生健康委');
  await schema.filter('');
  await schema.chooseBureau('市民政局');
  await schema.assignAllUnassigned();
  await expect.poll(() => schema.undecidedCount().innerText()).toBe('全部指标均已确定填报单位');
  expect(await schema.cell('B01', '填报单位')).toBe('市民政局');
  await app.checkpoint('schema');

  const rules = await schema.openRules();
  const ruleText = await rules.innerText();
  expect(ruleText).toContain('每千人口托位数与托位总数、常住人口相符');
  expect(ruleText).toContain('托位总数 ÷ 常住人口 × 1000');
  await app.checkpoint('schema-rules');

  await frame.goTo('下发模板');
  await templates.preview.waitFor();
  // In the schema's bureau order: 市民政局 took the 22 left of 35 after 2 to 市医保局 and 11 to 市卫生健康委.
  expect((await templates.bureauChoices()).map((line) => line.replace(/\s+/g, ''))).toEqual(['市民政局22项', '市卫生健康委11项', '市医保局2项']);
  const previewRows = await templates.previewRows();
  expect(previewRows[0]).toEqual(['1', expect.stringMatching(/^\S/), expect.any(String), expect.any(String), expect.any(String), '—', '']);
  await templates.checkRegion('兰山区');
  await templates.generate();
  const files = await templates.madeFiles();
  expect(files).toHaveLength(6);
  expect(files.filter((name) => name.includes('兰山区'))).toHaveLength(3);
  await app.checkpoint('templates');

  await frame.goTo('审计日志');
  const audit = new AuditPage(app.page);
  const entries = await audit.rows();
  expect(entries.map((row) => row[2])).toEqual(['指定填报单位', '指定填报单位', '指定填报单位', '新建工作簿']);
  expect(entries[0]![1]).toBe('张敏');
  expect(entries[0]![0]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  expect(entries[2]![4]).toBe('基本养老保险参保率：未指定 → 市医保局；长期护理保险参保率：未指定 → 市医保局');
  await app.checkpoint('audit');
  await audit.filterByIndicator('A01');
  await expect.poll(async () => (await audit.rows()).map((row) => row[3])).toEqual(['填报单位“市医保局”']);

  const download = await audit.exportCsv();
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF时间,操作人,系统账户,操作,对象,变更,说明\r\n')).toBe(true);
  expect(csv).toContain('基本养老保险参保率：未指定 → 市医保局');
});

test('files dropped anywhere on the window open 导入报表, which reads them', async ({ app }) => {
  const frame = new FramePage(app.page);
  await frame.open(app.served.server.url);
  await app.page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array([0x50, 0x4b, 3, 4])], '兰山区民政局2023年报表.xlsx'));
    transfer.items.add(new File(['指标名称,2023年\n'], '罗庄区卫健局.csv'));
    document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect.poll(() => frame.currentEntry().getAttribute('aria-label')).toBe('导入报表');
  // The first file read starts the reader process: seconds on a busy machine.
  await expect.poll(() => frame.main.innerText(), { timeout: 15_000 }).toMatch(/兰山区民政局2023年报表\.xlsx[\s\S]*罗庄区卫健局\.csv|罗庄区卫健局\.csv[\s\S]*兰山区民政局2023年报表\.xlsx/);
  // The launch token left the address on first load; nothing else moved it.
  expect(app.page.url()).toBe(`${app.served.server.origin}/`);
  await app.checkpoint('frame-dropped-files');
});
