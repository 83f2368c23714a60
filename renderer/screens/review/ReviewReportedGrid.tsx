import type {
  CellFocusedEvent,
  ColDef,
  FirstDataRenderedEvent,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  ICellRendererParams,
  IRowNode,
  ModelUpdatedEvent,
  RowClassRules,
  RowDataUpdatedEvent,
  RowSelectionOptions,
  SelectionChangedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReportedValueRow } from '../../../shared/api/contract';
import { GRID_LOCALE } from '../../app/grid-locale';
import { indicatorNameText, matchMethodText, rawTextShown, reportedValueText, sourceText } from './ReviewReportedFormat';

function CodeCell({ data }: ICellRendererParams<ReportedValueRow>) {
  if (!data) return null;
  if (data.indicator === null) return <span className="tag tag--unmatched">未匹配</span>;
  return <span>{data.indicator}</span>;
}

function MatchCell({ data }: ICellRendererParams<ReportedValueRow>) {
  if (!data) return null;
  const text = matchMethodText(data);
  return <span className={data.indicator === null ? 'match-method match-method--none' : `match-method match-method--${data.matchMethod}`}>{text}</span>;
}

const byNumber = (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity);

const COLUMNS: ColDef<ReportedValueRow>[] = [
  {
    headerName: '指标代码',
    colId: 'indicator',
    width: 76,
    valueGetter: (p) => p.data?.indicator ?? '',
    cellRenderer: CodeCell,
  },
  {
    headerName: '指标名称',
    colId: 'name',
    flex: 1.2,
    minWidth: 140,
    valueGetter: (p) => (p.data ? indicatorNameText(p.data) : ''),
    tooltipValueGetter: (p) => {
      const row = p.data;
      if (!row) return '';
      if (row.name === null) return `报表中的行名“${row.rowName}”，未对应到指标`;
      return row.rowName !== row.name ? `报表中写作“${row.rowName}”` : row.name;
    },
  },
  { headerName: '填报单位', colId: 'bureau', width: 124, valueGetter: (p) => p.data?.bureau ?? '', tooltipValueGetter: (p) => p.data?.bureau ?? '' },
  { headerName: '地区', colId: 'region', width: 64, valueGetter: (p) => p.data?.region ?? '' },
  {
    headerName: '报送值',
    colId: 'value',
    width: 92,
    type: 'rightAligned',
    // The type's own class keeps the figure right-aligned; a bare cellClass would replace it.
    cellClass: ['ag-right-aligned-cell', 'cell-figure'],
    valueGetter: (p) => p.data?.value ?? null,
    valueFormatter: (p) => (p.data ? reportedValueText(p.data) : ''),
    comparator: byNumber,
    // What the cell held when it differs from the figure shown: 52.5%, 1,012, ——.
    tooltipValueGetter: (p) => {
      const raw = p.data ? rawTextShown(p.data) : null;
      return raw === null ? '' : `原填：${raw}`;
    },
  },
  { headerName: '计量单位', colId: 'unit', width: 78, valueGetter: (p) => p.data?.unit ?? '' },
  { headerName: '匹配方式', colId: 'match', width: 76, valueGetter: (p) => (p.data ? matchMethodText(p.data) : ''), cellRenderer: MatchCell },
  {
    headerName: '来源',
    colId: 'source',
    flex: 1.5,
    minWidth: 160,
    valueGetter: (p) => (p.data ? sourceText(p.data) : ''),
    tooltipValueGetter: (p) => (p.data ? sourceText(p.data) : ''),
  },
];

const DEFAULT_COLUMN: ColDef<ReportedValueRow> = { sortable: true, resizable: true, suppressMovable: true };
const ROW_SELECTION: RowSelectionOptions<ReportedValueRow> = { mode: 'singleRow', checkboxes: false, enableClickSelection: true };

/**
 * What the filter box searches in a row: each column as shown, the row's label as the bureau
 * wrote it (an alias, a sub-item), and 未匹配 for a row that matched no indicator. Made once per
 * row and kept, lower-cased, so that a keystroke compares text and builds none.
 */
function searchTextOf(row: ReportedValueRow): string {
  return [
    row.indicator ?? '未匹配',
    indicatorNameText(row),
    row.rowName,
    row.bureau,
    row.region,
    reportedValueText(row),
    row.unit,
    matchMethodText(row),
    sourceText(row),
  ]
    .join('\n')
    .toLowerCase();
}

const searchTexts = new WeakMap<ReportedValueRow, string>();

function searchText(row: ReportedValueRow): string {
  let text = searchTexts.get(row);
  if (text === undefined) {
    text = searchTextOf(row);
    searchTexts.set(row, text);
  }
  return text;
}

/** The filter box's words: a row passes when it holds every one (as ag-grid's quick filter would). */
function wordsOf(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter((word) => word !== '');
}

/** Rows made ready for searching a slice at a time while the page is idle, after the grid is drawn. */
function prepareSearchTexts(rows: readonly ReportedValueRow[]): () => void {
  let next = 0;
  let handle = 0;
  const work = (deadline: IdleDeadline) => {
    while (next < rows.length && deadline.timeRemaining() > 1) {
      const end = Math.min(rows.length, next + 500);
      for (; next < end; next += 1) searchText(rows[next]!);
    }
    if (next < rows.length) handle = requestIdleCallback(work);
  };
  handle = requestIdleCallback(work);
  return () => cancelIdleCallback(handle);
}

/**
 * A long list is drawn first as its head, then whole: ag-grid makes a row object for every row
 * before it draws any, which for fifty thousand rows held the first screenful back by a third of
 * a second. The head is more than a screenful; the whole list follows right after that frame.
 */
const HEAD_ROWS = 200;

/**
 * Back from the other tab: the row chosen before is chosen again and scrolled into view, once it
 * is among the rows the grid holds.
 */
function restoreSelection(api: GridApi<ReportedValueRow>, id: number | null): void {
  const node = id === null ? undefined : api.getRowNode(String(id));
  if (!node || node.isSelected()) return;
  node.setSelected(true, true);
  api.ensureNodeVisible(node, 'middle');
}

const ROW_CLASS_RULES: RowClassRules<ReportedValueRow> = {
  'reported-row--unmatched': (p) => p.data?.indicator === null,
};

export interface ReviewReportedGridProps {
  /** null while the rows are being read: the grid shows its loading overlay. */
  rows: ReportedValueRow[] | null;
  /** The filter box's text: every word must appear in the row. */
  filter: string;
  onlyUnmatched: boolean;
  selectedId: number | null;
  onSelect(row: ReportedValueRow | null): void;
  /** How many rows pass the filters, after each filtering or new data. */
  onShownChange(count: number): void;
}

/**
 * 报送明细: every reported cell of the year, one row each. ag-grid draws only the rows in view
 * (row virtualisation), which keeps ten thousand and more as quick as a hundred.
 */
export function ReviewReportedGrid({ rows, filter, onlyUnmatched, selectedId, onSelect, onShownChange }: ReviewReportedGridProps) {
  const gridApi = useRef<GridApi<ReportedValueRow> | null>(null);
  // The grid's callbacks are made once: a new function or object on every render would have
  // ag-grid apply the option again (and filter ten thousand rows again) on each keystroke.
  const words = useMemo(() => wordsOf(filter), [filter]);
  const latest = useRef({ onlyUnmatched, words, selectedId, onSelect, onShownChange });
  latest.current = { onlyUnmatched, words, selectedId, onSelect, onShownChange };

  // Only the grid's first rows are drawn from the head; a list read again later (after an
  // import or a resolution) goes in whole, so that ag-grid keeps the selection and the scroll.
  const [whole, setWhole] = useState(false);
  const gridRows = useMemo(() => (rows === null || whole || rows.length <= HEAD_ROWS ? rows : rows.slice(0, HEAD_ROWS)), [rows, whole]);
  const headOnly = gridRows !== rows;
  const afterHead = useRef<() => void>(() => undefined);
  afterHead.current = () => {
    if (headOnly) setWhole(true);
  };

  // The filter box and 只看未匹配 are one external filter over text made once per row: ag-grid's
  // quick filter built each row's text from every column on the first keystroke, which with
  // fifty thousand rows held that keystroke for half a second.
  useEffect(() => {
    gridApi.current?.onFilterChanged();
  }, [words, onlyUnmatched]);

  useEffect(() => (rows ? prepareSearchTexts(rows) : undefined), [rows]);

  // A new filter starts reading from the top, not wherever the long list was scrolled to.
  useEffect(() => {
    const api = gridApi.current;
    if (api && api.getDisplayedRowCount() > 0) api.ensureIndexVisible(0, 'top');
  }, [filter, onlyUnmatched]);

  const callbacks = useMemo(
    () => ({
      getRowId: (params: GetRowIdParams<ReportedValueRow>) => String(params.data.id),
      isExternalFilterPresent: () => latest.current.onlyUnmatched || latest.current.words.length > 0,
      doesExternalFilterPass: (node: IRowNode<ReportedValueRow>) => {
        const row = node.data;
        if (!row) return false;
        const { onlyUnmatched: only, words: wanted } = latest.current;
        if (only && row.indicator !== null) return false;
        if (wanted.length === 0) return true;
        const text = searchText(row);
        return wanted.every((word) => text.includes(word));
      },
      onGridReady: (event: GridReadyEvent<ReportedValueRow>) => {
        gridApi.current = event.api;
      },
      onFirstDataRendered: (event: FirstDataRenderedEvent<ReportedValueRow>) => {
        restoreSelection(event.api, latest.current.selectedId);
        // The head is on screen once this frame is painted; the whole list goes in after it.
        requestAnimationFrame(() => setTimeout(() => afterHead.current(), 0));
      },
      onRowDataUpdated: (event: RowDataUpdatedEvent<ReportedValueRow>) => restoreSelection(event.api, latest.current.selectedId),
      onModelUpdated: (event: ModelUpdatedEvent<ReportedValueRow>) => latest.current.onShownChange(event.api.getDisplayedRowCount()),
      // Moving with ↑/↓ (or Tab) in the grid selects the row, so the detail panel follows the keyboard.
      onCellFocused: (event: CellFocusedEvent<ReportedValueRow>) => {
        if (event.rowIndex === null || event.rowPinned) return;
        event.api.getDisplayedRowAtIndex(event.rowIndex)?.setSelected(true, true);
      },
      onSelectionChanged: (event: SelectionChangedEvent<ReportedValueRow>) => latest.current.onSelect(event.api.getSelectedRows()[0] ?? null),
    }),
    [],
  );

  return (
    <div className="grid-box grid-box--fill" data-testid="reported-grid">
      <AgGridReact<ReportedValueRow>
        rowData={gridRows}
        loading={rows === null}
        columnDefs={COLUMNS}
        defaultColDef={DEFAULT_COLUMN}
        localeText={GRID_LOCALE}
        rowClassRules={ROW_CLASS_RULES}
        // Rows jump to their place when sorted or filtered: ten thousand sliding rows are no help to read.
        animateRows={false}
        rowSelection={ROW_SELECTION}
        tooltipShowDelay={400}
        {...callbacks}
      />
    </div>
  );
}
