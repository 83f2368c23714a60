import { describe, expect, it } from 'vitest';
import { makeIndicator } from '../../support/schema-fixture';
import {
  assessProgress,
  ESCAP_METHOD,
  LINEAR_METHOD,
  meetsTarget,
  PROGRESS_METHOD_NOTE,
} from '../../../shared/reconcile/progress';

// Rows of 临沂市养老托育服务具体指标 (临发改社会〔2022〕316号): 2020 baseline, 2025 target.
const indicator = makeIndicator;

// 全市养老服务设施(处) 971 → ≥1000: 29 to go over five years; 2023 is 3/5 of the way.
const facilities = indicator({ code: 'LY03', name: '全市养老服务设施', unit: '处', baselineValue: 971, targetValue: 1000, targetOp: '>=' });

describe('assessProgress: ≥ target', () => {
  it('is met at or above the target', () => {
    const a = assessProgress(facilities, 2023, 1005);
    expect(a.status).toBe('已达标');
    expect(a.statusCode).toBe('met');
    expect(a.explanation).toContain('≥1000');
    expect(assessProgress(facilities, 2023, 1000).status).toBe('已达标');
  });

  it('is on track when progress is at least the elapsed share', () => {
    // (990 − 971) / 29 = 0.655 ≥ 0.6; expected 971 + 29 × 0.6 = 988.4
    const a = assessProgress(facilities, 2023, 990);
    expect(a.status).toBe('进度正常');
    expect(a.statusCode).toBe('on_track');
    expect(a.elapsed).toBeCloseTo(0.6, 10);
    expect(a.expected).toBeCloseTo(988.4, 10);
    expect(a.progress).toBeCloseTo(19 / 29, 10);
    expect(a.method).toBe(LINEAR_METHOD);
  });

  it('is behind when progress falls short of the elapsed share', () => {
    // (980 − 971) / 29 = 0.31 < 0.6
    const a = assessProgress(facilities, 2023, 980);
    expect(a.status).toBe('滞后');
    expect(a.statusCode).toBe('behind');
    expect(a.explanation).toContain('988');
  });

  it('is regressing when the value fell below the baseline', () => {
    const a = assessProgress(facilities, 2023, 960);
    expect(a.status).toBe('倒退');
    expect(a.statusCode).toBe('regressing');
    expect(a.progress).toBeLessThan(0);
  });

  it('cannot assess a year without a value', () => {
    const a = assessProgress(facilities, 2023, null);
    expect(a.status).toBe('无法评估');
    expect(a.expected).toBeCloseTo(988.4, 10);
  });

  it('treats the baseline year as the start: elapsed 0, the baseline itself on track', () => {
    const start = assessProgress(facilities, 2020, 971);
    expect(start.elapsed).toBe(0);
    expect(start.status).toBe('进度正常');
    expect(assessProgress(facilities, 2020, 965).status).toBe('倒退');
  });

  it('does not assess a year before the baseline year', () => {
    const a = assessProgress(facilities, 2019, 1001);
    expect(a.status).toBe('无法评估');
    expect(a.explanation).toContain('早于基期年份2020年');
  });

  it('after the target year a shortfall stays behind with the whole period elapsed', () => {
    const a = assessProgress(facilities, 2026, 995);
    expect(a.elapsed).toBe(1);
    expect(a.expected).toBe(1000);
    expect(a.status).toBe('滞后');
    expect(a.explanation).toContain('已过目标年份2025年');
    expect(assessProgress(facilities, 2026, 1003).status).toBe('已达标');
  });

  it('reads a ≥ target below the baseline as a floor to keep', () => {
    const floor = indicator({ code: 'X1', name: '有集中供养意愿的特困人员集中供养率', unit: '%', baselineValue: 100, targetValue: 95, targetOp: '>=' });
    expect(assessProgress(floor, 2023, 97).status).toBe('已达标');
    expect(assessProgress(floor, 2023, 93).status).toBe('倒退');
  });
});

describe('assessProgress: lower-is-better', () => {
  // 婴儿死亡率(‰) 4.5 → 4.0 printed as a bare figure: lower-is-better reads it as ≤.
  const infant = indicator({
    code: 'H01',
    name: '婴儿死亡率',
    unit: '‰',
    decimals: 1,
    direction: 'lower',
    baselineValue: 4.5,
    targetValue: 4.0,
  });

  it('is met at or below the target', () => {
    expect(assessProgress(infant, 2023, 4.0).status).toBe('已达标');
    expect(assessProgress(infant, 2023, 3.8).status).toBe('已达标');
  });

  it('mirrors progress: a fall of 0.3 of the 0.5 required is exactly on the line', () => {
    // (4.2 − 4.5)/(4.0 − 4.5) = 0.6 (0.59999… in floating point) against 0.6 elapsed
    const a = assessProgress(infant, 2023, 4.2);
    expect(a.progress).toBeCloseTo(0.6, 10);
    expect(a.status).toBe('进度正常');
    expect(a.expected).toBeCloseTo(4.2, 10);
  });

  it('is behind on a slow fall and regressing on a rise', () => {
    expect(assessProgress(infant, 2023, 4.4).status).toBe('滞后');
    expect(assessProgress(infant, 2023, 4.7).status).toBe('倒退');
  });

  it('honours an explicit ≤ as well', () => {
    const explicit = { ...infant, targetOp: '<=' as const };
    expect(assessProgress(explicit, 2023, 3.9).status).toBe('已达标');
    expect(assessProgress(explicit, 2023, 4.6).status).toBe('倒退');
  });
});

describe('assessProgress: = target', () => {
  // 街道综合养老服务中心覆盖率(%) 76 → 100, published without decimals.
  const coverage = indicator({ code: 'LY07', name: '街道综合养老服务中心覆盖率', unit: '%', baselineValue: 76, targetValue: 100, targetOp: '=' });

  it('is met within half a unit of the published decimals', () => {
    expect(assessProgress(coverage, 2023, 100).status).toBe('已达标');
    expect(assessProgress(coverage, 2023, 99.6).status).toBe('已达标');
    expect(meetsTarget(99.4, 100, '=', 0)).toBe(false);
    expect(meetsTarget(99.96, 100, '=', 1)).toBe(true);
    expect(meetsTarget(99.94, 100, '=', 1)).toBe(false);
  });

  it('is on track, behind or regressing like the others', () => {
    // 99.4: (99.4 − 76)/24 = 0.975; 88: 12/24 = 0.5 < 0.6; 70 below the baseline
    expect(assessProgress(coverage, 2023, 99.4).status).toBe('进度正常');
    expect(assessProgress(coverage, 2023, 88).status).toBe('滞后');
    expect(assessProgress(coverage, 2023, 70).status).toBe('倒退');
  });

  it('counts overshooting an exact target as distance from it', () => {
    // 出生人口性别比 110 → =105: 100 overshoots by the whole distance (share 2 → 0), 98 by more
    const ratio = indicator({ code: 'P01', name: '出生人口性别比', baselineValue: 110, targetValue: 105, targetOp: '=' });
    const over = assessProgress(ratio, 2023, 100);
    expect(over.progress).toBeCloseTo(0, 10);
    expect(over.status).toBe('滞后');
    expect(assessProgress(ratio, 2023, 98).status).toBe('倒退');
    expect(assessProgress(ratio, 2023, 105.4).status).toBe('已达标');
  });
});

describe('assessProgress: missing baseline, target equal to baseline, qualitative target', () => {
  // 乡镇区域性综合养老服务中心覆盖率(%) -- → ≥60
  const noBaseline = indicator({ code: 'LY08', name: '乡镇区域性综合养老服务中心覆盖率', unit: '%', baselineValue: null, targetValue: 60, targetOp: '>=' });

  it('lets a met target win over a missing baseline', () => {
    const a = assessProgress(noBaseline, 2023, 65);
    expect(a.status).toBe('已达标');
    expect(a.expected).toBeNull();
    expect(a.progress).toBeNull();
  });

  it('cannot assess an unmet target without a baseline', () => {
    const a = assessProgress(noBaseline, 2023, 50);
    expect(a.status).toBe('无法评估');
    expect(a.explanation).toContain('缺少基期值');
  });

  // 老年大学县级覆盖率(%) 100 → 100
  const kept = indicator({ code: 'LY13', name: '老年大学县级覆盖率', unit: '%', baselineValue: 100, targetValue: 100 });

  it('with the target equal to the baseline: met, or regressing once it slips', () => {
    expect(assessProgress(kept, 2023, 100).status).toBe('已达标');
    const slipped = assessProgress(kept, 2023, 95);
    expect(slipped.status).toBe('倒退');
    expect(slipped.progress).toBeNull();
    expect(slipped.expected).toBe(100);
  });

  // 基本养老保险参保率: “持续提高” in the prose, no figure
  const qualitative = indicator({ code: 'Q01', name: '基本养老保险参保率', unit: '%', baselineValue: 93.5, decimals: 1, targetText: '持续提高' });

  it('cannot assess a qualitative target until it is confirmed by hand', () => {
    const a = assessProgress(qualitative, 2023, 95.1);
    expect(a.status).toBe('无法评估');
    expect(a.explanation).toContain('持续提高');
    expect(a.explanation).toContain('人工确认');
  });

  it('reports a confirmed qualitative target as met, naming the confirmation as the method', () => {
    const a = assessProgress(qualitative, 2023, 95.1, { confirmedMet: true });
    expect(a.status).toBe('已达标');
    expect(a.method).toBe('人工确认');
  });
});

describe('assessProgress: ESCAP anticipated progress', () => {
  // 托位总数(万个) 0.6 → 5; 0.9 (2021), 1.3 (2022), 1.8 (2023).
  const places = indicator({ code: 'LY06', name: '托位总数', unit: '万个', decimals: 1, baselineValue: 0.6, targetValue: 5 });

  it('projects the target-year value from the CAGR and compares it with the required change', () => {
    const a = assessProgress(places, 2023, 1.8, { history: [{ year: 2021, value: 0.9 }, { year: 2022, value: 1.3 }] });
    // Linear: (1.8 − 0.6)/4.4 = 0.273 < 0.6 → 滞后
    expect(a.status).toBe('滞后');
    expect(a.method).toBe(`${LINEAR_METHOD}；${ESCAP_METHOD}`);
    const p = a.anticipated;
    expect(p).toBeDefined();
    // CAGR = (1.8/0.6)^(1/3) − 1 = 3^(1/3) − 1 = 0.44225
    expect(p?.cagr).toBeCloseTo(0.44225, 5);
    // x̂2025 = 0.6 × 3^(5/3) = 0.6 × 6.24025 = 3.74415
    expect(p?.value).toBeCloseTo(3.74415, 5);
    // ratio = (3.74415 − 0.6)/(5 − 0.6) = 3.14415/4.4 = 0.71458
    expect(p?.ratio).toBeCloseTo(0.71458, 5);
    expect(p?.status).toBe('需加快进度');
    expect(p?.statusCode).toBe('accelerate');
    expect(p?.baseYear).toBe(2020);
    expect(p?.latestYear).toBe(2023);
    expect(p?.points).toBe(4);
  });

  it('says the target will be reached when the trend carries past it', () => {
    // 骨干养老企业数量(家) 9 → 20; 11, 13, 15. CAGR = (15/9)^(1/3) − 1 = 0.18563;
    // x̂2025 = 9 × (5/3)^(5/3) = 9 × 2.34287 = 21.0858; ratio = 12.0858/11 = 1.09871
    const firms = indicator({ code: 'LY28', name: '骨干养老企业数量', unit: '家', baselineValue: 9, targetValue: 20 });
    const a = assessProgress(firms, 2023, 15, { history: [{ year: 2021, value: 11 }, { year: 2022, value: 13 }] });
    // Linear: 6/11 = 0.545 < 0.6, behind the straight line; the compounding trend still gets there.
    expect(a.status).toBe('滞后');
    expect(a.anticipated?.value).toBeCloseTo(21.0858, 4);
    expect(a.anticipated?.ratio).toBeCloseTo(1.09871, 4);
    expect(a.anticipated?.status).toBe('预计可达标');
  });

  it('mirrors a lower-is-better trend', () => {
    // 婴儿死亡率 4.5 → 4.0; 4.4 (2021), 4.3 (2022). CAGR = (4.3/4.5)^(1/2) − 1 = −0.022475;
    // x̂2025 = 4.5 × (4.3/4.5)^(5/2) = 4.01654, just above 4.0; ratio = −0.48346/−0.5 = 0.96691
    const infant = indicator({ code: 'H01', name: '婴儿死亡率', unit: '‰', decimals: 1, direction: 'lower', baselineValue: 4.5, targetValue: 4.0 });
    const a = assessProgress(infant, 2022, 4.3, { history: [{ year: 2021, value: 4.4 }] });
    expect(a.anticipated?.cagr).toBeCloseTo(-0.022475, 6);
    expect(a.anticipated?.value).toBeCloseTo(4.01654, 5);
    expect(a.anticipated?.ratio).toBeCloseTo(0.96691, 5);
    expect(a.anticipated?.status).toBe('需加快进度');
  });

  it('asks to reverse a trend moving away from the target', () => {
    // 失能特困人员集中供养率 50 → ≥60; 49, 48. CAGR = (48/50)^(1/2) − 1 = −0.020204;
    // x̂2025 = 50 × 0.96^(5/2) = 45.149; ratio = −4.851/10 = −0.4851
    const care = indicator({ code: 'LY22', name: '失能特困人员集中供养率', unit: '%', baselineValue: 50, targetValue: 60, targetOp: '>=' });
    const a = assessProgress(care, 2022, 48, { history: [{ year: 2021, value: 49 }] });
    expect(a.status).toBe('倒退');
    expect(a.anticipated?.ratio).toBeCloseTo(-0.4851, 4);
    expect(a.anticipated?.status).toBe('需扭转趋势');
  });

  it('needs three years of data, the baseline counted', () => {
    const a = assessProgress(places, 2023, 1.8, { history: [] });
    expect(a.anticipated).toBeUndefined();
    expect(a.method).toBe(LINEAR_METHOD);
    // A later year in the history does not count towards an earlier assessment.
    expect(assessProgress(places, 2021, 0.9, { history: [{ year: 2022, value: 1.3 }] }).anticipated).toBeUndefined();
  });

  it('starts the trend at the earliest plan year observed when the baseline is missing', () => {
    // 65岁及以上老年人城乡社区规范健康管理服务率 -- → 61; 50 (2021), 52 (2022), 55 (2023).
    // CAGR = (55/50)^(1/2) − 1 = 0.048809; x̂2025 = 50 × 1.1^(4/2) = 60.5; ratio = 10.5/11 = 0.95455
    const health = indicator({ code: 'LY19', name: '65岁及以上老年人城乡社区规范健康管理服务率', unit: '%', targetValue: 61 });
    const history = [{ year: 2019, value: 40 }, { year: 2021, value: 50 }, { year: 2022, value: 52 }];
    const a = assessProgress(health, 2023, 55, { history });
    expect(a.status).toBe('无法评估');
    expect(a.anticipated?.baseYear).toBe(2021);
    expect(a.anticipated?.value).toBeCloseTo(60.5, 8);
    expect(a.anticipated?.ratio).toBeCloseTo(0.95455, 5);
    expect(a.anticipated?.status).toBe('需加快进度');
  });

  it('projects nothing for a year before the baseline', () => {
    const a = assessProgress(places, 2019, 0.5, { history: [{ year: 2017, value: 0.3 }, { year: 2018, value: 0.4 }] });
    expect(a.status).toBe('无法评估');
    expect(a.anticipated).toBeUndefined();
  });

  it('does not force a growth rate from a zero baseline', () => {
    // 示范性老年友好社区(个) 0 → 20: a CAGR from 0 does not exist
    const communities = indicator({ code: 'LY04', name: '示范性老年友好社区', unit: '个', baselineValue: 0, targetValue: 20 });
    const a = assessProgress(communities, 2023, 12, { history: [{ year: 2021, value: 4 }, { year: 2022, value: 8 }] });
    // Linear still works: 12/20 = 0.6 of the way at 0.6 of the period.
    expect(a.status).toBe('进度正常');
    expect(a.anticipated?.status).toBe('无法预测');
    expect(a.anticipated?.value).toBeNull();
  });
});

describe('method texts', () => {
  it('name both methods for exports and the README', () => {
    for (const text of [PROGRESS_METHOD_NOTE]) {
      expect(text).toContain('线性进度法');
      expect(text).toContain('ESCAP');
      expect(text).toContain('基期值');
    }
  });
});
