import { afterAll, expect } from 'vitest';
import { listBuiltinSchemas } from '../../electron/services/builtin-schemas';
import { closeSharedBrowser, test } from './support/app-fixture';
import { FramePage } from './pages/frame-page';
import { HomePage } from './pages/home-page';

afterAll(closeSharedBrowser);

const WORKFLOW = ['首页', '指标体系', '下发模板', '导入报表', '核对', '完成情况', '进度', '定稿与导出', '审计日志'];

test('the frame loads in Chinese with the workflow navigation and the built-in schemas', async ({ app }) => {
  const frame = new FramePage(app.page);
  await frame.open(app.served.server.url);
  expect(await app.page.title()).toBe('指标台账');
  expect(await frame.navigationLabels()).toEqual(WORKFLOW);
  await expect.poll(() => frame.currentEntry().innerText()).toBe('首页');
  expect(await frame.titleBar.innerText()).toMatch(/地区[\s\S]*年度[\s\S]*状态/);

  const home = new HomePage(app.page);
  expect(await home.columnHeaders()).toEqual(['指标体系', '地区', '基期年', '目标年', '指标数']);
  const rows = await home.schemaRows();
  const expected = listBuiltinSchemas();
  expect(rows).toHaveLength(expected.length);
  const linyi = expected.find((schema) => schema.id === 'linyi-2022')!;
  expect(rows).toContainEqual([linyi.name, linyi.region, `${linyi.baseYear}`, `${linyi.targetYear}`, `${linyi.indicators.length}`]);
  await app.checkpoint('frame-home');
});

test('each navigation entry opens its screen with a Chinese empty state', async ({ app }) => {
  const frame = new FramePage(app.page);
  await frame.open(app.served.server.url);
  for (const label of WORKFLOW.slice(1)) {
    await frame.goTo(label);
    expect(await frame.currentEntry().innerText()).toBe(label);
    expect(await frame.main.locator('.empty-state').innerText()).toMatch(/^尚未/);
  }
  await app.checkpoint('frame-audit');
  await frame.goTo('首页');
  expect(await new HomePage(app.page).schemaRows()).not.toEqual([]);
});

test('files dropped anywhere on the window open 导入报表 with their names', async ({ app }) => {
  const frame = new FramePage(app.page);
  await frame.open(app.served.server.url);
  await app.page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array([0x50, 0x4b, 3, 4])], '兰山区民政局2023年报表.xlsx'));
    transfer.items.add(new File(['指标名称,2023年\n'], '罗庄区卫健局.csv'));
    document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect.poll(() => frame.currentEntry().innerText()).toBe('导入报表');
  expect(await app.page.getByTestId('received-files').innerText()).toBe('已收到 2 个文件：兰山区民政局2023年报表.xlsx、罗庄区卫健局.csv');
  expect(app.page.url()).toBe(app.served.server.url);
  await app.checkpoint('frame-dropped-files');
});
