/**
 * Figures as screens and printed tables show them: pure display helpers the renderer may use.
 */
import type { Indicator } from '../domain/indicator';

/** A figure without float noise; — for none; fixed decimals when asked. */
export function formatNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (decimals !== undefined) return value.toFixed(decimals);
  return String(Math.round(value * 1e9) / 1e9);
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
