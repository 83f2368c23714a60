import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Schema } from '../../../shared/domain';
import { consolidateKeyAlone, reconcile, type ReconcileInput } from '../../../shared/reconcile/consolidate';
import { rowFindingId } from '../../../shared/reconcile/resolution-lookup';
import type { ReportedRecord, ResolutionRecord, ReturnRecord } from '../../../shared/domain';

const linyi = JSON.parse(readFileSync(new URL('../../../resources/schemas/linyi-2022.json', import.meta.url), 'utf8')) as Schema;
const byName = (name: string) => linyi.indicators.find((i) => i.name === name)!;
const 参保率 = byName('基本养老保险参保率');
const 托位总数 = byName('托位总数');
const 每千人口托位数 = byName('每千人口托位数');
const 常住人口 = byName('常住人口');

function schemaWithReporters(): Schema {
  return {
    ...linyi,
    indicators: linyi.indicators.map((i) => ({ ...i, reporter: i.code === 参保率.code ? '市人力资源社会保障局' : i.reporter })),
  };
}

let nextId = 1;
function ret(id: number, bureau: string, file: string, extra: Partial<ReturnRecord> = {}): ReturnRecord {
  return { id, seq: id, file, bureau, region: '临沂市', year: 2023, state: 'counted', contactPerson: null, contactPhone: null, ...extra };
}
function cell(r: ReturnRecord, indicator: string | null, value: number | null, extra: Partial<ReportedRecord> = {}): ReportedRecord {
  return {
    id: nextId++,
    returnId: r.id,
    returnSeq: r.seq,
    returnState: r.state,
    bureau: r.bureau,
    file: r.file,
    sheet: 'Sheet1',
    cell: `D${nextId}`,
    indicator,
    rowName: indicator ? linyi.indicators.find((i) => i.code === indicator)!.name : '',
    region: r.region,
    year: r.year,
    role: 'value',
    value,
    rawText: String(value),
    unit: '',
    problem: null,
    ...extra,
  };
}
function input(returns: ReturnRecord[], records: ReportedRecord[], resolutions: ResolutionRecord[] = [], schema = linyi): ReconcileInput {
  return { schema, regions: ['临沂市', '兰山区'], workbookRegion: '临沂市', years: [2023], records, returns, resolutions };
}
const valueOf = (result: ReturnType<typeof reconcile>, code: string, year = 2023, region = '临沂市') =>
  result.values.find((v) => v.indicator === code && v.year === year && v.region === region)!;

describe('reconcile', () => {
  it('finds nothing in a clean return and counts its figures', () => {
    const a = ret(1, '市民政局', 'a.xlsx');
    const result = reconcile(input([a], [cell(a, 参保率.code, 94.1), cell(a, 托位总数.code, 0.9)]));
    expect(result.findings).toEqual([]);
    expect(valueOf(result, 参保率.code)).toMatchObject({ value: 94.1, status: 'ok' });
    expect(valueOf(result, 参保率.code).sources).toEqual([{ file: 'a.xlsx', sheet: 'Sheet1', cell: expect.any(String), bureau: '市民政局' }]);
  });

  it('takes a bureau corrected figure as a revision, not a conflict', () => {
    const first = ret(1, '市民政局', 'v1.xlsx');
    const second = ret(2, '市民政局', 'v2.xlsx');
    const result = reconcile(input([first, second], [cell(first, 参保率.code, 92), cell(second, 参保率.code, 94)]));
    expect(valueOf(result, 参保率.code)).toMatchObject({ value: 94, status: 'ok' });
    expect(result.findings.map((f) => f.kind)).toEqual(['revised']);
    expect(result.findings[0]!.message).toContain('92 → 94');
  });

  it('raises a conflict between bureaus, settled by choosing one until the data under it changes', () => {
    const a = ret(1, '市民政局', 'a.xlsx');
    const b = ret(2, '市卫生健康委', 'b.xlsx');
    const records = [cell(a, 参保率.code, 92), cell(b, 参保率.code, 95)];
    const open = reconcile(input([a, b], records));
    const conflict = open.findings.find((f) => f.kind === 'conflict')!;
    expect(conflict).toMatchObject({ severity: 'error', status: 'open', message: '市民政局 报 92，市卫生健康委 报 95' });
    expect(valueOf(open, 参保率.code)).toMatchObject({ value: null, status: 'conflict' });

    const choose: ResolutionRecord = { findingId: conflict.id, action: 'choose', value: 95, code: null, note: '', basis: conflict.basis, operator: '张敏', at: '' };
    const settled = reconcile(input([a, b], records, [choose]));
    expect(settled.findings.find((f) => f.id === conflict.id)!.status).toBe('resolved');
    expect(valueOf(settled, 参保率.code)).toMatchObject({ value: 95, status: 'resolved' });
    expect(valueOf(settled, 参保率.code).sources.map((s) => s.bureau)).toEqual(['市卫生健康委']);

    const c = ret(3, '市民政局', 'a2.xlsx');
    const changed = reconcile(input([a, b, c], [...records, cell(c, 参保率.code, 93)], [choose]));
    expect(changed.findings.find((f) => f.id === conflict.id)!.status).toBe('open');
  });

  it('does not count a withdrawn return', () => {
    const first = ret(1, '市民政局', 'v1.xlsx');
    const second = ret(2, '市民政局', 'v2.xlsx', { state: 'withdrawn' });
    const result = reconcile(input([first, second], [cell(first, 参保率.code, 92), cell(second, 参保率.code, 94)]));
    expect(valueOf(result, 参保率.code).value).toBe(92);
    expect(result.findings).toEqual([]);
  });

  it('reports a missing figure against its 填报单位, with and without a return', () => {
    const schema = schemaWithReporters();
    const none = reconcile(input([], [], [], schema));
    expect(none.findings).toEqual([expect.objectContaining({ kind: 'missing', indicator: 参保率.code, message: '尚未收到市人力资源社会保障局2023年的报表' })]);
    const r = ret(1, '市人力资源社会保障局', 'rs.xlsx');
    const lacking = reconcile(input([r], [cell(r, 托位总数.code, 1)], [], schema));
    expect(lacking.findings.map((f) => [f.kind, f.message])).toContainEqual(['missing', '市人力资源社会保障局的报表中缺少该指标']);
    const other = ret(2, '市民政局', 'mz.xlsx');
    const elsewhere = reconcile(input([r, other], [cell(r, 参保率.code, 94), cell(other, 参保率.code, 94)], [], schema));
    expect(elsewhere.findings.map((f) => [f.kind, f.bureau, f.severity])).toEqual([['not_responsible', '市民政局', 'info']]);
  });

  it('flags a rate above 100, a negative count and a change beyond three times', () => {
    const r2022 = ret(1, '市民政局', '2022.xlsx', { year: 2022 });
    const r2023 = ret(2, '市民政局', '2023.xlsx');
    const result = reconcile(
      input([r2022, r2023], [cell(r2023, 参保率.code, 102), cell(r2022, 托位总数.code, 0.5), cell(r2023, 托位总数.code, 1.6), cell(r2023, byName('骨干养老企业数量').code, -1)]),
    );
    const kinds = result.findings.map((f) => [f.kind, f.indicator]);
    expect(kinds).toContainEqual(['out_of_range', 参保率.code]);
    expect(kinds).toContainEqual(['out_of_range', byName('骨干养老企业数量').code]);
    expect(kinds).toContainEqual(['suspicious_change', 托位总数.code]);
    expect(result.findings.find((f) => f.kind === 'suspicious_change')!.message).toBe('2022年 0.5 → 2023年 1.6，变动超过 3 倍');
  });

  it('checks a ratio against its components within half a unit of its published decimals', () => {
    const r = ret(1, '市卫生健康委', 'w.xlsx');
    // 0.9 万个 / 1100 万人 × 1000 = 0.818…; 每千人口托位数 is published with one decimal.
    const near = reconcile(input([r], [cell(r, 托位总数.code, 0.9), cell(r, 常住人口.code, 1100), cell(r, 每千人口托位数.code, 0.8)]));
    expect(near.findings).toEqual([]);
    const far = reconcile(input([r], [cell(r, 托位总数.code, 0.9), cell(r, 常住人口.code, 1100), cell(r, 每千人口托位数.code, 4.6)]));
    const violation = far.findings.find((f) => f.kind === 'rule_violation')!;
    expect(violation.indicator).toBe(每千人口托位数.code);
    // Plain words: the relation as a sentence, the computed side rounded, each figure with its own cell.
    expect(violation.message).toMatch(/^按校验规则“[^”]+”，每千人口托位数 应等于 .*托位总数.*常住人口.*：前者 4\.6，后者 0\.82。所涉数值：/);
    expect(violation.message).toContain('w.xlsx Sheet1!');
    expect(violation.message).not.toMatch(/左边|右边|0\.8181/);
  });

  it('cites a rolled-up figure as the sum of its sub-regions, not as one sub-region’s cell', () => {
    const regions = ['临沂市', '兰山区', '罗庄区'];
    const returns = regions.slice(1).map((region, i) => ret(i + 1, `${region}卫生健康局`, `${region}.xlsx`, { region }));
    const records = returns.flatMap((r) => [cell(r, 托位总数.code, 0.45), cell(r, 常住人口.code, 550), cell(r, 每千人口托位数.code, 0.8)]);
    const city = ret(9, '市卫生健康委', 'city.xlsx');
    const result = reconcile({ schema: linyi, regions, workbookRegion: '临沂市', years: [2023], returns: [...returns, city], records: [...records, cell(city, 每千人口托位数.code, 4.6)], resolutions: [] });
    const violation = result.findings.find((f) => f.kind === 'rule_violation' && f.region === '临沂市' && f.message.startsWith('按校验规则'))!;
    expect(violation.message).toContain('（兰山区、罗庄区合计）');
    expect(violation.message).not.toMatch(/兰山区\.xlsx/);
    expect(violation.file).toBe('city.xlsx');
  });

  it('keeps an unmatched row as a finding and counts it once mapped, the finding resolved with the decision', () => {
    const r = ret(1, '市民政局', 'a.xlsx');
    const row = cell(r, null, 96, { rowName: '城乡养老保险参保率', problem: { kind: 'unmatched_row', candidates: [{ code: 参保率.code, name: 参保率.name, score: 0.7 }] } });
    const open = reconcile(input([r], [row]));
    const finding = open.findings[0]!;
    expect(finding).toMatchObject({ kind: 'unmatched_row', id: rowFindingId('unmatched_row', row), candidates: [{ code: 参保率.code }] });
    const map: ResolutionRecord = { findingId: finding.id, action: 'map', value: null, code: 参保率.code, note: '同一指标', basis: finding.basis, operator: '张敏', at: '2026-12-01T08:00:00.000Z' };
    const mapped = reconcile(input([r], [row], [map]));
    expect(mapped.findings).toHaveLength(1);
    expect(mapped.findings[0]).toMatchObject({ id: finding.id, status: 'resolved', indicator: 参保率.code, decision: { action: 'map', code: 参保率.code, note: '同一指标', operator: '张敏' } });
    expect(valueOf(mapped, 参保率.code).value).toBe(96);
  });

  it('keeps a missing figure filled in by hand under 已处理 with its note; without the decision the finding is open', () => {
    const schema = { ...linyi, indicators: linyi.indicators.map((i) => (i.code === 参保率.code ? { ...i, reporter: '市人力资源社会保障局', reporterProposed: false } : i)) };
    const r = ret(1, '市人力资源社会保障局', 'a.xlsx');
    const base = { schema, regions: ['临沂市'], workbookRegion: '临沂市', years: [2023], returns: [r], records: [], resolutions: [] as ResolutionRecord[] };
    const missing = reconcile(base).findings.find((f) => f.kind === 'missing' && f.indicator === 参保率.code)!;
    expect(missing).toMatchObject({ status: 'open' });
    expect(missing.decision).toBeUndefined();
    const override: ResolutionRecord = { findingId: missing.id, action: 'override', value: 94.2, code: null, note: '据社保中心年报', basis: missing.basis, operator: '张敏', at: '2026-12-01T08:00:00.000Z' };
    const filled = reconcile({ ...base, resolutions: [override] });
    expect(valueOf(filled, 参保率.code)).toMatchObject({ value: 94.2, status: 'resolved' });
    expect(filled.findings.find((f) => f.id === missing.id)).toMatchObject({ status: 'resolved', decision: { action: 'override', value: 94.2, note: '据社保中心年报' } });
  });

  it('rolls a city value up from its sub-regions, recomputing ratios, and flags a city figure that disagrees', () => {
    const regions = ['临沂市', '兰山区', '罗庄区', '河东区'];
    const lanshan = ret(1, '兰山区民政局', 'ls.xlsx', { region: '兰山区' });
    const luozhuang = ret(2, '罗庄区民政局', 'lz.xlsx', { region: '罗庄区' });
    const records = [
      cell(lanshan, 托位总数.code, 0.3), cell(lanshan, 常住人口.code, 120),
      cell(luozhuang, 托位总数.code, 0.2), cell(luozhuang, 常住人口.code, 80),
    ];
    const base = { schema: linyi, regions, workbookRegion: '临沂市', years: [2023], returns: [lanshan, luozhuang], resolutions: [] };
    const result = reconcile({ ...base, records });
    const city = (code: string) => result.values.find((v) => v.indicator === code && v.region === '临沂市')!;
    // 河东区 has sent nothing: the partial sum is shown with what is missing, not taken as the city's.
    expect(city(托位总数.code)).toMatchObject({ value: null, status: 'missing', rollup: { method: 'sum', missingRegions: ['河东区'], parts: [{ region: '兰山区', value: 0.3 }, { region: '罗庄区', value: 0.2 }, { region: '河东区', value: null }] } });
    const two = { ...base, regions: ['临沂市', '兰山区', '罗庄区'] };
    const complete2 = reconcile({ ...two, records });
    const city2 = (code: string) => complete2.values.find((v) => v.indicator === code && v.region === '临沂市')!;
    expect(city2(托位总数.code)).toMatchObject({ value: 0.5, status: 'ok', rollup: { method: 'sum', missingRegions: [] } });
    expect(city2(托位总数.code).sources.map((s) => s.file)).toEqual(['ls.xlsx', 'lz.xlsx']);
    // (0.3 + 0.2) 万个 ÷ (120 + 80) 万人 × 1000 = 2.5; the average of 2.5 and 2.5 happens to agree,
    // so check the recompute against a case where it would not:
    expect(city2(每千人口托位数.code).value).toBeCloseTo(2.5, 9);
    const uneven = reconcile({ ...two, records: [...records.slice(0, 2), cell(luozhuang, 托位总数.code, 0.4), cell(luozhuang, 常住人口.code, 40)] });
    const perThousand = uneven.values.find((v) => v.indicator === 每千人口托位数.code && v.region === '临沂市')!;
    // (0.3 + 0.4) ÷ (120 + 40) × 1000 = 4.375, while averaging 2.5 and 10 would give 6.25.
    expect(perThousand.value).toBeCloseTo(4.375, 9);
    expect(perThousand.rollup?.method).toBe('recompute');

    // With every sub-region in, a city figure of its own that differs from their sum is a finding;
    // while one is missing, a smaller sum proves nothing.
    const hedong = ret(4, '河东区民政局', 'hd.xlsx', { region: '河东区' });
    const cityReturn = ret(3, '市民政局', 'city.xlsx');
    const complete = [...records, cell(hedong, 托位总数.code, 0.1)];
    const incomplete = reconcile({ ...base, returns: [lanshan, luozhuang, cityReturn], records: [...records, cell(cityReturn, 托位总数.code, 0.9)] });
    expect(incomplete.findings.filter((f) => f.kind === 'rule_violation' && f.indicator === 托位总数.code)).toEqual([]);
    const disagreeing = reconcile({ ...base, returns: [lanshan, luozhuang, hedong, cityReturn], records: [...complete, cell(cityReturn, 托位总数.code, 0.9)] });
    const finding = disagreeing.findings.find((f) => f.kind === 'rule_violation' && f.indicator === 托位总数.code)!;
    expect(finding.message).toContain('0.6');
    expect(finding.message).toContain('0.9');
  });
});

describe('one key alone', () => {
  it('answers each 县区 key as reconciling them all does, whatever its cells', () => {
    // A small deterministic generator: the same cases on every run.
    let seed = 20261207;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const codes = [参保率.code, 托位总数.code, 每千人口托位数.code];
    const bureaus = ['市民政局', '市卫健委', '兰山区民政局'];
    const states = ['counted', 'counted', 'counted', 'withdrawn', 'superseded'] as const;
    for (let round = 0; round < 200; round++) {
      const returns = Array.from({ length: 1 + next(5) }, (_, i) =>
        ret(1000 * round + i + 1, bureaus[next(bureaus.length)]!, `r${i}.xlsx`, { region: '兰山区', year: 2022 + next(2), state: states[next(states.length)]! }),
      );
      const records = Array.from({ length: next(12) }, () => {
        const r = returns[next(returns.length)]!;
        const indicator = next(6) === 0 ? null : codes[next(codes.length)]!;
        const value = next(5) === 0 ? null : [93.5, 94, 95][next(3)]!;
        return cell(r, indicator, value, { role: next(4) === 0 ? 'baseline' : 'value', year: 2022 + next(2) });
      });
      const all = reconcile({ ...input(returns, records), valuesOnly: true });
      for (const code of codes) {
        for (const year of [2022, 2023]) {
          const indicator = linyi.indicators.find((i) => i.code === code)!;
          const own = records.filter((r) => r.indicator === code && r.region === '兰山区' && r.year === year);
          const whole = all.values.find((v) => v.indicator === code && v.region === '兰山区' && v.year === year) ?? { value: null, status: 'missing' };
          expect(consolidateKeyAlone(indicator, '兰山区', year, own), `round ${round}, ${code} ${year}`).toEqual({ value: whole.value, status: whole.status });
        }
      }
    }
  });
});

