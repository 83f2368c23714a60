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
  RowSelectionOptions,
  SelectionChangedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef } from 'react';
import type { ReportedValueRow } from '../../shared/api/contract';
import { GRID_LOCALE } from '../app/grid-locale';
import { indicatorNameText, matchMethodText, reportedValueText, sourceText } from './ReviewReportedFormat';

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
    // Typing 未匹配 in the filter box finds the rows that matched no indicator.
    getQuickFilterText: (p) => p.data?.indicator ?? '未匹配',
    cellRenderer: CodeCell,
  },
  {
    headerName: '指标名称',
    colId: 'name',
    flex: 1.2,
    minWidth: 140,
    valueGetter: (p) => (p.data ? indicatorNameText(p.data) : ''),
    // The row's label as the bureau wrote it is searchable too (an alias, a sub-item).
    getQuickFilterText: (p) => (p.data ? `${p.data.name ?? ''} ${p.data.rowName}` : ''),
    tooltipValueGetter: (p) => {
      const row = p.data;
      if (!row) return '';
      if (row.name === null) return `报表中的行名“${row.rowName}”，未对应到指标`;
      return row.rowName !== row.name ? `报表中写作“${row.rowName}”` : row.name;
    },
  },
  { headerName: '填报单位', colId: 'bureau', width: 124, valueGetter: (p) => p.data?.source.bureau ?? '', tooltipValueGetter: (p) => p.data?.source.bureau ?? '' },
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
    getQuickFilterText: (p) => (p.data ? reportedValueText(p.data) : ''),
    // What the cell held when it differs from the figure shown: 52.5%, 1,012, ——.
    tooltipValueGetter: (p) => (p.data && p.data.rawText.trim() !== reportedValueText(p.data) ? `原填：${p.data.rawText}` : ''),
  },
  { headerName: '计量单位', colId: 'unit', width: 78, valueGetter: (p) => p.data?.unit ?? '' },
  { headerName: '匹配方式', colId: 'match', width: 76, valueGetter: (p) => (p.data ? matchMethodText(p.data) : ''), cellRenderer: MatchCell },
  {
    headerName: '来源',
    colId: 'source',
    flex: 1.5,
    minWidth: 160,
    valueGetter: (p) => (p.data ? sourceText(p.data.source) : ''),
    tooltipValueGetter: (p) => (p.data ? sourceText(p.data.source) : ''),
  },
];

const DEFAULT_COLUMN: ColDef<ReportedValueRow> = { sortable: true, resizable: true, suppressMovable: true };
const ROW_SELECTION: RowSelectionOptions<ReportedValueRow> = { mode: 'singleRow', checkboxes: false, enableClickSelection: true };

const ROW_CLASS_RULES: RowClassRules<ReportedValueRow> = {
  'reported-row--unmatched': (p) => p.data?.indicator === null,
};

export interface ReviewReportedGridProps {
  /** null while the rows are being read: the grid shows its loading overlay. */
  rows: ReportedValueRow[] | null;
  /** The quick filter box's text: every word must appear in the row. */
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
  const latest = useRef({ onlyUnmatched, selectedId, onSelect, onShownChange });
  latest.current = { onlyUnmatched, selectedId, onSelect, onShownChange };

  useEffect(() => {
    gridApi.current?.onFilterChanged();
  }, [onlyUnmatched]);

  // A new filter starts reading from the top, not wherever the long list was scrolled to.
  useEffect(() => {
    const api = gridApi.current;
    if (api && api.getDisplayedRowCount() > 0) api.ensureIndexVisible(0, 'top');
  }, [filter, onlyUnmatched]);

  const callbacks = useMemo(
    () => ({
      getRowId: (params: GetRowIdParams<ReportedValueRow>) => String(params.data.id),
      isExternalFilterPresent: () => latest.current.onlyUnmatched,
      doesExternalFilterPass: (node: IRowNode<ReportedValueRow>) => node.data?.indicator === null,
      onGridReady: (event: GridReadyEvent<ReportedValueRow>) => {
        gridApi.current = event.api;
      },
      // Back from the other tab: the row chosen before is chosen again and scrolled into view.
      onFirstDataRendered: (event: FirstDataRenderedEvent<ReportedValueRow>) => {
        const { selectedId: id } = latest.current;
        const node = id === null ? undefined : event.api.getRowNode(String(id));
        if (!node) return;
        node.setSelected(true, true);
        event.api.ensureNodeVisible(node, 'middle');
      },
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
        rowData={rows}
        loading={rows === null}
        columnDefs={COLUMNS}
        defaultColDef={DEFAULT_COLUMN}
        localeText={GRID_LOCALE}
        rowClassRules={ROW_CLASS_RULES}
        // Rows jump to their place when sorted or filtered: ten thousand sliding rows are no help to read.
        animateRows={false}
        rowSelection={ROW_SELECTION}
        quickFilterText={filter}
        // Each row's searchable text is built once, not again for every keystroke.
        cacheQuickFilter
        tooltipShowDelay={400}
        {...callbacks}
      />
    </div>
  );
}
