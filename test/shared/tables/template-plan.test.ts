import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../shared/api/errors';
import { readTemplateKey, TEMPLATE_KEY_SHEET } from '../../../shared/import/template-key';
import { planTemplates, schemaHashOf, templateKeyRows } from '../../../shared/tables/template-plan';
import { buildGrid } from '../../support/grid-builder';
import { assignedLinyi, linyi, linyiValues } from './table-fixture';

const schema = assignedLinyi();

function refusal(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isUserError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('planTemplates', () => {
  it('refuses while indicators lack a 填报单位, naming each', () => {
    const partly = { ...schema, indicators: schema.indicators.map((i) => (['A01', 'C05'].includes(i.code) ? { ...i, reporter: null } : i)) };
    const { code, message } = refusal(() => planTemplates({ schema: partly, workbookId: 'wb', year: 2023 }));
    expect(code).toBe('unassigned_indicators');
    expect(message).toContain('以下 2 个指标尚未指定填报单位：A01 基本养老保险参保率、C05 老年志愿者注册人数占老年人口比例');
    // Worded for the window; the command line adds its own command (electron/cli/exit.ts).
    expect(message).toContain('请在“指标体系”中指定或确认填报单位');
    expect(message).not.toMatch(/taizhang|--/);
    expect(refusal(() => planTemplates({ schema: linyi, workbookId: 'wb', year: 2023 })).message).toContain('以下 35 个指标尚未指定填报单位');
  });

  it('refuses a 填报单位 that is still only proposed', () => {
    const proposed = { ...schema, indicators: schema.indicators.map((i) => (i.code === 'B04' ? { ...i, reporterProposed: true } : i)) };
    expect(refusal(() => planTemplates({ schema: proposed, workbookId: 'wb', year: 2023 })).message).toContain('仍是系统建议、尚未确认：B04 托位总数');
  });

  it('asks for an unassigned auxiliary indicator in every template whose ratios need it', () => {
    const shared = { ...schema, indicators: schema.indicators.map((i) => (i.auxiliary ? { ...i, reporter: null } : i)) };
    const plans = planTemplates({ schema: shared, workbookId: 'wb', year: 2023 });
    const rowsOf = (bureau: string) => plans.find((p) => p.bureau === bureau)!.rows;
    // 常住人口 feeds 每千人口托位数 (卫健委); 床位数 feed 护理型床位占比 (民政局).
    expect(rowsOf('市卫生健康委').filter((r) => r.auxiliary).map((r) => r.code)).toEqual(['X01', 'X04']);
    expect(rowsOf('市民政局').filter((r) => r.auxiliary).map((r) => r.code)).toEqual(['X02', 'X03']);
    expect(rowsOf('市卫生健康委').find((r) => r.code === 'X01')).toMatchObject({ area: '辅助指标', note: '用于核算每千人口托位数' });
    expect(rowsOf('市卫生健康委').find((r) => r.code === 'X04')!.note).toBe('用于核算普惠性托位占比');
    expect(plans.some((p) => p.bureau === '市发展改革委')).toBe(false);
  });

  it('prints last year\'s value and sets the input range: rates 0–100, counts from 0', () => {
    const plans = planTemplates({ schema, workbookId: 'wb', year: 2023, values: linyiValues([2022]) });
    const rows = plans.flatMap((p) => p.rows);
    expect(rows.find((r) => r.code === 'B04')).toMatchObject({ previous: 1.5, baseline: 0.6, target: { kind: 'number', value: 5 }, min: 0, max: null });
    expect(rows.find((r) => r.code === 'D03')).toMatchObject({ previous: null, baseline: null, min: 0, max: 100 });
    expect(rows.find((r) => r.code === 'B01')!.target).toEqual({ kind: 'text', value: '≥1000' });
    const above = { ...schema, indicators: schema.indicators.map((i) => (i.code === 'A01' ? { ...i, allowAbove100: true } : i)) };
    expect(planTemplates({ schema: above, workbookId: 'wb', year: 2023 }).flatMap((p) => p.rows).find((r) => r.code === 'A01')!.max).toBeNull();
  });

  it('makes one template per bureau and region when sub-regions are wanted', () => {
    const plans = planTemplates({ schema, workbookId: 'wb', year: 2024, regions: ['兰山区', '罗庄区'] });
    expect(plans).toHaveLength(10);
    const p = plans.find((x) => x.region === '罗庄区' && x.bureau === '市民政局')!;
    expect(p.title).toBe('罗庄区养老托育服务具体指标2024年度报表');
    expect(p.fileName).toBe('2024年_罗庄区_市民政局_养老托育服务具体指标报表.xlsx');
    expect(p.key).toEqual({ workbookId: 'wb', schemaHash: schemaHashOf(schema), bureau: '市民政局', region: '罗庄区', year: 2024, formatVersion: 1 });
  });

  it('writes key rows that readTemplateKey reads back', () => {
    const key = planTemplates({ schema, workbookId: 'wb-9', year: 2024 })[0]!.key;
    const grid = buildGrid('t.xlsx', [{ name: TEMPLATE_KEY_SHEET, state: 'veryHidden', rows: templateKeyRows(key) }]);
    expect(readTemplateKey(grid)).toEqual(key);
    expect(schemaHashOf({ ...schema, indicators: schema.indicators.map((i) => (i.code === 'A01' ? { ...i, unit: '‰' } : i)) })).not.toBe(key.schemaHash);
  });
});
