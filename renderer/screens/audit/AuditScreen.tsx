import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useState } from 'react';
import type { AuditEntry } from '../../../shared/api/contract';
import type { Schema } from '../../../shared/domain';
import { messageOf, useSession } from '../../app/session';
import type { AuditLine } from './AuditSummary';
import { auditCsv, auditLines } from './AuditSummary';

const COLUMNS: ColDef<AuditLine>[] = [
  { field: 'at', headerName: '时间', width: 168 },
  { field: 'operator', headerName: '操作人', width: 96, tooltipValueGetter: (p) => (p.data ? `系统账户 ${p.data.osUser}` : '') },
  { field: 'action', headerName: '操作', width: 140 },
  { field: 'target', headerName: '对象', width: 240, tooltipField: 'target' },
  { field: 'change', headerName: '变更', flex: 1, minWidth: 320, wrapText: true, autoHeight: true, cellClass: 'cell-wrap' },
  { field: 'note', headerName: '说明', width: 180, tooltipField: 'note' },
];

function saveCsv(lines: readonly AuditLine[], name: string): void {
  const url = URL.createObjectURL(new Blob([auditCsv(lines)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 审计日志: who did what, when, and what it changed; newest first. */
export function AuditScreen() {
  const { api, info } = useSession();
  const [records, setRecords] = useState<AuditEntry[] | null>(null);
  const [schema, setSchema] = useState<Schema | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [indicator, setIndicator] = useState('');
  const [person, setPerson] = useState('');
  const [search, setSearch] = useState('');

  useEffect(() => {
    let current = true;
    Promise.all([api.listAudit({}), api.getSchema({})]).then(
      ([log, answer]) => {
        if (!current) return;
        setRecords(log);
        setSchema(answer);
      },
      (error: unknown) => current && setLoadError(messageOf(error)),
    );
    return () => {
      current = false;
    };
  }, [api, info?.savedAt]);

  const names = useMemo(() => new Map((schema?.indicators ?? []).map((entry) => [entry.code, entry.name])), [schema]);
  const lines = useMemo(() => (records ? auditLines(records, names) : []), [records, names]);
  const people = useMemo(() => [...new Set(lines.map((line) => line.operator))].sort((a, b) => a.localeCompare(b, 'zh-CN')), [lines]);
  const touched = useMemo(() => {
    const codes = new Set(lines.flatMap((line) => line.indicators));
    return (schema?.indicators ?? []).filter((entry) => codes.has(entry.code));
  }, [lines, schema]);
  const shown = useMemo(
    () =>
      lines.filter(
        (line) =>
          (indicator === '' || line.indicators.includes(indicator)) &&
          (person === '' || line.operator === person) &&
          (search.trim() === '' || `${line.action} ${line.target} ${line.change} ${line.note}`.includes(search.trim())),
      ),
    [lines, indicator, person, search],
  );

  return (
    <section className="screen screen--fill" aria-labelledby="screen-audit">
      <h1 id="screen-audit" className="screen__title">
        审计日志
      </h1>
      {loadError ? (
        <p className="error-text" role="alert">
          {loadError}
        </p>
      ) : null}
      <div className="toolbar" role="toolbar" aria-label="筛选审计日志">
        <label className="toolbar__group">
          <span className="form-label">指标</span>
          <select className="select" value={indicator} onChange={(event) => setIndicator(event.target.value)} data-testid="audit-indicator">
            <option value="">全部指标</option>
            {touched.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.code} {entry.name}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__group">
          <span className="form-label">操作人</span>
          <select className="select" value={person} onChange={(event) => setPerson(event.target.value)} data-testid="audit-person">
            <option value="">全部</option>
            {people.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <input
          className="text-input"
          data-grid-filter
          aria-label="查找"
          placeholder="查找：文件名、单位、说明"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <span className="toolbar__count">
          共 {lines.length} 条{shown.length !== lines.length ? `，显示 ${shown.length} 条` : ''}
        </span>
        <button
          type="button"
          className="button"
          disabled={shown.length === 0}
          onClick={() => saveCsv(shown, `${info?.name.replace(/\.tzdb$/i, '') ?? '工作簿'}_审计日志.csv`)}
        >
          导出
        </button>
      </div>
      {records && lines.length === 0 ? (
        <p className="empty-state">尚无操作记录。新建工作簿、导入报表、处理核对问题后，每一步都会记在这里。</p>
      ) : (
        <div className="grid-box grid-box--fill" data-testid="audit-grid">
          <AgGridReact<AuditLine> rowData={records ? shown : null} columnDefs={COLUMNS} getRowId={(params) => String(params.data.id)} tooltipShowDelay={300} />
        </div>
      )}
    </section>
  );
}
