import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One line of the printed table: a figure, its target, and its ratio to the exceljs floor. */
export interface Figure {
  label: string;
  value: number;
  /** '×' for a ratio of two figures. */
  unit: 'ms' | 'MB' | '×';
  /** The figure must stay below this (or at most this when `inclusive`). */
  target: number | null;
  inclusive?: boolean;
  targetText: string;
  ratioToFloor: number | null;
  /** The measurement threw: what it said. The figure then misses its target, if it has one. */
  error?: string;
}

export function meets(figure: Figure): boolean | null {
  if (figure.target === null) return null;
  if (figure.error !== undefined) return false;
  if (!Number.isFinite(figure.value)) return null;
  return figure.inclusive ? figure.value <= figure.target : figure.value < figure.target;
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/.test(ch) && !/[\u2500-\u257f]/.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, size: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)));
  return right ? fill + text : text + fill;
}

/** A figure as printed: whole milliseconds from 100 up, one decimal below; ratios to two decimals. */
export function formatNumber(value: number, unit: Figure['unit']): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === '×') return `${value.toFixed(2)}×`;
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${unit}`;
}

/** Columns padded to their widest cell; `right` columns (numbers) aligned right. */
export function formatGrid(heading: string, rows: readonly string[][], right: (column: number) => boolean): string {
  const sizes = rows[0]!.map((_, c) => Math.max(...rows.map((r) => width(r[c] ?? ''))));
  const line = (r: readonly string[]) => r.map((cell, c) => pad(cell, sizes[c]!, right(c))).join('  ').trimEnd();
  return [heading, line(rows[0]!), sizes.map((s) => '-'.repeat(s)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function formatTable(figures: readonly Figure[], heading: string, options: { floorColumn?: boolean } = {}): string {
  const floor = options.floorColumn ?? true;
  const rows = [['项目 figure', '实测 measured', '目标 target', ...(floor ? ['与下限之比 ×floor'] : []), '结果 result']];
  for (const f of figures) {
    const ok = meets(f);
    const ratio = f.ratioToFloor === null ? '' : `${f.ratioToFloor.toFixed(2)}×`;
    const result = f.error !== undefined ? '失败 FAILED' : ok === null ? '' : ok ? '达标 ok' : '未达标 MISS';
    rows.push([f.label, f.error !== undefined ? '—' : formatNumber(f.value, f.unit), f.targetText, ...(floor ? [ratio] : []), result]);
  }
  const failures = figures.filter((f) => f.error !== undefined).map((f) => `失败 FAILED ${f.label.trim()}: ${f.error}`);
  return [formatGrid(heading, rows, (c) => c === 1 || (floor && c === 3)), ...failures].join('\n');
}

/** bench-results/<name> under the project root (the folder is git-ignored). */
export function writeResults(root: string, results: Record<string, unknown>, name = 'latest.json'): string {
  const dir = path.join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
