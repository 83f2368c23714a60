import { describe, expect, it } from 'vitest';
import { listBuiltinSchemas } from '../../electron/services/builtin-schemas';
import { runTaizhang } from '../support/processes';

describe('taizhang schemas', () => {
  it('--json lists every built-in schema with its published indicator count', () => {
    const result = runTaizhang(['schemas', '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    const schemas = listBuiltinSchemas();
    expect(rows.map((row) => row.id)).toEqual(schemas.map((schema) => schema.id));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['id', 'name', 'region', 'baseYear', 'targetYear', 'indicatorCount']),
      );
      const schema = schemas.find((s) => s.id === row.id)!;
      expect(row.indicatorCount).toBe(schema.indicators.filter((i) => !i.auxiliary).length);
      expect(row.auxiliaryCount).toBe(schema.indicators.filter((i) => i.auxiliary).length);
    }
  });

  it('includes 临沂市’s plan: 31 indicators, 2020 to 2025', () => {
    const rows = JSON.parse(runTaizhang(['schemas', '--json']).stdout) as Record<string, unknown>[];
    // 临发改社会〔2022〕316号's table lists 31 indicators with 2020 values and 2025 targets.
    expect(rows.find((row) => row.id === 'linyi-2022')).toMatchObject({
      region: '临沂市',
      baseYear: 2020,
      targetYear: 2025,
      indicatorCount: 31,
    });
  });

  it('prints a table without --json', () => {
    const result = runTaizhang(['schemas']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('编号\t名称\t地区\t规划期\t指标数');
    expect(lines.some((line) => line.startsWith('linyi-2022\t') && line.includes('2020—2025年'))).toBe(true);
  });
});
