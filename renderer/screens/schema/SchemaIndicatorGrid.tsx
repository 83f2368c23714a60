import type { ColDef, GridApi, ICellRendererParams, IRowNode, IsFullWidthRowParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { Indicator, Schema } from '../../../shared/domain';
import { UNASSIGNED_BUREAU } from '../../../shared/domain';
import { formatNumber } from '../../../shared/format/figures';
import { GRID_LOCALE } from '../../app/grid-locale';
import { targetText } from '../../components/SchemaFormat';

/** A full-width 领域 row above its indicators (community ag-grid has no row grouping). */
export type SchemaRow =
  | { kind: 'area'; id: string; area: string; count: number; undecided: number }
  | { kind: 'indicator'; id: string; indicator: Indicator };

type IndicatorRow = Extract<SchemaRow, { kind: 'indicator' }>;

function rowsOf(schema: Schema): SchemaRow[] {
  const rows: SchemaRow[] = [];
  const areas = [...new Set(schema.indicators.map((indicator) => indicator.area))];
  for (const area of areas) {
    const members = schema.indicators.filter((indicator) => indicator.area === area);
    const undecided = members.filter((indicator) => !indicator.reporter || indicator.reporterProposed).length;
    rows.push({ kind: 'area', id: `area:${area}`, area, count: members.length, undecided });
    for (const indicator of members) rows.push({ kind: 'indicator', id: indicator.code, indicator });
  }
  return rows;
}

function matches(indicator: Indicator, filter: string): boolean {
  const { responsibility } = indicator;
  const haystack = [
    indicator.code,
    indicator.name,
    indicator.area,
    indicator.reporter ?? '',
    ...responsibility.leadBureaus,
    ...responsibility.coBureaus,
    ...responsibility.jointBureaus,
  ].join(' ');
  return filter.split(/\s+/).every((word) => haystack.includes(word));
}

const ind = (data: SchemaRow | undefined): Indicator | null => (data?.kind === 'indicator' ? data.indicator : null);

function AreaRow({ data }: ICellRendererParams<SchemaRow>) {
  if (data?.kind !== 'area') return null;
  return (
    <div className="area-row">
      <span className="area-row__name">{data.area}</span>
      <span className="area-row__count">
        {data.count} 项{data.undecided > 0 ? `，${data.undecided} 项未确定填报单位` : ''}
      </span>
    </div>
  );
}

function NameCell({ data }: ICellRendererParams<SchemaRow>) {
  const indicator = ind(data);
  if (!indicator) return null;
  return (
    <span title={indicator.notes || indicator.name}>
      {indicator.name}
      {indicator.auxiliary ? <span className="tag tag--muted">辅助</span> : null}
    </span>
  );
}

function ReporterCell({ data }: ICellRendererParams<SchemaRow>) {
  const indicator = ind(data);
  if (!indicator) return null;
  if (!indicator.reporter) return <span className="reporter-missing">{UNASSIGNED_BUREAU}</span>;
  if (indicator.reporterProposed) return <span className="reporter-proposed" title="系统建议，尚未确认">「建议」{indicator.reporter}</span>;
  return <span>{indicator.reporter}</span>;
}

const listed = (names: string[]) => (names.length > 0 ? names.join('、') : '');

export interface SchemaIndicatorGridProps {
  schema: Schema;
  filter: string;
  readOnly: boolean;
  onSelectionChanged(codes: string[]): void;
  /** A 填报单位 chosen in the cell's dropdown; null is 未指定. */
  onAssign(code: string, bureau: string | null): void;
  /** Changes after each bulk action: the selection it acted on is cleared, so the next cannot act on it again unseen. */
  selectionEpoch: number;
}

/** One row per indicator under its 领域; 填报单位 chosen in place from the schema's bureaus. */
export function SchemaIndicatorGrid({ schema, filter, readOnly, onSelectionChanged, onAssign, selectionEpoch }: SchemaIndicatorGridProps) {
  const gridApi = useRef<GridApi<SchemaRow> | null>(null);
  const rows = useMemo(() => rowsOf(schema), [schema]);
  const bureaus = useMemo(() => [UNASSIGNED_BUREAU, ...schema.bureaus.map((bureau) => bureau.name)], [schema]);

  useEffect(() => {
    if (selectionEpoch > 0) gridApi.current?.deselectAll();
  }, [selectionEpoch]);
  const filterText = filter.trim();

  const columns = useMemo<ColDef<SchemaRow>[]>(
    () => [
      { headerName: '编码', width: 78, pinned: 'left', valueGetter: (p) => ind(p.data)?.code ?? '' },
      { headerName: '指标名称', width: 280, pinned: 'left', valueGetter: (p) => ind(p.data)?.name ?? '', cellRenderer: NameCell },
      { headerName: '单位', width: 76, valueGetter: (p) => ind(p.data)?.unit ?? '' },
      {
        headerName: `基期值（${schema.baseYear}年）`,
        width: 140,
        type: 'rightAligned',
        valueGetter: (p) => {
          const indicator = ind(p.data);
          return indicator ? formatNumber(indicator.baselineValue) : '';
        },
      },
      {
        headerName: `目标值（${schema.targetYear}年）`,
        width: 140,
        type: 'rightAligned',
        valueGetter: (p) => {
          const indicator = ind(p.data);
          return indicator ? targetText(indicator) : '';
        },
      },
      { headerName: '属性', width: 76, valueGetter: (p) => ind(p.data)?.attribute ?? '' },
      {
        headerName: '填报单位',
        colId: 'reporter',
        width: 180,
        editable: (p) => !readOnly && p.data?.kind === 'indicator',
        valueGetter: (p) => {
          const indicator = ind(p.data);
          return indicator ? (indicator.reporter ?? UNASSIGNED_BUREAU) : '';
        },
        // The grid never holds an edit of its own: the choice goes to the workbook and the grid reloads.
        valueSetter: (p) => {
          const indicator = ind(p.data);
          const chosen = typeof p.newValue === 'string' ? p.newValue : '';
          const bureau = chosen === UNASSIGNED_BUREAU ? null : chosen;
          if (indicator && chosen !== '' && (bureau !== indicator.reporter || indicator.reporterProposed)) onAssign(indicator.code, bureau);
          return false;
        },
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: bureaus },
        cellRenderer: ReporterCell,
        cellClass: (p) => (readOnly || p.data?.kind !== 'indicator' ? undefined : 'cell-editable'),
      },
      { headerName: '牵头单位', width: 150, valueGetter: (p) => listed(ind(p.data)?.responsibility.leadBureaus ?? []), tooltipValueGetter: (p) => p.value as string },
      { headerName: '配合单位', width: 150, valueGetter: (p) => listed(ind(p.data)?.responsibility.coBureaus ?? []), tooltipValueGetter: (p) => p.value as string },
      {
        headerName: '共同负责',
        width: 200,
        valueGetter: (p) => {
          const responsibility = ind(p.data)?.responsibility;
          return responsibility ? listed([...responsibility.jointBureaus, ...responsibility.localGovernments]) : '';
        },
        tooltipValueGetter: (p) => p.value as string,
      },
    ],
    [schema, bureaus, readOnly, onAssign],
  );

  useEffect(() => {
    gridApi.current?.onFilterChanged();
  }, [filterText]);

  const isFullWidthRow = useCallback((params: IsFullWidthRowParams<SchemaRow>) => params.rowNode.data?.kind === 'area', []);
  const passes = useCallback(
    (node: IRowNode<SchemaRow>) => {
      const data = node.data;
      if (!data) return false;
      if (data.kind === 'indicator') return matches(data.indicator, filterText);
      // A 领域 row stays while any of its indicators does.
      return schema.indicators.some((indicator) => indicator.area === data.area && matches(indicator, filterText));
    },
    [filterText, schema],
  );

  return (
    <div className="grid-box grid-box--fill" data-testid="schema-grid">
      <AgGridReact<SchemaRow>
        rowData={rows}
        columnDefs={columns}
        localeText={GRID_LOCALE}
        defaultColDef={{ sortable: false, resizable: true, suppressMovable: true }}
        getRowId={(params) => params.data.id}
        isFullWidthRow={isFullWidthRow}
        fullWidthCellRenderer={AreaRow}
        rowSelection={{
          mode: 'multiRow',
          checkboxes: (p) => p.data?.kind === 'indicator',
          headerCheckbox: true,
          isRowSelectable: (node) => node.data?.kind === 'indicator',
          enableClickSelection: false,
        }}
        selectionColumnDef={{ pinned: 'left', width: 44 }}
        isExternalFilterPresent={() => filterText !== ''}
        doesExternalFilterPass={passes}
        onGridReady={(event) => {
          gridApi.current = event.api;
        }}
        onSelectionChanged={(event) =>
          onSelectionChanged(event.api.getSelectedRows().flatMap((row) => (row.kind === 'indicator' ? [row.indicator.code] : [])))
        }
        tooltipShowDelay={300}
        stopEditingWhenCellsLoseFocus
      />
    </div>
  );
}
