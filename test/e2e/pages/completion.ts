import type { Locator, Page } from 'playwright-core';

/** 完成情况: the 填报单位 × 指标 matrix, the per-bureau table and the chase lists. */
export class CompletionPage {
  readonly matrix: Locator;
  readonly bureaus: Locator;
  readonly chase: Locator;

  constructor(readonly page: Page) {
    this.matrix = page.getByTestId('completion-matrix');
    this.bureaus = page.getByTestId('bureau-table');
    this.chase = page.getByTestId('chase-list');
  }

  /** The label of the cell for an indicator (by code) and a bureau. */
  async cell(code: string, bureau: string): Promise<string> {
    return this.matrix.locator(`tr[data-code="${code}"] td[data-bureau="${bureau}"]`).innerText();
  }

  async bureauRow(bureau: string): Promise<string[]> {
    return this.bureaus.locator(`tr[data-bureau="${bureau}"] td`).allInnerTexts();
  }

  chaseFor(bureau: string): Locator {
    return this.chase.locator(`section[data-bureau="${bureau}"]`);
  }
}
