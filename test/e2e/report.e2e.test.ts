import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { WorkbookService } from '../../electron/services/workbook-service';
import { assignDemoReporters, createDemoWorkbook, DEMO_WORKBOOK_NAME, importDemoReturns } from '../../scripts/demo-workbook';
import { readDocxXml } from '../support/docx-xml';
import { ExportPage } from './pages/export';
import { FramePage } from './pages/frame-page';
import { closeSharedBrowser, test } from './support/app-fixture';

/** Issue 21: 定稿与导出 drafts the 评估报告 of the year for the workbook's region or a sub-region. */

let dir = '';
let prefilled = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-report-'));
  prefilled = path.join(dir, DEMO_WORKBOOK_NAME);
  const workbook = createDemoWorkbook(prefilled);
  try {
    const service = new WorkbookService(workbook);
    await assignDemoReporters(service);
    await importDemoReturns(service);
  } finally {
    workbook.close();
  }
}, 120_000);

afterAll(async () => {
  await closeSharedBrowser();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('定稿与导出 · 评估报告', () => {
  test.override('prefilledWorkbook', () => prefilled);

  test('drafts the mid-term report of the year as .docx, for the city and for a district', async ({ app }) => {
    const frame = new FramePage(app.page);
    await frame.open(app.served.server.url);
    await frame.goTo('定稿与导出');
    const exportPage = new ExportPage(app.page);
    const toolbar = app.page.getByTestId('report-toolbar');
    await expect.poll(() => toolbar.innerText()).toContain('临沂市2023年中期评估报告');
    await app.checkpoint('export-report');

    const city = await exportPage.draftReport();
    expect(city.name).toBe('临沂市2023年中期评估报告.docx');
    await expect.poll(() => app.page.getByTestId('drafted').innerText()).toBe(`已起草 ${city.name}`);
    const book = readDocxXml(city.bytes);
    expect(book.paragraphs[0]!.text).toBe('临沂市养老托育服务具体指标中期评估报告');
    expect(book.headers.some((h) => h.includes('初稿'))).toBe(true);

    const district = await exportPage.draftReport('兰山区');
    expect(district.name).toBe('兰山区2023年中期评估报告.docx');
    expect(readDocxXml(district.bytes).paragraphs[0]!.text).toBe('兰山区养老托育服务具体指标中期评估报告');
    await app.checkpoint('export-report-drafted');
  });
});
