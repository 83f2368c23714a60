import type { Locator, Page } from 'playwright-core';

/** 下发模板: bureaus, regions, year, the preview, and the files made. */
export class TemplatesPage {
  readonly blocked: Locator;
  readonly preview: Locator;
  readonly made: Locator;

  constructor(readonly page: Page) {
    this.blocked = page.getByTestId('templates-blocked');
    this.preview = page.getByTestId('template-preview');
    this.made = page.getByTestId('made-templates');
  }

  async bureauChoices(): Promise<string[]> {
    return this.page.locator('fieldset', { hasText: '填报单位' }).locator('.check-row').allInnerTexts();
  }

  async checkRegion(region: string): Promise<void> {
    await this.page.locator('fieldset', { hasText: '地区' }).getByLabel(region).check();
  }

  async previewRows(): Promise<string[][]> {
    const rows: string[][] = [];
    for (const row of await this.preview.locator('tbody tr').all()) rows.push(await row.locator('td').allInnerTexts());
    return rows;
  }

  async generate(): Promise<void> {
    await this.page.getByRole('button', { name: '生成模板' }).click();
    await this.made.waitFor();
  }

  async madeFiles(): Promise<string[]> {
    return this.made.locator('a[download]').allInnerTexts();
  }
}
