import type { ChaseItem, Completeness, CompletenessState, ReturnSummary } from '../../shared/api/contract';
import { bureauFunctionIndex, counterpartIn, subregionBureau, type Schema } from '../../shared/domain';
import type { ReconcileResult } from '../../shared/reconcile/consolidate';
import { bureausOf, chaseFindings, requestOf } from '../../shared/tables/findings-table';

/**
 * 完成情况: 填报单位 × indicator for one year and region — reported, missing, in conflict, or not
 * expected of that bureau — and per bureau what arrived and what is still owed.
 */
export function completeness(schema: Schema, reconciled: ReconcileResult, returns: ReturnSummary[], year: number, region: string, workbookRegion: string = schema.region): Completeness {
  const indicators = schema.indicators.filter((i) => !i.auxiliary);
  // A sub-region's bureaus are the city's counterparts (市民政局 → 罗庄区民政局), each under one
  // name however its returns wrote it; the city's own bureaus are as the schema names them.
  const functions = bureauFunctionIndex(schema.bureaus, workbookRegion);
  const own = region === workbookRegion;
  const label = (bureau: string): string => (own ? bureau : subregionBureau(functions, bureau, region, workbookRegion));
  const counted = returns.filter((r) => r.year === year && r.region === region && r.state === 'counted').map((r) => ({ ...r, bureau: r.bureau === null ? null : label(r.bureau) }));
  const reporters = indicators.map((i) => (i.reporter && !i.reporterProposed ? (own ? i.reporter : counterpartIn(i.reporter, region)) : null));
  const bureaus = [...new Set([...reporters.filter((b): b is string => b !== null), ...counted.map((r) => r.bureau).filter((b): b is string => b !== null)])];
  const values = new Map(reconciled.values.filter((v) => v.year === year && v.region === region).map((v) => [v.indicator, v]));
  const cells = indicators.map((indicator, i): CompletenessState[] =>
    bureaus.map((bureau) => {
      const value = values.get(indicator.code);
      const fromBureau = value?.sources.some((s) => label(s.bureau) === bureau) ?? false;
      if (value?.status === 'conflict' && fromBureau) return 'conflict';
      if (fromBureau) return 'reported';
      return reporters[i] === bureau ? 'missing' : 'not_expected';
    }),
  );
  const perBureau = bureaus.map((bureau, j) => {
    const own = counted.filter((r) => r.bureau === bureau);
    const expected = reporters.filter((r) => r === bureau).length;
    const reported = cells.filter((row, i) => reporters[i] === bureau && (row[j] === 'reported' || row[j] === 'conflict')).length;
    return {
      bureau,
      returns: own.length,
      lastReceived: own.map((r) => r.importedAt).sort().at(-1) ?? null,
      expected,
      reported,
      missing: expected - reported,
    };
  });
  return {
    year,
    region,
    bureaus,
    indicators: indicators.map((i, n) => ({ code: i.code, name: i.name, reporter: reporters[n] ?? null })),
    cells,
    perBureau,
  };
}

/**
 * 催报/更正清单: each bureau's open findings of the year that it can act on, with the return's
 * contact — the same findings as the exported list (chaseFindings): a conflict goes to each of its
 * bureaus, citing a cell only to the bureau that wrote it; the tool's matching doubts stay with the officer.
 */
export function chaseList(reconciled: ReconcileResult, returns: ReturnSummary[], year: number): ChaseItem[] {
  const open = chaseFindings(reconciled.findings.filter((f) => f.year === year && f.bureau));
  const byBureau = new Map<string, ChaseItem>();
  for (const f of open) {
    const bureaus = bureausOf(f);
    for (const bureau of bureaus) {
      let entry = byBureau.get(bureau);
      if (!entry) {
        const latest = returns.filter((r) => r.bureau === bureau && r.year === year && r.state === 'counted').at(-1);
        entry = { bureau, contactPerson: latest?.contactPerson ?? null, contactPhone: latest?.contactPhone ?? null, items: [] };
        byBureau.set(bureau, entry);
      }
      const own = bureaus[0] === bureau;
      entry.items.push({ kind: f.kind, request: requestOf(f.kind), indicator: f.indicator, name: f.name, file: own ? f.file : null, sheet: own ? f.sheet : null, cell: own ? f.cell : null, message: f.message });
    }
  }
  return [...byBureau.values()].sort((a, b) => a.bureau.localeCompare(b.bureau, 'zh-CN'));
}
