import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/api/contract';
import type { AuditEvent, OtherAuditEvent } from '../../../shared/domain';
import { actionLabel, auditCsv, auditLines, summarizeAudit } from '../../../renderer/screens/audit/AuditSummary';

const NAMES = new Map([
  ['B03', '登记备案的托育机构数'],
  ['A01', '基本养老保险参保率'],
]);

const EMPTY_RETURN = {
  id: 3,
  file: '市民政局2023年报表.xlsx',
  bureau: '市民政局',
  region: '临沂市',
  year: 2023,
  state: 'counted',
  importedAt: '2026-11-25T02:40:00.000Z',
  contactPerson: null,
  contactPhone: null,
  values: 0,
  matched: 0,
  unmatched: 0,
  sha256: 'ab12',
} as const;

function record(event: AuditEvent | OtherAuditEvent, partial: { id?: number; target?: string; note?: string } = {}): AuditEntry {
  return { id: 1, at: '2026-11-25T02:42:00.000Z', osUser: 'zhangmin', operator: '张敏', target: '', note: '', ...partial, ...event };
}

const CREATED: AuditEvent = { action: 'create_workbook', before: null, after: { schema: 'linyi', region: '临沂市', subregions: [], indicatorCount: 3 } };
const WITHDRAWN: AuditEvent = { action: 'withdraw_return', before: EMPTY_RETURN, after: { ...EMPTY_RETURN, state: 'withdrawn', changes: [] } };

describe('summarizeAudit', () => {
  it('says a choice and the consolidated value it changed in words', () => {
    const entry = record({
      action: 'resolve_choose',
      before: { finding: 'conflict', message: '市民政局 报 92，市卫生健康委 报 95', resolution: null },
      after: {
        resolution: { action: 'choose', value: 95 },
        changes: [{ indicator: 'B03', region: '临沂市', year: 2023, before: { value: null, status: 'conflict' }, after: { value: 95, status: 'resolved' } }],
      },
    });
    expect(summarizeAudit(entry, NAMES)).toBe('采用 95；登记备案的托育机构数 临沂市 2023年：冲突 → 95');
    expect(auditLines([entry], NAMES)[0]).toMatchObject({ action: '采用数值', target: '市民政局 报 92，市卫生健康委 报 95', indicators: ['B03'] });
  });

  it('lists each 填报单位 assignment, old → new, and a year signed off', () => {
    const assign = record({ action: 'assign_reporter', before: [{ code: 'A01', reporter: null }], after: [{ code: 'A01', reporter: '市医保局' }] }, { target: '市医保局' });
    expect(summarizeAudit(assign, NAMES)).toBe('基本养老保险参保率：未指定 → 市医保局');
    const signOff = record(
      {
        action: 'sign_off_year',
        before: { year: 2023, signedOff: false, signedAt: null, signedBy: null },
        after: { year: 2023, signedOff: true, signedAt: '2026-11-25T02:42:00.000Z', signedBy: '张敏' },
      },
      { target: '2023年' },
    );
    expect(summarizeAudit(signOff, NAMES)).toBe('初稿 → 已定稿');
  });

  it('says what a merge moved, a proposal overwritten, the errors open at 定稿, and what a 撤销 undid', () => {
    const refs = { bureaus: [], indicators: [], returns: [], resolutions: [], layouts: [] };
    const merge = record(
      {
        action: 'merge_bureaus',
        before: refs,
        after: {
          ...refs,
          from: '市经信局',
          into: '市工业和信息化局',
          indicators: [{ code: 'B03', reporter: '市工业和信息化局', proposed: false, leadBureaus: [], coBureaus: [], jointBureaus: [] }],
          returns: [{ id: 3, bureau: '市工业和信息化局' }],
          changes: [{ indicator: 'B03', region: '临沂市', year: 2023, before: { value: null, status: 'conflict' }, after: { value: 95, status: 'ok' } }],
        },
      },
      { target: '市经信局 → 市工业和信息化局' },
    );
    expect(summarizeAudit(merge, NAMES)).toBe('“市经信局”并入“市工业和信息化局”，1 项指标、1 份报表随之改动；登记备案的托育机构数 临沂市 2023年：冲突 → 95');
    expect(auditLines([merge], NAMES)[0]).toMatchObject({ action: '合并单位', indicators: ['B03'] });
    const assign = record({ action: 'assign_reporter', before: [{ code: 'A01', reporter: '市发展改革委', proposed: true }], after: [{ code: 'A01', reporter: null, proposed: false }] });
    expect(summarizeAudit(assign, NAMES)).toBe('基本养老保险参保率：「建议」市发展改革委 → 未指定');
    const signOff = record({
      action: 'sign_off_year',
      before: { year: 2023, signedOff: false, signedAt: null, signedBy: null },
      after: { year: 2023, signedOff: true, signedAt: '2026-11-25T02:42:00.000Z', signedBy: '张敏', openErrors: 2 },
    });
    expect(summarizeAudit(signOff, NAMES)).toBe('初稿 → 已定稿；定稿时尚有 2 个错误未处理');
    const undo = record({ action: 'undo_change', before: { entry: 7, action: 'merge_bureaus' }, after: { changes: [] } }, { target: '合并单位：市经信局 → 市工业和信息化局' });
    expect(summarizeAudit(undo, NAMES)).toBe('撤销第 7 条记录（合并单位）');
    expect(actionLabel(undo)).toBe('撤销批量操作');
  });

  it('orders the log newest first', () => {
    const lines = auditLines([record(CREATED, { id: 1 }), record(WITHDRAWN, { id: 2 })], NAMES);
    expect(lines.map((line) => line.action)).toEqual(['撤销导入', '新建工作簿']);
  });

  it('shows an entry this version cannot read as it was written', () => {
    const other = record({ action: 'other', written: 'merge_bureaus', before: null, after: '{"into":"市民政局"}' });
    expect(summarizeAudit(other, NAMES)).toBe('merge_bureaus；{"into":"市民政局"}');
    expect(auditLines([other], NAMES)[0]).toMatchObject({ action: '其他操作', indicators: [] });
  });
});

describe('auditCsv', () => {
  it('writes a BOM, quotes commas and neutralises formula-like text', () => {
    const [line] = auditLines([record(WITHDRAWN, { target: '=HYPERLINK("x")', note: '重复报送, 已撤销' })], NAMES);
    const csv = auditCsv([line!]);
    expect(csv.startsWith('\uFEFF时间,操作人,系统账户,操作,对象,变更,说明\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"重复报送, 已撤销"');
  });
});

describe('actionLabel', () => {
  it('names every action the app writes, rollover included, and any other as 其他操作', () => {
    const rollover = record({ action: 'rollover', before: null, after: { baseYear: 2025, targetYear: 2030, baselines: [] } });
    expect(actionLabel(rollover)).toBe('转入下一规划期');
    expect(actionLabel(record({ action: 'integrity_problem', before: null, after: { problems: [] } }))).toBe('发现本程序之外的修改');
    expect(actionLabel(record(CREATED))).toBe('新建工作簿');
    expect(actionLabel(record({ action: 'other', written: 'toString', before: null, after: null }))).toBe('其他操作');
  });
});

describe('指标体系 edits in the audit log', () => {
  it('says each changed field before → after, the figures read again and the values they changed', () => {
    const entry = record(
      {
        action: 'edit_indicator',
        before: { code: 'B03', name: '登记备案的托育机构数', fields: { unit: '万个', baselineValue: 0.6, targetOp: null } },
        after: {
          code: 'B03',
          name: '登记备案的托育机构数',
          fields: { unit: '个', baselineValue: 6000, targetOp: '>=' },
          cells: 2,
          changes: [{ indicator: 'B03', region: '临沂市', year: 2023, before: { value: 0.9, status: 'ok' }, after: { value: 9000, status: 'ok' } }],
        },
      },
      { target: 'B03' },
    );
    expect(summarizeAudit(entry, NAMES)).toBe('计量单位：万个 → 个；基期值：0.6 → 6000；目标比较符：— → ≥；重新读取已存数值 2 个；登记备案的托育机构数 临沂市 2023年：0.9 → 9000');
    const [line] = auditLines([entry], NAMES);
    expect(line).toMatchObject({ action: '修改指标', target: '指标“登记备案的托育机构数”（B03）', indicators: ['B03'] });
  });

  it('names an indicator added or removed, and a rule in the officer’s words', () => {
    const rule = { id: 'R06', name: '护理型床位不超过床位', left: 'B03', op: '<=' as const, right: 'A01 * 2', tolerance: null, note: '' };
    expect(summarizeAudit(record({ action: 'add_rule', before: null, after: rule }), NAMES)).toBe('护理型床位不超过床位：登记备案的托育机构数 ≤ 基本养老保险参保率 × 2');
    expect(auditLines([record({ action: 'remove_rule', before: rule, after: null })], NAMES)[0]).toMatchObject({ action: '删除校验规则', target: '校验规则 R06' });
    const removed = record({ action: 'remove_indicator', before: { code: 'E01' } as never, after: { archived: true, figures: 3 } });
    expect(summarizeAudit(removed, NAMES)).toBe('已归档，保留 3 个填报数');
  });
});
