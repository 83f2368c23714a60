import { valueKey, type Indicator, type Schema, type SourceRef, type ValueStatus } from '../domain';
import { targetShown } from '../format/figures';

export { targetShown };
import type { AnticipatedProgress, ProgressStatus } from '../reconcile/progress';

/**
 * Plain data the table builders take, so that the service layer feeds them from the store and
 * tests from literals. Nothing here reads a workbook.
 */

/** What shared/reconcile/progress.ts `assessProgress` says about one indicator in one year;
 *  its ProgressAssessment fits, and so does a literal in a test. */
export interface ProgressLike {
  status: ProgressStatus;
  /** (actual − baseline)/(target − baseline) as a fraction (0.42 is 42 %); null when undefined. */
  progress: number | null;
  /** Where the straight line from baseline to target stands that year. */
  expected?: number | null;
  /** Share of the plan period elapsed in the year, 0..1. */
  elapsed?: number;
  method?: string;
  /** The ESCAP trend reading, where three or more years of data exist. */
  anticipated?: AnticipatedProgress;
  explanation?: string;
}

/** One consolidated value, as consolidate.ts's ConsolidatedValue carries it. */
export interface TableValue {
  indicator: string;
  region: string;
  year: number;
  value: number | null;
  status: ValueStatus;
  /** Set when the officer's resolution decided the value. */
  resolution?: { action: string; note: string } | null;
  /** Set when the value is the sub-regions' roll-up: the figures it was made of. */
  rollup?: { parts: readonly { value: number | null }[] };
  /** The return cells behind the value. */
  sources?: readonly SourceRef[];
}

/**
 * The figures as reported behind a value: a roll-up's parts (their sum or mean carries no more
 * precision than they do), else the value itself. Print layouts size their decimals on these.
 */
export function reportedFiguresOf(value: TableValue | undefined): (number | null)[] {
  if (!value) return [];
  return value.rollup ? value.rollup.parts.map((part) => part.value) : [value.value];
}

/** Whether the year is final: signed off (定稿) and without open error findings. */
export interface YearFinality {
  signedOff: boolean;
  /** Open findings of severity error for the year. */
  openErrors: number;
  /**
   * The reason given at 定稿 (required while errors were open) and the error findings then open:
   * printed in the tables' notes, so that a reader of the paper sees why the year was signed.
   */
  signOff?: { note: string; openErrors: number } | null;
}

export type TableSchema = Pick<Schema, 'name' | 'region' | 'baseYear' | 'targetYear' | 'indicators'>;

/** Progress by indicator code, for the table's region and year. */
export type ProgressByCode = ReadonlyMap<string, ProgressLike>;

export function isDraft(state: YearFinality): boolean {
  return !state.signedOff || state.openErrors > 0;
}

/** The 初稿 line under the title, saying why the table is not final. */
export function draftNotice(year: number, state: YearFinality): string | null {
  const reasons: string[] = [];
  if (!state.signedOff) reasons.push(`${year}年数据尚未定稿`);
  if (state.openErrors > 0) reasons.push(`尚有 ${state.openErrors} 个错误级核对问题未处理`);
  return reasons.length === 0 ? null : `初稿：${reasons.join('，')}，数据可能变动，请勿作为正式数据使用。`;
}

/** The 定稿说明 note of a signed-off year signed with a reason; null otherwise. */
export function signOffNote(year: number, state: YearFinality): string | null {
  const note = state.signedOff ? state.signOff?.note.trim() : '';
  if (!note) return null;
  const open = state.signOff!.openErrors;
  const reason = note.replace(/[。.]+$/, '');
  return open > 0
    ? `${year}年数据定稿时尚有 ${open} 个错误级核对问题未处理，定稿原因：${reason}。`
    : `${year}年数据定稿说明：${reason}。`;
}

/** Published indicators in schema order: 辅助指标 feed checks and are not printed. */
export function publishedIndicators(schema: TableSchema): Indicator[] {
  return schema.indicators.filter((i) => !i.auxiliary);
}

/** The value of (indicator, region, year), or undefined when none was consolidated. */
export function indexValues(values: readonly TableValue[]): (code: string, region: string, year: number) => TableValue | undefined {
  const index = new Map<string, TableValue>();
  for (const v of values) index.set(valueKey(v.indicator, v.region, v.year), v);
  return (code, region, year) => index.get(valueKey(code, region, year));
}

/** The schema's name without its region in front ("临沂市养老托育…" → "养老托育…"). */
export function subjectOf(schema: TableSchema): string {
  const name = schema.name.trim();
  return schema.region !== '' && name.startsWith(schema.region) ? name.slice(schema.region.length) : name;
}

