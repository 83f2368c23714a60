import type { ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';

export interface ConfirmDialogProps {
  title: string;
  /** The question in a sentence; absent when the children say it. */
  text?: string;
  /** More than a sentence: a field, a list, a form. */
  children?: ReactNode;
  /** The verb of the primary button; 确定 unless the action is better named. */
  confirmLabel?: string;
  /** While the confirmed work runs: the primary button waits. */
  busy?: boolean;
  /** Why the last try was refused, beside the form. */
  error?: string | null;
  /** Absent for a dialog that only informs: its one button is 关闭. */
  onConfirm?(): void;
  onCancel(): void;
  /** Wider, for a form or a table of changes. */
  wide?: boolean;
  testId?: string;
}

/**
 * A question with 确定 / 取消 as a modal dialog; Esc is 取消 and Enter in a field is 确定. Stacks
 * over another dialog.
 */
export function ConfirmDialog({ title, text, children, confirmLabel = '确定', busy = false, error = null, onConfirm, onCancel, wide = false, testId }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className={wide ? 'confirm-dialog confirm-dialog--wide' : 'confirm-dialog'}
      aria-labelledby={titleId}
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
        <h2 id={titleId}>{title}</h2>
        {text ? <p>{text}</p> : null}
        {children}
        {error ? (
          <p className="inline-error confirm-dialog__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="confirm-dialog__actions">
          {onConfirm ? (
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
