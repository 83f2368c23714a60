import type { TaiZhangApi } from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import type { ApiMethod } from '../../shared/api/validate';
import { API_METHODS, validateArgument } from '../../shared/api/validate';
import type { Outcome } from '../../shared/api/wire';
import { settle } from '../../shared/api/wire';
import type { WorkbookPathMethod } from './chosen-paths';
import { isWorkbookPathMethod } from './chosen-paths';
import type { IpcInvokeEventLike, IpcMainLike } from './ipc-types';

export const CHANNEL_PREFIX = 'tz:';

export function channelOf(method: ApiMethod): string {
  return CHANNEL_PREFIX + method;
}

export interface IpcWiring {
  /** The service behind the window that sent the message (each window holds one workbook). */
  serviceFor(event: IpcInvokeEventLike): TaiZhangApi;
  isTrustedSender(event: IpcInvokeEventLike): boolean;
  /**
   * The path createWorkbook or openWorkbook may use instead of the one the page sent: one the
   * officer chose in a native dialog since the app started (ChosenPaths.authorize). Throws a
   * UserError when she has not chosen it and does not now.
   */
  authorizeWorkbookPath(event: IpcInvokeEventLike, method: WorkbookPathMethod, requested: string): Promise<string>;
  /** Where bugs go: the stack is logged here and only 内部错误 crosses to the page. */
  reportBug(error: unknown): void;
}

const FOREIGN_SENDER = new UserError(
  'forbidden_sender',
  '请求来自程序以外的页面，已拒绝。请关闭该窗口，从“指标台账”主窗口重新操作。',
);

async function handleCall(wiring: IpcWiring, method: ApiMethod, event: IpcInvokeEventLike, args: unknown[]) {
  if (!wiring.isTrustedSender(event)) throw FOREIGN_SENDER;
  // The contract takes exactly one argument; a second one means the caller is not our preload.
  let arg = validateArgument(method, args.length === 1 ? args[0] : undefined);
  if (isWorkbookPathMethod(method)) {
    const requested = (arg as { path: string }).path;
    arg = { ...(arg as object), path: await wiring.authorizeWorkbookPath(event, method, requested) } as typeof arg;
  }
  const service = wiring.serviceFor(event);
  const call = service[method] as (this: TaiZhangApi, arg: unknown) => Promise<unknown>;
  return call.call(service, arg);
}

/**
 * One `ipcMain.handle` per contract method, on channel `tz:<method>`. Each call checks the sender,
 * validates the argument, calls the service and answers an Outcome. Returns the unregistration.
 */
export function registerIpc(ipcMain: IpcMainLike, wiring: IpcWiring): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args): Promise<Outcome<unknown>> =>
      settle(() => handleCall(wiring, method, event, args), wiring.reportBug),
    );
  }
  return () => {
    for (const method of API_METHODS) ipcMain.removeHandler(channelOf(method));
  };
}
