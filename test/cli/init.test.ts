import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTaizhang, spawnHolder } from '../support/processes';
import { makeSchema } from '../support/schema-fixture';
import { listDir, makeTempDir } from '../support/temp-dir';
import { expectRefused } from './cli-expect';

function fixtureDir(): string {
  const dir = makeTempDir();
  writeFileSync(path.join(dir, 'schema.json'), JSON.stringify(makeSchema()));
  return dir;
}

describe('taizhang init', () => {
  it('creates the workbook with region and sub-regions, leaving only the .tzdb', () => {
    const dir = makeTempDir();
    const result = runTaizhang(
      ['init', '台账.tzdb', '--schema', 'linyi-2022', '--subregions', '兰山区,罗庄区，河东区、临沂高新技术产业开发区'],
      { cwd: dir },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const file = path.join(dir, '台账.tzdb');
    expect(result.stdout).toContain(`已创建工作簿：${file}`);
    expect(result.stdout).toContain('下辖 4 个：兰山区、罗庄区、河东区、临沂高新技术产业开发区');
    expect(listDir(dir)).toEqual(['台账.tzdb']);

    const db = new Database(file, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['meta', 'schema_info', 'indicators', 'regions', 'audit', 'lock', 'returns', 'reported_values']));
    expect(db.prepare('SELECT schema_id, region, base_year, target_year FROM schema_info').get()).toEqual({
      schema_id: 'linyi-2022',
      region: '临沂市',
      base_year: 2020,
      target_year: 2025,
    });
    expect(db.prepare('SELECT count(*) AS n FROM indicators WHERE auxiliary = 0').get()).toEqual({ n: 31 });
    expect(db.prepare("SELECT name, kind FROM regions WHERE kind = 'zone'").all()).toEqual([{ name: '临沂高新技术产业开发区', kind: 'zone' }]);
    expect(db.prepare('SELECT count(*) AS n FROM lock').get()).toEqual({ n: 0 });
    db.close();
  });

  it('takes a schema file and a region other than the schema’s', () => {
    const dir = fixtureDir();
    const result = runTaizhang(['init', 'out/兰山区.tzdb', '--schema', 'schema.json', '--region', '兰山区', '--operator', '王统计'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(listDir(path.join(dir, 'out'))).toEqual(['兰山区.tzdb']);
    const db = new Database(path.join(dir, 'out', '兰山区.tzdb'), { readonly: true });
    expect(db.prepare('SELECT name, kind FROM regions').all()).toEqual([{ name: '兰山区', kind: 'self' }]);
    expect(db.prepare('SELECT operator, action FROM audit').all()).toEqual([{ operator: '王统计', action: 'create_workbook' }]);
    db.close();
  });

  it('refuses to overwrite an existing workbook without --force, and replaces it with', () => {
    const dir = fixtureDir();
    expect(runTaizhang(['init', 'w.tzdb', '--schema', 'schema.json', '--region', '兰山区'], { cwd: dir }).status).toBe(0);
    expectRefused(runTaizhang(['init', 'w.tzdb', '--schema', 'schema.json'], { cwd: dir }), /已存在.*--force/);

    const db = new Database(path.join(dir, 'w.tzdb'), { readonly: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'region'").get()).toEqual({ value: '兰山区' });
    db.close();

    expect(runTaizhang(['init', 'w.tzdb', '--schema', 'schema.json', '--force'], { cwd: dir }).status).toBe(0);
    const again = new Database(path.join(dir, 'w.tzdb'), { readonly: true });
    expect(again.prepare("SELECT value FROM meta WHERE key = 'region'").get()).toEqual({ value: '临沂市' });
    again.close();
    expect(listDir(dir)).toEqual(['schema.json', 'w.tzdb']);
  });

  it('never replaces a workbook another process has open, even with --force', async () => {
    const dir = fixtureDir();
    expect(runTaizhang(['init', 'w.tzdb', '--schema', 'schema.json'], { cwd: dir }).status).toBe(0);
    const holder = await spawnHolder(path.join(dir, 'w.tzdb'));
    const result = runTaizhang(['init', 'w.tzdb', '--schema', 'schema.json', '--force'], { cwd: dir });
    expect(await holder.stop()).toBe(0);
    expectRefused(result, new RegExp(`工作簿正被另一程序使用：“w\\.tzdb”已由计算机“${os.hostname()}”上的账户“${os.userInfo().username}”自 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 起打开`));
    expect(listDir(dir)).toEqual(['schema.json', 'w.tzdb']);
  });

  it('refuses bad usage with one line naming the problem and the usage', () => {
    const dir = fixtureDir();
    expectRefused(runTaizhang(['init'], { cwd: dir }), /缺少工作簿路径。用法：taizhang init/);
    expectRefused(runTaizhang(['init', 'w.tzdb'], { cwd: dir }), /缺少选项 --schema。用法：/);
    expectRefused(runTaizhang(['init', 'w.tzdb', '--schema'], { cwd: dir }), /选项 --schema 缺少值/);
    expectRefused(runTaizhang(['init', 'w.tzdb', '--schema', 'schema.json', '--colour', 'red'], { cwd: dir }), /不认识的选项 --colour/);
    expectRefused(runTaizhang(['init', 'w.tzdb', 'x.tzdb', '--schema', 'schema.json'], { cwd: dir }), /多余的参数“x\.tzdb”/);
    expectRefused(runTaizhang(['init', 'w.xlsx', '--schema', 'schema.json'], { cwd: dir }), /应以 \.tzdb 结尾/);
    expectRefused(runTaizhang(['init', 'w.tzdb', '--schema', 'schema.json', '--subregions', '兰山区,兰山区'], { cwd: dir }), /兰山区.*重复/);
    expectRefused(runTaizhang(['init', 'w.tzdb', '--schema', 'no-such'], { cwd: dir }), /没有编号为“no-such”的内置指标体系/);
    writeFileSync(path.join(dir, 'regionless.json'), JSON.stringify(makeSchema({ id: 'common-fixture', region: '' })));
    expectRefused(runTaizhang(['init', 'w.tzdb', '--schema', 'regionless.json'], { cwd: dir }), /没有指定地区，请用 --region/);
    expect(listDir(dir)).toEqual(['regionless.json', 'schema.json']);
  });

  it('refuses a malformed schema file, naming the file and the field', () => {
    const dir = makeTempDir();
    const schema = makeSchema();
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ ...schema, indicators: [{ ...schema.indicators[0], targetOp: '≥' }] }));
    expectRefused(runTaizhang(['init', 'w.tzdb', '--schema', 'bad.json'], { cwd: dir }), /“bad\.json”格式有误：字段 indicators\[0\]\.targetOp/);
    expect(listDir(dir)).toEqual(['bad.json']);
  });
});

describe('taizhang, generally', () => {
  it('refuses an unknown command, listing the commands', () => {
    expectRefused(runTaizhang(['improt', 'w.tzdb']), /不认识的命令“improt”。可用命令：schemas、schema、init/);
  });

  it('prints help with status 0', () => {
    const result = runTaizhang(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('taizhang init <工作簿.tzdb>');
  });
});
