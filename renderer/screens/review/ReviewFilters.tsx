import type { Finding, FindingStatus, Severity } from '../../../shared/domain';
import { FINDING_KIND_LABELS } from '../../../shared/domain';
import { FilterBox } from '../../components/FilterBox';

const NO_BUREAU = '未识别单位';

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export interface ReviewFilter {
  status: FindingStatus | 'all';
  severity: Severity | null;
  kind: Finding['kind'] | null;
  bureau: string | null;
  indicator: string | null;
  /** Words typed in the filter box: each must appear in the finding (message, indicator, bureau, region, file). */
  text: string;
}

export const NO_FILTER: ReviewFilter = { status: 'open', severity: null, kind: null, bureau: null, indicator: null, text: '' };

/** True when anything beyond the status narrows the list. */
export function isNarrowed(filter: ReviewFilter): boolean {
  return filter.severity !== null || filter.kind !== null || filter.bureau !== null || filter.indicator !== null || filter.text.trim() !== '';
}

function matchesText(finding: Finding, text: string): boolean {
  const words = text.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = [finding.message, finding.indicator, finding.name, finding.bureau ?? NO_BUREAU, finding.region, finding.file, FINDING_KIND_LABELS[finding.kind]]
    .filter((part) => part !== null)
    .join(' ')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}

type Facet = 'severity' | 'kind' | 'bureau' | 'indicator';


function facetValue(finding: Finding, facet: Facet): string | null {
  switch (facet) {
    case 'severity':
      return finding.severity;
    case 'kind':
      return finding.kind;
    case 'bureau':
      return finding.bureau ?? NO_BUREAU;
    case 'indicator':
      return finding.indicator;
  }
}

export function matchesFilter(finding: Finding, filter: ReviewFilter, except: Facet | null = null): boolean {
  if (filter.status !== 'all' && finding.status !== filter.status) return false;
  if (!matchesText(finding, filter.text)) return false;
  for (const facet of ['severity', 'kind', 'bureau', 'indicator'] as const) {
    if (facet === except || filter[facet] === null) continue;
    if (facetValue(finding, facet) !== filter[facet]) return false;
  }
  return true;
}

/** Each value of a facet with how many findings it would show, given the other filters. */
function facetCounts(findings: Finding[], filter: ReviewFilter, facet: Facet): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) {
    if (!matchesFilter(f, filter, facet)) continue;
    const value = facetValue(f, facet);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

function ChipGroup({ label, values, selected, labelOf, onSelect }: { label: string; values: [string, number][]; selected: string | null; labelOf(value: string): string; onSelect(value: string | null): void }) {
  // The chip she chose stays, with its 0, after its last finding is handled: the choice never hides silently.
  const chips: [string, number][] = selected !== null && !values.some(([value]) => value === selected) ? [...values, [selected, 0]] : values;
  if (chips.length === 0) return null;
  return (
    <div className="chips" role="group" aria-label={label}>
      <span className="chips__label">{label}</span>
      {chips.map(([value, count]) => (
        <button
          key={value}
          type="button"
          className={`chip${selected === value ? ' chip--on' : ''}`}
          aria-pressed={selected === value}
          onClick={() => onSelect(selected === value ? null : value)}
        >
          {labelOf(value)} <span className="chip__count">{count}</span>
        </button>
      ))}
    </div>
  );
}

const STATUS_LABELS: Record<ReviewFilter['status'], string> = { open: '待处理', resolved: '已处理', all: '全部' };

export function ReviewFilters({ findings, filter, names, onChange }: { findings: Finding[]; filter: ReviewFilter; names: Map<string, string>; onChange(filter: ReviewFilter): void }) {
  const sorted = (facet: Facet, order?: string[]) => {
    const entries = [...facetCounts(findings, filter, facet)];
    return order ? entries.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])) : entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh'));
  };
  const statusCounts = { open: 0, resolved: 0, all: findings.length };
  for (const f of findings) statusCounts[f.status] += 1;
  return (
    <div className="review-filters" data-testid="review-filters">
      <FilterBox
        className="review-filters__text"
        label="筛选核对问题"
        placeholder="筛选：指标、填报单位、地区、文件名、问题内容"
        value={filter.text}
        onChange={(text) => onChange({ ...filter, text })}
      />
      <div className="chips" role="group" aria-label="处理状态">
        <span className="chips__label">状态</span>
        {(['open', 'resolved', 'all'] as const).map((status) => (
          <button key={status} type="button" className={`chip${filter.status === status ? ' chip--on' : ''}`} aria-pressed={filter.status === status} onClick={() => onChange({ ...filter, status })}>
            {STATUS_LABELS[status]} <span className="chip__count">{statusCounts[status]}</span>
          </button>
        ))}
      </div>
      <ChipGroup label="严重程度" values={sorted('severity', ['error', 'warning', 'info'])} selected={filter.severity} labelOf={(v) => SEVERITY_LABELS[v as Severity]} onSelect={(v) => onChange({ ...filter, severity: v as Severity | null })} />
      <ChipGroup label="问题类型" values={sorted('kind')} selected={filter.kind} labelOf={(v) => FINDING_KIND_LABELS[v as Finding['kind']]} onSelect={(v) => onChange({ ...filter, kind: v as Finding['kind'] | null })} />
      <ChipGroup label="填报单位" values={sorted('bureau')} selected={filter.bureau} labelOf={(v) => v} onSelect={(v) => onChange({ ...filter, bureau: v })} />
      <ChipGroup label="指标" values={sorted('indicator')} selected={filter.indicator} labelOf={(v) => names.get(v) ?? v} onSelect={(v) => onChange({ ...filter, indicator: v })} />
    </div>
  );
}
