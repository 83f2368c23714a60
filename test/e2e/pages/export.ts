import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';

/** 定稿与导出: the year's state with 定稿 / 重新打开, the export choices, preview and 导出. */
export class ExportPage {
  readonly state: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.state = page.getByTestId('export-year-state');
    this.preview = page.getByTestId('export-preview');
  }

  /** The reason beside 定稿 / 重新打开. */
  reason(): Locator {
    return this.state.getByLabel(/^(定稿原因|重新打开原因)$/);
  }

  /** 定稿 (with its reason, when given), answered 确定 in the dialog. */
  async signOff(reason?: string): Promise<void> {
    if (reason !== undefined) await this.reason().fill(reason);
    await this.state.getByRole('button', { name: '定稿' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await this.state.getByText('已定稿', { exact: true }).waitFor();
  }

  /** 重新打开 with its reason, answered 确定 in the dialog. */
  async reopen(reason: string): Promise<void> {
    await this.reason().fill(reason);
    await this.state.getByRole('button', { name: '重新打开' }).click();
    await this.page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
    await this.state.getByText('初稿', { exact: true }).waitFor();
  }

  async choose(label: string, format: 'Excel（.xlsx）' | 'CSV（.csv）' = 'Excel（.xlsx）'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: '导出的表格' }).getByText(label, { exact: true }).click();
    await this.page.getByLabel(format).check();
  }

  /** 起草评估报告 for a region (the title bar's choice), and the downloaded file's name and bytes. */
  async draftReport(region?: string): Promise<{ name: string; bytes: Uint8Array }> {
    const toolbar = this.page.getByTestId('report-toolbar');
    if (region) {
      await this.page.getByTestId('region-select').selectOption(region);
      await toolbar.getByText(region, { exact: false }).waitFor();
    }
    const download = this.page.waitForEvent('download');
    await toolbar.getByRole('button', { name: '起草评估报告', exact: true }).click();
    const done = await download;
    const file = await done.path();
    return { name: done.suggestedFilename(), bytes: new Uint8Array(readFileSync(file)) };
  }

  /** 导出, and the downloaded file's name and bytes. */
  async exportFile(): Promise<{ name: string; bytes: Uint8Array }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: '导出', exact: true }).click();
    const done = await download;
    const file = await done.path();
    return { name: done.suggestedFilename(), bytes: new Uint8Array(readFileSync(file)) };
  }
}
