import type { KeyboardEvent } from 'react';

export type ReviewTab = 'findings' | 'reported';

const ORDER: ReviewTab[] = ['findings', 'reported'];

/**
 * 核对问题 | 报送明细, each with its count once known. Tab reaches them, Enter or Space opens one,
 * and ←/→ move between them as in any tab strip.
 */
export function ReviewTabs({ tab, findings, reported, onChange }: { tab: ReviewTab; findings: number | null; reported: number | null; onChange(tab: ReviewTab): void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = ORDER[(ORDER.indexOf(tab) + (event.key === 'ArrowRight' ? 1 : ORDER.length - 1)) % ORDER.length]!;
    onChange(next);
    document.getElementById(`review-tab-${next}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="核对内容" onKeyDown={onKeyDown}>
      <button type="button" role="tab" id="review-tab-findings" className="tab" aria-selected={tab === 'findings'} aria-controls={tab === 'findings' ? 'review-panel-findings' : undefined} onClick={() => onChange('findings')}>
        核对问题{findings === null ? '' : <span className="tab__count">{findings}</span>}
      </button>
      <button type="button" role="tab" id="review-tab-reported" className="tab" aria-selected={tab === 'reported'} aria-controls={tab === 'reported' ? 'review-panel-reported' : undefined} onClick={() => onChange('reported')}>
        报送明细{reported === null ? '' : <span className="tab__count">{reported}</span>}
      </button>
    </div>
  );
}
