import type { FindingKind, Severity } from '../domain';
import { FINDING_KIND_LABELS } from '../domain';
import { countStatuses, evaluationRows, type EvaluationRow } from '../tables/evaluation-rows';
import { countedStatuses, evaluationBasisNote } from '../tables/evaluation-table';
import { isDraft, signOffNote, subjectOf, type ProgressByCode, type TableSchema, type TableValue } from '../tables/table-inputs';
import { numberCell, shownText, textCell, yearLabel, type TableCell } from '../tables/table-layout';
import {
  EXPLANATION_PLACEHOLDER,
  REPORT_KIND_LABELS,
  type ProgressChart,
  type ReportBlock,
  type ReportDocument,
  type ReportKind,
  type ReportRun,
  type ReportTable,
} from './report-document';
import {
  chineseDate,
  chineseDateOf,
  chineseNumber,
  chineseQuotes,
  differenceWithUnit,
  figureWithUnit,
  percentText,
  responsibilityText,
  shareText,
  targetWithUnit,
} from './report-words';

/** A return as the report's source list names it. */
export interface ReportReturn {
  file: string;
  bureau: string | null;
  /** ISO timestamp of the import: the day the return was received. */
  importedAt: string;
}

/** An open finding of the year, as the report counts and names it. */
export interface ReportFinding {
  kind: FindingKind;
  severity: Severity;
  indicator: string | null;
  /** The indicator's name, which the message itself may only call 该指标. */
  name: string | null;
  region: string | null;
  message: string;
}

export interface ReportInput {
  schema: TableSchema & { source?: string };
  region: string;
  year: number;
  kind: ReportKind;
  /** Consolidated values along the plan period up to the year, with sources and resolutions. */
  values: readonly TableValue[];
  /** Progress of each indicator for this region and year (progressOfValues), as the evaluation table takes it. */
  progress: ProgressByCode;
  yearState: { signedOff: boolean; signedAt: string | null; openErrors: number; signOff?: { note: string; openErrors: number } | null };
  /** The year's counted returns. */
  returns: readonly ReportReturn[];
  /** The year's open findings. */
  openFindings: readonly ReportFinding[];
  /** The progress method in words (PROGRESS_METHOD_NOTE). */
  methodNote: string;
  /** The day the report is drafted. */
  draftedOn: Date;
}

const RESOLUTION_WORDS: Record<string, string> = {
  choose: '在不同单位报送的数值中选定',
  override: '手工填写',
  confirm: '确认无误',
  map: '对应到本指标',
};

/** Most indicators named as exceeding their targets in 总体情况. */
const TOP_EXCEEDED = 3;
/** Open findings named one by one in 数据来源与方法; the rest are counted. */
const NAMED_FINDINGS = 12;

/**
 * Drafts the 评估报告（指标部分）from the evaluation rows of the region and year, the very rows the
 * 中期/终期评估表 lays out: counts, one section per 领域 with its table and chart, the indicators
 * that need attention with a place for each bureau's explanation, and the sources and method.
 */
export function draftReport(input: ReportInput): ReportDocument {
  const { schema, region, year, kind } = input;
  const rows = evaluationRows(input);
  const kindLabel = REPORT_KIND_LABELS[kind];
  const draft = isDraft(input.yearState);
  const date = chineseDate(input.draftedOn);
  const signedOn = input.yearState.signedOff ? chineseDateOf(input.yearState.signedAt) : null;
  const numbering = { table: 0, chart: 0 };

  const blocks: ReportBlock[] = [
    heading(1, '一、总体情况'),
    ...overview(input, rows),
    heading(1, '二、分领域完成情况'),
    ...areaSections(input, rows, numbering),
    heading(1, '三、未达标及需关注指标'),
    ...attention(input, rows),
    heading(1, '四、数据来源与方法'),
    ...sourcesAndMethod(input, rows, numbering, signedOn),
    { kind: 'paragraph', runs: [{ text: date }], align: 'right' },
  ];

  const reasons: string[] = [];
  if (!input.yearState.signedOff) reasons.push(`${year}年数据尚未定稿`);
  if (input.yearState.openErrors > 0) reasons.push(`尚有${input.yearState.openErrors}个错误级核对问题未处理`);
  const signed = signedOn ? `${year}年数据已于${signedOn}定稿` : `${year}年数据已定稿`;
  const stateNotice = draft
    ? `本稿为初稿：${input.yearState.signedOff ? `${signed}，但` : ''}${reasons.join('，')}，文中数值可能随核对处理而变动，定稿后请重新生成。`
    : `${signed}，本报告数值与定稿数据一致。`;

  return {
    kind,
    region,
    year,
    title: `${region}${subjectOf(schema)}${kindLabel}报告`,
    titleNote: '（指标部分）',
    draft,
    stateLine: draft ? `（初稿　${date}）` : `（${date}）`,
    stateNotice,
    date,
    blocks,
    fileStem: `${region}${yearLabel(year)}${kindLabel}报告`,
  };
}

// --- 一、总体情况 ------------------------------------------------------------------------------

function overview(input: ReportInput, rows: readonly EvaluationRow[]): ReportBlock[] {
  const { schema, region, year } = input;
  const final = input.kind === 'final';
  const counts = countStatuses(rows);
  const n = rows.length;
  const source = input.schema.source?.trim() ? chineseQuotes(input.schema.source.trim()) : `《${schema.name}》`;
  const elapsed = rows.find((r) => r.elapsed !== null)?.elapsed ?? Math.min(1, Math.max(0, (year - schema.baseYear) / (schema.targetYear - schema.baseYear)));

  const frame = final
    ? `${yearLabel(year)}为规划目标年${year > schema.targetYear ? `（目标年为${yearLabel(schema.targetYear)}）` : ''}，本报告对照目标值评估各项指标的最终完成情况。`
    : `${yearLabel(year)}是规划实施的第${chineseNumber(year - schema.baseYear)}年，时间进度为${percentText(elapsed)}，本报告按时间进度评估各项指标的完成情况。`;
  const first = `依据${source}，${region}纳入评估的指标共${n}项，基期为${yearLabel(schema.baseYear)}，目标年为${yearLabel(schema.targetYear)}。${frame}`;

  const met = counts.get('已达标') ?? 0;
  const onTrack = counts.get('进度正常') ?? 0;
  const behind = counts.get('滞后') ?? 0;
  const regressing = counts.get('倒退') ?? 0;
  const unassessable = counts.get('无法评估') ?? 0;
  const clauses: string[] = [];
  if (final) {
    clauses.push(met > 0 ? `已达标${met}项，占${shareText(met, n)}` : '没有达到目标值的指标');
    if (onTrack > 0) clauses.push(`进度正常${onTrack}项`);
    if (behind + regressing > 0) {
      clauses.push(
        behind > 0 && regressing > 0
          ? `未达到目标值${behind + regressing}项，其中滞后${behind}项、倒退${regressing}项`
          : behind > 0
            ? `滞后${behind}项，未达到目标值`
            : `倒退${regressing}项，未达到目标值`,
      );
    }
  } else {
    const good = [met > 0 ? `已达标${met}项` : '', onTrack > 0 ? `进度正常${onTrack}项` : ''].filter(Boolean);
    if (good.length === 0) clauses.push('没有达标或进度正常的指标');
    else clauses.push(`${good.join('，')}，${good.length === 2 ? `两者合计${met + onTrack}项，` : ''}占${shareText(met + onTrack, n)}`);
    const late = [behind > 0 ? `滞后${behind}项` : '', regressing > 0 ? `倒退${regressing}项` : ''].filter(Boolean).join('，');
    if (late) clauses.push(late);
  }
  let countSentence = `${final ? `截至${yearLabel(year)}` : '按时间进度衡量'}，${n}项指标中，${clauses.join('，')}`;
  if (unassessable > 0) countSentence += `；另有${unassessable}项无法评估（${unassessableReasons(rows, year)}）`;
  countSentence += '。';
  if (behind + regressing === 0 && met + onTrack > 0) countSentence += final ? '其余指标均已达到目标值。' : '没有滞后或倒退的指标。';

  const blocks: ReportBlock[] = [para(first), para(countSentence)];
  const exceeded = rows
    .filter((r) => r.met === true && r.surplus !== null && r.surplus > 0 && r.indicator.targetValue !== 0)
    .map((r) => ({ row: r, ratio: r.surplus! / Math.abs(r.indicator.targetValue!) }))
    .sort((a, b) => b.ratio - a.ratio)
    .slice(0, TOP_EXCEEDED);
  if (exceeded.length > 0) {
    const items = exceeded.map(({ row }) => {
      const { indicator } = row;
      return `${indicator.name}${figureWithUnit(indicator, row.value!)}，超出目标值（${targetWithUnit(indicator)}）${differenceWithUnit(indicator, row.surplus!)}`;
    });
    blocks.push(para(`${final ? '超额完成目标较多的指标有' : '已提前达到目标值且超出较多的指标有'}：${items.join('；')}。`));
  }
  return blocks;
}

/** Why indicators cannot be assessed, counted: 其中2项2023年无完成值，1项缺少基期值. */
function unassessableReasons(rows: readonly EvaluationRow[], year: number): string {
  const reasons = new Map<string, number>();
  for (const row of rows) {
    if (row.status !== '无法评估') continue;
    const reason = unassessableReason(row, year);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const parts = [...reasons].map(([reason, count]) => `${count}项${reason}`);
  return parts.length === 1 ? `均为${parts[0]!.replace(/^\d+项/, '')}` : `其中${parts.join('，')}`;
}

function unassessableReason(row: EvaluationRow, year: number): string {
  const { indicator } = row;
  if (indicator.targetValue === null) return '为定性目标，需人工确认';
  if (row.value === null) return `${yearLabel(year)}无完成值`;
  if (year < indicator.baselineYear) return '评估年早于基期';
  return '缺少基期值';
}

// --- 二、分领域完成情况 --------------------------------------------------------------------------

const TABLE_COLUMNS = (schema: TableSchema, year: number): ReportTable['columns'] => [
  { title: '序号', width: 11, align: 'center' },
  { title: '指标', width: 45, align: 'left' },
  { title: '单位', width: 12, align: 'center' },
  { title: `基期值\n${yearLabel(schema.baseYear)}`, width: 17, align: 'right' },
  { title: `目标值\n${yearLabel(schema.targetYear)}`, width: 17, align: 'right' },
  { title: `完成值\n${yearLabel(year)}`, width: 17, align: 'right' },
  { title: '完成进度\n（%）', width: 19, align: 'right' },
  { title: '状态', width: 18, align: 'center' },
];

/** The cells of one indicator's table row: the evaluation row's own, as the evaluation table prints them. */
export function reportTableRow(seq: number, row: EvaluationRow): TableCell[] {
  return [numberCell(seq, 0), textCell(row.indicator.name), textCell(row.indicator.unit), row.shown.baseline, row.shown.target, row.shown.value, row.shown.progress, row.shown.status];
}

function areaSections(input: ReportInput, rows: readonly EvaluationRow[], numbering: { table: number; chart: number }): ReportBlock[] {
  const { schema, year } = input;
  const final = input.kind === 'final';
  const areas = [...new Set(rows.map((r) => r.indicator.area))];
  const blocks: ReportBlock[] = [];
  areas.forEach((area, index) => {
    const own = rows.filter((r) => r.indicator.area === area);
    const counts = countStatuses(own);
    const label = area || '其他';
    const tableNo = ++numbering.table;
    const chartNo = ++numbering.chart;
    const parts = countedStatuses(counts, final)
      .filter((s) => (counts.get(s) ?? 0) > 0)
      .map((s) => `${s}${counts.get(s)}项`);
    const behind = own.filter((r) => r.status === '滞后' || r.status === '倒退').map((r) => r.indicator.name);
    const named = behind.length > 0 ? `需关注的是${behind.join('、')}。` : '';
    blocks.push(heading(2, `（${chineseNumber(index + 1)}）${label}`));
    blocks.push(para(`本领域共${own.length}项指标，${parts.join('，')}（见表${tableNo}、图${chartNo}）。${named}`));
    blocks.push({
      kind: 'table',
      table: {
        caption: `表${tableNo}　${label}指标完成情况（${yearLabel(year)}）`,
        columns: TABLE_COLUMNS(schema, year),
        rows: own.map((row, i) => reportTableRow(i + 1, row)),
      },
    });
    const chartTitle = final ? `${label}指标完成进度（${yearLabel(year)}）` : `${label}指标完成进度与时间进度（${yearLabel(year)}）`;
    blocks.push({ kind: 'chart', chart: progressChart(`图${chartNo}　${chartTitle}`, own, input) });
  });
  return blocks;
}

function progressChart(caption: string, rows: readonly EvaluationRow[], input: ReportInput): ProgressChart {
  const elapsed = rows.find((r) => r.elapsed !== null)?.elapsed ?? (input.kind === 'final' ? 1 : 0);
  return {
    caption,
    elapsed: Math.round(elapsed * 1000) / 10,
    // The bar shows the printed figure: the table's 完成进度 at one decimal.
    bars: rows.map((r) => ({
      label: r.indicator.name,
      progress: r.shown.progress.kind === 'number' ? Number(r.shown.progress.value.toFixed(1)) : null,
      status: r.status,
    })),
  };
}

// --- 三、未达标及需关注指标 ------------------------------------------------------------------------

function attention(input: ReportInput, rows: readonly EvaluationRow[]): ReportBlock[] {
  const { year } = input;
  const final = input.kind === 'final';
  const behind = rows.filter((r) => r.status === '滞后');
  const regressing = rows.filter((r) => r.status === '倒退');
  // A value short of its target whose progress cannot be computed (no baseline) still misses it.
  const unmetUnassessable = rows.filter((r) => r.status === '无法评估' && r.met === false);
  const unassessable = rows.filter((r) => r.status === '无法评估' && r.met !== false);
  const blocks: ReportBlock[] = [];
  const total = behind.length + regressing.length + unmetUnassessable.length;
  if (total === 0) {
    const rest = unassessable.length > 0 ? `；另有${unassessable.length}项指标无法评估，列于下文，请填报单位补报数据或说明情况` : '';
    blocks.push(para(`截至${yearLabel(year)}，${final ? '没有判定为未达到目标值的指标' : '没有滞后或倒退的指标'}${rest}。`));
  } else {
    const parts = [
      behind.length > 0 ? `滞后${behind.length}项` : '',
      regressing.length > 0 ? `倒退${regressing.length}项` : '',
      unmetUnassessable.length > 0 ? `缺少基期值、未达到目标值${unmetUnassessable.length}项` : '',
    ].filter(Boolean);
    const what = final ? `到${yearLabel(year)}未达到目标值的指标共${total}项` : `截至${yearLabel(year)}，完成进度低于时间进度、较基期值倒退或未达到目标值的指标共${total}项`;
    blocks.push(para(`${what}（${parts.join('，')}）。请各责任单位逐项说明原因，提出下一步措施。`));
  }

  let section = 0;
  const group = (title: string, list: readonly EvaluationRow[]) => {
    if (list.length === 0) return;
    blocks.push(heading(2, `（${chineseNumber(++section)}）${title}`));
    list.forEach((row, i) => blocks.push(...attentionEntry(i + 1, row, input)));
  };
  group('滞后指标', behind);
  group('倒退指标', regressing);
  group('缺少基期值、未达到目标值的指标', unmetUnassessable);
  if (unassessable.length > 0) {
    blocks.push(heading(2, `（${chineseNumber(++section)}）无法评估的指标`));
    unassessable.forEach((row, i) => {
      const reporter = row.indicator.reporter ? `（填报单位：${row.indicator.reporter}）` : '';
      blocks.push({ kind: 'paragraph', runs: [{ text: `${i + 1}．${row.indicator.name}`, mark: 'lead' }, { text: `：${row.explanation}${reporter}` }] });
    });
  }
  return blocks;
}

function attentionEntry(n: number, row: EvaluationRow, input: ReportInput): ReportBlock[] {
  const { indicator } = row;
  const { year } = input;
  const final = input.kind === 'final';
  const facts: string[] = [
    `基期值${indicator.baselineValue === null ? '缺失' : figureWithUnit(indicator, indicator.baselineValue)}`,
    `目标值${targetWithUnit(indicator)}`,
    `${yearLabel(year)}完成值${figureWithUnit(indicator, row.value!)}`,
  ];
  if (row.progress !== null) {
    const elapsed = row.elapsed ?? 1;
    const shortfall = elapsed - row.progress;
    // The table's figure, not a second rounding of the share.
    const progress = `完成进度${shownText(row.shown.progress)}%`;
    facts.push(final || row.progress < 0 ? progress : `${progress}，低于时间进度（${percentText(elapsed)}）${(Math.round(shortfall * 1000) / 10).toFixed(1)}个百分点`);
  }
  if (row.status === '倒退' && indicator.baselineValue !== null) facts.push('较基期值向偏离目标的方向变化');
  if (row.gap !== null) facts.push(`距目标值尚差${differenceWithUnit(indicator, row.gap)}`);
  const trend = row.anticipated
    ? `从趋势看，${row.anticipated.explanation}`
    : '已有数据不足三个年份，未作趋势推算。';
  const responsibility = responsibilityText(indicator.responsibility);
  const who = `${responsibility ? `责任单位：${responsibility}` : '规划未明确责任单位'}${indicator.reporter ? `。填报单位：${indicator.reporter}` : ''}。`;
  return [
    { kind: 'paragraph', runs: [{ text: `${n}．${indicator.name}`, mark: 'lead' }, { text: `。${facts.join('，')}。${trend}` }] },
    para(who),
    { kind: 'paragraph', runs: [{ text: EXPLANATION_PLACEHOLDER, mark: 'placeholder' }] },
  ];
}

// --- 四、数据来源与方法 ----------------------------------------------------------------------------

function sourcesAndMethod(input: ReportInput, rows: readonly EvaluationRow[], numbering: { table: number }, signedOn: string | null): ReportBlock[] {
  const { year, region } = input;
  const blocks: ReportBlock[] = [heading(2, '（一）数据来源')];
  // The returns behind the report's figures: those whose cells the region's values came from.
  const used = new Map<string, number>();
  for (const row of rows) for (const file of new Set(row.sources.map((s) => s.file))) used.set(file, (used.get(file) ?? 0) + 1);
  const returns = input.returns.filter((r) => used.has(r.file)).sort((a, b) => a.importedAt.localeCompare(b.importedAt));
  const source = input.schema.source?.trim() ? chineseQuotes(input.schema.source.trim()) : `《${input.schema.name}》`;
  // The reason given at 定稿 (required while errors were open), as the tables' notes print it.
  const reason = signOffNote(year, input.yearState) ?? '';
  const state = input.yearState.signedOff ? `${yearLabel(year)}数据已${signedOn ? `于${signedOn}` : ''}定稿。${reason}` : `${yearLabel(year)}数据尚未定稿。`;
  if (returns.length === 0) {
    blocks.push(para(`${region}${yearLabel(year)}尚无来自报表的完成值。基期值、目标值取自${source}。${state}`));
  } else {
    const tableNo = ++numbering.table;
    blocks.push(para(`${region}${yearLabel(year)}完成值取自各填报单位报送的${returns.length}份报表（见表${tableNo}），基期值、目标值取自${source}。${state}`));
    blocks.push({
      kind: 'table',
      table: {
        caption: `表${tableNo}　${yearLabel(year)}完成值所据报表`,
        columns: [
          { title: '序号', width: 11, align: 'center' },
          { title: '填报单位', width: 40, align: 'left' },
          { title: '报表文件', width: 54, align: 'left' },
          { title: '收到日期', width: 31, align: 'center' },
          { title: '采用数值\n（项）', width: 20, align: 'right' },
        ],
        rows: returns.map((r, i) => [
          numberCell(i + 1, 0),
          textCell(r.bureau ?? '未识别单位'),
          textCell(r.file),
          textCell(chineseDateOf(r.importedAt)),
          numberCell(used.get(r.file) ?? 0, 0),
        ]),
      },
    });
  }

  blocks.push(heading(2, '（二）核对与处理'));
  blocks.push(para(findingsSentence(input)));
  const named = namedFindings(input, rows);
  if (named.length > 0) {
    const shown = named.slice(0, NAMED_FINDINGS);
    blocks.push(para(`涉及本报告指标、尚未处理的错误和警告：${shown.map((f) => `${f.name ? `${f.name}：` : ''}${f.message.replace(/[。；]$/, '')}`).join('；')}${named.length > shown.length ? `；另有${named.length - shown.length}个，详见核对问题清单` : ''}。`));
  }
  const resolved = rows.filter((r) => r.resolution !== null && r.value !== null);
  if (resolved.length === 0) {
    blocks.push(para(`${region}${yearLabel(year)}的完成值均按报表采用，没有经核对处理改变的数值。`));
  } else {
    const items = resolved.map((r) => {
      const how = RESOLUTION_WORDS[r.resolution!.action] ?? '经核对处理';
      const note = r.resolution!.note.trim() ? `，说明：${r.resolution!.note.trim().replace(/[。；]$/, '')}` : '';
      return `${r.indicator.name}${how}为${figureWithUnit(r.indicator, r.value!)}${note}`;
    });
    blocks.push(para(`经核对处理确定的数值${resolved.length}项：${items.join('；')}。`));
  }

  blocks.push(heading(2, '（三）评估方法'));
  blocks.push(para(evaluationBasisNote(input.kind === 'final').replace(/^评估口径：/, '达标判断：')));
  blocks.push(para(input.methodNote));
  return blocks;
}

function findingsSentence(input: ReportInput): string {
  const { year } = input;
  const open = input.openFindings.filter((f) => f.severity !== 'info');
  if (open.length === 0) return `${yearLabel(year)}的核对问题已全部处理。`;
  const errors = open.filter((f) => f.severity === 'error').length;
  const warnings = open.length - errors;
  const byKind = new Map<FindingKind, number>();
  for (const f of open) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  const kinds = [...byKind].sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${FINDING_KIND_LABELS[kind]}${count}个`);
  const severity = [errors > 0 ? `错误${errors}个` : '', warnings > 0 ? `警告${warnings}个` : ''].filter(Boolean).join('、');
  return `截至本稿生成时，${yearLabel(year)}尚有核对问题${open.length}个未处理（${severity}），按类别分：${kinds.join('，')}。${errors > 0 ? '错误级问题处理完毕并定稿前，本报告为初稿。' : ''}`;
}

/** Open errors and warnings about the report's indicators in its region (or in no region). */
function namedFindings(input: ReportInput, rows: readonly EvaluationRow[]): ReportFinding[] {
  const codes = new Set(rows.map((r) => r.indicator.code));
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return input.openFindings
    .filter((f) => f.severity !== 'info' && f.indicator !== null && codes.has(f.indicator) && (f.region === null || f.region === input.region))
    .sort((a, b) => rank[a.severity] - rank[b.severity]);
}

// --- blocks ------------------------------------------------------------------------------------

function heading(level: 1 | 2, text: string): ReportBlock {
  return { kind: 'heading', level, text };
}

function para(text: string, ...more: ReportRun[]): ReportBlock {
  return { kind: 'paragraph', runs: [{ text }, ...more] };
}
