import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/domain';
import { buildFindingsTables } from '../../../shared/tables/findings-table';
import { shownText } from '../../../shared/tables/table-layout';

function finding(extra: Partial<Finding>): Finding {
  return { id: `f-${Math.random()}`, kind: 'missing', severity: 'warning', status: 'open', indicator: null, name: null, bureau: null, region: '临沂市', year: 2023, file: null, sheet: null, cell: null, message: '', candidates: [], ...extra };
}

describe('buildFindingsTables', () => {
  const findings = [
    finding({ kind: 'missing', indicator: 'D03', name: '65岁及以上老年人城乡社区规范健康管理服务率', bureau: '市卫生健康委', message: '市卫生健康委的报表中缺少该指标' }),
    finding({ kind: 'out_of_range', severity: 'error', indicator: 'C09', name: '婴幼儿基本公共服务覆盖面', bureau: '市卫生健康委', file: '卫健委2023年报表.xlsx', sheet: '2023年报表', cell: 'J12', message: '比率 127% 超过 100' }),
    finding({ kind: 'conflict', severity: 'error', indicator: 'B01', name: '全市养老服务设施', bureau: '市民政局', file: '民政局.xlsx', sheet: 'Sheet1', cell: 'D5', message: '市民政局 1012，市住房城乡建设局 1009' }),
    finding({ kind: 'conflict', severity: 'error', indicator: 'B03', name: '登记备案的托育机构数', bureau: '市民政局、市卫生健康委', file: '民政局.xlsx', sheet: 'Sheet1', cell: 'D6', message: '市民政局 报 92，市卫生健康委 报 95' }),
    // The tool's own matching doubt stays on the officer's worklist: not sent to 市民政局.
    finding({ kind: 'unmatched_row', name: '托育机构备案数', bureau: '市民政局', file: '民政局.xlsx', sheet: 'Sheet1', cell: 'B9', message: '未能对应到指标' }),
    finding({ kind: 'ambiguous_match', name: '养老床位', bureau: '市民政局', file: '民政局.xlsx', sheet: 'Sheet1', cell: 'B10', message: '可能对应多个指标' }),
    finding({ kind: 'unparseable_value', severity: 'error', name: '托位总数', bureau: null, file: '未知.xlsx', sheet: 'Sheet1', cell: 'C7', message: '“约一万”不是可识别的数值' }),
    finding({ kind: 'revised', severity: 'info', indicator: 'B02', bureau: '市民政局', message: '6 → 11' }),
    finding({ kind: 'suspicious_change', bureau: '市民政局', status: 'resolved', message: '已确认' }),
  ];
  const layouts = buildFindingsTables({
    year: 2023,
    findings,
    contacts: [
      { bureau: '市卫生健康委', contactPerson: '王敏', contactPhone: null, file: '卫健委2023年报表.xlsx' },
      { bureau: '市卫生健康委', contactPerson: null, contactPhone: '0539-8721034', file: '卫健委更正.xlsx' },
    ],
  });

  it('makes a summary sheet and one sheet per bureau, open findings a bureau can act on only', () => {
    // Bureaus in pinyin order (民 min before 卫 wei), the unknown bureau last.
    expect(layouts.map((l) => l.sheetName)).toEqual(['催报更正汇总', '市民政局', '市卫生健康委', '未识别单位']);
    const summary = layouts[0]!.body.map((r) => r.map(shownText));
    expect(summary).toEqual([
      ['1', '市民政局', '0', '2', '2', '—', '—'],
      ['2', '市卫生健康委', '1', '2', '3', '王敏', '0539-8721034'],
      ['3', '未识别单位', '0', '1', '1', '—', '—'],
    ]);
  });

  it('lists what the bureau must send first, then what to fix, with file, sheet, cell and the contact', () => {
    const health = layouts[2]!;
    expect(health.title).toBe('市卫生健康委2023年报表催报更正清单');
    expect(health.subtitles[0]).toBe('填报人：王敏　　联系电话：0539-8721034（据“卫健委更正.xlsx”）');
    expect(health.body.map((r) => r.map(shownText))).toEqual([
      ['1', '请报送', '缺报', '65岁及以上老年人城乡社区规范健康管理服务率', '临沂市', '—', '—', '—', '市卫生健康委的报表中缺少该指标'],
      ['2', '请更正', '数值超出范围', '婴幼儿基本公共服务覆盖面', '临沂市', '卫健委2023年报表.xlsx', '2023年报表', 'J12', '比率 127% 超过 100'],
      // A conflict goes to both bureaus; 市卫生健康委 is not pointed at 市民政局's file.
      ['3', '请核实', '数值冲突', '登记备案的托育机构数', '临沂市', '—', '—', '—', '市民政局 报 92，市卫生健康委 报 95'],
    ]);
    expect(layouts[1]!.subtitles[0]).toBe('填报人：（报表未注明）　　联系电话：（报表未注明）');
  });
});
