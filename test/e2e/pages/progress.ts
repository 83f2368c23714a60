import type { Locator, Page } from 'playwright-core';

/** 进度: one row per indicator with its bar, 进度 %, status tag and sparkline. */
export class ProgressPage {
  readonly table: Locator;
  readonly method: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('progress-table');
    this.method = page.getByTestId('progress-method');
  }

  /** The row of an indicator as its cells' texts: 指标, 单位, 基期值, 当年, 目标值, bar, 进度 %, 状态. */
  async row(code: string): Promise<string[]> {
    return this.table.locator(`tr[data-code="${code}"] td`).allInnerTexts();
  }
}
