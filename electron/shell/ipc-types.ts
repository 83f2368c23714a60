/**
 * The parts of Electron's IPC objects the shell relies on, so that the handlers can be wired and
 * tested with fakes under plain Node (the Electron binary is never needed to test them).
 */
export interface SenderFrameLike {
  readonly url: string;
  /** Null for a window's main frame; an iframe's parent otherwise. */
  readonly parent: unknown;
}

export interface IpcInvokeEventLike {
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  readonly senderFrame: SenderFrameLike | null;
  readonly sender: { readonly id: number };
}

export type IpcInvokeListener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export interface IpcMainLike {
  handle(channel: string, listener: IpcInvokeListener): void;
  removeHandler(channel: string): void;
}
