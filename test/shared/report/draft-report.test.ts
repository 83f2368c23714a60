import { describe, expect, it } from 'vitest';
import { PROGRESS_METHOD_NOTE } from '../../../shared/reconcile/progress';
import { draftReport, type ReportInput } from '../../../shared/report/draft-report';
import { EXPLANATION_PLACEHOLDER, type ReportBlock } from '../../../shared/report/report-document';
import { responsibilityText } from '../../../shared/report/report-words';
import { buildEvaluationTable } from '../../../shared/tables/evaluation-table';
import { shownText } from '../../../shared/tables/table-layout';
import { assignedLinyi, linyiValues, progressFor } from '../tables/table-fixture';

const schema = assignedLinyi();

function input(year: number, overrides: Partial<ReportInput> = {}): ReportInput {
  const values = linyiValues(year >= 2025 ? [2024, 2025] : [2022, 2023]);
  return {
    schema,
    region: '临沂市',
    year,
    kind: year >= 2025 ? 'final' : 'midterm',
    values,
    progress: progressFor(values, year),
    yearState: { signedOff: false, signedAt: null, openErrors: 2 },
    returns: [],
    openFindings: [],
    methodNote: PROGRESS_METHOD_NOTE,
    draftedOn: new Date(2026, 0, 15),
    ...overrides,
  };
}

const text = (blocks: ReportBlock[]) => blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : [])).join('\n');

describe('draftReport', () => {
  it('writes the mid-term report in four sections, by time share, with the table’s rows per area', () => {
    const report = draftReport(input(2023));
    expect(report.title).toBe('临沂市养老托育服务具体指标中期评估报告');
    expect(report.fileStem).toBe('临沂市2023年中期评估报告');
    expect(report.blocks.filter((b) => b.kind === 'heading' && b.level === 1).map((b) => (b as { text: string }).text)).toEqual([
      '一、总体情况',
      '二、分领域完成情况',
      '三、未达标及需关注指标',
      '四、数据来源与方法',
    ]);
    const all = text(report.blocks);
    expect(all).toContain('2023年是规划实施的第三年，时间进度为60.0%');
    expect(report.draft).toBe(true);
    expect(report.stateLine).toBe('（初稿　2026年1月15日）');
    expect(report.stateNotice).toBe('本稿为初稿：2023年数据尚未定稿，尚有2个错误级核对问题未处理，文中数值可能随核对处理而变动，定稿后请重新生成。');

    // The area tables hold the evaluation table's rows, cell for cell.
    const values = linyiValues();
    const table = buildEvaluationTable({ schema, region: '临沂市', year: 2023, values, progress: progressFor(values, 2023), yearState: { signedOff: false, openErrors: 2 } });
    const expected = new Map(table.body.map((r) => [shownText(r[2]!), [3, 5, 6, 7, 8, 9].map((c) => shownText(r[c]!))]));
    const rows = report.blocks.flatMap((b) => (b.kind === 'table' && b.table.columns[1]!.title === '指标' ? b.table.rows : []));
    expect(rows).toHaveLength(31);
    for (const row of rows) expect([2, 3, 4, 5, 6, 7].map((c) => shownText(row[c]!)), shownText(row[1]!)).toEqual(expected.get(shownText(row[1]!)));
    expect(report.blocks.filter((b) => b.kind === 'chart')).toHaveLength(5);
  });

  it('gives each indicator behind its gap, trend, responsible bureaus and a place for the explanation', () => {
    const all = text(draftReport(input(2023)).blocks);
    expect(all).toContain(
      '每千人口托位数。基期值0.6人，目标值4.6人，2023年完成值1.9人，完成进度32.5%，低于时间进度（60.0%）27.5个百分点，距目标值尚差2.7人。从趋势看，按2020—2023年年均复合增长率',
    );
    expect(all).toContain('责任单位：市发展改革委、市卫生健康委、市民政局、市教育局、市人力资源社会保障局、市财政局、市自然资源和规划局、市住房城乡建设局按职责分工负责；各县区政府、管委会负责本地区落实。填报单位：市卫生健康委。');
    expect(all.split(EXPLANATION_PLACEHOLDER).length - 1).toBeGreaterThan(10);
    expect(all).toContain('人均预期寿命手工填写为78.21岁，说明：采用市卫生健康委年报口径');
  });

  it('names lead and co-bureaus as the plan states them', () => {
    expect(responsibilityText({ leadBureaus: ['市民政局'], coBureaus: ['市财政局', '市卫生健康委'], jointBureaus: [], localGovernments: [], text: '', citation: '' })).toBe(
      '牵头单位：市民政局；配合单位：市财政局、市卫生健康委',
    );
    expect(responsibilityText({ leadBureaus: [], coBureaus: [], jointBureaus: [], localGovernments: [], text: '', citation: '' })).toBeNull();
  });

  it('writes the final report against the target, and the sign-off date once the year is final', () => {
    const report = draftReport(input(2025, { yearState: { signedOff: true, signedAt: '2026-03-02T09:30:00', openErrors: 0 } }));
    expect(report.title).toBe('临沂市养老托育服务具体指标终期评估报告');
    expect(report.draft).toBe(false);
    expect(report.stateLine).toBe('（2026年1月15日）');
    expect(report.stateNotice).toBe('2025年数据已于2026年3月2日定稿，本报告数值与定稿数据一致。');
    const all = text(report.blocks);
    expect(all).toContain('2025年为规划目标年');
    expect(all).not.toContain('时间进度为');
    expect(all).not.toMatch(/，低于时间进度（/);
  });
});
