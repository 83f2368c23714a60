import type { Locator, Page } from 'playwright-core';

/** 核对: the worklist with its filters, the inline resolutions and the source-cell panel. */
export class ReviewPage {
  readonly findings: Locator;
  readonly filters: Locator;
  readonly source: Locator;

  constructor(readonly page: Page) {
    this.findings = page.getByTestId('findings');
    this.filters = page.getByTestId('review-filters');
    this.source = page.getByTestId('source-panel');
  }

  /** The finding row whose message contains `text`. */
  finding(text: string | RegExp): Locator {
    return this.findings.locator('li.finding').filter({ hasText: text });
  }

  selected(): Locator {
    return this.findings.locator('li.finding[aria-selected="true"]');
  }

  async chip(group: string, label: string | RegExp): Promise<Locator> {
    return this.filters.getByRole('group', { name: group }).getByRole('button', { name: label });
  }

  async resolveWith(row: Locator, button: string): Promise<void> {
    await row.getByRole('button', { name: button }).click();
  }

  /** 对应到指标…, then a search for `query` and the indicator named so among the results. */
  async mapBySearch(row: Locator, query: string, indicatorName: string): Promise<void> {
    await row.getByRole('button', { name: '对应到指标…' }).click();
    const form = row.getByTestId('map-form');
    await form.getByLabel('搜索指标名称或编码').fill(query);
    await form.getByRole('list', { name: '搜索结果' }).getByRole('listitem').filter({ hasText: indicatorName }).getByRole('button', { name: '对应到' }).click();
  }

  /** 手工填写…: the value and the note, then 确定. */
  async override(row: Locator, value: string, note: string): Promise<void> {
    await row.getByRole('button', { name: '手工填写…' }).click();
    const form = row.getByTestId('override-form');
    await form.getByLabel('手工填写的数值').fill(value);
    await form.getByLabel('填写说明').fill(note);
    await form.getByRole('button', { name: '确定' }).click();
  }

  /** The highlighted cell of the source grid and the address shown above it. */
  async sourceFocus(): Promise<{ text: string; where: string }> {
    const cell = this.source.locator('td[data-focus]');
    await cell.waitFor();
    return { text: await cell.innerText(), where: await this.source.locator('dl').innerText() };
  }
}
