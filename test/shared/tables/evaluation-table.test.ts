import { describe, expect, it } from 'vitest';
import { buildEvaluationTable, targetMet } from '../../../shared/tables/evaluation-table';
import { evaluationRows } from '../../../shared/tables/evaluation-rows';
import { shownText } from '../../../shared/tables/table-layout';
import { assignedLinyi, byCode, linyiValues, progressFor } from './table-fixture';

const schema = assignedLinyi();

describe('targetMet', () => {
  it('judges under the comparator: ≥ as written, a bare figure by direction, none without a value', () => {
    expect(targetMet(byCode('B01'), 1000)).toBe(true); // ≥1000
    expect(targetMet(byCode('B01'), 999)).toBe(false);
    expect(targetMet(byCode('A01'), 95)).toBe(true); // bare 95, higher is better
    expect(targetMet({ ...byCode('A01'), direction: 'lower', targetValue: 5 }, 4.2)).toBe(true);
    expect(targetMet({ ...byCode('D08'), targetOp: '=' }, 78.404)).toBe(true); // within half of 0.01
    expect(targetMet(byCode('A01'), null)).toBeNull();
    expect(targetMet({ ...byCode('A01'), targetValue: null, targetText: '持续提高' }, 96)).toBeNull();
  });
});

describe('evaluationRows', () => {
  it('takes the status of the progress assessment: an unmet indicator is 滞后 or 倒退, never 未达标', () => {
    const values = linyiValues();
    const rows = evaluationRows({ schema, region: '临沂市', year: 2023, values, progress: progressFor(values, 2023) });
    const progress = progressFor(values, 2023);
    for (const row of rows) expect(row.status).toBe(progress.get(row.indicator.code)!.status);
    const statuses = new Set(rows.map((r) => r.status));
    expect(statuses.has('滞后')).toBe(true);
    expect([...statuses].every((s) => ['已达标', '进度正常', '滞后', '倒退', '无法评估'].includes(s))).toBe(true);
  });

  it('measures the gap to an unmet target and the surplus over a met one, in the unit', () => {
    const values = linyiValues();
    const rows = evaluationRows({ schema, region: '临沂市', year: 2023, values, progress: progressFor(values, 2023) });
    const row = (code: string) => rows.find((r) => r.indicator.code === code)!;
    // 每千人口托位数 1.9 against 4.6: 2.7 to go.
    expect(row('C08').gap).toBeCloseTo(2.7, 9);
    expect(row('C08').surplus).toBeNull();
    // 全市养老服务设施 1012 against ≥1000: 12 past it.
    expect(row('B01').met).toBe(true);
    expect(row('B01').surplus).toBe(12);
    expect(row('B01').shown.target).toEqual({ kind: 'text', value: '≥1000' });
    // 人均预期寿命 was overridden with a note; the row carries it.
    expect(row('D08').resolution).toEqual({ action: 'override', note: '采用市卫生健康委年报口径' });
  });
});

describe('buildEvaluationTable', () => {
  it('counts the verdicts at the top of the mid-term table', () => {
    const values = linyiValues();
    const layout = buildEvaluationTable({ schema, region: '临沂市', year: 2023, values, progress: progressFor(values, 2023), yearState: { signedOff: true, openErrors: 0 } });
    expect(layout.title).toBe('临沂市养老托育服务具体指标中期评估表（2023年）');
    const verdicts = layout.body.map((r) => shownText(r[9]!));
    const count = (v: string) => verdicts.filter((x) => x === v).length;
    expect(layout.subtitles[0]).toBe(
      `共 31 项指标：已达标 ${count('已达标')} 项，进度正常 ${count('进度正常')} 项，滞后 ${count('滞后')} 项，倒退 ${count('倒退')} 项，无法评估 ${count('无法评估')} 项。`,
    );
    expect(verdicts).not.toContain('未达标');
    expect(count('已达标')).toBeGreaterThan(0);
    expect(layout.body.find((r) => shownText(r[2]!) === '老年大学县级覆盖率')![9]).toEqual({ kind: 'text', value: '已达标' });
    // No attributes in the Linyi table: no group rows.
    expect(layout.body).toHaveLength(31);
  });

  it('groups by attribute, 约束性 first, in the final evaluation without an on-track verdict', () => {
    const attributed = { ...schema, indicators: schema.indicators.map((i) => ({ ...i, attribute: ['A01', 'D06'].includes(i.code) ? ('约束性' as const) : ('预期性' as const) })) };
    const values = linyiValues([2024, 2025]);
    const layout = buildEvaluationTable({ schema: attributed, region: '临沂市', year: 2025, values, progress: progressFor(values, 2025), yearState: { signedOff: true, openErrors: 0 } });
    expect(layout.title).toContain('终期评估');
    expect(shownText(layout.body[0]![0]!)).toBe('一、约束性指标（2 项）');
    expect(layout.body.slice(1, 3).map((r) => shownText(r[2]!))).toEqual(['基本养老保险参保率', '失能特困人员集中供养率']);
    expect(shownText(layout.body[3]![0]!)).toBe('二、预期性指标（29 项）');
    expect(layout.bodyMerges).toContainEqual({ top: 0, left: 0, bottom: 0, right: 9 });
    expect(layout.subtitles[0]).not.toContain('进度正常');
    expect(layout.body.some((r) => shownText(r[9]!) === '进度正常')).toBe(false);
  });
});
