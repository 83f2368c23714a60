import { useState } from 'react';
import { isUserError } from '../../../shared/api/errors';
import { messageOf, useSession } from '../../app/session';

/** The refusal of an open, and what the officer may do about it. */
export interface OpenRefusal {
  path: string;
  message: string;
  /** workbook_in_use and a stale lock: she may still look at it read-only. */
  readOnly: boolean;
  /** A lock left by a crashed program is taken over once she confirms. */
  takeOver: boolean;
}

export interface Opener {
  busy: boolean;
  refusal: OpenRefusal | null;
  open(path: string, options?: { readOnly?: boolean; takeOverStale?: boolean }): Promise<void>;
}

/** Opens a workbook; a refusal is kept with the choices it leaves (read-only, take over). */
export function useOpener(onOpened: () => void): Opener {
  const { api, refresh, setStatus } = useSession();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<OpenRefusal | null>(null);

  const open = async (target: string, options: { readOnly?: boolean; takeOverStale?: boolean } = {}) => {
    const path = target.trim();
    if (path === '') {
      setRefusal({ path, message: '没有填写工作簿的路径。请填写 .tzdb 文件的完整路径后再打开。', readOnly: false, takeOver: false });
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const info = await api.openWorkbook({ path, ...options });
      await refresh();
      setStatus(`已打开“${info.name}”${info.readOnly ? '（只读）' : ''}`);
      onOpened();
    } catch (error) {
      const code = isUserError(error) ? error.code : '';
      setRefusal({
        path,
        message: messageOf(error),
        readOnly: code === 'workbook_in_use' || code === 'workbook_lock_stale',
        takeOver: code === 'workbook_lock_stale',
      });
    } finally {
      setBusy(false);
    }
  };
  return { busy, refusal, open };
}

/**
 * 打开…: browser mode has no file dialog, so the path is typed (or pasted from the file
 * manager's address bar). A workbook in use can be opened read-only; a stale lock taken over.
 */
export function HomeOpenWorkbook({ opener }: { opener: Opener }) {
  const [path, setPath] = useState('');
  const { busy, refusal, open } = opener;
  return (
    <div className="open-box">
      <form
        className="form-row"
        onSubmit={(event) => {
          event.preventDefault();
          void open(path);
        }}
      >
        <label htmlFor="open-path" className="form-label">
          工作簿路径
        </label>
        <input
          id="open-path"
          className="text-input text-input--wide"
          value={path}
          placeholder="已有工作簿 .tzdb 文件的完整路径"
          onChange={(event) => setPath(event.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          打开
        </button>
      </form>
      {refusal ? (
        <div className="notice notice--error" role="alert" data-testid="open-refusal">
          <p>{refusal.message}</p>
          {refusal.readOnly || refusal.takeOver ? (
            <p className="notice__actions">
              {refusal.readOnly ? (
                <button type="button" className="button" disabled={busy} onClick={() => void open(refusal.path, { readOnly: true })}>
                  以只读方式打开
                </button>
              ) : null}
              {refusal.takeOver ? (
                <button type="button" className="button" disabled={busy} onClick={() => void open(refusal.path, { takeOverStale: true })}>
                  接管并打开
                </button>
              ) : null}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
