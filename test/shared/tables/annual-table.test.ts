import { describe, expect, it } from 'vitest';
import { buildAnnualTable, groupMerges } from '../../../shared/tables/annual-table';
import { publishedIndicators } from '../../../shared/tables/table-inputs';
import { shownText } from '../../../shared/tables/table-layout';
import { assignedLinyi, linyiValues, progressFor } from './table-fixture';

const schema = assignedLinyi();
const values = linyiValues();
const build = (yearState = { signedOff: true, openErrors: 0 }) =>
  buildAnnualTable({ schema, region: '临沂市', year: 2023, values, progress: progressFor(values, 2023), yearState });

describe('buildAnnualTable', () => {
  it('lists the 31 published indicators in the seed table order, without the auxiliary ones', () => {
    const layout = build();
    expect(layout.body).toHaveLength(31);
    expect(layout.body.map((r) => shownText(r[2]!))).toEqual(publishedIndicators(schema).map((i) => i.name));
    expect(layout.body.some((r) => shownText(r[2]!) === '常住人口')).toBe(false);
  });

  it('prints a row at the published decimals or more, never fewer than its figures carry; — for no data', () => {
    const row = (name: string) => build().body.find((r) => shownText(r[2]!) === name)!.map(shownText);
    expect(row('人均预期寿命').slice(3, 7)).toEqual(['岁', '77.90', '78.40', '78.21']);
    expect(row('全市养老服务设施').slice(4, 7)).toEqual(['971', '≥1000', '1012']);
    expect(row('乡镇区域性综合养老服务中心覆盖率').slice(4, 6)).toEqual(['—', '≥60']);
    // (94.36 − 93.5) ÷ (95 − 93.5) = 57.3 %, behind the 3/5 of the period elapsed by 2023: 滞后.
    // 94.36 reported against a plan printed to one decimal: the whole row prints two.
    expect(row('基本养老保险参保率').slice(4, 10)).toEqual(['93.50', '95.00', '94.36', '57.3', '滞后', '市人力资源社会保障局']);
    expect(row('65岁及以上老年人城乡社区规范健康管理服务率')[7]).toBe('—');
  });

  it('merges areas down and categories within them; an area without categories spans both columns', () => {
    const merges = groupMerges(publishedIndicators(schema));
    expect(merges).toContainEqual({ top: 0, left: 0, bottom: 1, right: 1 }); // 社会保障情况
    expect(merges).toContainEqual({ top: 2, left: 0, bottom: 5, right: 0 }); // 服务资源总量
    expect(merges).toContainEqual({ top: 2, left: 1, bottom: 3, right: 1 }); // 养老
    expect(merges).toContainEqual({ top: 4, left: 1, bottom: 5, right: 1 }); // 托育
    expect(merges).toContainEqual({ top: 6, left: 1, bottom: 12, right: 1 }); // 覆盖面 养老 ×7
    expect(merges.filter((m) => m.left === 0)).toHaveLength(5);
  });

  it('marks the table 初稿 until the year is signed off without open errors, saying why', () => {
    expect(build().draft).toBe(false);
    expect(build().subtitles.join()).not.toContain('初稿');
    const open = build({ signedOff: false, openErrors: 3 });
    expect(open.draft).toBe(true);
    expect(open.subtitles[0]).toBe('初稿：2023年数据尚未定稿，尚有 3 个错误级核对问题未处理，数据可能变动，请勿作为正式数据使用。');
  });

  it('writes a note for each value a resolution decided', () => {
    const notes = build().notes;
    expect(notes[0]).toMatch(/^注：1\. “—”表示无数据/);
    expect(notes).toContain('　　2. 人均预期寿命2023年完成值 78.21岁 为人工核定值（说明：采用市卫生健康委年报口径）。');
  });

  it('takes the years from the data: a 十五五 schema gets its own headers', () => {
    const next = { ...schema, baseYear: 2025, targetYear: 2030, indicators: schema.indicators.map((i) => ({ ...i, baselineYear: 2025, targetYear: 2030 })) };
    const layout = buildAnnualTable({ schema: next, region: '兰山区', year: 2027, values: [], progress: new Map(), yearState: { signedOff: false, openErrors: 0 } });
    expect(layout.title).toBe('兰山区2027年养老托育服务具体指标完成情况');
    expect(layout.header[0]!.slice(4, 7)).toEqual(['基期值（2025年）', '目标值（2030年）', '2027年']);
    expect(layout.body.every((r) => r[6]!.kind === 'none')).toBe(true);
  });
});
