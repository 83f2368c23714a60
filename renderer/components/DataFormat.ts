/**
 * How the data screens (导入, 核对, 完成情况, 进度, 导出) write dates and numbers (UI.md
 * "Conventions"): dates as 2026年11月25日 10:42, numbers as reported, no data as —.
 */

const NO_DATA = '—';

/** Dates as the frame writes them: 2026年11月25日 10:42. */
export { formatDateTime } from '../app/format';


/** A share (0.82) as the number of a % column (82.0). */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return NO_DATA;
  return (share * 100).toFixed(1);
}

/** 0-based column index → A, B … Z, AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
