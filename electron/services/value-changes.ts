import { selfRegion, valueKey, type Indicator, type Schema, type ValueChange, type ValueKey, type ValueState } from '../../shared/domain';
import { consolidateKeyAlone, reconcile } from '../../shared/reconcile/consolidate';
import type { ReadDb } from '../store/db';
import { listRegions } from '../store/regions';
import { listReportedRecordsAt, listReportedRecordsFor, yearHoldsCells } from '../store/reported-values';
import { listResolutions } from '../store/resolutions';
import type { ReportedRecord, ResolutionRecord, ReturnRecord } from '../../shared/domain';

type Snapshot = Map<string, ValueState>;

const keyText = (k: ValueKey) => valueKey(k.indicator, k.region, k.year);

/** What consolidating a few keys needs of the workbook besides their cells. */
interface WorkbookFacts {
  regions: string[];
  workbookRegion: string;
  resolutions: ResolutionRecord[];
}

function readFacts(db: ReadDb, schema: Schema): WorkbookFacts {
  const regions = listRegions(db);
  return { regions: regions.map((r) => r.name), workbookRegion: selfRegion(regions) ?? schema.region, resolutions: listResolutions(db) };
}

/**
 * The consolidated values of a few keys, computed from only the cells under them: what an
 * operation's audit entry records before and after, without consolidating the whole workbook.
 */
export function snapshotValues(db: ReadDb, schema: Schema, keys: readonly ValueKey[]): Snapshot {
  const facts = readFacts(db, schema);
  // A 县区's value is consolidated from that 县区's cells alone, so its keys are read exactly.
  // Only the workbook region's own value rolls up from the others: a key there needs every
  // region's cells.
  const records = rollsUp(facts, keys) ? listReportedRecordsFor(db, [...new Set(keys.map((k) => k.indicator))], [...new Set(keys.map((k) => k.year))]) : listReportedRecordsAt(db, keys);
  return consolidateKeys(schema, facts, keys, records);
}

function rollsUp(facts: WorkbookFacts, keys: readonly ValueKey[]): boolean {
  return keys.some((k) => k.region === facts.workbookRegion);
}

function consolidateKeys(schema: Schema, facts: WorkbookFacts, keys: readonly ValueKey[], records: ReportedRecord[]): Snapshot {
  // No cell and no resolution: every key is missing (an absent key reads as missing), as
  // consolidation would find. The first import of a year meets this for each file's keys.
  if (records.length === 0 && facts.resolutions.length === 0) return new Map();
  if (standsAlone(facts, keys)) {
    const cells = byKey(records);
    return consolidateEachKey(schema, keys, (k) => cells.get(k));
  }
  const wanted = new Set(keys.map(keyText));
  const codes = new Set(keys.map((k) => k.indicator));
  const keyRegions = [...new Set(keys.map((k) => k.region))];
  const result = reconcile({
    schema: { indicators: schema.indicators.filter((i) => codes.has(i.code)), rules: [] },
    regions: rollsUp(facts, keys) ? [...new Set([...facts.regions, ...keyRegions])] : keyRegions,
    workbookRegion: facts.workbookRegion,
    years: [...new Set(keys.map((k) => k.year))],
    valuesOnly: true,
    records,
    returns: returnsUnder(records),
    resolutions: facts.resolutions,
  });
  const snapshot: Snapshot = new Map();
  for (const v of result.values) {
    const k = keyText(v);
    if (wanted.has(k)) snapshot.set(k, { value: v.value, status: v.status });
  }
  return snapshot;
}

/**
 * Keys that no decision touches and that nothing rolls up into, each from its own cells
 * (consolidateKeyAlone), as reconciling them together would answer: the usual case of an
 * import's audit, without reconciling around each file.
 */
function consolidateEachKey(schema: Schema, keys: readonly ValueKey[], cellsOf: (key: string) => readonly ReportedRecord[] | undefined): Snapshot {
  const indicators = indicatorsOf(schema);
  const snapshot: Snapshot = new Map();
  for (const key of keys) {
    const k = keyText(key);
    const own = cellsOf(k);
    const indicator = indicators.get(key.indicator);
    // No cell, or an indicator the schema no longer has: missing, as an absent key reads.
    if (!own || !indicator || snapshot.has(k)) continue;
    snapshot.set(k, consolidateKeyAlone(indicator, key.region, key.year, own));
  }
  return snapshot;
}

/** Whether these keys can be consolidated each alone: no decision in the workbook, and none of them rolls up. */
function standsAlone(facts: WorkbookFacts, keys: readonly ValueKey[]): boolean {
  return facts.resolutions.length === 0 && !rollsUp(facts, keys);
}

/** Records by their key, each list in the records' order; unmatched rows left out. */
function byKey(records: readonly ReportedRecord[]): Map<string, ReportedRecord[]> {
  const cells = new Map<string, ReportedRecord[]>();
  for (const r of records) {
    if (r.indicator === null) continue;
    const k = valueKey(r.indicator, r.region, r.year);
    const list = cells.get(k);
    if (list) list.push(r);
    else cells.set(k, [r]);
  }
  return cells;
}

const indicatorMaps = new WeakMap<Schema, Map<string, Indicator>>();

function indicatorsOf(schema: Schema): Map<string, Indicator> {
  let map = indicatorMaps.get(schema);
  if (!map) indicatorMaps.set(schema, (map = new Map(schema.indicators.map((i) => [i.code, i]))));
  return map;
}

/**
 * Before/after snapshots across one import batch, from what the batch already knows. Storing a
 * return changes only the cells at its own keys, and nothing else changes while the batch runs
 * (no resolution, no region, no other return's state: the window's writes wait for the batch,
 * AppService.wrote), so cells are read from the store once
 * and then kept, with each stored return's cells added: a 县区 key's own cells, and for a key in
 * the workbook's own region (which rolls up from every region) every region's cells of its
 * indicator and year. A batch of many returns does not re-read, nor reconcile, the workbook
 * around every file.
 */
export class BatchSnapshots {
  private readonly cells = new Map<string, ReportedRecord[]>();
  /** Every region's cells of one (indicator, year), for the keys that roll up. */
  private readonly wide = new Map<string, ReportedRecord[]>();
  /** Each 县区 key's value as last snapshotted after a committed return. */
  private readonly known: Snapshot = new Map();
  /**
   * Whether the store held any cell of a year when the batch first met it. A year that held none
   * (a year's first import) is not read again: every cell of it is one this batch stored, kept
   * as it was stored, whatever key it is at.
   */
  private readonly yearHeld = new Map<number, boolean>();
  private readonly facts: WorkbookFacts;

  constructor(
    private readonly db: ReadDb,
    private readonly schema: Schema,
  ) {
    this.facts = readFacts(db, schema);
  }

  /** The keys' values now. */
  snapshot(keys: readonly ValueKey[]): Snapshot {
    if (rollsUp(this.facts, keys)) return consolidateKeys(this.schema, this.facts, keys, this.wideCellsOf(keys));
    const unknown = keys.filter((k) => !this.known.has(keyText(k)));
    const snapshot = unknown.length === 0 ? new Map<string, ValueState>() : this.consolidateAt(unknown, []);
    for (const k of keys) {
      const state = this.known.get(keyText(k));
      if (state) snapshot.set(keyText(k), state);
    }
    return snapshot;
  }

  /**
   * The keys' values once this stored (not yet committed) return's cells count too: `added`,
   * every one of its records as the store now holds them (insertNewReturnValues).
   */
  snapshotWith(keys: readonly ValueKey[], added: readonly ReportedRecord[]): { snapshot: Snapshot; commit: () => void } {
    const snapshot = rollsUp(this.facts, keys)
      ? consolidateKeys(this.schema, this.facts, keys, [...this.wideCellsOf(keys), ...added])
      : this.consolidateAt(keys, added);
    // What is kept changes only once the return stands (its savepoint released); a batch whose
    // commit failed starts its snapshots afresh.
    const commit = () => {
      for (const r of added) {
        if (r.indicator === null) continue;
        const key = { indicator: r.indicator, region: r.region, year: r.year };
        const k = keyText(key);
        const kept = this.cells.get(k);
        if (kept) kept.push(r);
        else if (this.yearHeld.get(r.year) === false) this.cells.set(k, [r]);
        this.wide.get(pairText(key))?.push(r);
      }
      for (const k of keys) {
        if (k.region !== this.facts.workbookRegion) this.known.set(keyText(k), snapshot.get(keyText(k)) ?? { value: null, status: 'missing' });
      }
    };
    return { snapshot, commit };
  }

  /** 县区 keys from the cells kept of them and a return's `added` records after them. */
  private consolidateAt(keys: readonly ValueKey[], added: readonly ReportedRecord[]): Snapshot {
    this.readCells(keys);
    if (standsAlone(this.facts, keys)) {
      const more = byKey(added);
      return consolidateEachKey(this.schema, keys, (k) => {
        const own = this.cells.get(k);
        const its = more.get(k);
        return its ? [...(own ?? []), ...its] : own;
      });
    }
    // A decision may map any of the return's rows, matched or not, onto these keys: all go in.
    const records = inIdOrder(keys.map((k) => this.cells.get(keyText(k))!));
    return consolidateKeys(this.schema, this.facts, keys, [...records, ...added]);
  }

  /** Reads from the store the cells of the keys not yet read this batch. */
  private readCells(keys: readonly ValueKey[]): void {
    const unread = keys.filter((k) => !this.cells.has(keyText(k)));
    for (const k of unread) this.cells.set(keyText(k), []);
    const stored = unread.filter((k) => this.held(k.year));
    if (stored.length === 0) return;
    for (const r of listReportedRecordsAt(this.db, stored)) this.cells.get(keyText({ indicator: r.indicator!, region: r.region, year: r.year }))!.push(r);
  }

  private held(year: number): boolean {
    let held = this.yearHeld.get(year);
    if (held === undefined) this.yearHeld.set(year, (held = yearHoldsCells(this.db, year)));
    return held;
  }

  /** Every region's cells of the keys' indicators and years. */
  private wideCellsOf(keys: readonly ValueKey[]): ReportedRecord[] {
    const pairs = [...new Set(keys.map(pairText))];
    const unread = keys.filter((k) => !this.wide.has(pairText(k)));
    if (unread.length > 0) {
      const fresh = new Set(unread.map(pairText));
      for (const pair of fresh) this.wide.set(pair, []);
      const read = listReportedRecordsFor(this.db, [...new Set(unread.map((k) => k.indicator))], [...new Set(unread.map((k) => k.year))]);
      for (const r of read) {
        const pair = pairText({ indicator: r.indicator!, region: r.region, year: r.year });
        if (fresh.has(pair)) this.wide.get(pair)!.push(r);
      }
    }
    return inIdOrder(pairs.map((pair) => this.wide.get(pair)!));
  }
}

const pairText = (k: ValueKey) => `${k.indicator}\u0000${k.year}`;

/** The records of several lists once each, in the order they were stored (consolidation depends on it). */
function inIdOrder(lists: readonly (readonly ReportedRecord[])[]): ReportedRecord[] {
  const records = new Map<number, ReportedRecord>();
  for (const list of lists) for (const r of list) records.set(r.id, r);
  return [...records.values()].sort((a, b) => a.id - b.id);
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
