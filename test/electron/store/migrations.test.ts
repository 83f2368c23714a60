import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/store/audit';
import { asWriteDb, listTables, readUserVersion } from '../../../electron/store/db';
import { readMeta } from '../../../electron/store/meta';
import { LATEST_VERSION, MIGRATIONS, migrateTo } from '../../../electron/store/migrations';
import { openWorkbook } from '../../../electron/store/open';
import { readSchemaCopy } from '../../../electron/store/schema-copy';
import { makeSchema } from '../../support/schema-fixture';
import { listDir, makeTempDir } from '../../support/temp-dir';
import { createWorkbookAtVersion } from '../../support/workbooks';

function rawDb(file: string) {
  return asWriteDb(new Database(file));
}

describe('migrations', () => {
  it('are numbered 1…n in order, so that version n is the n-th step', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 creates the workbook tables and the append-only audit triggers', () => {
    const db = rawDb(path.join(makeTempDir(), 'w.tzdb'));
    migrateTo(db, 1);
    expect(readUserVersion(db)).toBe(1);
    expect(listTables(db)).toEqual(['audit', 'bureaus', 'indicator_aliases', 'indicators', 'lock', 'meta', 'regions', 'rules', 'schema_info']);
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    expect(triggers).toEqual([{ name: 'audit_no_delete' }, { name: 'audit_no_update' }]);
    db.close();
  });

  it('002, from 001, adds returns and keeps the rows 001 held', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    createWorkbookAtVersion(file, 1);
    const db = rawDb(file);
    db.prepare("INSERT INTO indicator_aliases (alias, code, bureau, created_at) VALUES ('养老保险参保率', 'LY01', '市人社局', '2024-03-02')").run();
    db.prepare("INSERT INTO audit (at, os_user, operator, action, target) VALUES ('2024-03-02', 'wang', '王统计', 'assign', 'LY01')").run();
    expect(listTables(db)).not.toContain('returns');

    migrateTo(db, 2);

    expect(readUserVersion(db)).toBe(2);
    expect(listTables(db)).toEqual(expect.arrayContaining(['returns', 'reported_values', 'resolutions', 'layout_memory', 'year_state']));
    expect(db.prepare('SELECT alias, code, bureau FROM indicator_aliases').all()).toEqual([
      { alias: '养老保险参保率', code: 'LY01', bureau: '市人社局' },
    ]);
    // An action this version does not write is kept as written.
    expect(listAudit(db)).toMatchObject([{ action: 'other', written: 'assign' }]);
    expect(readSchemaCopy(db)).toEqual(makeSchema());
    // The new tables work as designed: a return's values go with it.
    db.prepare(
      `INSERT INTO returns (id, sha256, file_name, bytes, bureau, region, year, imported_at, state)
       VALUES (1, 'ab12', '市民政局2023年报表.xlsx', x'504b0304', '市民政局', '临沂市', 2023, '2024-03-02', 'counted')`,
    ).run();
    db.prepare(
      `INSERT INTO reported_values (return_id, indicator, row_name, region, year, role, value, raw_text, sheet, cell)
       VALUES (1, 'LY03', '全市养老服务设施(处)', '临沂市', 2023, 'value', 1012, '1,012', 'Sheet1', 'C5')`,
    ).run();
    db.prepare('DELETE FROM returns WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM reported_values').get()).toEqual({ n: 0 });
    db.close();
  });

  it('005, from 004, adds removed_indicators, empty, and keeps the schema, its seal and the cells', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    createWorkbookAtVersion(file, 4);
    const db = rawDb(file);
    db.prepare(
      `INSERT INTO returns (id, sha256, file_name, bytes, bureau, region, year, imported_at, state)
       VALUES (1, 'ab12', '市民政局2023年报表.xlsx', x'504b0304', '市民政局', '临沂市', 2023, '2024-03-02', 'counted')`,
    ).run();
    db.prepare(
      `INSERT INTO reported_values (return_id, indicator, row_name, region, year, role, value, raw_text, sheet, cell)
       VALUES (1, 'LY03', '全市养老服务设施(处)', '临沂市', 2023, 'value', 1012, '1,012', 'Sheet1', 'C5')`,
    ).run();
    const seal = db.prepare("SELECT value FROM meta WHERE key = 'schema_seal'").get();
    expect(listTables(db)).not.toContain('removed_indicators');

    migrateTo(db, 5);

    expect(readUserVersion(db)).toBe(5);
    expect(db.prepare('SELECT count(*) AS n FROM removed_indicators').get()).toEqual({ n: 0 });
    expect(readSchemaCopy(db)).toEqual(makeSchema());
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_seal'").get()).toEqual(seal);
    expect(db.prepare('SELECT indicator, value, raw_text FROM reported_values').all()).toEqual([{ indicator: 'LY03', value: 1012, raw_text: '1,012' }]);
    // A removed indicator is kept whole, as JSON, and its code once only.
    db.prepare(`INSERT INTO removed_indicators (code, removed_at, archived, data) VALUES ('LY03', '2024-05-01', 1, '{"indicator":{}}')`).run();
    expect(() => db.prepare(`INSERT INTO removed_indicators (code, removed_at, archived, data) VALUES ('LY03', '2024-05-02', 0, '{}')`).run()).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO removed_indicators (code, removed_at, archived, data) VALUES ('LY04', '2024-05-02', 2, '{}')`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('006 drops the same kept years as 004 and 005 on every kind of write to a cell', () => {
    const KEPT = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
    const writes: [string, string][] = [
      ['a figure of 2021 in the 2023 return', "INSERT INTO reported_values (return_id, row_name, region, year, role, raw_text, sheet, cell) VALUES (1, 'x', '临沂市', 2021, 'value', '1', 'S', 'A1')"],
      ['a restated baseline of 2020 in the 2023 return', "INSERT INTO reported_values (return_id, row_name, region, year, role, raw_text, sheet, cell) VALUES (1, 'x', '临沂市', 2020, 'baseline', '1', 'S', 'A1')"],
      ['a cell without a year in a return without one', "INSERT INTO reported_values (return_id, row_name, region, year, role, raw_text, sheet, cell) VALUES (2, 'x', '临沂市', NULL, 'value', '1', 'S', 'A1')"],
      ['a cell removed', 'DELETE FROM reported_values WHERE id = 10'],
      ['a cell moved from 2019 to 2024', "UPDATE reported_values SET year = 2024 WHERE id = 11"],
      ['a restated target changed', "UPDATE reported_values SET raw_text = '2' WHERE id = 12"],
    ];
    const keptAfter = (version: number, write: string): number[] => {
      const db = rawDb(path.join(makeTempDir(), 'w.tzdb'));
      migrateTo(db, version);
      db.exec(`
        INSERT INTO returns (id, sha256, file_name, bytes, year, imported_at, state) VALUES (1, 'a', 'a.xlsx', x'00', 2023, '', 'counted');
        INSERT INTO returns (id, sha256, file_name, bytes, year, imported_at, state) VALUES (2, 'b', 'b.xlsx', x'00', NULL, '', 'counted');
        INSERT INTO reported_values (id, return_id, row_name, region, year, role, raw_text, sheet, cell) VALUES (10, 1, 'x', '临沂市', 2023, 'value', '1', 'S', 'A1');
        INSERT INTO reported_values (id, return_id, row_name, region, year, role, raw_text, sheet, cell) VALUES (11, 2, 'x', '临沂市', 2019, 'value', '1', 'S', 'A1');
        INSERT INTO reported_values (id, return_id, row_name, region, year, role, raw_text, sheet, cell) VALUES (12, 1, 'x', '临沂市', 2025, 'target', '1', 'S', 'A1');
      `);
      const keep = db.prepare("INSERT INTO reckoned_years VALUES (?, 'r', '', '', '', '')");
      for (const year of KEPT) keep.run(year);
      db.exec(write);
      const kept = (db.prepare('SELECT year FROM reckoned_years ORDER BY year').all() as { year: number }[]).map((r) => r.year);
      db.close();
      return kept;
    };
    for (const [what, write] of writes) {
      const before = keptAfter(5, write);
      // Every write but the yearless one drops some year; the yearless cell speaks of none.
      expect(before.length < KEPT.length, what).toBe(!what.includes('without a year'));
      expect(keptAfter(6, write), what).toEqual(before);
    }
  });

  it('refuses a return state outside counted/superseded/withdrawn/duplicate', () => {
    const db = rawDb(path.join(makeTempDir(), 'w.tzdb'));
    migrateTo(db, 2);
    expect(() =>
      db.prepare(
        `INSERT INTO returns (sha256, file_name, bytes, imported_at, state) VALUES ('x', 'a.xlsx', x'00', '2024-03-02', 'deleted')`,
      ).run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });

  it('a failing step leaves the file at the version before it', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    createWorkbookAtVersion(file, 1);
    const db = rawDb(file);
    // A table 002 wants to create already exists: the step must roll back as a whole.
    db.exec('CREATE TABLE year_state (year INTEGER)');
    expect(() => migrateTo(db, 2)).toThrow(/already exists/);
    expect(readUserVersion(db)).toBe(1);
    expect(listTables(db)).not.toContain('returns');
    db.close();
  });

  for (let version = 1; version < LATEST_VERSION; version++) {
    it(`opening a workbook made at version ${version} upgrades it to ${LATEST_VERSION}, with a backup copy and an audit entry`, () => {
      const dir = makeTempDir();
      const file = path.join(dir, '临沂市台账.tzdb');
      createWorkbookAtVersion(file, version);

      const workbook = openWorkbook(file, { operator: '王统计' });
      expect(readUserVersion(workbook.db)).toBe(LATEST_VERSION);
      expect(readSchemaCopy(workbook.db)).toEqual(makeSchema());
      expect(readMeta(workbook.db).region).toBe('临沂市');
      const upgrades = listAudit(workbook.db).filter((entry) => entry.action === 'upgrade_workbook');
      expect(upgrades.map((entry) => entry.after)).toEqual(
        MIGRATIONS.slice(version).map((m) => expect.objectContaining({ version: m.version, migration: m.name })),
      );
      expect(upgrades.every((entry) => entry.operator === '王统计')).toBe(true);
      workbook.close();

      const backup = `${file}.bak-v${version}`;
      expect(listDir(dir)).toEqual([path.basename(file), path.basename(backup)].sort());
      const copy = new Database(backup, { readonly: true });
      expect(copy.pragma('user_version', { simple: true })).toBe(version);
      expect(copy.prepare('SELECT count(*) AS n FROM lock').get()).toEqual({ n: 0 });
      copy.close();
    });
  }

  it('refuses a workbook from a newer version with a clear message, leaving it untouched', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'w.tzdb');
    createWorkbookAtVersion(file, LATEST_VERSION);
    const db = rawDb(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();

    for (const readOnly of [false, true]) {
      expect(() => openWorkbook(file, { readOnly })).toThrow(
        expect.objectContaining({ code: 'workbook_too_new', message: expect.stringMatching(/更新版本.*请升级指标台账/) }),
      );
    }
    expect(listDir(dir)).toEqual(['w.tzdb']);
    expect(existsSync(`${file}.bak-v${LATEST_VERSION + 1}`)).toBe(false);
  });
});
