import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, test as base } from 'vitest';
import type { ServedApp } from '../../../electron/http/serve-workbook';
import { serveApp } from '../../../electron/http/serve-workbook';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbook } from '../../../electron/store/open';
import { NARROW_VIEWPORT, VIEWPORT, launchBrowser } from './browser';
import { findEnglishWords, findOverwideElements, visibleText } from './page-checks';

export const SCREENSHOT_DIR = path.resolve('test-results', 'e2e');

export interface App {
  page: Page;
  served: ServedApp;
  /** Checks width and language on what the page shows now, and saves a screenshot under `name`. */
  checkpoint(name: string): Promise<string>;
}

let browser: Browser | null = null;
async function sharedBrowser(): Promise<Browser> {
  browser ??= await launchBrowser();
  return browser;
}

/** A fresh workbook for 临沂市 from the built-in schema, as 新建工作簿 would make it. */
function makeWorkbook(dir: string): string {
  const file = path.join(dir, '临沂市养老托育指标台账.tzdb');
  const workbook = createWorkbook(file, {
    schema: loadBuiltinSchema('linyi-2022'),
    region: '临沂市',
    subregions: ['兰山区', '罗庄区', '河东区'],
    operator: '张敏',
  });
  workbook.close();
  return file;
}

/** A copy under the test's own folder: each test changes its copy only. */
function copyWorkbook(source: string, dir: string): string {
  const file = path.join(dir, path.basename(source));
  copyFileSync(source, file);
  return file;
}

/**
 * Each test gets a new workbook, server and browser context. The workbook is a fresh one, or a
 * copy of `prefilledWorkbook` when a file sets it (`test.override`): one filled with hundreds of
 * returns once for all of that file's tests. Any console error or uncaught page error fails the
 * test when it ends; every checkpoint also fails on over-wide elements and on English words
 * outside the allow-list.
 */
export const test = base.extend<{ prefilledWorkbook: string | null; app: App }>({
  prefilledWorkbook: null,
  app: async ({ task, prefilledWorkbook }, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-e2e-'));
    const file = prefilledWorkbook ? copyWorkbook(prefilledWorkbook, dir) : makeWorkbook(dir);
    const served = await serveApp({ file, operator: '张敏', settingsDir: dir });
    const context: BrowserContext = await (await sharedBrowser()).newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const app: App = {
      page,
      served,
      async checkpoint(name) {
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(await findOverwideElements(page), `“${name}”中超出 1366 像素宽度的元素`).toEqual([]);
        expect(findEnglishWords(await visibleText(page)), `“${name}”中的英文`).toEqual([]);
        // The same screen on a 1024 px wide window (UI.md: the navigation folds to icons, the detail panel folds away).
        await page.setViewportSize(NARROW_VIEWPORT);
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-1024.png`), fullPage: true });
        expect(await findOverwideElements(page), `“${name}”中超出 1024 像素宽度的元素`).toEqual([]);
        await page.setViewportSize(VIEWPORT);
        return file;
      },
    };
    try {
      await use(app);
      expect(consoleErrors, `${task.name}：控制台错误`).toEqual([]);
    } finally {
      await context.close();
      await served.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

export async function closeSharedBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}
