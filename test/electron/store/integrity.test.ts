import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../../electron/store/audit';
import { asWriteDb, readUserVersion } from '../../../electron/store/db';
import { acceptIntegrityProblems, findIntegrityProblems, standingIntegrityProblems } from '../../../electron/store/integrity';
import { onIntegrityProblems } from '../../../electron/store/integrity-notice';
import { LATEST_VERSION, migrateTo } from '../../../electron/store/migrations';
import { createWorkbook, openWorkbook, requireWritable, type WritableWorkbook } from '../../../electron/store/open';
import { insertReturnValues } from '../../../electron/store/reported-values';
import { insertReturn } from '../../../electron/store/returns';
import { readSchemaCopy, writeReporter } from '../../../electron/store/schema-copy';
import { sealYear } from '../../../electron/store/signed-figures';
import { writeYearState } from '../../../electron/store/year-state';
import type { ReturnValue } from '../../../shared/import/read-return-values';
import { makeSchema } from '../../support/schema-fixture';
import { makeTempDir } from '../../support/temp-dir';
import { createWorkbookAtVersion } from '../../support/workbooks';

const ACTOR = { osUser: 'wang', operator: '王统计' };

function value(fields: Partial<ReturnValue>): ReturnValue {
  return {
    indicator: 'LY03', rowName: '全市养老服务设施', region: '临沂市', year: 2023, role: 'value', value: 1012, rawText: '1,012',
    unit: '处', matchMethod: 'exact', matchScore: 1, sheet: 'Sheet1', cell: 'C4', problem: null, ...fields,
  };
}

/** A workbook with some history: a return of 2023 with two cells, a few audit rows, 2023 signed off. */
function workbookWithHistory(): { file: string; workbook: WritableWorkbook } {
  const file = path.join(makeTempDir(), '临沂.tzdb');
  const workbook = createWorkbook(file, { schema: makeSchema(), operator: '王统计' });
  const db = workbook.db;
  db.transaction(() => {
    const id = insertReturn(db, {
      sha256: 'ab12', fileName: '市民政局2023年报表.xlsx', bytes: new Uint8Array([1, 2, 3]), bureau: '市民政局', region: '临沂市', year: 2023,
      title: '', contactPerson: '李娜', contactPhone: '0539-8765432', reviewer: '', importedAt: '2024-03-02T08:00:00.000Z', layout: null, meta: null,
    });
    insertReturnValues(db, id, [value({}), value({ indicator: 'LY24', rowName: '人均预期寿命', value: 78.1, rawText: '78.1', unit: '岁', cell: 'C5' })]);
    appendAudit(db, {
      ...ACTOR,
      action: 'import_return',
      target: '市民政局2023年报表.xlsx',
      before: null,
      after: { returnId: id, bureau: '市民政局', region: '临沂市', year: 2023, sha256: 'ab12', values: 2, matchedRows: 2, unmatchedRows: 0, changes: [] },
    });
  })();
  db.transaction(() => {
    writeReporter(db, 'LY03', '市民政局', false);
    appendAudit(db, { ...ACTOR, action: 'assign_reporter', target: '市民政局', before: [{ code: 'LY03', reporter: null }], after: [{ code: 'LY03', reporter: '市民政局' }] });
  })();
  db.transaction(() => {
    writeYearState(db, { year: 2023, signedOff: true, signedAt: '2024-03-05T08:00:00.000Z', signedBy: '王统计' });
    sealYear(db, 2023, []);
    appendAudit(db, {
      ...ACTOR,
      action: 'sign_off_year',
      target: '2023年',
      before: { year: 2023, signedOff: false, signedAt: null, signedBy: null },
      after: { year: 2023, signedOff: true, signedAt: '2024-03-05T08:00:00.000Z', signedBy: '王统计' },
    });
  })();
  return { file, workbook };
}

/** Edits the closed file as someone with an SQLite tool would: triggers dropped, rows changed. */
function editOutside(file: string, sql: string): void {
  const raw = new Database(file);
  raw.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS audit_hash_required;');
  raw.exec(sql);
  raw.close();
}

function messagesOnOpen(file: string): string[] {
  const workbook = openWorkbook(file, { readOnly: true });
  try {
    return workbook.integrity.map((p) => p.message);
  } finally {
    workbook.close();
  }
}

describe('a workbook edited outside the app', () => {
  it('shows nothing on a workbook only the app has written', () => {
    const { file, workbook } = workbookWithHistory();
    expect(findIntegrityProblems(workbook.db)).toEqual([]);
    workbook.close();
    expect(messagesOnOpen(file)).toEqual([]);
    // A writable open records nothing when there is nothing to record.
    const again = openWorkbook(file);
    expect(listAudit(again.db).map((e) => e.action)).not.toContain('integrity_problem');
    again.close();
  });

  it('detects a tampered audit row on open', () => {
    const { file, workbook } = workbookWithHistory();
    workbook.close();
    editOutside(file, "UPDATE audit SET operator = '李某' WHERE id = 2");
    expect(messagesOnOpen(file)).toEqual([expect.stringMatching(/^审计日志第 2 条记录（.*import_return）被改动$/)]);
  });

  it('checks rows this connection appends from where it found the chain sound, and the whole chain again after another program’s edit', () => {
    const { file, workbook } = workbookWithHistory();
    expect(findIntegrityProblems(workbook.db)).toEqual([]);
    appendAudit(workbook.db, { ...ACTOR, action: 'assign_reporter', target: '市卫生健康委', before: [], after: [] });
    expect(findIntegrityProblems(workbook.db)).toEqual([]);
    // Another program edits an old row while the workbook is open.
    const raw = new Database(file);
    raw.exec("DROP TRIGGER IF EXISTS audit_no_update; UPDATE audit SET operator = '李某' WHERE id = 2");
    raw.close();
    expect(findIntegrityProblems(workbook.db).map((p) => p.message)).toEqual([expect.stringMatching(/^审计日志第 2 条记录（.*import_return）被改动$/)]);
    workbook.close();
  });

  it('detects a deleted audit row on open, in the middle or at the end', () => {
    const middle = workbookWithHistory();
    middle.workbook.close();
    editOutside(middle.file, 'DELETE FROM audit WHERE id = 2');
    expect(messagesOnOpen(middle.file)).toEqual(['审计日志第 2 条记录被删除']);

    const last = workbookWithHistory();
    last.workbook.close();
    editOutside(last.file, 'DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)');
    expect(messagesOnOpen(last.file)).toEqual(['审计日志最后 1 条记录（第 4 条）被删除']);
  });

  it('detects a changed reported value of a signed-off year on open', () => {
    const { file, workbook } = workbookWithHistory();
    workbook.close();
    editOutside(file, "UPDATE reported_values SET value = 99.9, raw_text = '99.9' WHERE cell = 'C5'");
    expect(messagesOnOpen(file)).toEqual(['2023年已定稿的数据与定稿时不同（报表、数值或处理记录被改动）']);
  });

  it('detects a changed schema on open, naming the indicator', () => {
    const { file, workbook } = workbookWithHistory();
    workbook.close();
    editOutside(file, "UPDATE indicators SET data = json_set(data, '$.targetValue', 90) WHERE code = 'LY01'");
    expect(messagesOnOpen(file)).toEqual(['指标“基本养老保险参保率”（LY01）的内容被改动']);
  });

  it('reports a stored schema the app cannot use, and refuses to read it with a UserError', () => {
    for (const [sql, found] of [
      ["UPDATE indicators SET data = json_set(data, '$.decimals', 500) WHERE code = 'LY01'", /小数位数为500/],
      ["UPDATE indicators SET data = json_set(data, '$.unit', 5) WHERE code = 'LY03'", /指标 LY03的“unit”应为文本/],
      ["UPDATE indicators SET data = json_remove(data, '$.name'), name = '' WHERE code = 'LY24'", /指标 LY24缺少“name”/],
    ] as const) {
      const { file, workbook } = workbookWithHistory();
      workbook.close();
      editOutside(file, sql);
      const opened = openWorkbook(file, { readOnly: true });
      expect(opened.integrity.map((p) => p.kind)).toEqual(['schema_changed', 'schema_invalid']);
      expect(opened.integrity[1]?.message).toMatch(found);
      expect(() => readSchemaCopy(opened.db)).toThrow(expect.objectContaining({ code: 'workbook_schema_invalid', message: expect.stringMatching(found) }));
      opened.close();
    }
  });

  it('records what it found in the audit once, on a writable open, and announces it on every open', () => {
    const { file, workbook } = workbookWithHistory();
    workbook.close();
    editOutside(file, "UPDATE audit SET note = '改过' WHERE id = 3");
    const heard: string[][] = [];
    const stop = onIntegrityProblems((_file, problems) => heard.push(problems.map((p) => p.message)));
    try {
      for (let i = 0; i < 2; i++) openWorkbook(file).close();
      openWorkbook(file, { readOnly: true }).close();
    } finally {
      stop();
    }
    expect(heard).toHaveLength(3);
    const reopened = openWorkbook(file, { readOnly: true });
    const records = listAudit(reopened.db).filter((e) => e.action === 'integrity_problem');
    expect(records).toHaveLength(1);
    expect(records[0]?.note).toMatch(/^工作簿在本程序之外被修改过：审计日志第 3 条记录/);
    reopened.close();
  });

  it('keeps a cut-off end standing after recording it, until the officer accepts', () => {
    const { file, workbook } = workbookWithHistory();
    workbook.close();
    editOutside(file, 'DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)');
    const first = openWorkbook(file);
    expect(first.integrity.map((p) => p.kind)).toEqual(['audit_tail']);
    first.close();
    // The record re-anchored the log's end; the problem still stands, carried by the record.
    const second = openWorkbook(file);
    expect(second.integrity.map((p) => p.kind)).toEqual(['audit_tail']);
    expect(acceptIntegrityProblems(asWriteDb(second.db), { ...ACTOR, host: 'pc' }, '核对过').map((p) => p.kind)).toEqual(['audit_tail']);
    expect(standingIntegrityProblems(second.db)).toEqual([]);
    second.close();
    expect(messagesOnOpen(file)).toEqual([]);
  });

  it('accepting a schema edit reseals it; a later edit of the same indicator shows again', () => {
    const { file, workbook } = workbookWithHistory();
    workbook.close();
    editOutside(file, "UPDATE indicators SET data = json_set(data, '$.targetValue', 90) WHERE code = 'LY01'");
    const opened = openWorkbook(file);
    acceptIntegrityProblems(requireWritable(opened), opened.actor, '');
    expect(standingIntegrityProblems(opened.db)).toEqual([]);
    opened.close();
    expect(messagesOnOpen(file)).toEqual([]);
    editOutside(file, "UPDATE indicators SET data = json_set(data, '$.targetValue', 80) WHERE code = 'LY01'");
    expect(messagesOnOpen(file)).toEqual(['指标“基本养老保险参保率”（LY01）的内容被改动']);
  });

  it('does not accept changed figures of a signed year: they stand until the year is reopened', () => {
    const { file, workbook } = workbookWithHistory();
    workbook.close();
    editOutside(file, "UPDATE reported_values SET value = 99.9 WHERE cell = 'C5'");
    const opened = openWorkbook(file);
    expect(acceptIntegrityProblems(requireWritable(opened), opened.actor, '')).toEqual([]);
    expect(standingIntegrityProblems(opened.db).map((p) => p.kind)).toEqual(['signed_figures']);
    requireWritable(opened).transaction(() => writeYearState(requireWritable(opened), { year: 2023, signedOff: false, signedAt: null, signedBy: null }))();
    expect(standingIntegrityProblems(opened.db)).toEqual([]);
    opened.close();
  });

  it('refuses audit rows written without their hash', () => {
    const { workbook } = workbookWithHistory();
    expect(() =>
      workbook.db.prepare("INSERT INTO audit (at, os_user, operator, action, target) VALUES ('2024-01-01', 'x', 'x', 'forged', 'x')").run(),
    ).toThrow(/with their hash/);
    workbook.close();
  });
});

describe('migration 003', () => {
  it('from 002 chains the rows already there, seals the schema and the signed years, and keeps the log append-only', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    createWorkbookAtVersion(file, 2);
    const raw = new Database(file);
    raw.prepare("INSERT INTO audit (at, os_user, operator, action, target) VALUES ('2024-03-02', 'wang', '王统计', 'assign', 'LY01')").run();
    raw.prepare("INSERT INTO audit (at, os_user, operator, action, target, note) VALUES ('2024-03-03', 'wang', '王统计', 'sign_off_year', '2023年', '')").run();
    raw
      .prepare(
        `INSERT INTO returns (id, sha256, file_name, bytes, bureau, region, year, imported_at, state)
         VALUES (1, 'ab12', '市民政局2023年报表.xlsx', x'504b0304', '市民政局', '临沂市', 2023, '2024-03-02', 'counted')`,
      )
      .run();
    raw
      .prepare(
        `INSERT INTO reported_values (return_id, indicator, row_name, region, year, role, value, raw_text, sheet, cell)
         VALUES (1, 'LY03', '全市养老服务设施', '临沂市', 2023, 'value', 1012, '1,012', 'Sheet1', 'C5')`,
      )
      .run();
    raw.prepare("INSERT INTO year_state (year, signed_off, signed_at, signed_by) VALUES (2023, 1, '2024-03-03', '王统计')").run();

    const db = asWriteDb(raw);
    migrateTo(db, 3);
    expect(readUserVersion(db)).toBe(3);
    expect(db.prepare('SELECT count(*) AS n FROM audit WHERE hash IS NULL').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT digest IS NOT NULL AS sealed FROM year_state WHERE year = 2023').get()).toEqual({ sealed: 1 });
    expect(findIntegrityProblems(db)).toEqual([]);
    expect(() => db.prepare("UPDATE audit SET operator = '李某'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    // Rows appended after the upgrade continue the chain.
    appendAudit(db, { ...ACTOR, action: 'assign_reporter', target: 'x', before: [], after: [] });
    expect(findIntegrityProblems(db)).toEqual([]);
    raw.close();
  });

  it('opening a version-2 workbook upgrades it with a sound chain that includes the upgrade’s own entries', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    createWorkbookAtVersion(file, 2);
    const workbook = openWorkbook(file, { operator: '王统计' });
    expect(workbook.integrity).toEqual([]);
    // One entry for each step from 2 to the latest.
    expect(listAudit(workbook.db).map((e) => e.action)).toEqual(Array.from({ length: LATEST_VERSION - 2 }, () => 'upgrade_workbook'));
    workbook.close();
    expect(messagesOnOpen(file)).toEqual([]);
  });
});
