import type { Locator, Page } from 'playwright-core';

/** 单位名单 (opened from 指标体系): add, rename, merge bureaus. */
export class BureausPage {
  readonly panel: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('bureau-panel');
    this.table = page.getByTestId('bureau-table');
  }

  async open(): Promise<void> {
    await this.page.getByRole('toolbar', { name: '指定填报单位' }).getByRole('button', { name: '单位名单…' }).click();
    await this.table.locator('tbody tr[data-bureau]').first().waitFor();
  }

  async close(): Promise<void> {
    await this.panel.getByRole('button', { name: '关闭' }).click();
    await this.panel.waitFor({ state: 'detached' });
  }

  row(name: string): Locator {
    return this.table.locator(`tr[data-bureau="${name}"]`);
  }

  async names(): Promise<string[]> {
    return this.table.locator('tbody tr[data-bureau]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-bureau') ?? ''));
  }

  /** Picks the two bureaus; the summary of what would move shows below. */
  async chooseMerge(from: string, into: string): Promise<string> {
    await this.panel.getByLabel('并入其他单位的单位').selectOption(from);
    await this.panel.getByLabel('保留的单位').selectOption(into);
    return this.panel.getByTestId('merge-summary').innerText();
  }

  async startMerge(): Promise<void> {
    await this.panel.getByRole('button', { name: '合并…' }).click();
  }

  async rename(name: string, newName: string): Promise<void> {
    await this.row(name).getByRole('button', { name: '改名' }).click();
    await this.row(name).getByLabel(`“${name}”的新名称`).fill(newName);
    await this.row(name).getByRole('button', { name: '确定' }).click();
  }

  outcome(): Locator {
    return this.panel.getByTestId('bureau-outcome');
  }
}

/** The question asked before a change (ConfirmDialog), by its title. */
export function question(page: Page, title: string | RegExp): Locator {
  return page.getByRole('dialog', { name: title });
}
