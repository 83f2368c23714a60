/**
 * Decimal arithmetic for the only operations import needs: moving the decimal point (unit
 * prefixes and percent formats are powers of ten) and cleaning binary floating-point noise.
 */

/**
 * `value × 10^exp`, computed on the decimal digits rather than in binary floating point, so that
 * 0.935 → 93.5 and 2.8 → 28000 come out exact (0.935 * 100 is 93.50000000000001 in binary).
 */
export function shiftDecimal(value: number, exp: number): number {
  if (exp === 0 || value === 0 || !Number.isFinite(value)) return value;
  const [mantissa, power] = value.toExponential().split('e');
  return Number(`${mantissa}e${Number(power) + exp}`);
}

/**
 * Drops floating-point noise beyond 12 significant digits: statistics are published with at most
 * a handful of decimals, and a figure like 93.50000000000001 must store and compare as 93.5.
 */
export function roundNoise(value: number): number {
  // Whole numbers of up to 12 digits carry no noise (most cells: counts, years): toPrecision is slow.
  if (value === 0 || !Number.isFinite(value) || (Number.isInteger(value) && Math.abs(value) < 1e12)) return value;
  return Number(value.toPrecision(12));
}
