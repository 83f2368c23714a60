import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TaiZhangApi } from '../../shared/api/contract';
import { isApiMethod, validateArgument } from '../../shared/api/validate';
import type { UserErrorCode } from '../../shared/api/errors';
import type { Outcome, WireError } from '../../shared/api/wire';
import { decodeWire, encodeWire, settle, toWireError } from '../../shared/api/wire';
import { DEFAULT_LIMITS } from '../read/limits';
import { CONTENT_SECURITY_POLICY_HEADER } from '../shell/content-security-policy';
import { exceedsJsonDepth } from './json-depth';
import { BodyBudget, BodyTooLargeError, ServerBusyError, discardRest, readBody } from './read-body';
import { readStaticFile } from './static-files';

/** Browser mode listens on the loopback address only; nothing outside this computer can connect. */
export const LOOPBACK_HOST = '127.0.0.1';
export const TOKEN_HEADER = 'x-taizhang-token';
/**
 * The largest request body: one return at the readers' limit (100 MB), base64-encoded (4/3),
 * with room for the JSON around it. Parsing holds the body about four times over (bytes, text,
 * parsed strings, decoded bytes), so this bounds a request's cost near 600 MB; larger bodies are
 * refused before they are read (DESIGN "Security"). Several files go in several requests.
 */
export const DEFAULT_MAX_BODY_BYTES = Math.ceil((DEFAULT_LIMITS.maxFileBytes * 4) / 3) + 1024 * 1024;
/** How much of a refused body is read and thrown away (so the answer arrives) before the connection is cut. */
const REFUSED_BODY_DISCARD = { maxBytes: 64 * 1024 * 1024, ms: 5000 };
/** The contract's deepest argument (an import layout) nests 7 levels; nothing real comes near this. */
export const MAX_JSON_DEPTH = 32;

export interface WebServerOptions {
  service: TaiZhangApi;
  /** The built renderer (dist/app/renderer). */
  rendererDir: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** The largest request body, and the most held by all requests at once; DEFAULT_MAX_BODY_BYTES. */
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

function refusal(status: number, code: UserErrorCode, message: string): Refusal {
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

function megabytes(bytes: number): string {
  return String(Math.max(1, Math.round(bytes / 1024 / 1024)));
}

/** The body as parsed JSON; the bytes and text are dropped on return, before decoding copies them. */
function parseJsonBody(body: Buffer): unknown {
  if (exceedsJsonDepth(body, MAX_JSON_DEPTH)) {
    throw refusal(400, 'request_too_deep', `请求内容的层次过深（超过 ${MAX_JSON_DEPTH} 层），不是指标台账页面发出的请求，已拒绝。请刷新页面后再试。`);
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw refusal(400, 'invalid_argument', '请求内容不是有效的 JSON，已拒绝。请刷新页面后再试。');
  }
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
  const budget = new BodyBudget(maxBodyBytes);
  const reportBug = options.reportBug ?? ((error: unknown) => console.error(error));
  let origin = '';
  let host = '';

  /**
   * The request's argument, decoded, and the body bytes it holds in the budget. Its own
   * function, so that the body's bytes and text are garbage once it returns.
   */
  async function readArgument(request: IncomingMessage): Promise<{ arg: unknown; held: number }> {
    let body: Buffer;
    try {
      body = await readBody(request, maxBodyBytes, budget);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        const size = error.declaredBytes === null ? '' : `有 ${megabytes(error.declaredBytes)} MB，`;
        throw refusal(
          413,
          'request_too_large',
          `一次提交的内容${size}超过 ${megabytes(maxBodyBytes)} MB 的上限，已拒绝。单个报表文件不能超过 ${megabytes(DEFAULT_LIMITS.maxFileBytes)} MB；文件较多时请分几次导入。`,
        );
      }
      if (error instanceof ServerBusyError) {
        throw refusal(503, 'server_busy', '另一项较大的提交正在处理，这次请求已拒绝。请等它完成后再试。');
      }
      // The client went away mid-body (a closed tab): nothing to report, nobody to answer.
      throw refusal(400, 'request_incomplete', '请求没有完整传到，已放弃。请重新操作一次。');
    }
    try {
      return { arg: decodeWire(parseJsonBody(body)), held: body.length };
    } catch (error) {
      budget.give(body.length);
      throw error;
    }
  }

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
    const { arg, held } = await readArgument(request);
    try {
      return await settle(() => {
        const valid = validateArgument(method, arg);
        const call = options.service[method] as (this: TaiZhangApi, arg: unknown) => Promise<unknown>;
        return call.call(options.service, valid);
      }, reportBug);
    } finally {
      budget.give(held);
    }
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
        sendJson(response, error.status, { ok: false, error: error.error });
        // The rest of a refused body is read into nothing, up to a bound, then the connection cut.
        discardRest(request, REFUSED_BODY_DISCARD);
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
