import type { Schema } from '../../shared/domain';
import { reconcile } from '../../shared/reconcile/consolidate';
import type { ReadDb } from '../store/db';
import { listRegions } from '../store/regions';
import { listReportedRecordsFor } from '../store/reported-values';
import { listResolutions } from '../store/resolutions';
import type { ReportedRecord, ReturnRecord } from '../../shared/reconcile/inputs';

export interface ValueKey {
  indicator: string;
  region: string;
  year: number;
}

export interface ValueChange extends ValueKey {
  before: { value: number | null; status: string };
  after: { value: number | null; status: string };
}

type Snapshot = Map<string, { value: number | null; status: string }>;

const keyText = (k: ValueKey) => `${k.indicator}\u001f${k.region}\u001f${k.year}`;

/**
 * The consolidated values of a few keys, computed from only the cells under them: what an
 * operation's audit entry records before and after, without consolidating the whole workbook.
 */
export function snapshotValues(db: ReadDb, schema: Schema, keys: readonly ValueKey[]): Snapshot {
  const wanted = new Set(keys.map(keyText));
  const codes = new Set(keys.map((k) => k.indicator));
  const years = [...new Set(keys.map((k) => k.year))];
  const regions = listRegions(db).map((r) => r.name);
  const workbookRegion = regions[0] ?? schema.region;
  const keyRegions = [...new Set(keys.map((k) => k.region))];
  // A 县区's value is consolidated from that 县区's cells alone; only the workbook region's own
  // value rolls up from the others, so only a key there needs every region's cells.
  const recordRegions = keyRegions.includes(workbookRegion) ? undefined : keyRegions;
  const records = listReportedRecordsFor(db, [...codes], years, recordRegions);
  const result = reconcile({
    schema: { indicators: schema.indicators.filter((i) => codes.has(i.code)), rules: [] },
    regions: [...new Set([...regions, ...keyRegions])],
    workbookRegion,
    years,
    valuesOnly: true,
    records,
    returns: returnsUnder(records),
    resolutions: listResolutions(db),
  });
  const snapshot: Snapshot = new Map();
  for (const v of result.values) {
    const k = keyText(v);
    if (wanted.has(k)) snapshot.set(k, { value: v.value, status: v.status });
  }
  return snapshot;
}

/**
 * The returns under these cells, as far as consolidating values asks of them: which count. (The
 * returns' own list is read past each stored file; the cells already carry what is needed.)
 */
function returnsUnder(records: readonly ReportedRecord[]): ReturnRecord[] {
  const returns = new Map<number, ReturnRecord>();
  for (const r of records) {
    if (returns.has(r.returnId)) continue;
    returns.set(r.returnId, { id: r.returnId, seq: r.returnSeq, file: r.file, bureau: r.bureau, region: r.region, year: r.year, state: r.returnState, contactPerson: null, contactPhone: null });
  }
  return [...returns.values()];
}

/** The keys whose value or status an operation changed, with both states. */
export function diffValues(keys: readonly ValueKey[], before: Snapshot, after: Snapshot): ValueChange[] {
  const changes: ValueChange[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    const k = keyText(key);
    if (seen.has(k)) continue;
    seen.add(k);
    const b = before.get(k) ?? { value: null, status: 'missing' };
    const a = after.get(k) ?? { value: null, status: 'missing' };
    if (b.value !== a.value || b.status !== a.status) {
      changes.push({ indicator: key.indicator, region: key.region, year: key.year, before: b, after: a });
    }
  }
  return changes;
}
