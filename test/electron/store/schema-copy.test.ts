import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkbook, openWorkbook } from '../../../electron/store/open';
import { listRegions } from '../../../electron/store/regions';
import { readSchemaCopy } from '../../../electron/store/schema-copy';
import { LINYI_SUBREGIONS, makeSchema } from '../../support/schema-fixture';
import { makeTempDir } from '../../support/temp-dir';

describe('the workbook’s schema copy', () => {
  it('reads back exactly the schema it was created from, indicators in order', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    createWorkbook(file, { schema: makeSchema(), subregions: LINYI_SUBREGIONS }).close();
    const workbook = openWorkbook(file, { readOnly: true });
    const copy = readSchemaCopy(workbook.db);
    expect(copy).toEqual(makeSchema());
    expect(copy.indicators.map((i) => i.code)).toEqual(['LY01', 'LY03', 'LY08', 'LY14', 'LY06', 'LY24', 'AUX01']);
    workbook.close();
  });

  it('keeps figures the document leaves open (--) as null, never 0', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    const workbook = createWorkbook(file, { schema: makeSchema() });
    const township = readSchemaCopy(workbook.db).indicators.find((i) => i.code === 'LY08');
    expect(township).toMatchObject({ baselineValue: null, targetValue: 60, targetOp: '>=' });
    workbook.close();
  });

  it('does not change when the schema it came from changes later', () => {
    const file = path.join(makeTempDir(), 'w.tzdb');
    const schema = makeSchema();
    createWorkbook(file, { schema }).close();
    schema.indicators[0]!.targetValue = 99;
    const workbook = openWorkbook(file);
    expect(readSchemaCopy(workbook.db).indicators[0]?.targetValue).toBe(95);
    workbook.close();
  });

  it('lists the region first, then 县区 and 功能区 in the order given', () => {
    const workbook = createWorkbook(path.join(makeTempDir(), 'w.tzdb'), {
      schema: makeSchema(),
      subregions: LINYI_SUBREGIONS,
    });
    expect(listRegions(workbook.db)).toEqual([
      { name: '临沂市', parent: null, kind: 'self' },
      { name: '兰山区', parent: '临沂市', kind: 'county' },
      { name: '罗庄区', parent: '临沂市', kind: 'county' },
      { name: '河东区', parent: '临沂市', kind: 'county' },
      { name: '郯城县', parent: '临沂市', kind: 'county' },
      { name: '沂水县', parent: '临沂市', kind: 'county' },
      { name: '临沂高新技术产业开发区', parent: '临沂市', kind: 'zone' },
    ]);
    workbook.close();
  });

  it('refuses a sub-region listed twice or equal to the workbook’s region', () => {
    const dir = makeTempDir();
    expect(() => createWorkbook(path.join(dir, 'a.tzdb'), { schema: makeSchema(), subregions: ['兰山区', '兰山区'] })).toThrow(
      expect.objectContaining({ code: 'bad_subregions', message: expect.stringContaining('兰山区') }),
    );
    expect(() => createWorkbook(path.join(dir, 'b.tzdb'), { schema: makeSchema(), subregions: ['临沂市'] })).toThrow(
      expect.objectContaining({ code: 'bad_subregions' }),
    );
  });
});
