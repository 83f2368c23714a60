import type { Locator, Page } from 'playwright-core';

/** What the page measured of the first render of 报送明细, in the page's own clock (ms). */
export interface FirstRender {
  /** The tab click's event time. */
  clickAt: number;
  /** When the first grid row entered the DOM with its cells' text. */
  rowsAt: number;
  /** Two animation frames later: the frame holding the rows has been painted. */
  paintedAt: number;
  /** The listReportedValues request, from its start to its last byte received (resource timing); null if not seen. */
  request: { startAt: number; endAt: number } | null;
}

declare global {
  interface Window {
    __reportedFirstRender?: Promise<FirstRender>;
    __reportedFilterRender?: Promise<number>;
  }
}

/** 核对 · 报送明细: the tab, the filter box, the count, the grid and its rows. */
export class ReportedValuesPage {
  readonly tab: Locator;
  readonly findingsTab: Locator;
  readonly grid: Locator;
  readonly filter: Locator;
  readonly onlyUnmatched: Locator;
  readonly count: Locator;
  readonly facts: Locator;
  readonly source: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: /^报送明细/ });
    this.findingsTab = page.getByRole('tab', { name: /^核对问题/ });
    this.grid = page.getByTestId('reported-grid');
    this.filter = page.getByRole('textbox', { name: '筛选报送明细' });
    this.onlyUnmatched = page.getByRole('checkbox', { name: '只看未匹配' });
    this.count = page.getByTestId('reported-count');
    this.facts = page.getByTestId('reported-facts');
    this.source = page.getByTestId('source-panel');
  }

  /** Rows ag-grid has in the DOM now (body rows: header rows are not .ag-row; none are pinned here). */
  rows(): Locator {
    return this.grid.locator('.ag-row');
  }

  /** The row at 0-based position `index` among the rows the grid shows (sorted and filtered). */
  rowAt(index: number): Locator {
    return this.grid.locator(`.ag-row[row-index="${index}"]`);
  }

  cell(row: Locator, column: string): Locator {
    return row.locator(`[col-id="${column}"]`);
  }

  /** 共 N 条，显示 M 条 as numbers; `shown` is the total when nothing is filtered. */
  async counts(): Promise<{ total: number; shown: number }> {
    const text = await this.count.innerText();
    const total = /共 (\d+) 条/.exec(text);
    const shown = /显示 (\d+) 条/.exec(text);
    if (!total) throw new Error(`报送明细的计数无法读取：${text}`);
    return { total: Number(total[1]), shown: Number(shown?.[1] ?? total[1]) };
  }

  /**
   * Clicks the tab and answers how long, from the click to the first rows painted, it took. The
   * watch is installed in the page before the click and timed with the page's clock, so the
   * figure holds the whole path the officer waits on (the API call over loopback HTTP, decoding,
   * ag-grid building its rows) and nothing of the test driver's own round trips.
   */
  async openMeasured(): Promise<FirstRender> {
    await this.page.evaluate(() => {
      window.__reportedFirstRender = new Promise<FirstRender>((resolve) => {
        let clickAt = -1;
        const onClick = (event: MouseEvent) => {
          if (!(event.target instanceof Element) || !event.target.closest('#review-tab-reported')) return;
          clickAt = event.timeStamp;
          document.removeEventListener('click', onClick, true);
        };
        document.addEventListener('click', onClick, true);
        // A row with its source written in: ag-grid may add a row's element before its cells' text.
        const rowsShown = () => (document.querySelector('[data-testid="reported-grid"] .ag-row [col-id="source"]')?.textContent ?? '') !== '';
        const observer = new MutationObserver(() => {
          if (clickAt < 0 || !rowsShown()) return;
          observer.disconnect();
          const rowsAt = performance.now();
          // The first callback runs before the frame holding the rows is painted, the second after it.
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const paintedAt = performance.now();
              const entry = performance
                .getEntriesByType('resource')
                .filter((e) => e.name.endsWith('/api/listReportedValues') && e.startTime >= clickAt)
                .at(-1) as PerformanceResourceTiming | undefined;
              resolve({ clickAt, rowsAt, paintedAt, request: entry ? { startAt: entry.startTime, endAt: entry.responseEnd } : null });
            }),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    });
    await this.tab.click();
    return this.page.evaluate(() => window.__reportedFirstRender!);
  }

  /**
   * Types `text` into the filter box and answers the time from the input event to the count
   * saying `显示 ${shown} 条` painted: the count follows the grid's own filtering, so it is
   * the moment the narrowed rows are there (a count still saying the old number does not end it).
   */
  async filterMeasured(text: string, shown: number): Promise<number> {
    await this.page.evaluate((expected) => {
      window.__reportedFilterRender = new Promise<number>((resolve) => {
        const input = document.querySelector<HTMLInputElement>('input[data-grid-filter]')!;
        const count = document.querySelector('[data-testid="reported-count"]')!;
        let inputAt = -1;
        input.addEventListener(
          'input',
          (event) => {
            inputAt = event.timeStamp;
          },
          { once: true, capture: true },
        );
        const observer = new MutationObserver(() => {
          if (inputAt < 0 || !(count.textContent ?? '').includes(expected)) return;
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - inputAt)));
        });
        observer.observe(count, { childList: true, subtree: true, characterData: true });
      });
    }, `显示 ${shown} 条`);
    await this.filter.fill(text);
    return this.page.evaluate(() => window.__reportedFilterRender!);
  }

  /**
   * Clicks 只看未匹配 and answers the time from the click to the count saying `显示 ${shown} 条`
   * painted, as filterMeasured does for the filter box.
   */
  async onlyUnmatchedMeasured(shown: number): Promise<number> {
    await this.page.evaluate((expected) => {
      window.__reportedFilterRender = new Promise<number>((resolve) => {
        const box = document.querySelector<HTMLInputElement>('.reported-view__only input[type="checkbox"]')!;
        const count = document.querySelector('[data-testid="reported-count"]')!;
        let clickAt = -1;
        box.addEventListener(
          'click',
          (event) => {
            clickAt = event.timeStamp;
          },
          { once: true, capture: true },
        );
        const observer = new MutationObserver(() => {
          if (clickAt < 0 || !(count.textContent ?? '').includes(expected)) return;
          observer.disconnect();
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - clickAt)));
        });
        observer.observe(count, { childList: true, subtree: true, characterData: true });
      });
    }, `显示 ${shown} 条`);
    await this.onlyUnmatched.click();
    return this.page.evaluate(() => window.__reportedFilterRender!);
  }

  /** Empties the filter box and waits for the count to say every row is shown again. */
  async clearFilter(): Promise<void> {
    await this.filter.fill('');
    await this.page.waitForFunction(() => !(document.querySelector('[data-testid="reported-count"]')?.textContent ?? '').includes('显示'));
  }

  /**
   * Scrolls the grid's body to its end, as dragging the scroll bar down would: the element that
   * scrolls is found by what it does, not by ag-grid's class names, which change between versions.
   */
  async scrollToBottom(): Promise<void> {
    await this.grid.evaluate((grid) => {
      const scrollers = [...grid.querySelectorAll<HTMLElement>('*')].filter((element) => element.scrollHeight > element.clientHeight + 1 && getComputedStyle(element).overflowY !== 'visible');
      const body = scrollers.sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
      if (!body) throw new Error('报送明细表格没有可滚动的区域');
      body.scrollTop = body.scrollHeight;
    });
  }

  /** The highlighted cell of the source grid in the detail panel. */
  async sourceFocus(): Promise<{ text: string; where: string }> {
    const cell = this.source.locator('td[data-focus]');
    await cell.waitFor();
    return { text: await cell.innerText(), where: await this.source.locator('dl').last().innerText() };
  }
}
