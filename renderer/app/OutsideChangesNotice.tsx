import { useState } from 'react';
import { messageOf, useSession } from './session';

/**
 * 工作簿在本程序之外被修改过: shown above every screen while it stands, never silently believed.
 * The officer may accept the workbook as it is after checking, with a note; that is audited.
 */
export function OutsideChangesNotice() {
  const { api, info, refresh, setStatus } = useSession();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const changes = info?.outsideChanges ?? [];
  if (changes.length === 0) return null;
  const accept = async () => {
    setBusy(true);
    try {
      const accepted = await api.acceptOutsideChanges({ note: note.trim() || undefined });
      setStatus(`已确认 ${accepted.length} 处本程序之外的修改，已记入审计日志`);
      await refresh();
    } catch (error) {
      setStatus(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="notice notice--error outside-changes" role="alert" data-testid="outside-changes">
      <strong>工作簿在本程序之外被修改过：</strong>
      <ul>
        {changes.slice(0, 5).map((change) => (
          <li key={change}>{change}</li>
        ))}
        {changes.length > 5 ? <li>另有 {changes.length - 5} 处</li> : null}
      </ul>
      <p>请与原始报表核对后再定稿。已签署年度中被改动的数值须先重新打开该年度。</p>
      {info?.readOnly ? null : (
        <div className="inline-form">
          <input value={note} onChange={(event) => setNote(event.target.value)} placeholder="核实情况说明（可选）" aria-label="核实情况说明" />
          <button type="button" className="button" disabled={busy} onClick={() => void accept()}>
            已核实，按现状接受
          </button>
        </div>
      )}
    </div>
  );
}
