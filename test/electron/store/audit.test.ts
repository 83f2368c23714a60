import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit, type AuditInput } from '../../../electron/store/audit';
import { createWorkbook } from '../../../electron/store/open';
import { readSchemaCopy, writeSchemaCopy } from '../../../electron/store/schema-copy';
import { makeSchema } from '../../support/schema-fixture';
import { makeTempDir } from '../../support/temp-dir';

function newWorkbook() {
  return createWorkbook(path.join(makeTempDir(), '台账.tzdb'), { schema: makeSchema(), operator: '王统计' });
}

describe('audit log', () => {
  it('records the creation with OS account, 操作人 and what was made', () => {
    const workbook = newWorkbook();
    const [entry, ...rest] = listAudit(workbook.db);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      action: 'create_workbook',
      target: '台账.tzdb',
      osUser: workbook.actor.osUser,
      operator: '王统计',
      before: null,
      after: { schema: 'linyi-fixture', region: '临沂市', subregions: [] },
    });
    expect(Date.parse(entry?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
    workbook.close();
  });

  it('refuses UPDATE and DELETE of its rows', () => {
    const workbook = newWorkbook();
    const db = workbook.db;
    expect(() => db.prepare("UPDATE audit SET operator = '李某'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(listAudit(db)[0]?.operator).toBe('王统计');
    workbook.close();
  });

  it('is written in the transaction of the change: a failed change leaves neither', () => {
    const workbook = newWorkbook();
    const db = workbook.db;
    const schema = readSchemaCopy(db);
    const edited = { ...schema, indicators: schema.indicators.map((i) => (i.code === 'LY01' ? { ...i, reporter: '市人社局' } : i)) };

    const assignThenFail = db.transaction(() => {
      writeSchemaCopy(db, edited);
      appendAudit(db, { ...workbook.actor, action: 'assign_reporter', target: 'LY01', before: [{ code: 'LY01', reporter: null }], after: [{ code: 'LY01', reporter: '市人社局' }] });
      throw new Error('disk full');
    });
    expect(() => assignThenFail()).toThrow('disk full');
    expect(listAudit(db).map((entry) => entry.action)).toEqual(['create_workbook']);
    expect(readSchemaCopy(db).indicators[0]?.reporter).toBe('市人力资源社会保障局');

    db.transaction(() => {
      writeSchemaCopy(db, edited);
      appendAudit(db, {
        ...workbook.actor,
        action: 'assign_reporter',
        target: 'LY01',
        before: [{ code: 'LY01', reporter: null }],
        after: [{ code: 'LY01', reporter: '市人社局' }],
        note: '按分工调整',
      });
    })();
    expect(listAudit(db).at(-1)).toMatchObject({
      action: 'assign_reporter',
      target: 'LY01',
      before: [{ code: 'LY01', reporter: null }],
      after: [{ code: 'LY01', reporter: '市人社局' }],
      note: '按分工调整',
    });
    expect(readSchemaCopy(db).indicators[0]?.reporter).toBe('市人社局');
    workbook.close();
  });

  it('reads each row back into its event, and keeps a row that fits none as written', () => {
    const workbook = newWorkbook();
    const db = workbook.db;
    appendAudit(db, { ...workbook.actor, action: 'reopen_year', target: '2023年', before: { year: 2023, signedOff: true, signedAt: null, signedBy: null }, after: { year: 2023, signedOff: false, signedAt: null, signedBy: null } });
    // As a later version, or an SQLite tool, might write them: an unknown action, and a known one whose JSON does not fit.
    appendAudit(db, { ...workbook.actor, action: 'merge_bureaus', target: '市民政局', before: null, after: { into: '市民政局' } } as unknown as AuditInput);
    appendAudit(db, { ...workbook.actor, action: 'reopen_year', target: '2024年', before: '2024', after: { signedOff: 'no' } } as unknown as AuditInput);
    // Entries written before they recorded the values they changed read as changing none.
    appendAudit(db, { ...workbook.actor, action: 'withdraw_return', target: 'a.xlsx', before: RETURN, after: { ...RETURN, state: 'withdrawn' } } as unknown as AuditInput);
    const [, reopened, merged, unfit, withdrawn] = listAudit(db);
    expect(reopened).toMatchObject({ action: 'reopen_year', before: { signedOff: true }, after: { signedOff: false } });
    expect(merged).toMatchObject({ action: 'other', written: 'merge_bureaus', before: null, after: '{"into":"市民政局"}' });
    expect(unfit).toMatchObject({ action: 'other', written: 'reopen_year', before: '"2024"', after: '{"signedOff":"no"}' });
    expect(withdrawn).toMatchObject({ action: 'withdraw_return', after: { state: 'withdrawn', changes: [] } });
    workbook.close();
  });
});

const RETURN = {
  id: 1,
  file: 'a.xlsx',
  bureau: null,
  region: '临沂市',
  year: 2023,
  state: 'counted',
  importedAt: '2024-03-02T08:00:00.000Z',
  contactPerson: null,
  contactPhone: null,
  values: 1,
  matched: 1,
  unmatched: 0,
  sha256: 'ab12',
};
