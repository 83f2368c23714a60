import { useState } from 'react';
import { formatClock } from './format';
import type { StatusLine } from './session';
import { useSession } from './session';

/** 已保存 10:42 · 工作簿路径 · 操作人 张敏; 操作人 is changed in place. */
export function StatusBar({ status }: { status: StatusLine | null }) {
  const { info, api, run } = useSession();
  const [editing, setEditing] = useState<string | null>(null);
  const saved = info?.savedAt ? `已保存 ${formatClock(new Date(info.savedAt))}` : null;
  const message = status?.message ?? saved ?? (info ? '已打开' : '尚未打开工作簿。');

  const commit = async () => {
    const name = editing?.trim() ?? '';
    setEditing(null);
    if (name === '' || name === info?.operator) return;
    await run(() => api.setOperator({ name }));
  };

  return (
    <footer className="status-bar">
      <span role="status" className={status?.tone === 'error' ? 'status-bar__message status-bar__message--error' : 'status-bar__message'}>
        {message}
      </span>
      {info ? (
        <>
          <span className="status-bar__path" title={info.path} data-verbatim>
            {info.path}
          </span>
          <span className="status-bar__operator">
            操作人{' '}
            {editing === null ? (
              <button type="button" className="link-button" onClick={() => setEditing(info.operator)} title="更改操作人">
                {info.operator || '（未填写）'}
              </button>
            ) : (
              <input
                className="status-bar__input"
                aria-label="操作人"
                value={editing}
                autoFocus
                onChange={(event) => setEditing(event.target.value)}
                onBlur={() => void commit()}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') void commit();
                  if (event.key === 'Escape') setEditing(null);
                }}
              />
            )}
          </span>
        </>
      ) : null}
    </footer>
  );
}
