/**
 * A finding as a rule drafts it, its severity, and how drafts become findings with stable ids and
 * the status their resolutions give them.
 */
import type { Finding, FindingKind, ReportedRecord, ResolutionRecord, Severity, SourceRef } from '../domain';
import type { ReconciledFinding } from './consolidate';
import { bureauLabel } from './messages';
import { findingId } from './stable-id';

export const DEFAULT_CHANGE_FACTOR = 3;
const SEVERITY: Record<FindingKind, Severity> = {
  unmatched_row: 'warning',
  ambiguous_match: 'warning',
  unparseable_value: 'error',
  formula_error: 'error',
  unit_mismatch: 'error',
  unit_converted: 'info',
  conflict: 'error',
  revised: 'info',
  missing: 'warning',
  out_of_range: 'error',
  baseline_mismatch: 'warning',
  target_mismatch: 'warning',
  suspicious_change: 'warning',
  rule_violation: 'error',
  not_responsible: 'info',
  unknown_region: 'warning',
  duplicate_file: 'info',
};
/** Info findings need no decision; they are never "open" work. */
function isActionable(kind: FindingKind): boolean {
  return SEVERITY[kind] !== 'info';
}
export type Draft = Omit<Finding, 'id' | 'severity' | 'status' | 'candidates'> & {
  idParts: (string | number | null)[];
  /** The parts of the id this finding had before its id changed: a resolution made then still holds. */
  formerIdParts?: (string | number | null)[];
  basis: string;
  candidates?: Finding['candidates'];
  /**
   * Drafted only to keep an officer's decision in view after it took the problem away (a mapped
   * row, an overridden missing figure): dropped unless a resolution of its own holds.
   */
  decidedOnly?: true;
};
export function sourceOf(record: ReportedRecord): SourceRef {
  return { file: record.file, sheet: record.sheet, cell: record.cell, bureau: bureauLabel(record.bureau) };
}
/**
 * Drafts become findings: the first draft of an id wins. With `years`, only findings of those
 * years are built (a year-scoped answer reckons the year before too, for its changes): the ids
 * of the others are still taken, so the same drafts win as without.
 */
export function finalizeFindings(drafts: Draft[], resolutions: Map<string, ResolutionRecord>, years?: ReadonlySet<number>): ReconciledFinding[] {
  const findings = new Map<string, ReconciledFinding | null>();
  for (const d of drafts) {
    const id = findingId(d.kind, d.idParts);
    if (findings.has(id)) continue;
    if (years !== undefined && (d.year === null || !years.has(d.year))) {
      findings.set(id, null);
      continue;
    }
    const resolution = resolutions.get(id) ?? (d.formerIdParts ? resolutions.get(findingId(d.kind, d.formerIdParts)) : undefined);
    const holds = resolution !== undefined && resolution.basis === d.basis;
    if (d.decidedOnly && !holds) continue;
    const resolved = !isActionable(d.kind) || holds;
    // A plain copy rather than `{ idParts, candidates, ...rest }`: object rest is several times
    // slower in V8, and a workbook can hold tens of thousands of findings. Same keys, same order.
    const finding: Record<string, unknown> = {};
    for (const key in d) if (key !== 'idParts' && key !== 'formerIdParts' && key !== 'candidates' && key !== 'decidedOnly') finding[key] = d[key as keyof Draft];
    finding.id = id;
    finding.severity = SEVERITY[d.kind];
    finding.status = resolved ? 'resolved' : 'open';
    finding.candidates = d.candidates ?? [];
    if (holds) finding.decision = { action: resolution.action, value: resolution.value, code: resolution.code, note: resolution.note, operator: resolution.operator, at: resolution.at };
    findings.set(id, finding as unknown as ReconciledFinding);
  }
  return [...findings.values()].filter((f): f is ReconciledFinding => f !== null);
}
