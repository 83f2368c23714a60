import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/api/contract';
import { actionLabel, auditCsv, auditLines, summarizeAudit } from '../../../renderer/components/AuditSummary';

const NAMES = new Map([
  ['B03', '登记备案的托育机构数'],
  ['A01', '基本养老保险参保率'],
]);

function record(partial: Partial<AuditRecord>): AuditRecord {
  return { id: 1, at: '2026-11-25T02:42:00.000Z', osUser: 'zhangmin', operator: '张敏', action: '', target: '', before: null, after: null, note: '', ...partial };
}

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
    const assign = record({ action: 'assign_reporter', target: '市医保局', before: [{ code: 'A01', reporter: null }], after: [{ code: 'A01', reporter: '市医保局' }] });
    expect(summarizeAudit(assign, NAMES)).toBe('基本养老保险参保率：未指定 → 市医保局');
    const signOff = record({ action: 'sign_off_year', target: '2023年', before: { signedOff: false }, after: { signedOff: true } });
    expect(summarizeAudit(signOff, NAMES)).toBe('初稿 → 已定稿');
  });

  it('orders the log newest first', () => {
    const lines = auditLines([record({ id: 1, action: 'create_workbook' }), record({ id: 2, action: 'withdraw_return' })], NAMES);
    expect(lines.map((line) => line.action)).toEqual(['撤销导入', '新建工作簿']);
  });
});

describe('auditCsv', () => {
  it('writes a BOM, quotes commas and neutralises formula-like text', () => {
    const [line] = auditLines([record({ action: 'withdraw_return', target: '=HYPERLINK("x")', note: '重复报送, 已撤销' })], NAMES);
    const csv = auditCsv([line!]);
    expect(csv.startsWith('\uFEFF时间,操作人,系统账户,操作,对象,变更,说明\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"重复报送, 已撤销"');
  });
});

describe('actionLabel', () => {
  it('names every action the app writes, rollover included, and any other as 其他操作', () => {
    expect(actionLabel('rollover')).toBe('转入下一规划期');
    expect(actionLabel('integrity_problem')).toBe('发现本程序之外的修改');
    expect(actionLabel('import_return')).toBe('导入报表');
    expect(actionLabel('toString')).toBe('其他操作');
    expect(actionLabel('something_else')).toBe('其他操作');
  });
});
