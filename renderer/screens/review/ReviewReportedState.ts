import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReportedValueRow, TaiZhangApi } from '../../../shared/api/contract';
import { messageOf } from '../../app/session';

/** 报送明细's state on the 核对 screen: the rows of the year, the filters, the selected row. */
export interface ReportedValuesState {
  /** The rows of the current year and region; null while they are being read. */
  rows: ReportedValueRow[] | null;
  error: string | null;
  filter: string;
  setFilter(text: string): void;
  onlyUnmatched: boolean;
  setOnlyUnmatched(only: boolean): void;
  /** How many rows pass the filters, as the grid last counted them. */
  shown: number;
  setShown(count: number): void;
  selected: ReportedValueRow | null;
  select(row: ReportedValueRow | null): void;
  /**
   * Starts reading the rows now. The tab calls it on the click itself: left to the effect, the
   * request would wait for the grid to be built first (a child's effects run before its parent's).
   */
  load(): void;
}

/**
 * Reads the rows the first time 报送明细 is opened, not with the screen: the worklist stays as
 * quick as before, and ten thousand rows are fetched only for the officer who looks at them.
 * They are read again when the year, the region or the workbook (a resolution, an import) change.
 */
export function useReportedValues(api: TaiZhangApi, active: boolean, query: { year: number; region: string | undefined; savedAt: string | null }): ReportedValuesState {
  const { year, region, savedAt } = query;
  const key = `${year}|${region ?? ''}|${savedAt ?? ''}`;
  const [loaded, setLoaded] = useState<{ key: string; rows: ReportedValueRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [onlyUnmatched, setOnlyUnmatched] = useState(false);
  const [shown, setShown] = useState(0);
  const [selectedId, setSelectedId] = useState<number | null>(null);

  const inFlight = useRef<string | null>(null);
  const load = useCallback(() => {
    if (loaded?.key === key || inFlight.current === key) return;
    inFlight.current = key;
    setError(null);
    // An answer for an earlier year or region (the officer moved on meanwhile) is dropped.
    api.listReportedValues({ year, ...(region === undefined ? {} : { region }) }).then(
      (answer) => {
        if (inFlight.current !== key) return;
        inFlight.current = null;
        setLoaded({ key, rows: answer });
      },
      (problem: unknown) => {
        if (inFlight.current !== key) return;
        inFlight.current = null;
        setError(messageOf(problem));
      },
    );
  }, [api, key, loaded?.key]);

  useEffect(() => {
    if (active) load();
  }, [active, load]);

  const rows = loaded?.key === key ? loaded.rows : null;
  const selected = useMemo(() => (rows && selectedId !== null ? (rows.find((row) => row.id === selectedId) ?? null) : null), [rows, selectedId]);
  return {
    rows,
    error,
    filter,
    setFilter,
    onlyUnmatched,
    setOnlyUnmatched,
    shown,
    setShown,
    selected,
    select: (row) => setSelectedId(row?.id ?? null),
    load,
  };
}
