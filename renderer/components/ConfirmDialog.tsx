import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

export interface ConfirmDialogProps {
  title: string;
  text: string;
  /** The verb of the primary button; 确定 unless the action is better named. */
  confirmLabel?: string;
  /** More than a sentence: a field, a list. */
  children?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** A question with 确定 / 取消, as a modal dialog; Esc is 取消. Stacks over another dialog. */
export function ConfirmDialog({ title, text, confirmLabel = '确定', children, onConfirm, onCancel }: ConfirmDialogProps) {
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
      {children}
      <div className="confirm-dialog__actions">
        <button type="button" className="button button--primary" autoFocus onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          取消
        </button>
      </div>
    </dialog>
  );
}
