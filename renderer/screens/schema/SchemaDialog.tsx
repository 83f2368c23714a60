import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

export interface SchemaDialogProps {
  title: string;
  children: ReactNode;
  /** The primary action's words (确定, 归档, 新增); absent for a dialog that only informs. */
  confirmLabel?: string;
  busy?: boolean;
  /** Why the last try was refused, beside the form. */
  error?: string | null;
  onConfirm?(): void;
  onCancel(): void;
  testId?: string;
}

/** A modal dialog of 指标体系 (an edit's effect, a new indicator or rule, a removal); Esc is 取消. */
export function SchemaDialog({ title, children, confirmLabel, busy = false, error = null, onConfirm, onCancel, testId }: SchemaDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog schema-dialog"
      aria-labelledby="schema-dialog-title"
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) onConfirm?.();
        }}
      >
        <h2 id="schema-dialog-title">{title}</h2>
        {children}
        {error ? (
          <p className="inline-error schema-dialog__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="confirm-dialog__actions">
          {onConfirm && confirmLabel ? (
            <button type="submit" className="button button--primary" disabled={busy} autoFocus>
              {confirmLabel}
            </button>
          ) : null}
          <button type="button" className="button" onClick={onCancel} autoFocus={!onConfirm}>
            {onConfirm ? '取消' : '关闭'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
