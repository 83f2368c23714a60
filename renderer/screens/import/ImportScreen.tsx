import { useCallback, useEffect, useRef, useState } from 'react';
import { refusedImport } from '../../../shared/api/import-results';
import type { FileBytes, ImportFileResult, ImportOverride, ImportPreview, ReturnSummary } from '../../../shared/api/contract';
import { isUserError } from '../../../shared/api/errors';
import { useSession } from '../../app/session';
import { importedYears } from '../../app/format';
import { ImportDropZone } from './ImportDropZone';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { ImportResultsTable } from './ImportResultsTable';
import { ImportReturnsTable } from './ImportReturnsTable';

type Decision = { override: ImportOverride } | 'skip';

interface Batch {
  index: number;
  total: number;
  current: string;
}

function refusal(file: string, error: unknown): ImportFileResult {
  if (isUserError(error)) return refusedImport(file, error.code, error.message);
  return refusedImport(file, 'internal', `“${file}”读取时出现内部错误。请把该文件另存为 .xlsx 后重新导入。`);
}

export function ImportScreen() {
  const session = useSession();
  const { api, info, year } = session;
  const [returns, setReturns] = useState<ReturnSummary[]>([]);
  const [results, setResults] = useState<ImportFileResult[]>([]);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [pending, setPending] = useState<ImportPreview | null>(null);
  const [bureaus, setBureaus] = useState<string[]>([]);
  const cancelled = useRef(false);
  const decide = useRef<((decision: Decision) => void) | null>(null);
  const regions = info ? [info.region, ...info.subregions] : [];

  const loadReturns = useCallback(async () => {
    if (!info) return;
    setReturns(await api.listReturns({ year }));
  }, [api, info, year]);

  useEffect(() => {
    void loadReturns().catch((error: unknown) => session.setStatus(isUserError(error) ? error.message : '无法读取报表列表。', 'error'));
  }, [loadReturns]);

  useEffect(() => {
    if (!info) return;
    void api.getSchema({}).then(
      (schema) => setBureaus(schema.bureaus.map((b) => b.name)),
      () => setBureaus([]),
    );
  }, [api, info]);

  /**
   * Each file on its own: preview, ask where detection is unsure, import; 取消 stops before the
   * next. The preview reads the file once: the import names it by its preview's id and sends no
   * bytes again (they go again only if that preview is no longer kept). A file that states no
   * year is read for the year shown in the title bar.
   */
  const importBatch = useCallback(
    async (files: FileBytes[]) => {
      cancelled.current = false;
      const batchResults: ImportFileResult[] = [];
      for (const [index, file] of files.entries()) {
        if (cancelled.current) break;
        setBatch({ index: index + 1, total: files.length, current: file.name });
        let preview: ImportPreview;
        try {
          preview = await api.previewImport({ file, year });
        } catch (error) {
          setResults((all) => [refusal(file.name, error), ...all]);
          continue;
        }
        let override: ImportOverride | undefined;
        // The preview says whether detection found all it needs (ImportPreview.confident).
        if (!preview.confident) {
          setPending(preview);
          const decision = await new Promise<Decision>((resolve) => {
            decide.current = resolve;
          });
          setPending(null);
          if (decision === 'skip') continue;
          override = decision.override;
        }
        try {
          const corrections = override ? { override } : {};
          const sent = await api.importReturns({ files: [], previewed: [{ previewId: preview.previewId, ...corrections }] });
          const [result] = sent[0]?.errorCode === 'preview_expired' ? await api.importReturns({ files: [file], year, ...corrections }) : sent;
          if (result) {
            batchResults.push(result);
            setResults((all) => [result, ...all]);
          }
        } catch (error) {
          setResults((all) => [refusal(file.name, error), ...all]);
        }
      }
      setBatch(null);
      await session.refresh();
      // The view follows the returns: a batch of 2023 returns imported with 2025 selected shows 2023.
      const went = importedYears(batchResults);
      const saved = `已保存 ${new Date().toTimeString().slice(0, 5)}`;
      if (went.only !== null && went.only !== year) {
        session.setYear(went.only);
        session.setStatus(`${saved} · 报表属于 ${went.only}年，已转到 ${went.only}年`);
      } else if (went.years.length > 1) {
        session.setStatus(`${saved} · 报表分属 ${went.years.map((y) => `${y}年`).join('、')}，当前显示 ${year}年`);
      } else {
        await loadReturns();
        session.setStatus(saved);
      }
    },
    [api, loadReturns, year],
  );

  // Files dropped on the window (or chosen from the menu) wait in the session for this screen.
  useEffect(() => {
    if (!info || batch || session.receivedFiles.length === 0) return;
    const files = session.takeReceivedFiles();
    if (files.length > 0) void importBatch(files);
  }, [info, batch, session, importBatch]);

  const cancel = () => {
    cancelled.current = true;
    decide.current?.('skip');
  };

  // A refused 撤销导入 / 恢复 / 更正 (a signed-off year, …) is said beside its row, where she clicked.
  const [rowRefusal, setRowRefusal] = useState<{ returnId: number; message: string } | null>(null);
  const manage = async (returnId: number, work: () => Promise<unknown>) => {
    setRowRefusal(null);
    try {
      await work();
    } catch (error) {
      setRowRefusal({ returnId, message: isUserError(error) ? error.message : '操作未完成，请重试。' });
      return;
    }
    await session.refresh();
    await loadReturns();
  };

  if (!info) {
    return (
      <section className="screen data-screen" aria-labelledby="screen-import">
        <h1 id="screen-import" className="screen__title">
          导入报表
        </h1>
        <p className="empty-state">尚未打开工作簿。请先在“首页”新建或打开工作簿，再把各单位报来的 Excel 拖到这里。</p>
      </section>
    );
  }

  return (
    <section className="screen data-screen" aria-labelledby="screen-import">
      <h1 id="screen-import" className="screen__title">
        导入报表
      </h1>
      <ImportDropZone disabled={batch !== null} onFiles={(files) => void importBatch(files)} />
      {batch ? (
        <div className="import-progress" role="status" data-testid="import-progress">
          <span>
            第 {batch.index} / {batch.total} 个文件：{batch.current}
          </span>
          <button type="button" className="action" onClick={cancel}>
            取消
          </button>
        </div>
      ) : null}
      {pending ? (
        <ImportPreviewPanel
          key={pending.file}
          preview={pending}
          defaultYear={year}
          signedOffYears={info.signedOff.filter((state) => state.signedOff).map((state) => state.year)}
          bureaus={bureaus}
          regions={regions}
          onImport={(override) => decide.current?.({ override })}
          onSkip={() => decide.current?.('skip')}
        />
      ) : null}
      {results.length > 0 ? <h2 className="screen__subtitle">本次导入结果</h2> : null}
      <ImportResultsTable results={results} />
      <h2 className="screen__subtitle">{year}年的报表</h2>
      <ImportReturnsTable
        returns={returns}
        bureaus={bureaus}
        regions={regions}
        actions={{
          withdraw: (returnId) => void manage(returnId, () => api.withdrawReturn({ returnId })),
          restore: (returnId) => void manage(returnId, () => api.restoreReturn({ returnId })),
          correct: (returnId, change) => void manage(returnId, () => api.correctReturn({ returnId, ...change })),
        }}
        refusal={rowRefusal}
      />
    </section>
  );
}
