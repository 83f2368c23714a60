import { describe, expect, it } from 'vitest';
import type { WorkbookInfo } from '../../../shared/api/contract';
import { defaultYear, formatDateTime, splitNames, yearStateText } from '../../../renderer/app/format';

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
