import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One line of the printed table: a figure, its target, and its ratio to the exceljs floor. */
export interface Figure {
  label: string;
  value: number;
  unit: 'ms' | 'MB';
  /** The figure must stay below this (or at most this when `inclusive`). */
  target: number | null;
  inclusive?: boolean;
  targetText: string;
  ratioToFloor: number | null;
}

export function meets(figure: Figure): boolean | null {
  if (figure.target === null) return null;
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

function formatValue(figure: Figure): string {
  const digits = figure.value >= 100 ? 0 : 1;
  return `${figure.value.toFixed(digits)} ${figure.unit}`;
}

export function formatTable(figures: readonly Figure[], heading: string): string {
  const rows = [['项目 figure', '实测 measured', '目标 target', '与下限之比 ×floor', '结果 result']];
  for (const f of figures) {
    const ok = meets(f);
    rows.push([f.label, formatValue(f), f.targetText, f.ratioToFloor === null ? '' : `${f.ratioToFloor.toFixed(2)}×`, ok === null ? '' : ok ? '达标 ok' : '未达标 MISS']);
  }
  const sizes = rows[0]!.map((_, c) => Math.max(...rows.map((r) => width(r[c]!))));
  const line = (r: string[]) => r.map((cell, c) => pad(cell, sizes[c]!, c === 1 || c === 3)).join('  ');
  return [heading, line(rows[0]!), sizes.map((s) => '-'.repeat(s)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** bench-results/latest.json under the project root (the folder is git-ignored). */
export function writeResults(root: string, results: Record<string, unknown>): string {
  const dir = path.join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
