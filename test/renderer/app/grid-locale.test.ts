import { describe, expect, it } from 'vitest';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { GRID_LOCALE } from '../../../renderer/app/grid-locale';
import { findEnglishWords } from '../../support/english-words';

describe('the grids’ Chinese locale', () => {
  it('names no key in English in any screen-reader label ag-grid can put into the page', () => {
    const ariaLabels = Object.keys(AG_GRID_LOCALE_CN).filter((key) => key.startsWith('aria'));
    const english = ariaLabels
      .map((key) => [key, findEnglishWords(GRID_LOCALE[key]!.replace(/\$\{\w+\}/g, ''))] as const)
      .filter(([, words]) => words.length > 0);
    expect(english).toEqual([]);
    expect(GRID_LOCALE.ariaSortableColumn).toBe('按回车键排序');
  });
});
