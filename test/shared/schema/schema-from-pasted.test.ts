import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFromPastedTable } from '../../../shared/schema/schema-from-pasted';

const SEED_TABLE = readFileSync(new URL('../../fixtures/seeds/001-linyi-table.txt', import.meta.url), 'utf8');

describe('a schema from the Linyi table pasted out of the document', () => {
  const { schema } = schemaFromPastedTable(SEED_TABLE, { id: 'pasted', region: '临沂市' });

  it('is named once: the caption names it, the source says it was pasted', () => {
    expect(schema?.name).toBe('临沂市养老托育服务具体指标');
    expect(schema?.source).toBe('粘贴的指标表');
    // Each figure still cites the table it was read from.
    expect(schema?.indicators[0]?.notes).toMatch(/^临沂市养老托育服务具体指标：基本养老保险参保率（%）2020年 93\.5，2025年 95$/);
  });

  it('keeps 养老/托育 as each indicator’s category under its area', () => {
    const byName = new Map(schema!.indicators.map((i) => [i.name, i]));
    expect(byName.get('全市养老服务设施')).toMatchObject({ area: '服务资源总量', category: '养老' });
    expect(byName.get('登记备案的托育机构数')).toMatchObject({ area: '服务资源总量', category: '托育' });
    expect(byName.get('基本养老保险参保率')).toMatchObject({ area: '社会保障情况', category: '' });
  });
});
