import type { Attribute, ProgressStatus } from '../domain';
import { countStatuses, evaluationRows, STATUSES } from './evaluation-rows';
import {
  draftNotice,
  signOffNote,
  isDraft,
  subjectOf,
  type ProgressByCode,
  type TableSchema,
  type TableValue,
  type YearFinality,
} from './table-inputs';
import { numberCell, textCell, yearLabel, type TableCell, type TableLayout, type TableMerge } from './table-layout';

export { targetMet } from './evaluation-rows';

export interface EvaluationTableInput {
  schema: TableSchema;
  region: string;
  /** The year evaluated: a mid-term year, or the target year for the final evaluation. */
  year: number;
  values: readonly TableValue[];
  progress: ProgressByCode;
  yearState: YearFinality;
  progressMethodNote?: string;
}

const ATTRIBUTE_ORDER: readonly Attribute[] = ['约束性', '预期性', ''];

const COLUMNS = [
  { width: 6, align: 'center' },
  { width: 14, align: 'center' },
  { width: 38, align: 'left' },
  { width: 8, align: 'center' },
  { width: 8, align: 'center' },
  { width: 11, align: 'right' },
  { width: 11, align: 'right' },
  { width: 11, align: 'right' },
  { width: 11, align: 'right' },
  { width: 10, align: 'center' },
] as const;

/**
 * 中期/终期评估表: per indicator baseline → target → the year's value → status, grouped by
 * attribute (约束性 first) when the schema has attributes, with the counts at the top. The rows
 * are evaluationRows', which the 评估报告 also writes from.
 */
export function buildEvaluationTable(input: EvaluationTableInput): TableLayout {
  const { schema, region, year } = input;
  const rows = evaluationRows(input);
  const final = isFinalYear(schema, year);
  const kind = final ? '终期评估' : '中期评估';
  const grouped = rows.some((r) => r.indicator.attribute !== '');

  const body: TableCell[][] = [];
  const bodyMerges: TableMerge[] = [];
  const groups = grouped
    ? ATTRIBUTE_ORDER.map((a) => ({ attribute: a, rows: rows.filter((r) => r.indicator.attribute === a) }))
    : [{ attribute: null, rows }];
  let seq = 0;
  let groupNo = 0;
  for (const group of groups) {
    if (group.rows.length === 0) continue;
    if (group.attribute !== null) {
      const ordinal = CHINESE_ORDINALS[groupNo++] ?? String(groupNo);
      const label = group.attribute === '' ? '未标明属性的指标' : `${group.attribute}指标`;
      bodyMerges.push({ top: body.length, left: 0, bottom: body.length, right: COLUMNS.length - 1 });
      body.push([textCell(`${ordinal}、${label}（${group.rows.length} 项）`), ...COLUMNS.slice(1).map(() => textCell(''))]);
    }
    for (const row of group.rows) {
      const { indicator, shown } = row;
      seq++;
      body.push([
        numberCell(seq, 0),
        textCell(indicator.area),
        textCell(indicator.name),
        textCell(indicator.unit),
        textCell(indicator.attribute),
        shown.baseline,
        shown.target,
        shown.value,
        shown.progress,
        shown.status,
      ]);
    }
  }

  const counts = countStatuses(rows);
  const countLine = `共 ${rows.length} 项指标：${countedStatuses(counts, final).map((s) => `${s} ${counts.get(s) ?? 0} 项`).join('，')}。`;
  const notice = draftNotice(year, input.yearState);
  const signed = signOffNote(year, input.yearState);
  const notes = [evaluationBasisNote(final), ...(signed ? [signed] : []), ...(input.progressMethodNote ? [input.progressMethodNote] : [])];
  return {
    sheetName: `${yearLabel(year)}${kind}`,
    title: `${region}${subjectOf(schema)}${kind}表（${yearLabel(year)}）`,
    subtitles: [...(notice ? [notice] : []), countLine],
    columns: COLUMNS.map(({ width, align }) => ({ width, align })),
    header: [['序号', '领域', '指标名称', '单位', '属性', `基期值（${yearLabel(schema.baseYear)}）`, `目标值（${yearLabel(schema.targetYear)}）`, `${yearLabel(year)}完成值`, '完成进度（%）', '评估结论']],
    headerMerges: [],
    body,
    bodyMerges,
    notes: notes.map((n, i) => `${i === 0 ? '注：' : '　　'}${i + 1}. ${n}`),
    draft: isDraft(input.yearState),
    frozenColumns: 3,
  };
}

/** The final evaluation judges the target year (or a later one); any earlier year is mid-term. */
export function isFinalYear(schema: Pick<TableSchema, 'targetYear'>, year: number): boolean {
  return year >= schema.targetYear;
}

/**
 * The statuses a count line names: all five, except 进度正常 in a final evaluation where none
 * is (at the target year the time share is 100 %, so progress at or past it is 已达标).
 */
export function countedStatuses(counts: ReadonlyMap<ProgressStatus, number>, final: boolean): ProgressStatus[] {
  return STATUSES.filter((s) => !(final && s === '进度正常' && (counts.get(s) ?? 0) === 0));
}

/** How the table and the report judge a target, in words. */
export function evaluationBasisNote(final: boolean): string {
  const unmet = final
    ? '到评估年仍未达标的指标，较基期值向目标方向变化的列为“滞后”，向偏离目标方向变化的列为“倒退”。'
    : '尚未达标的指标按完成进度与时间进度比较：不低于时间进度的列为“进度正常”，低于的列为“滞后”，较基期值向偏离目标方向变化的列为“倒退”。';
  return `评估口径：有比较符号的目标按其比较（≥、≤）判断；未标比较符号的目标，数值越大越好的指标以达到或超过目标值为达标，越小越好的指标以不超过目标值为达标。${unmet}无完成值、缺少基期值且未达标或定性目标未经人工确认的列为“无法评估”。`;
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
