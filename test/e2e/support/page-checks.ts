import type { Page } from 'playwright-core';

export { ALLOWED_LATIN_WORDS, findEnglishWords } from '../../support/english-words';

/** The text a person sees: rendered text plus the tooltips and labels of visible elements. */
export async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // File paths and names are the officer's data, shown as they are (data-verbatim), not prose.
    let body = document.body.innerText;
    const verbatim = [...document.querySelectorAll<HTMLElement>('[data-verbatim]')].map((element) => element.innerText).filter((text) => text !== '');
    // Longest first: a file name must not cut the path that holds it.
    for (const text of verbatim.sort((a, b) => b.length - a.length)) body = body.split(text).join(' ');
    const parts = [body, document.title];
    for (const element of document.querySelectorAll<HTMLElement>('[title], [placeholder], [aria-label]')) {
      if (element.getClientRects().length === 0 || element.closest('[data-verbatim]')) continue;
      for (const name of ['title', 'placeholder', 'aria-label']) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join('\n');
  });
}

/**
 * Elements that stick out of the viewport's width, outside grids (which scroll sideways on
 * purpose, UI.md "1366×768") and boxes marked data-scroll-box (a sheet shown around a source
 * cell scrolls the same way), plus the page itself if it scrolls sideways.
 */
export async function findOverwideElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = window.innerWidth;
    const describe = (element: Element) => {
      const classes = typeof element.className === 'string' && element.className ? `.${element.className.trim().split(/\s+/).join('.')}` : '';
      return `${element.tagName.toLowerCase()}${classes}`;
    };
    const found: string[] = [];
    if (document.documentElement.scrollWidth > limit) found.push(`页面可横向滚动（${document.documentElement.scrollWidth}px）`);
    for (const element of document.body.querySelectorAll('*')) {
      if (element.closest('.ag-root-wrapper, [data-scroll-box]')) continue;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.width > limit + 0.5 || rect.right > limit + 0.5) found.push(`${describe(element)}（宽 ${Math.round(rect.width)}px，右边缘 ${Math.round(rect.right)}px）`);
    }
    return found;
  });
}
