import { describe, expect, it } from 'vitest';
import { chaseList } from '../../../electron/services/completeness';
import type { ReturnSummary } from '../../../shared/domain';
import type { ReconciledFinding } from '../../../shared/reconcile/consolidate';

function finding(extra: Partial<ReconciledFinding>): ReconciledFinding {
  return { id: `f-${Math.random()}`, kind: 'missing', severity: 'warning', status: 'open', indicator: 'B03', name: '登记备案的托育机构数', bureau: null, region: '临沂市', year: 2023, file: null, sheet: null, cell: null, message: '', candidates: [], basis: '', ...extra };
}

function ret(id: number, bureau: string, file: string, contactPhone: string): ReturnSummary {
  return { id, file, bureau, region: '临沂市', year: 2023, state: 'counted', importedAt: '2026-12-01T08:00:00.000Z', contactPerson: null, contactPhone, values: 1, matched: 1, unmatched: 0, sha256: String(id) };
}

describe('the 完成情况 chase list', () => {
  const findings = [
    finding({ kind: 'conflict', severity: 'error', bureau: '市民政局、市卫生健康委', file: '民政局.xlsx', sheet: 'Sheet1', cell: 'C6', message: '市民政局 报 92，市卫生健康委 报 95' }),
    finding({ kind: 'unmatched_row', indicator: null, name: '医养结合机构签约率', bureau: '市民政局', file: '民政局.xlsx', sheet: 'Sheet1', cell: 'A10', message: '未能对应' }),
    finding({ kind: 'missing', indicator: 'D03', name: '65岁及以上老年人城乡社区规范健康管理服务率', bureau: '市卫生健康委', message: '市卫生健康委的报表中缺少该指标' }),
    finding({ kind: 'out_of_range', bureau: '市民政局', status: 'resolved', message: '已处理' }),
  ];
  const returns = [ret(1, '市民政局', '民政局.xlsx', '0539-1111111'), ret(2, '市卫生健康委', '卫健委.xlsx', '0539-2222222')];

  it('asks each bureau of a conflict, pointing only its writer at the cell, and keeps matching doubts off the list', () => {
    const list = chaseList({ values: [], findings }, returns, 2023);
    expect(list.map((e) => [e.bureau, e.contactPhone, e.items.map((i) => [i.kind, i.file, i.cell])])).toEqual([
      // In pinyin order: 民 (min) before 卫 (wei).
      ['市民政局', '0539-1111111', [['conflict', '民政局.xlsx', 'C6']]],
      ['市卫生健康委', '0539-2222222', [['conflict', null, null], ['missing', null, null]]],
    ]);
  });
});
