import type { SheetView } from './detect-sheet-view';

/**
 * What an unreadable sheet holds, in words an officer can check against the file: runs of rows
 * with text only and rows with numbers, and the first words seen.
 */
export function describeSheet(view: SheetView): string {
  const runs: { kind: 'text' | 'number'; from: number; to: number; sample: string }[] = [];
  for (let r = 0; r < view.sheet.rowCount; r++) {
    const cells = view.rowCells(r);
    if (cells.length === 0) continue;
    const kind = cells.some((c) => view.isNumber(r, c.col) || /^-?[\d,.]+%?$/.test(c.text)) ? 'number' : 'text';
    const last = runs[runs.length - 1];
    if (last && last.kind === kind && last.to === r - 1) last.to = r;
    else runs.push({ kind, from: r, to: r, sample: cells.map((c) => c.text).join(' ').slice(0, 30) });
  }
  if (runs.length === 0) return '该表为空';
  const span = (from: number, to: number) => (from === to ? `第 ${from + 1} 行` : `第 ${from + 1}–${to + 1} 行`);
  return runs
    .slice(0, 4)
    .map((run) => `${span(run.from, run.to)}为${run.kind === 'text' ? '文字' : '含数字的行'}（“${run.sample}”）`)
    .join('，') + (runs.length > 4 ? '，其后还有内容' : '');
}
