import type { ProgressRow } from '../../../shared/api/contract';
import { formatNumber, printDecimals } from '../../../shared/format/figures';

const WIDTH = 150;
const HEIGHT = 18;
// The track runs from 基期值 (left) to 目标值 (right); a value past either end is drawn at the edge.
const PAD = 6;

function position(share: number): number {
  const clamped = Math.min(1.08, Math.max(-0.08, share));
  return PAD + ((clamped + 0.08) / 1.16) * (WIDTH - 2 * PAD);
}

/**
 * Where the straight line stands this year: a computed figure, so printed at the decimals of the
 * row's own figures (published decimals at least), not to its last digit.
 */
export function expectedText(row: Pick<ProgressRow, 'expected' | 'baseline' | 'value' | 'target' | 'decimals'>): string {
  return formatNumber(row.expected, printDecimals(row.decimals, [row.baseline, row.value, row.target]));
}

/**
 * 基期值 → 当年值 → 目标值 as a small horizontal bar: the filled part is the change achieved,
 * the tick the expected position on the straight line for this year.
 */
export function ProgressBar({ row }: { row: ProgressRow }) {
  const { baseline, target, value, expected } = row;
  if (baseline === null || target === null || baseline === target) {
    // 基期值 equal to 目标值 (a coverage already at 100) leaves no way to travel: say so, not 无基期值.
    const why = target === null ? '无数值目标' : baseline === null ? '无基期值' : '基期已达目标值';
    return <span className="progress-bar__none">{why}</span>;
  }
  const share = (x: number) => (x - baseline) / (target - baseline);
  const start = position(0);
  const end = position(1);
  const at = value === null ? null : position(share(value));
  const tick = expected === null ? null : position(share(expected));
  const label = `基期值 ${formatNumber(baseline)}，当年值 ${formatNumber(value)}，目标值 ${formatNumber(target)}${expected === null ? '' : `，按进度应达 ${expectedText(row)}`}`;
  return (
    <svg className={`progress-bar progress-bar--${row.status}`} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label}>
      <title>{label}</title>
      <rect x={start} y={6} width={end - start} height={6} rx={1} className="progress-bar__track" />
      {at !== null ? <rect x={Math.min(start, at)} y={6} width={Math.abs(at - start)} height={6} rx={1} className="progress-bar__fill" /> : null}
      {tick !== null ? <line x1={tick} x2={tick} y1={2} y2={16} className="progress-bar__expected" /> : null}
      {at !== null ? <circle cx={at} cy={9} r={3.5} className="progress-bar__value" /> : null}
      <line x1={end} x2={end} y1={4} y2={14} className="progress-bar__target" />
    </svg>
  );
}

/** The years' values as a sparkline; years without a value leave a gap. */
export function ProgressSparkline({ history }: { history: ProgressRow['history'] }) {
  const known = history.filter((h): h is { year: number; value: number } => h.value !== null);
  if (known.length === 0) return <span className="muted">—</span>;
  const w = 84;
  const h = 20;
  const min = Math.min(...known.map((k) => k.value));
  const max = Math.max(...known.map((k) => k.value));
  const x = (i: number) => (history.length === 1 ? w / 2 : 3 + (i / (history.length - 1)) * (w - 6));
  const y = (v: number) => (max === min ? h / 2 : h - 3 - ((v - min) / (max - min)) * (h - 6));
  const segments: string[] = [];
  let current: string[] = [];
  history.forEach((point, i) => {
    if (point.value === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(point.value).toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  const label = history.map((p) => `${p.year}年 ${formatNumber(p.value)}`).join('，');
  return (
    <svg className="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={label}>
      <title>{label}</title>
      {segments.map((points) => (
        <polyline key={points} points={points} className="sparkline__line" />
      ))}
      {history.map((point, i) => (point.value === null ? null : <circle key={point.year} cx={x(i)} cy={y(point.value)} r={1.8} className="sparkline__dot" />))}
    </svg>
  );
}
