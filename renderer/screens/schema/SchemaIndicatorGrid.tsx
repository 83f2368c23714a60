import type { CellClassParams, ColDef, GridApi, ICellRendererParams, IRowNode, IsFullWidthRowParams, RowSelectionOptions, SelectionChangedEvent, SelectionColumnDef, ValueGetterParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { EditableField, Indicator, Schema } from '../../../shared/domain';
import {
  AGGREGATION_LABELS,
  ATTRIBUTE_CHOICES,
  DIRECTION_LABELS,
  NO_ATTRIBUTE_LABEL,
  NO_TARGET_OP_LABEL,
  SCOPE_LABELS,
  TARGET_OP_LABELS,
  UNASSIGNED_BUREAU,
} from '../../../shared/domain';
import { formatNumber } from '../../../shared/format/figures';
import { GRID_LOCALE } from '../../app/grid-locale';
import { targetText } from '../../components/SchemaFormat';

/** A full-width 领域 row above its indicators (community ag-grid has no row grouping). */
export type SchemaRow =
  | { kind: 'area'; id: string; area: string; count: number; undecided: number }
  | { kind: 'indicator'; id: string; indicator: Indicator };

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
    indicator.unit,
    indicator.reporter ?? '',
    ...indicator.aliases,
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

const listed = (names: readonly string[]) => (names.length > 0 ? names.join('、') : '');

/** A refused edit, shown beside its cell until the next edit. */
export interface CellRefusal {
  code: string;
  field: EditableField;
  message: string;
}

export interface SchemaIndicatorGridProps {
  schema: Schema;
  filter: string;
  readOnly: boolean;
  refusal: CellRefusal | null;
  /** The indicator to bring into view (one just added). */
  focusCode: string | null;
  onSelectionChanged(codes: string[]): void;
  /** A 填报单位 chosen in the cell's dropdown; null is 未指定. */
  onAssign(code: string, bureau: string | null): void;
  /** Changes after each bulk action: the selection it acted on is cleared, so the next cannot act on it again unseen. */
  selectionEpoch: number;
  /** Text typed (or chosen) in an editable cell; the grid keeps no edit of its own. */
  onEdit(code: string, field: EditableField, text: string): void;
  onDismissRefusal(): void;
  /** The indicator to bring into view is in view: it is not brought there again. */
  onFocused(): void;
}

type Editor = 'text' | 'largeText' | { select: string[] };

interface EditableColumn {
  field: EditableField;
  header: string;
  width: number;
  /** The cell's text, which the editor also starts from. */
  text(indicator: Indicator): string;
  editor?: Editor;
  right?: boolean;
  pinned?: boolean;
  tooltip?: boolean;
}

const figureText = (value: number | null) => formatNumber(value);

/** Every field the domain model has, in the order an officer reads a plan's table. */
function editableColumns(): { before: EditableColumn[]; after: EditableColumn[] } {
  const before: EditableColumn[] = [
    { field: 'name', header: '指标名称', width: 260, text: (i) => i.name, pinned: true },
    { field: 'unit', header: '单位', width: 76, text: (i) => i.unit },
    { field: 'baselineYear', header: '基期年', width: 70, text: (i) => String(i.baselineYear), right: true },
    { field: 'baselineValue', header: '基期值', width: 96, text: (i) => figureText(i.baselineValue), right: true },
    {
      field: 'targetOp',
      header: '比较',
      width: 64,
      text: (i) => (i.targetOp ? TARGET_OP_LABELS[i.targetOp] : NO_TARGET_OP_LABEL),
      editor: { select: [NO_TARGET_OP_LABEL, ...Object.values(TARGET_OP_LABELS)] },
    },
    { field: 'targetValue', header: '目标值', width: 104, text: (i) => targetText(i), right: true },
    { field: 'targetYear', header: '目标年', width: 70, text: (i) => String(i.targetYear), right: true },
    {
      field: 'attribute',
      header: '属性',
      width: 84,
      text: (i) => i.attribute || NO_ATTRIBUTE_LABEL,
      editor: { select: ATTRIBUTE_CHOICES.map((a) => a || NO_ATTRIBUTE_LABEL) },
    },
  ];
  const after: EditableColumn[] = [
    { field: 'direction', header: '方向', width: 92, text: (i) => DIRECTION_LABELS[i.direction], editor: { select: Object.values(DIRECTION_LABELS) } },
    { field: 'scope', header: '口径', width: 100, text: (i) => SCOPE_LABELS[i.scope], editor: { select: Object.values(SCOPE_LABELS) } },
    { field: 'aggregation', header: '汇总方式', width: 104, text: (i) => AGGREGATION_LABELS[i.aggregation], editor: { select: Object.values(AGGREGATION_LABELS) } },
    { field: 'formula', header: '计算公式', width: 150, text: (i) => i.formula ?? '', tooltip: true },
    { field: 'decimals', header: '小数位', width: 70, text: (i) => String(i.decimals), right: true },
    { field: 'area', header: '领域', width: 140, text: (i) => i.area, tooltip: true },
    { field: 'category', header: '类别', width: 96, text: (i) => i.category },
    { field: 'unitSynonyms', header: '同义单位', width: 96, text: (i) => listed(i.unitSynonyms) },
    { field: 'aliases', header: '别名', width: 180, text: (i) => listed(i.aliases), tooltip: true },
    { field: 'notes', header: '备注', width: 280, text: (i) => i.notes, editor: 'largeText', tooltip: true },
  ];
  return { before, after };
}

// The grid's options are the same objects on every render: a new one would end an edit in progress.
const DEFAULT_COLUMN: ColDef<SchemaRow> = { sortable: false, resizable: true, suppressMovable: true };
const ROW_SELECTION: RowSelectionOptions<SchemaRow> = {
  mode: 'multiRow',
  checkboxes: (p) => p.data?.kind === 'indicator',
  headerCheckbox: true,
  isRowSelectable: (node) => node.data?.kind === 'indicator',
  enableClickSelection: false,
};
const SELECTION_COLUMN: SelectionColumnDef = { pinned: 'left', width: 44 };

/** The cell's text as the grid shows it: no comparator and no 属性 are left blank. */
function shown(column: EditableColumn, value: string): string {
  if (column.field === 'targetOp' && value === NO_TARGET_OP_LABEL) return '';
  if (column.field === 'attribute' && value === NO_ATTRIBUTE_LABEL) return '';
  return value;
}

/**
 * One row per indicator under its 领域; every field edited in place (double-click, F2 or Enter),
 * 填报单位 chosen from the schema's bureaus. A refused edit is said beside its cell.
 */
export function SchemaIndicatorGrid({ schema, filter, readOnly, refusal, focusCode, selectionEpoch, onSelectionChanged, onAssign, onEdit, onDismissRefusal, onFocused }: SchemaIndicatorGridProps) {
  const gridApi = useRef<GridApi<SchemaRow> | null>(null);
  const box = useRef<HTMLDivElement | null>(null);
  const rows = useMemo(() => rowsOf(schema), [schema]);
  const bureaus = useMemo(() => [UNASSIGNED_BUREAU, ...schema.bureaus.map((bureau) => bureau.name)], [schema]);
  const filterText = filter.trim();
  // The columns stay the same objects while the screen re-renders: a new set would end an edit
  // in progress. What changes under them is read through these.
  const latest = useRef({ refusal, onEdit, onAssign, onDismissRefusal, onSelectionChanged, onFocused });
  latest.current = { refusal, onEdit, onAssign, onDismissRefusal, onSelectionChanged, onFocused };

  const columns = useMemo<ColDef<SchemaRow>[]>(() => {
    const editable = (p: { data?: SchemaRow | undefined }) => !readOnly && p.data?.kind === 'indicator';
    // A cellClass of our own replaces the rightAligned type's: its class is named here again.
    const refusedClass = (field: EditableField, right: boolean) => (p: CellClassParams<SchemaRow>) =>
      [
        right ? 'ag-right-aligned-cell' : '',
        readOnly || p.data?.kind !== 'indicator' ? '' : 'cell-editable',
        latest.current.refusal && ind(p.data)?.code === latest.current.refusal.code && latest.current.refusal.field === field ? 'cell-refused' : '',
      ]
        .filter(Boolean)
        .join(' ') || undefined;
    const column = (c: EditableColumn): ColDef<SchemaRow> => ({
      colId: c.field,
      headerName: c.header,
      width: c.width,
      ...(c.pinned ? { pinned: 'left' as const } : {}),
      ...(c.right ? { type: 'rightAligned' } : {}),
      editable,
      valueGetter: (p: ValueGetterParams<SchemaRow>) => {
        const indicator = ind(p.data);
        return indicator ? c.text(indicator) : '';
      },
      // Without a row, the dropdown editor asks for its choices' words: those stay as they are (无, 未注明).
      valueFormatter: (p) => (p.node ? shown(c, String(p.value ?? '')) : String(p.value ?? '')),
      valueSetter: (p) => {
        const indicator = ind(p.data);
        const typed = p.newValue === null || p.newValue === undefined ? '' : String(p.newValue);
        if (indicator && typed !== String(p.oldValue ?? '')) latest.current.onEdit(indicator.code, c.field, typed);
        return false;
      },
      ...(c.editor === 'largeText'
        ? { cellEditor: 'agLargeTextCellEditor', cellEditorPopup: true, cellEditorParams: { maxLength: 5000, rows: 8, cols: 50 } }
        : typeof c.editor === 'object'
          ? { cellEditor: 'agSelectCellEditor', cellEditorParams: { values: c.editor.select } }
          : { cellEditor: 'agTextCellEditor' }),
      ...(c.field === 'name' ? { cellRenderer: NameCell } : {}),
      ...(c.tooltip ? { tooltipValueGetter: (p) => String(p.value ?? '') } : {}),
      cellClass: refusedClass(c.field, c.right === true),
    });
    const { before, after } = editableColumns();
    return [
      { colId: 'code', headerName: '编码', width: 78, pinned: 'left', valueGetter: (p) => ind(p.data)?.code ?? '', headerTooltip: '编码不可修改：已下发的模板按编码对应' },
      ...before.map(column),
      {
        headerName: '填报单位',
        colId: 'reporter',
        width: 180,
        editable,
        valueGetter: (p) => {
          const indicator = ind(p.data);
          return indicator ? (indicator.reporter ?? UNASSIGNED_BUREAU) : '';
        },
        valueSetter: (p) => {
          const indicator = ind(p.data);
          const chosen = typeof p.newValue === 'string' ? p.newValue : '';
          const bureau = chosen === UNASSIGNED_BUREAU ? null : chosen;
          if (indicator && chosen !== '' && (bureau !== indicator.reporter || indicator.reporterProposed)) latest.current.onAssign(indicator.code, bureau);
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
      ...after.map(column),
    ];
  }, [bureaus, readOnly]);

  // A refusal marks its cell, and the one before is unmarked.
  const marked = useRef<CellRefusal | null>(null);
  useEffect(() => {
    const api = gridApi.current;
    const cells = [marked.current, refusal].filter((r): r is CellRefusal => r !== null);
    marked.current = refusal;
    if (!api || cells.length === 0) return;
    // A cell being edited is left alone (a refresh would end the edit); it is drawn again when the edit ends.
    const editing = new Set(api.getEditingCells().map((cell) => `${api.getDisplayedRowAtIndex(cell.rowIndex)?.id ?? ''}|${cell.column?.getColId() ?? ''}`));
    const waiting = cells.filter((r) => !editing.has(`${r.code}|${r.field}`));
    const rowNodes = waiting.map((r) => api.getRowNode(r.code)).filter((n): n is IRowNode<SchemaRow> => n !== undefined);
    if (rowNodes.length > 0) api.refreshCells({ rowNodes, columns: waiting.map((r) => r.field), force: true });
  }, [refusal]);

  useEffect(() => {
    gridApi.current?.onFilterChanged();
  }, [filterText]);

  useEffect(() => {
    if (selectionEpoch > 0) gridApi.current?.deselectAll();
  }, [selectionEpoch]);

  // The note stands just below the refused cell, inside the grid's box.
  const [notePlace, setNotePlace] = useState<{ top: number; left: number } | null>(null);
  const placeNote = useCallback(() => {
    const container = box.current;
    if (!refusal || !container) {
      setNotePlace(null);
      return;
    }
    const cell = container.querySelector<HTMLElement>(`.ag-row[row-id="${CSS.escape(refusal.code)}"] .ag-cell[col-id="${refusal.field}"]`);
    if (!cell) {
      setNotePlace(null);
      return;
    }
    const outer = container.getBoundingClientRect();
    const rect = cell.getBoundingClientRect();
    const noteWidth = Math.min(360, outer.width - 8);
    setNotePlace({ top: rect.bottom - outer.top + 2, left: Math.max(4, Math.min(rect.left - outer.left, outer.width - noteWidth - 4)) });
  }, [refusal]);

  useEffect(() => {
    window.addEventListener('resize', placeNote);
    return () => window.removeEventListener('resize', placeNote);
  }, [placeNote]);

  useLayoutEffect(() => {
    const api = gridApi.current;
    if (refusal && api) {
      const node = api.getRowNode(refusal.code);
      if (node) api.ensureNodeVisible(node);
      api.ensureColumnVisible(refusal.field);
    }
    // The grid draws the scrolled rows on its next frame.
    const frame = requestAnimationFrame(placeNote);
    return () => cancelAnimationFrame(frame);
  }, [refusal, placeNote, rows]);

  // An indicator just added is brought into view once the grid holds its row.
  const focusPending = useRef<string | null>(null);
  const bringIntoView = useCallback(() => {
    const api = gridApi.current;
    const code = focusPending.current;
    const node = code && api ? api.getRowNode(code) : undefined;
    if (!api || !node) return;
    focusPending.current = null;
    latest.current.onFocused();
    // On the grid's next frame, once the new row has its place.
    requestAnimationFrame(() => {
      api.ensureColumnVisible('unit');
      // In the middle of the view, with the rows around it (at the end, as far as the grid goes).
      api.ensureNodeVisible(node, 'middle');
      api.flashCells({ rowNodes: [node] });
    });
  }, []);
  useEffect(() => {
    focusPending.current = focusCode;
    bringIntoView();
  }, [focusCode, bringIntoView]);

  const filterPresent = useCallback(() => filterText !== '', [filterText]);
  const selectionChanged = useCallback((event: SelectionChangedEvent<SchemaRow>) => {
    latest.current.onSelectionChanged(event.api.getSelectedRows().flatMap((row) => (row.kind === 'indicator' ? [row.indicator.code] : [])));
  }, []);
  // Starting another edit puts the last refusal away.
  const editingStarted = useCallback(() => {
    if (latest.current.refusal) latest.current.onDismissRefusal();
  }, []);
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
    <div className="grid-box grid-box--fill grid-box--notes" data-testid="schema-grid" ref={box}>
      <AgGridReact<SchemaRow>
        rowData={rows}
        columnDefs={columns}
        localeText={GRID_LOCALE}
        defaultColDef={DEFAULT_COLUMN}
        getRowId={(params) => params.data.id}
        isFullWidthRow={isFullWidthRow}
        fullWidthCellRenderer={AreaRow}
        rowSelection={ROW_SELECTION}
        selectionColumnDef={SELECTION_COLUMN}
        isExternalFilterPresent={filterPresent}
        doesExternalFilterPass={passes}
        onGridReady={(event) => {
          gridApi.current = event.api;
        }}
        onSelectionChanged={selectionChanged}
        onBodyScroll={placeNote}
        onRowDataUpdated={bringIntoView}
        onCellEditingStarted={editingStarted}
        tooltipShowDelay={300}
        stopEditingWhenCellsLoseFocus
        // Two dozen columns of a few dozen indicators: all drawn, so that scrolling sideways never waits.
        suppressColumnVirtualisation
      />
      {refusal && notePlace ? (
        <div className="cell-refusal" role="alert" style={{ top: notePlace.top, left: notePlace.left }} data-testid="cell-refusal">
          <span>{refusal.message}</span>
          <button type="button" className="link-button cell-refusal__close" onClick={onDismissRefusal}>
            知道了
          </button>
        </div>
      ) : null}
    </div>
  );
}
