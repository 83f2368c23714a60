import type { CliIo } from './command';

/** `--json` output: always an array, pretty-printed, one trailing newline. */
export function writeJson(io: CliIo, rows: readonly unknown[]): void {
  io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
}

/** How the tables print "no data". */
export const NO_DATA = '—';

/** A figure with its comparator as the documents print it: ≥1000, ≤5, 95. */
export function formatTarget(op: '>=' | '<=' | '=' | null, value: number | null, text: string | null): string {
  if (value === null) return text ?? NO_DATA;
  const sign = op === '>=' ? '≥' : op === '<=' ? '≤' : '';
  return `${sign}${value}`;
}

/** Tab-separated lines: readable in a console and pasteable into Excel or WPS. */
export function writeTable(io: CliIo, header: readonly string[], rows: readonly (readonly string[])[]): void {
  for (const row of [header, ...rows]) io.stdout(`${row.join('\t')}\n`);
}
