import { describe, expect, it } from 'vitest';
import { buildPeriodTable } from '../../../shared/tables/period-table';
import { flattenHeader, shownText } from '../../../shared/tables/table-layout';
import { assignedLinyi, linyiValues, progressFor } from './table-fixture';

const schema = assignedLinyi();

describe('buildPeriodTable', () => {
  it('has a column for every year of the plan period, — for years not yet reached', () => {
    const values = linyiValues([2022, 2023]);
    const layout = buildPeriodTable({ schema, region: '临沂市', values, latestYear: 2023, progress: progressFor(values, 2023), yearState: { signedOff: true, openErrors: 0 } });
    expect(layout.header[1]!.slice(5, 10)).toEqual(['2021年', '2022年', '2023年', '2024年', '2025年']);
    expect(layout.headerMerges).toContainEqual({ top: 0, left: 5, bottom: 0, right: 9 });
    expect(flattenHeader(layout).slice(4, 8)).toEqual(['基期值（2020年）', '2021年—2025年完成值/2021年', '2021年—2025年完成值/2022年', '2021年—2025年完成值/2023年']);
    const row = layout.body.find((r) => shownText(r[2]!) === '托位总数')!.map(shownText);
    expect(row.slice(3, 12)).toEqual(['万个', '0.6', '—', '1.5', '2.1', '—', '—', '5.0', '滞后']);
  });
});
