/**
 * Figures as screens and printed tables show them: pure display helpers the renderer may use.
 * Screens and CSV show a figure as reported (38.2 stays 38.2, 0.4406 stays 0.4406); only print
 * layouts of consolidated tables pad to a number of decimals, and never to fewer than the figures
 * themselves carry.
 */
import type { Indicator } from '../domain/indicator';

/** Float noise of sums and unit conversions (0.1 + 0.2) lies beyond this many decimals. */
const NOISE_DECIMALS = 9;
/** A printed table stops here: a quotient such as 33.333333… is not printed to its last digit. */
const MAX_PRINTED_DECIMALS = 6;

function withoutNoise(value: number): number {
  return Math.round(value * 10 ** NOISE_DECIMALS) / 10 ** NOISE_DECIMALS;
}

/** A figure as reported, without float noise; — for none; fixed decimals when asked (print layouts). */
export function formatNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (decimals !== undefined) return value.toFixed(decimals);
  return String(withoutNoise(value));
}

/** How many decimals a figure carries as reported: 38.2 → 1, 0.4406 → 4, 95 → 0. */
export function decimalsOf(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return 0;
  const text = String(withoutNoise(value));
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Math.min(MAX_PRINTED_DECIMALS, Number(exponent[1]));
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * The decimals a print layout gives one indicator's row: the published decimals, raised to what
 * the row's figures carry (a bureau's 38.2 is never printed as 38), at most six.
 */
export function printDecimals(published: number, figures: Iterable<number | null | undefined>): number {
  let decimals = Math.max(0, Math.floor(published));
  for (const figure of figures) decimals = Math.max(decimals, Math.min(MAX_PRINTED_DECIMALS, decimalsOf(figure)));
  return decimals;
}

/** The target as published: a number, ≥1000 as text, a qualitative target, or none. */
export function targetShown(indicator: Indicator): { kind: 'number'; value: number } | { kind: 'text'; value: string } | { kind: 'none' } {
  if (indicator.targetValue !== null) {
    if (indicator.targetOp === '>=' || indicator.targetOp === '<=') {
      const op = indicator.targetOp === '>=' ? '≥' : '≤';
      // Printed as the document does: ≥1000, ≥1 (the figure as written, not padded to decimals).
      return { kind: 'text', value: `${op}${formatNumber(indicator.targetValue)}` };
    }
    return { kind: 'number', value: indicator.targetValue };
  }
  if (indicator.targetText) return { kind: 'text', value: indicator.targetText };
  return { kind: 'none' };
}
