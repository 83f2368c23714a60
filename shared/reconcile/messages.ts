/** Numbers in finding messages read as the officer would write them: no float noise. */
export function formatNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (decimals !== undefined) return value.toFixed(decimals);
  return String(Math.round(value * 1e9) / 1e9);
}

export function bureauLabel(bureau: string | null): string {
  return bureau ?? '未识别单位';
}
