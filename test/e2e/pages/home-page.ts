import type { Locator, Page } from 'playwright-core';

/** 首页: the built-in schemas grid, for now. */
export class HomePage {
  readonly schemaGrid: Locator;

  constructor(readonly page: Page) {
    this.schemaGrid = page.getByTestId('builtin-schemas');
  }

  async schemaRows(): Promise<string[][]> {
    const rows = this.schemaGrid.locator('.ag-row[row-index]');
    await rows.first().waitFor();
    const byIndex: [number, string[]][] = [];
    for (const row of await rows.all()) {
      byIndex.push([Number(await row.getAttribute('row-index')), await row.locator('.ag-cell').allInnerTexts()]);
    }
    return byIndex.sort((a, b) => a[0] - b[0]).map(([, cells]) => cells);
  }

  async columnHeaders(): Promise<string[]> {
    return this.schemaGrid.locator('.ag-header-cell-text').allInnerTexts();
  }
}
