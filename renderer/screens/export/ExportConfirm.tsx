import { useEffect, useRef } from 'react';

/** A question with 确定 / 取消, as a modal dialog; Esc is 取消. */
export function ExportConfirm({ title, text, onConfirm, onCancel }: { title: string; text: string; onConfirm(): void; onCancel(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <p>{text}</p>
      <div className="confirm-dialog__actions">
        <button type="button" className="action action--primary" autoFocus onClick={onConfirm}>
          确定
        </button>
        <button type="button" className="action" onClick={onCancel}>
          取消
        </button>
      </div>
    </dialog>
  );
}
