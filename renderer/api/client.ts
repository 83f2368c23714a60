import type { TaiZhangApi } from '../../shared/api/contract';
import type { ApiMethod } from '../../shared/api/validate';
import { API_METHODS } from '../../shared/api/validate';
import type { Outcome, TaiZhangBridge, TaiZhangShell } from '../../shared/api/wire';
import { unwrapOutcome } from '../../shared/api/wire';
import { createHttpTransport } from './http-transport';

/** Sends one call and answers its Outcome; the preload and the HTTP transport are both one. */
export type Transport = (method: ApiMethod, arg: unknown) => Promise<Outcome<unknown>>;

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly taizhang?: TaiZhangBridge;
    /** Set by the Electron preload: the menu's commands. Absent in browser mode. */
    readonly taizhangShell?: TaiZhangShell;
  }
}

/** The contract over a transport: every method present, every failure a rebuilt UserError. */
export function createApiClient(transport: Transport): TaiZhangApi {
  const client: Record<string, (arg: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    client[method] = async (arg) => unwrapOutcome(await transport(method, arg));
  }
  return client as unknown as TaiZhangApi;
}

function bridgeTransport(bridge: TaiZhangBridge): Transport {
  return (method, arg) => (bridge[method] as (arg: unknown) => Promise<Outcome<unknown>>)(arg);
}

/** In Electron the preload's window.taizhang; in a browser the loopback server that served the page. */
export function connectApi(): TaiZhangApi {
  const bridge = window.taizhang;
  return createApiClient(bridge ? bridgeTransport(bridge) : createHttpTransport(window.location, window.sessionStorage, window.history));
}
