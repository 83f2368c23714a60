import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { FramePage } from './pages/frame-page';
import { closeSharedBrowser, test } from './support/app-fixture';
import { makeReturn } from '../support/make-return';

afterAll(closeSharedBrowser);

/**
 * 首页's 副本与下一规划期 with the workbook open: a backup copy beside it (asking before it
 * replaces one), then the 2030 plan made from this plan's 2025 values and opened in the window.
 */
test('saves a backup copy and rolls the plan over to 2030 from 首页', async ({ app }) => {
  const service = app.served.service;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-returns-'));
  try {
    const file = await makeReturn(scratch, '民政局2025.xlsx', {
      bureau: '市民政局',
      year: 2025,
      rows: [
        { name: '养老机构护理型养老床位占比', unit: '%', value: 66.4 },
        { name: '每千名老年人拥有养老床位数', unit: '张', value: 38.2 },
      ],
    });
    await service.importReturns({ files: [{ name: path.basename(file), bytes: new Uint8Array(readFileSync(file)) }] });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const info = (await service.workbookInfo({}))!;
  const folder = path.dirname(info.path);

  const frame = new FramePage(app.page);
  await frame.open(app.served.server.url);
  const copies = app.page.getByTestId('workbook-copies');
  const copyField = copies.getByLabel('副本保存为');
  // Offered beside the workbook, dated, so a second backup the same day is asked about.
  expect(await copyField.inputValue()).toMatch(new RegExp(`^${folder.replace(/[\\/]/g, '.')}.临沂市养老托育指标台账-备份\\d{8}\\.tzdb$`));
  const copy = path.join(folder, '临沂市-终期评估前备份.tzdb');
  await copyField.fill(copy);
  await copies.getByRole('button', { name: '另存为/备份副本' }).click();
  await expect.poll(() => copies.getByTestId('copy-done').innerText()).toContain(copy);
  expect(existsSync(copy)).toBe(true);
  await copies.getByRole('button', { name: '另存为/备份副本' }).click();
  await expect.poll(() => copies.getByTestId('copy-refusal').innerText()).toMatch(/已存在/);
  await copies.getByTestId('copy-refusal').getByRole('button', { name: '覆盖原文件' }).click();
  await expect.poll(() => copies.getByTestId('copy-done').isVisible()).toBe(true);

  // 转入下一规划期: the target year 2030 is offered, and so is the new workbook's name.
  expect(await copies.getByLabel('新规划目标年').inputValue()).toBe('2030');
  const nextField = copies.getByLabel('新工作簿保存为');
  expect(await nextField.inputValue()).toBe(path.join(folder, '临沂市2025—2030年指标台账.tzdb'));
  await copies.getByLabel('新规划目标年').fill('2025');
  await copies.getByRole('button', { name: '转入下一规划期' }).click();
  await expect.poll(() => copies.getByTestId('rollover-refusal').innerText()).toMatch(/晚于 2025 年/);
  await copies.getByLabel('新规划目标年').fill('2030');
  await copies.getByRole('button', { name: '转入下一规划期' }).click();
  const done = copies.getByTestId('rollover-done');
  await expect.poll(() => done.innerText()).toMatch(/基期 2025 年，目标年 2030 年/);
  const said = await done.innerText();
  expect(said).toMatch(/2025 年尚未定稿/);
  expect(said).toMatch(/基期值待填：.*等 \d+ 项/);
  await app.checkpoint('home-copies-rollover');

  await done.getByRole('button', { name: '打开新工作簿' }).click();
  await expect.poll(() => frame.titleBar.innerText()).toContain('临沂市2025—2030年指标台账');
  const opened = (await service.workbookInfo({}))!;
  expect(opened).toMatchObject({ baseYear: 2025, targetYear: 2030, subregions: ['兰山区', '罗庄区', '河东区'] });
  const d01 = (await service.getSchema({})).indicators.find((i) => i.code === 'D01')!;
  expect(d01).toMatchObject({ baselineYear: 2025, baselineValue: 66.4, targetValue: null });
  // It opens on 指标体系, where the new targets are to be filled.
  await expect.poll(() => frame.currentEntry().getAttribute('aria-label')).toBe('指标体系');
  await app.checkpoint('schema-next-plan');
});
