import type { Download, Locator, Page } from 'playwright-core';
import { gridRows } from './home';

/** 审计日志: the entries newest first, the filters, and 导出. */
export class AuditPage {
  readonly grid: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByTestId('audit-grid');
  }

  rows(): Promise<string[][]> {
    return gridRows(this.grid);
  }

  async filterByPerson(name: string): Promise<void> {
    await this.page.getByTestId('audit-person').selectOption(name);
  }

  async filterByIndicator(code: string): Promise<void> {
    await this.page.getByTestId('audit-indicator').selectOption(code);
  }

  async exportCsv(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.locator('main').getByRole('button', { name: '导出', exact: true }).click()]);
    return download;
  }
}
