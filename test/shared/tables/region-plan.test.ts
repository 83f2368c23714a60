import { describe, expect, it } from 'vitest';
import { schemaForRegion } from '../../../shared/tables/region-plan';
import { assignedLinyi } from './table-fixture';

describe('the plan as it applies to a sub-region', () => {
  const schema = assignedLinyi();
  const byCode = (s: typeof schema, code: string) => s.indicators.find((i) => i.code === code)!;

  it('keeps the workbook region’s plan as it is', () => {
    expect(schemaForRegion(schema, '临沂市', '临沂市')).toBe(schema);
  });

  it('leaves a county’s baseline open, and a total’s target too, but keeps a rate’s target', () => {
    const county = schemaForRegion(schema, '兰山区', '临沂市');
    // 全市养老服务设施 (a total, summed from the counties): 971 → ≥1000 are the city's.
    expect(byCode(schema, 'B01')).toMatchObject({ aggregation: 'sum', baselineValue: 971, targetValue: 1000, targetOp: '>=' });
    expect(byCode(county, 'B01')).toMatchObject({ baselineValue: null, targetValue: null, targetOp: null, targetText: null });
    // 社区养老服务设施覆盖率 (a rate): 100% holds for every county; its 2020 baseline is the city's.
    const rate = schema.indicators.find((i) => i.unit === '%' && i.aggregation !== 'sum' && i.targetValue !== null)!;
    expect(byCode(county, rate.code)).toMatchObject({ baselineValue: null, targetValue: rate.targetValue, targetOp: rate.targetOp });
  });
});
