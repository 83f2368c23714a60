import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import type { Rule, Schema } from '../../../shared/domain';
import { expressionText, ruleOpText } from '../../../shared/format/rules';
import { GRID_LOCALE } from '../../app/grid-locale';

interface RuleRow {
  id: string;
  name: string;
  left: string;
  op: string;
  right: string;
  tolerance: string;
  note: string;
}

const COLUMNS: ColDef<RuleRow>[] = [
  { field: 'id', headerName: '编号', width: 72 },
  { field: 'name', headerName: '名称', width: 260, tooltipField: 'name' },
  { field: 'left', headerName: '左边', width: 200, tooltipField: 'left' },
  { field: 'op', headerName: '关系', width: 70, cellClass: 'cell-center' },
  { field: 'right', headerName: '右边', width: 280, tooltipField: 'right' },
  { field: 'tolerance', headerName: '容差', width: 130, type: 'rightAligned' },
  { field: 'note', headerName: '说明', flex: 1, minWidth: 260, tooltipField: 'note' },
];

function rowOf(rule: Rule, names: ReadonlyMap<string, string>): RuleRow {
  return {
    id: rule.id,
    name: rule.name,
    left: expressionText(rule.left, names),
    op: ruleOpText(rule.op),
    right: expressionText(rule.right, names),
    // null: half a unit in the last published decimal of the left side (DESIGN "rule_violation").
    tolerance: rule.tolerance === null ? '末位半个单位' : String(rule.tolerance),
    note: rule.note,
  };
}

export interface SchemaRulesGridProps {
  schema: Schema;
  readOnly: boolean;
  busy: boolean;
  selected: string | null;
  onSelect(id: string | null): void;
  onAdd(): void;
  onRemove(id: string): void;
}

/** 校验规则: each rule with indicator names in place of codes; 新增规则 and 删除 above it. */
export function SchemaRulesGrid({ schema, readOnly, busy, selected, onSelect, onAdd, onRemove }: SchemaRulesGridProps) {
  const rows = useMemo(() => {
    const names = new Map(schema.indicators.map((indicator) => [indicator.code, indicator.name]));
    return schema.rules.map((rule) => rowOf(rule, names));
  }, [schema]);
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="编辑校验规则">
        <button type="button" className="button button--primary" disabled={readOnly || busy} onClick={onAdd}>
          新增规则
        </button>
        <button type="button" className="button" disabled={readOnly || busy || selected === null} onClick={() => selected && onRemove(selected)}>
          删除所选规则
        </button>
        <span className="toolbar__count">{selected ? `已选规则 ${selected}` : '点击一行选择规则'}</span>
      </div>
      {rows.length === 0 ? (
        <p className="empty-state">本指标体系还没有校验规则。点击“新增规则”，用指标编码写出两边的算式。</p>
      ) : (
        <div className="grid-box grid-box--fill" data-testid="rules-grid">
          <AgGridReact<RuleRow>
            rowData={rows}
            columnDefs={COLUMNS}
            localeText={GRID_LOCALE}
            getRowId={(params) => params.data.id}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onSelectionChanged={(event) => onSelect(event.api.getSelectedRows()[0]?.id ?? null)}
            tooltipShowDelay={300}
          />
        </div>
      )}
    </>
  );
}
