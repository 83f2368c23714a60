import { afterAll, expect } from 'vitest';
import { closeSharedBrowser, test } from './support/app-fixture';
import { FramePage } from './pages/frame-page';
import { findEnglishWords, findOverwideElements, visibleText } from './support/page-checks';

afterAll(closeSharedBrowser);

// The suite's own checks must be able to fail: each is shown a page that breaks it.
test('the checks catch an over-wide element and untranslated words, and pass allowed ones', async ({ app }) => {
  const frame = new FramePage(app.page);
  await frame.open(app.served.server.url);
  expect(await findOverwideElements(app.page)).toEqual([]);
  await app.page.evaluate(() => {
    const wide = document.createElement('div');
    wide.className = 'too-wide';
    wide.style.width = '1500px';
    wide.textContent = '请把 Excel 或 WPS 文件另存为 .xlsx 或 CSV，单元格 B7、AB12 和 Sheet1 照常显示。Loading…';
    wide.title = 'Open file';
    document.querySelector('main')!.append(wide);
  });
  expect(await findOverwideElements(app.page)).toContainEqual(expect.stringMatching(/^div\.too-wide（宽 1500px/));
  expect(findEnglishWords(await visibleText(app.page))).toEqual(['Loading', 'Open', 'file']);
});
