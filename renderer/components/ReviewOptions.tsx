import type { ResolutionRequest } from '../../shared/api/contract';
import type { Finding, FindingKind } from '../../shared/domain';

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
  if (finding.status === 'resolved') return [{ label: '重新打开', kind: 'resolve', resolution: { action: 'reopen' } }];
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
