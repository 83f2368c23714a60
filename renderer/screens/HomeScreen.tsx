import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import type { TaiZhangApi } from '../../shared/api/contract';
import { isUserError } from '../../shared/api/errors';
import type { SchemaSummary } from '../../shared/domain';

const SCHEMA_COLUMNS: ColDef<SchemaSummary>[] = [
  { field: 'name', headerName: '指标体系', flex: 3, minWidth: 240 },
  { field: 'region', headerName: '地区', flex: 1, minWidth: 100 },
  { field: 'baseYear', headerName: '基期年', width: 100, type: 'rightAligned' },
  { field: 'targetYear', headerName: '目标年', width: 100, type: 'rightAligned' },
  { field: 'indicatorCount', headerName: '指标数', width: 100, type: 'rightAligned' },
];

type Loaded = { state: 'loading' } | { state: 'ready'; schemas: SchemaSummary[] } | { state: 'failed'; message: string };

export function HomeScreen({ api }: { api: TaiZhangApi }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    api.listSchemas({}).then(
      (schemas) => current && setLoaded({ state: 'ready', schemas }),
      (error: unknown) =>
        current && setLoaded({ state: 'failed', message: isUserError(error) ? error.message : '内部错误：无法读取内置指标体系。' }),
    );
    return () => {
      current = false;
    };
  }, [api]);

  return (
    <section className="screen" aria-labelledby="screen-home">
      <h1 id="screen-home" className="screen__title">
        首页
      </h1>
      <p className="empty-state">尚未打开工作簿。请在“文件”菜单中新建工作簿或打开已有的工作簿。</p>
      <h2 className="screen__subtitle">内置指标体系</h2>
      {loaded.state === 'failed' ? (
        <p className="error-text" role="alert">
          {loaded.message}
        </p>
      ) : (
        <div className="grid-box" data-testid="builtin-schemas">
          <AgGridReact<SchemaSummary>
            rowData={loaded.state === 'ready' ? loaded.schemas : null}
            columnDefs={SCHEMA_COLUMNS}
            getRowId={(params) => params.data.id}
            domLayout="autoHeight"
          />
        </div>
      )}
    </section>
  );
}
