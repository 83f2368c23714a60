import type { Indicator } from '../domain/indicator';

/**
 * DESIGN "Responsibility": the app may propose a 填报单位 — a sole lead, else the first-named
 * responsible bureau — but it stays a proposal until the officer confirms it.
 */
export function proposeReporter(indicator: Indicator): string | null {
  const r = indicator.responsibility;
  if (r.leadBureaus.length === 1) return r.leadBureaus[0]!;
  return r.leadBureaus[0] ?? r.jointBureaus[0] ?? r.coBureaus[0] ?? null;
}

/** Proposals for every indicator that has none assigned; assigned ones are left alone. */
export function withProposedReporters(indicators: readonly Indicator[]): Indicator[] {
  return indicators.map((indicator) => {
    if (indicator.reporter) return indicator;
    const proposal = proposeReporter(indicator);
    return proposal ? { ...indicator, reporter: proposal, reporterProposed: true } : indicator;
  });
}

/** Which indicators a bulk assignment covers. Criteria combine: all given must hold. */
export interface ReporterSelection {
  codes?: string[];
  /** 领域, e.g. 服务资源总量. */
  area?: string;
  /** Indicators for which the document names this bureau (lead, co or joint). */
  responsible?: string;
  /** Only those without a confirmed 填报单位. */
  unassigned?: boolean;
}

export function selectIndicators(indicators: readonly Indicator[], selection: ReporterSelection): Indicator[] {
  const codes = selection.codes?.length ? new Set(selection.codes) : null;
  return indicators.filter((i) => {
    if (codes && !codes.has(i.code) && !codes.has(i.name)) return false;
    if (selection.area !== undefined && i.area !== selection.area) return false;
    if (selection.responsible !== undefined) {
      const r = i.responsibility;
      if (![...r.leadBureaus, ...r.coBureaus, ...r.jointBureaus].includes(selection.responsible)) return false;
    }
    if (selection.unassigned && i.reporter && !i.reporterProposed) return false;
    return true;
  });
}

/** Indicators that still need a confirmed 填报单位 before templates can go out. */
export function unassignedIndicators(indicators: readonly Indicator[]): Indicator[] {
  return indicators.filter((i) => !i.reporter || i.reporterProposed);
}

/**
 * The selected indicators whose confirmed 填报单位 an assignment of `reporter` (null: 未指定) would
 * replace. A proposal is the app's guess, not the officer's work, and is not counted.
 */
export function overwrittenReporters(selected: readonly Indicator[], reporter: string | null): Indicator[] {
  return selected.filter((i) => i.reporter !== null && !i.reporterProposed && i.reporter !== reporter);
}
