import type { Locator, Page } from 'playwright-core';

/** The frame every screen sits in: title bar, navigation, main area, status bar (UI.md). */
export class FramePage {
  readonly titleBar: Locator;
  readonly navigation: Locator;
  readonly main: Locator;
  readonly statusBar: Locator;

  constructor(readonly page: Page) {
    this.titleBar = page.locator('header.title-bar');
    this.navigation = page.getByRole('navigation', { name: '功能导航' });
    this.main = page.locator('main');
    this.statusBar = page.getByRole('status');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.navigation.waitFor();
  }

  async navigationLabels(): Promise<string[]> {
    return this.navigation.getByRole('button').allInnerTexts();
  }

  async goTo(label: string): Promise<void> {
    await this.navigation.getByRole('button', { name: label, exact: true }).click();
    await this.screenTitle().filter({ hasText: label }).waitFor();
  }

  /** The navigation entry marked as the current page. */
  currentEntry(): Locator {
    return this.navigation.locator('[aria-current="page"]');
  }

  screenTitle(): Locator {
    return this.main.getByRole('heading', { level: 1 });
  }
}
