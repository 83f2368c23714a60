import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TaiZhangApi } from '../../shared/api/contract';
import { isApiMethod, validateArgument } from '../../shared/api/validate';
import type { Outcome, WireError } from '../../shared/api/wire';
import { decodeWire, encodeWire, settle, toWireError } from '../../shared/api/wire';
import { CONTENT_SECURITY_POLICY_HEADER } from '../shell/content-security-policy';
import { BodyTooLargeError, readBody } from './read-body';
import { readStaticFile } from './static-files';

/** Browser mode listens on the loopback address only; nothing outside this computer can connect. */
export const LOOPBACK_HOST = '127.0.0.1';
export const TOKEN_HEADER = 'x-taizhang-token';
/** Several returns of up to 100 MB each, base64-encoded, fit; anything larger is refused early. */
export const DEFAULT_MAX_BODY_BYTES = 512 * 1024 * 1024;

export interface WebServerOptions {
  service: TaiZhangApi;
  /** The built renderer (dist/app/renderer). */
  rendererDir: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  maxBodyBytes?: number;
  /** Where bugs go: the stack is logged here; only 内部错误 reaches the page. */
  reportBug?: (error: unknown) => void;
}

export interface WebServer {
  /** The address to open, with the launch's token in the fragment (never sent to the server). */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

class Refusal {
  constructor(
    readonly status: number,
    readonly error: WireError,
  ) {}
}

function refusal(status: number, code: string, message: string): Refusal {
  return new Refusal(status, { code, message, where: {} });
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(response: ServerResponse, status: number, outcome: Outcome<unknown>): void {
  const body = JSON.stringify(encodeWire(outcome));
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  response.end(body);
}

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the built renderer and the contract as `POST /api/<method>` on 127.0.0.1, for
 * development and the end-to-end tests (DESIGN "Security"): every API request needs this
 * launch's token and, when the browser names one, our own Origin; the Host header must be ours
 * too, which defeats DNS rebinding. Not part of the packaged app.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = randomBytes(32).toString('base64url');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const reportBug = options.reportBug ?? ((error: unknown) => console.error(error));
  let origin = '';
  let host = '';

  async function callApi(request: IncomingMessage, method: string): Promise<Outcome<unknown>> {
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      throw refusal(403, 'forbidden_origin', '请求来自其他网页，已拒绝。请使用启动时显示的地址打开指标台账。');
    }
    if (!sameToken(request.headers[TOKEN_HEADER], token)) {
      throw refusal(403, 'forbidden_token', '缺少访问口令或口令不对，已拒绝。请使用启动时显示的完整地址（含 # 之后的部分）重新打开页面。');
    }
    if (!isApiMethod(method)) throw refusal(404, 'unknown_method', '没有这项操作。请刷新页面后再试。');
    // application/json also makes a cross-site request need a preflight, which this server never grants.
    if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      throw refusal(415, 'unsupported_media', '请求格式不对（应为 JSON），已拒绝。请刷新页面后再试。');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse((await readBody(request, maxBodyBytes)).toString('utf8'));
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        const megabytes = Math.floor(maxBodyBytes / 1024 / 1024);
        throw refusal(413, 'request_too_large', `一次提交的内容超过 ${megabytes} MB，已拒绝。请分几次导入。`);
      }
      throw refusal(400, 'invalid_argument', '请求内容不是有效的 JSON，已拒绝。请刷新页面后再试。');
    }
    const arg = decodeWire(parsed);
    return settle(() => {
      const valid = validateArgument(method, arg);
      const call = options.service[method] as (this: TaiZhangApi, arg: unknown) => Promise<unknown>;
      return call.call(options.service, valid);
    }, reportBug);
  }

  async function serveFile(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    const file = await readStaticFile(options.rendererDir, pathname);
    if (!file) {
      response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('未找到该页面。');
      return;
    }
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'X-Frame-Options': 'DENY' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      if (request.headers.host !== host) {
        throw refusal(403, 'forbidden_host', `请求的地址不是本机回环地址，已拒绝。请使用启动时显示的 ${origin} 地址。`);
      }
      const { pathname } = new URL(request.url ?? '/', origin);
      const apiMethod = /^\/api\/([A-Za-z]+)$/.exec(pathname)?.[1];
      if (request.method === 'POST' && apiMethod !== undefined) {
        const outcome = await callApi(request, apiMethod);
        sendJson(response, 200, outcome);
      } else if (request.method === 'GET' || request.method === 'HEAD') {
        await serveFile(request, response, pathname);
      } else {
        throw refusal(405, 'method_not_allowed', '不支持这种请求，已拒绝。');
      }
    } catch (error) {
      if (error instanceof Refusal) {
        // The rest of a refused body is never read; closing the connection discards it.
        response.setHeader('Connection', 'close');
        sendJson(response, error.status, { ok: false, error: error.error });
        return;
      }
      reportBug(error);
      if (!response.headersSent) {
        sendJson(response, 500, { ok: false, error: toWireError(error) });
      } else {
        response.destroy();
      }
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `${LOOPBACK_HOST}:${port}`;
  origin = `http://${host}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
