import type { ResolutionRequest } from '../../../shared/api/contract';
import type { Finding, FindingKind } from '../../../shared/domain';

/**
 * What the 核对 screen offers for a finding, in order: keys 1–3 pick the first three. An option
 * either resolves at once or opens a form (手工填写…, 对应到指标…).
 */
export type ReviewOption =
  | { label: string; kind: 'resolve'; resolution: ResolutionRequest }
  | { label: string; kind: 'override' }
  | { label: string; kind: 'map' };

const MATCH_KINDS = new Set<FindingKind>(['unmatched_row', 'ambiguous_match']);
const VALUE_KINDS = new Set<FindingKind>(['missing', 'out_of_range', 'suspicious_change']);

export function reviewOptions(finding: Finding): ReviewOption[] {
  // An info finding needs no decision: resolved by itself, there is nothing to reopen.
  if (finding.status === 'resolved') return finding.decision ? [{ label: '重新打开', kind: 'resolve', resolution: { action: 'reopen' } }] : [];
  const confirm: ReviewOption = { label: '确认无误', kind: 'resolve', resolution: { action: 'confirm' } };
  if (finding.kind === 'conflict') {
    const choices: ReviewOption[] = finding.candidates
      .map((c) => ({ text: c.name, value: Number(c.name.replace(/,/g, '')) }))
      .filter((c) => Number.isFinite(c.value))
      .map((c) => ({ label: `采用 ${c.text}`, kind: 'resolve', resolution: { action: 'choose', value: c.value } }));
    return [...choices, { label: '手工填写…', kind: 'override' }, confirm];
  }
  if (MATCH_KINDS.has(finding.kind)) return [{ label: '对应到指标…', kind: 'map' }, confirm];
  if (VALUE_KINDS.has(finding.kind)) return [{ label: '手工填写…', kind: 'override' }, confirm];
  return [confirm];
}

/**
 * What the officer decided, in words: 已采用 95 · 市卫生健康委, 手工填写 100 · 说明, 对应到 C07 老年大学县级覆盖率,
 * 确认无误; then who and when. Null when the finding carries no decision.
 */
export function decisionText(finding: Finding, names: ReadonlyMap<string, string>, when: (iso: string) => string): string | null {
  const d = finding.decision;
  if (!d) return null;
  const note = d.note.trim() !== '' ? ` · ${d.note.trim()}` : '';
  let what: string;
  switch (d.action) {
    case 'choose': {
      const from = finding.candidates.find((c) => Number(c.name.replace(/,/g, '')) === d.value)?.reason;
      what = `已采用 ${d.value}${from ? ` · ${from}` : ''}${note}`;
      break;
    }
    case 'override':
      what = `手工填写 ${d.value}${note}`;
      break;
    case 'map':
      what = `对应到 ${d.code ?? ''}${d.code && names.get(d.code) ? ` ${names.get(d.code)}` : ''}${note}`;
      break;
    case 'confirm':
      what = `确认无误${note}`;
      break;
  }
  const by = [d.operator, d.at ? when(d.at) : ''].filter((part) => part !== '').join(' ');
  return by === '' ? what : `${what}（${by}）`;
}
