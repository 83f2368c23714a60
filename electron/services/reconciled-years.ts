import type { Schema } from '../../shared/domain';
import type { ReconcileResult } from '../../shared/reconcile/consolidate';
import { RECKONING } from '../../shared/reconcile/reckoning';
import type { ReadDb } from '../store/db';
import type { KeepAnswers } from '../store/open';
import { clearReckonedYears, readReckonedYears, writeReckonedYears, type KeptPart } from '../store/reckoned-years';
import { reconcileWorkbookYears } from './reconcile-workbook';

/** One year's answer, part by part: the part asked for when reckoned here, or each part read from the workbook when first asked for. */
interface YearAnswer {
  values?: ReconcileResult['values'];
  findings?: ReconcileResult['findings'];
}

/**
 * Reconciled answers kept per year, so that reading one year costs that year's data once and a
 * write recomputes only the years it touches. Each kept year equals what reconciling the whole
 * workbook gives for it.
 *
 * Two levels: in memory for this service, and in the workbook (reckoned_years), so that a fresh
 * opening, the command line included, reads a year's answer instead of reconciling it. The
 * workbook's triggers drop a kept year with any write to what it rests on; the writes through
 * WorkbookService say which years they touched (forget) for the memory, and a commit by any
 * other connection (another process, an outside edit) drops the memory.
 */
export class ReconciledYears {
  private readonly byYear = new Map<number, YearAnswer>();
  private seenVersion: number | null = null;

  constructor(
    private readonly db: ReadDb,
    private readonly schema: () => Schema,
    /** How answers are kept in the workbook (Workbook.keepAnswers); null where they are read from it but not kept in it. */
    private readonly keep: KeepAnswers | null,
    /** False when the workbook was edited outside the program: its kept answers are not read. */
    private trustKept: boolean,
  ) {
    if (!trustKept && keep) {
      try {
        keep(clearReckonedYears);
        this.trustKept = true;
      } catch {
        // Kept answers stay unread; every year is reconciled afresh.
      }
    }
  }

  /** The values and findings of these years, year by year in ascending order. */
  of(years: readonly number[]): ReconcileResult {
    return { values: this.values(years), findings: this.findings(years) };
  }

  /**
   * What a year's tables and report are made of: the values of the period up to it and that
   * year's findings. The year itself is reckoned whole once; the years before, when not at hand,
   * only for their values (see reckon).
   */
  period(years: readonly number[], year: number): ReconcileResult {
    return { values: this.periodValues(years, year), findings: this.findings([year]) };
  }

  /** The values of the period up to `year`: the year reckoned whole, the years before for values alone. */
  periodValues(years: readonly number[], year: number): ReconcileResult['values'] {
    this.answers([year], 'values');
    return this.answers(years, 'values', { valuesOnly: true }).flatMap((answer) => answer.values!);
  }

  /** The values of these years, year by year in ascending order. */
  values(years: readonly number[]): ReconcileResult['values'] {
    return this.answers(years, 'values').flatMap((answer) => answer.values!);
  }

  /** The findings of these years, year by year in ascending order. */
  findings(years: readonly number[]): ReconcileResult['findings'] {
    return this.answers(years, 'findings').flatMap((answer) => answer.findings!);
  }

  /** The years whose findings are at hand now, with them; nothing is read or reconciled. */
  reckonedFindings(): Map<number, ReconcileResult['findings']> {
    this.dropIfWrittenElsewhere();
    const found = new Map<number, ReconcileResult['findings']>();
    for (const [year, answer] of this.byYear) if (answer.findings) found.set(year, answer.findings);
    return found;
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

  /** These years' answers with `part` at hand: from memory, else kept in the workbook, else reconciled. */
  private answers(years: readonly number[], part: KeptPart, how: { valuesOnly?: boolean } = {}): YearAnswer[] {
    this.dropIfWrittenElsewhere();
    const wanted = [...new Set(years)].sort((a, b) => a - b);
    let missing = wanted.filter((year) => this.byYear.get(year)?.[part] === undefined);
    if (missing.length > 0 && this.trustKept) {
      for (const [year, text] of readReckonedYears(this.db, missing, RECKONING, part)) {
        const answer = this.byYear.get(year) ?? {};
        if (part === 'values') answer.values = JSON.parse(text) as ReconcileResult['values'];
        else answer.findings = JSON.parse(text) as ReconcileResult['findings'];
        this.byYear.set(year, answer);
      }
      missing = missing.filter((year) => this.byYear.get(year)?.[part] === undefined);
    }
    // One year at a time: a year reads its own returns and the year before's, so memory holds
    // two years of cells, not all the years a period table asks for (a province's five years
    // at once took 1.9 GB).
    for (const year of missing) this.reckon([year], part, how.valuesOnly === true && part === 'values');
    return wanted.map((year) => this.byYear.get(year)!);
  }

  /**
   * Reconciles these years from one snapshot of the file (one transaction), and keeps each
   * year's answer in that same transaction in the workbook: an answer is never kept under a state
   * of the file it was not computed from. Memory keeps the part asked for; the other is read back
   * from the workbook when asked (a province's findings are tens of thousands a year), unless
   * the workbook could not keep it.
   *
   * `valuesOnly` reckons the values alone: a period table needs the earlier years' values, and
   * drafting their findings too cost a province more than twice the time and most of its memory.
   * Their findings are then reckoned when first asked for. A year asked for by itself is
   * reckoned whole, as its findings are most likely asked for next.
   */
  private reckon(years: readonly number[], part: KeptPart, valuesOnly = false): void {
    let byYear: Map<number, ReconcileResult> | null = null;
    let kept = false;
    try {
      this.db.transaction(() => {
        byYear = splitByYear(years, reconcileWorkbookYears(this.db, this.schema(), years, { valuesOnly }));
        if (this.keep !== null && this.trustKept) {
          const texts = new Map([...byYear].map(([year, answer]) => [year, { values: JSON.stringify(answer.values), findings: valuesOnly ? null : JSON.stringify(answer.findings) }]));
          this.keep((db) => writeReckonedYears(db, texts, RECKONING));
          kept = true;
        }
      })();
    } catch (error) {
      // Keeping an answer only saves time later: a full disk or a busy file must not fail the read.
      if (byYear === null) throw error;
      kept = false;
    }
    for (const [year, answer] of byYear!) {
      const known = this.byYear.get(year);
      if (valuesOnly) this.byYear.set(year, { ...known, values: answer.values });
      else this.byYear.set(year, kept ? { ...known, [part]: answer[part] } : { values: answer.values, findings: answer.findings });
    }
  }

  /** SQLite's data_version moves when another connection commits to the file. */
  private dropIfWrittenElsewhere(): void {
    const version = Number(this.db.pragma('data_version', { simple: true }));
    if (this.seenVersion !== null && version !== this.seenVersion) this.byYear.clear();
    this.seenVersion = version;
  }
}

function splitByYear(years: readonly number[], result: ReconcileResult): Map<number, ReconcileResult> {
  const byYear = new Map(years.map((year) => [year, { values: [], findings: [] } as ReconcileResult]));
  for (const value of result.values) byYear.get(value.year)?.values.push(value);
  for (const finding of result.findings) if (finding.year !== null) byYear.get(finding.year)?.findings.push(finding);
  return byYear;
}
