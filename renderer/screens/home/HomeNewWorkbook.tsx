import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useRef, useState } from 'react';
import type { FileBytes, PastedSchemaPreview, SchemaSource } from '../../../shared/api/contract';
import { isUserError } from '../../../shared/api/errors';
import type { SchemaSummary } from '../../../shared/domain';
import { formatClock, splitNames } from '../../app/format';
import { GRID_LOCALE } from '../../app/grid-locale';
import { messageOf, useSession } from '../../app/session';
import { WriteRefusalNotice } from '../../components/WriteRefusal';
import { HomePastePreview } from './HomePastePreview';

const SCHEMA_COLUMNS: ColDef<SchemaSummary>[] = [
  { field: 'name', headerName: '指标体系', flex: 3, minWidth: 260, tooltipField: 'name' },
  { field: 'region', headerName: '地区', flex: 1, minWidth: 100 },
  { field: 'baseYear', headerName: '基期年', width: 90, type: 'rightAligned' },
  { field: 'targetYear', headerName: '目标年', width: 90, type: 'rightAligned' },
  { field: 'indicatorCount', headerName: '指标数', width: 90, type: 'rightAligned' },
];

type SourceKind = 'builtin' | 'file' | 'text';

const SOURCES: { kind: SourceKind; title: string; hint: string }[] = [
  { kind: 'builtin', title: '内置指标体系', hint: '已整理好的规划指标，含填报单位建议' },
  { kind: 'file', title: '导入 Excel 指标表', hint: '一行一个指标：指标名称、单位、基期值、目标值' },
  { kind: 'text', title: '粘贴政策文件中的指标表', hint: '从规划文件中复制表格，随即显示识别结果' },
];

interface Refusal {
  message: string;
  /** workbook_exists: she may choose to overwrite. */
  overwrite: boolean;
  /** The source it speaks of: a refusal about one source is not shown under another. */
  kind: SourceKind;
}

/** The file name a new workbook gets: 临沂市养老托育指标台账.tzdb beside the last one opened. */
function suggestedPath(folder: string, region: string): string {
  return region === '' || folder === '' ? '' : `${folder}${region}指标台账.tzdb`;
}

/** 新建工作簿: a schema from one of three sources, the region and its sub-regions, and where to keep the file. */
export function HomeNewWorkbook({ schemas, folder }: { schemas: SchemaSummary[] | null; folder: string }) {
  const { api, refresh, setStatus, go } = useSession();
  const [kind, setKind] = useState<SourceKind>('builtin');
  const [builtin, setBuiltin] = useState<SchemaSummary | null>(null);
  const [file, setFile] = useState<FileBytes | null>(null);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<PastedSchemaPreview | null>(null);
  const [pending, setPending] = useState(false);
  const [region, setRegion] = useState('');
  const [subregions, setSubregions] = useState('');
  const [path, setPath] = useState('');
  const [pathTouched, setPathTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  // A refusal answers the last 新建工作簿: any change to what it was about makes it stale.
  const edited = <T,>(set: (value: T) => void) => (value: T) => {
    setRefusal(null);
    set(value);
  };

  // The refusal sits right above the button; a long paste box may have pushed both below the
  // window, so the two are brought into view together.
  useEffect(() => {
    if (refusal) formRef.current?.scrollIntoView({ block: 'nearest' });
  }, [refusal]);

  // The paste box is read as she types; a short pause keeps each keystroke from a round trip.
  useEffect(() => {
    if (text.trim() === '') {
      setPreview(null);
      return;
    }
    let current = true;
    setPending(true);
    const timer = window.setTimeout(() => {
      api.previewPastedSchema({ text }).then(
        (answer) => current && setPreview(answer),
        (error: unknown) => current && setRefusal({ message: messageOf(error), overwrite: false, kind: 'text' }),
      ).finally(() => current && setPending(false));
    }, 250);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [api, text]);

  const shownPath = pathTouched ? path : suggestedPath(folder, region.trim());

  const chooseBuiltin = (schema: SchemaSummary | null) => {
    setRefusal(null);
    setBuiltin(schema);
    if (schema && region.trim() === '') setRegion(schema.region);
  };

  const source = (): SchemaSource | string => {
    if (kind === 'builtin') return builtin ? { builtin: builtin.id } : '尚未选择内置指标体系。请在列表中点选一个指标体系。';
    if (kind === 'file') return file ? { file } : '尚未选择 Excel 指标表。请点“选择文件”选取 .xlsx 指标表。';
    if (text.trim() === '') return '粘贴框是空的。请把政策文件中的指标表粘贴进来。';
    if (preview && preview.rows.length === 0) return '粘贴的内容中没有识别出指标。请连同表头一起复制指标表，再粘贴。';
    return { text };
  };

  const create = async (force: boolean) => {
    const chosen = source();
    const target = shownPath.trim();
    const problem =
      typeof chosen === 'string'
        ? chosen
        : region.trim() === ''
          ? '尚未填写地区。请填写本工作簿所属的地区，例如 临沂市。'
          : target === ''
            ? '尚未填写新工作簿的保存位置。请填写 .tzdb 文件的完整路径。'
            : !target.toLowerCase().endsWith('.tzdb')
              ? '工作簿文件名须以 .tzdb 结尾。请在路径末尾加上 .tzdb。'
              : null;
    if (problem || typeof chosen === 'string') {
      setRefusal({ message: problem ?? '', overwrite: false, kind });
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const info = await api.createWorkbook({ path: target, source: chosen, region: region.trim(), subregions: splitNames(subregions), force });
      await refresh();
      setStatus(`已新建“${info.name}” ${formatClock(new Date())}`);
      go('schema');
    } catch (error) {
      setRefusal({ message: messageOf(error), overwrite: isUserError(error) && error.code === 'workbook_exists', kind });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="new-workbook" data-testid="new-workbook">
      <div className="source-cards" role="radiogroup" aria-label="指标体系来源">
        {SOURCES.map((entry) => (
          <button
            key={entry.kind}
            type="button"
            role="radio"
            aria-checked={kind === entry.kind}
            className="source-card"
            onClick={() => edited(setKind)(entry.kind)}
          >
            <span className="source-card__title">{entry.title}</span>
            <span className="source-card__hint">
              {entry.kind === 'builtin' && schemas ? `${schemas.length} 套；` : ''}
              {entry.hint}
            </span>
          </button>
        ))}
      </div>

      <div className="source-body">
        {kind === 'builtin' ? (
          <div className="grid-box" data-testid="builtin-schemas">
            <AgGridReact<SchemaSummary>
              rowData={schemas}
              columnDefs={SCHEMA_COLUMNS}
              localeText={GRID_LOCALE}
              getRowId={(params) => params.data.id}
              domLayout="autoHeight"
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
              onSelectionChanged={(event) => chooseBuiltin(event.api.getSelectedRows()[0] ?? null)}
              onFirstDataRendered={(event) => {
                const chosen = builtin ? event.api.getRowNode(builtin.id) : null;
                chosen?.setSelected(true);
              }}
            />
          </div>
        ) : null}
        {kind === 'file' ? (
          <div className="form-row">
            <label className="form-label" htmlFor="schema-file">
              Excel 指标表
            </label>
            <input
              id="schema-file"
              type="file"
              accept=".xlsx,.xlsm,.xls"
              onChange={async (event) => {
                const chosen = event.target.files?.[0];
                edited(setFile)(chosen ? { name: chosen.name, bytes: new Uint8Array(await chosen.arrayBuffer()) } : null);
              }}
            />
            <span className="form-hint">{file ? `已选择：${file.name}` : '第一张工作表的表头须含“指标名称”，可含单位、基期值、目标值、牵头单位。'}</span>
          </div>
        ) : null}
        {kind === 'text' ? (
          <div className="paste-box">
            <textarea
              className="paste-box__text"
              aria-label="粘贴指标表"
              placeholder="在此粘贴指标表，例如：&#10;领域	指标名称	单位	2020年	2025年"
              value={text}
              onChange={(event) => edited(setText)(event.target.value)}
            />
            <HomePastePreview preview={preview} pending={pending} />
          </div>
        ) : null}
      </div>

      <form
        ref={formRef}
        className="new-workbook__fields"
        onSubmit={(event) => {
          event.preventDefault();
          void create(false);
        }}
      >
        {refusal && refusal.kind === kind ? (
          <WriteRefusalNotice refusal={refusal} busy={busy} testId="create-refusal" className="new-workbook__refusal" onOverwrite={() => void create(true)} />
        ) : null}
        <label className="form-field">
          <span className="form-label">地区</span>
          <input className="text-input" value={region} onChange={(event) => edited(setRegion)(event.target.value)} placeholder="例如 临沂市" />
        </label>
        <label className="form-field form-field--grow">
          <span className="form-label">县区/功能区</span>
          <input
            className="text-input"
            value={subregions}
            onChange={(event) => edited(setSubregions)(event.target.value)}
            placeholder="用逗号或顿号分隔，例如 兰山区、罗庄区、河东区"
          />
        </label>
        <label className="form-field form-field--wide">
          <span className="form-label">保存为</span>
          <input
            className="text-input"
            value={shownPath}
            onChange={(event) => {
              setPathTouched(true);
              edited(setPath)(event.target.value);
            }}
            placeholder="新工作簿 .tzdb 文件的完整路径"
          />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          新建工作簿
        </button>
      </form>
    </div>
  );
}
