import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import type { Rule, Schema } from '../../../shared/domain';
import { expressionText, ruleOpText } from '../../../shared/format/rules';

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

/** 校验规则: each rule with indicator names in place of codes. */
export function SchemaRulesGrid({ schema }: { schema: Schema }) {
  const rows = useMemo(() => {
    const names = new Map(schema.indicators.map((indicator) => [indicator.code, indicator.name]));
    return schema.rules.map((rule) => rowOf(rule, names));
  }, [schema]);
  if (rows.length === 0) return <p className="empty-state">本指标体系没有校验规则。</p>;
  return (
    <div className="grid-box grid-box--fill" data-testid="rules-grid">
      <AgGridReact<RuleRow> rowData={rows} columnDefs={COLUMNS} getRowId={(params) => params.data.id} tooltipShowDelay={300} />
    </div>
  );
}
