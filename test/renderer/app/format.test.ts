import { describe, expect, it } from 'vitest';
import type { WorkbookInfo } from '../../../shared/api/contract';
import { defaultYear, formatDateTime, importedYears, selectableYears, splitNames, yearStateText } from '../../../renderer/app/format';

describe('format', () => {
  it('writes dates the way the offices do', () => {
    const iso = new Date(2026, 10, 25, 10, 42).toISOString();
    expect(formatDateTime(iso)).toBe('2026年11月25日 10:42');
    expect(formatDateTime(null)).toBe('—');
  });

  it('splits sub-regions on commas, 、 and spaces', () => {
    expect(splitNames('兰山区、罗庄区，河东区, 兰山区')).toEqual(['兰山区', '罗庄区', '河东区']);
  });

  it('defaults to the latest year with returns, else last year within the plan', () => {
    const plan = { baseYear: 2020, targetYear: 2025 };
    expect(defaultYear(plan, [2022, 2023], new Date(2030, 0, 1))).toBe(2023);
    expect(defaultYear(plan, [], new Date(2024, 5, 1))).toBe(2023);
    expect(defaultYear(plan, [], new Date(2031, 5, 1))).toBe(2025);
    expect(defaultYear({ baseYear: 2025, targetYear: 2030 }, [], new Date(2025, 5, 1))).toBe(2026);
  });

  it('names the year state with its open errors', () => {
    const info = { signedOff: [{ year: 2022, signedOff: true, signedAt: null, signedBy: null }], openFindings: [{ year: 2023, errors: 3, warnings: 0 }] } as unknown as WorkbookInfo;
    expect(yearStateText(info, 2023)).toBe('初稿 · 3 个错误');
    expect(yearStateText(info, 2022)).toBe('已定稿');
  });
});

describe('the years offered and followed', () => {
  const plan = { baseYear: 2020, targetYear: 2025 };

  it('offers every year of the plan period in a new workbook, and later years with data', () => {
    expect(selectableYears({ ...plan, years: [] }, 2025)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(selectableYears({ ...plan, years: [2020, 2026] }, 2023)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(selectableYears(null, 2024)).toEqual([2024]);
  });

  it('follows a batch to the one year its returns went to, and names several', () => {
    const result = (outcome: 'imported' | 'duplicate' | 'rejected', year: number | null) => ({ outcome, year });
    expect(importedYears([result('imported', 2023), result('imported', 2023), result('rejected', null)])).toEqual({ years: [2023], only: 2023 });
    expect(importedYears([result('imported', 2023), result('imported', 2022)])).toEqual({ years: [2022, 2023], only: null });
    expect(importedYears([result('duplicate', 2024), result('rejected', null)])).toEqual({ years: [], only: null });
  });
});
