import type { Schema } from '../../shared/domain';
import type { ReconcileResult } from '../../shared/reconcile/consolidate';
import type { ReadDb } from '../store/db';
import { reconcileWorkbookYears } from './reconcile-workbook';

/**
 * Reconciled answers kept per year, so that reading one year costs that year's data once and a
 * write recomputes only the years it touches. Each kept year equals what reconciling the whole
 * workbook gives for it; the writes through WorkbookService say which years they touched
 * (forget), and a commit by any other connection (another process, an outside edit) drops all.
 */
export class ReconciledYears {
  private readonly byYear = new Map<number, ReconcileResult>();
  private seenVersion: number | null = null;

  constructor(
    private readonly db: ReadDb,
    private readonly schema: () => Schema,
  ) {}

  /** The values and findings of these years, year by year in ascending order. */
  of(years: readonly number[]): ReconcileResult {
    this.dropIfWrittenElsewhere();
    const wanted = [...new Set(years)].sort((a, b) => a - b);
    const missing = wanted.filter((year) => !this.byYear.has(year));
    if (missing.length > 0) this.keep(missing, reconcileWorkbookYears(this.db, this.schema(), missing));
    const values = wanted.flatMap((year) => this.byYear.get(year)!.values);
    const findings = wanted.flatMap((year) => this.byYear.get(year)!.findings);
    return { values, findings };
  }

  /** The years reckoned now, with their answers; nothing is computed. */
  reckoned(): Map<number, ReconcileResult> {
    this.dropIfWrittenElsewhere();
    return new Map(this.byYear);
  }

  /**
   * A write changed what these years' answers rest on: they and the year after each (whose
   * year-on-year check looks back at them) are recomputed when next asked. 'all' for a write
   * whose reach is not a set of years (the schema, the bureaus, a row mapped in every year).
   */
  forget(years: readonly number[] | 'all'): void {
    if (years === 'all') {
      this.byYear.clear();
      return;
    }
    for (const year of years) {
      this.byYear.delete(year);
      this.byYear.delete(year + 1);
    }
  }

  private keep(years: readonly number[], result: ReconcileResult): void {
    const byYear = new Map(years.map((year) => [year, { values: [], findings: [] } as ReconcileResult]));
    for (const value of result.values) byYear.get(value.year)?.values.push(value);
    for (const finding of result.findings) if (finding.year !== null) byYear.get(finding.year)?.findings.push(finding);
    for (const [year, answer] of byYear) this.byYear.set(year, answer);
  }

  /** SQLite's data_version moves when another connection commits to the file. */
  private dropIfWrittenElsewhere(): void {
    const version = Number(this.db.pragma('data_version', { simple: true }));
    if (this.seenVersion !== null && version !== this.seenVersion) this.byYear.clear();
    this.seenVersion = version;
  }
}
