import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../electron/read/limits';
import type { WebServer } from '../../../electron/http/server';
import { DEFAULT_MAX_BODY_BYTES, MAX_JSON_DEPTH, startWebServer } from '../../../electron/http/server';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import { makeTempDir } from '../../support/temp-dir';
import { makeFakeService } from '../shell/fake-service';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: the tests must set Host and Origin exactly as an attacker would. */
function send(server: WebServer, method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  const { port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Streams `total` bytes of one reused 1 MB chunk (so the client costs no memory), with
 * Content-Length or chunked, and stops writing as soon as the server answers or hangs up.
 */
function stream(
  server: WebServer,
  urlPath: string,
  headers: Record<string, string>,
  total: number,
  options: { declare: boolean; holdOpen?: Promise<void> },
): Promise<Reply & { sent: number }> {
  const { port } = new URL(server.origin);
  const chunk = Buffer.alloc(1024 * 1024, 0x41);
  chunk.write('{"text":"', 0, 'latin1');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: urlPath, headers: { ...headers, ...(options.declare ? { 'Content-Length': String(total) } : {}) } },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (data: Buffer) => chunks.push(data));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), sent }));
      },
    );
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const pump = async () => {
      while (!answered && sent + chunk.length <= total) {
        sent += chunk.length;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      if (!answered) {
        await options.holdOpen;
        req.end(Buffer.alloc(total - sent, 0x41));
      }
    };
    pump().catch(() => undefined);
  });
}

/** Samples the process's ArrayBuffer memory (where request bodies live) while `work` runs. */
async function peakArrayBuffers<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const base = process.memoryUsage().arrayBuffers;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}

const MB = 1024 * 1024;

const running: WebServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function start(maxBodyBytes?: number) {
  const base = makeTempDir('taizhang-web-');
  const rendererDir = path.join(base, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>指标台账</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'taizhang-secret.txt'), '不应被读取');
  const fake = makeFakeService();
  const bugs: unknown[] = [];
  const server = await startWebServer({ service: fake.service, rendererDir, maxBodyBytes, reportBug: (e) => bugs.push(e) });
  running.push(server);
  return { server, ...fake, bugs };
}

function apiHeaders(server: WebServer, extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json', 'X-TaiZhang-Token': server.token, Origin: server.origin, ...extra };
}

describe('browser mode server', () => {
  it('listens on 127.0.0.1 with a fresh token per launch, carried in the URL fragment', async () => {
    const a = await start();
    const b = await start();
    expect(a.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(a.server.url).toBe(`${a.server.origin}/#token=${a.server.token}`);
    expect(a.server.token).not.toBe(b.server.token);
  });

  it('answers a call with the token and our Origin from the service, with bytes as base64', async () => {
    const { server, calls } = await start();
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255]);
    const body = JSON.stringify(encodeWire({ files: [{ name: '兰山区民政局.xlsx', bytes }], year: 2023 }));
    const reply = await send(server, 'POST', '/api/importReturns', apiHeaders(server), body);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: [{ file: '兰山区民政局.xlsx', values: 6, year: 2023 }] });
    const received = calls[0]!.arg as { files: { bytes: Uint8Array }[] };
    expect(received.files[0]!.bytes).toEqual(bytes);
  });

  it('accepts a call without an Origin header (not a browser), as long as the token is right', async () => {
    const { server } = await start();
    const headers = apiHeaders(server);
    delete headers.Origin;
    const reply = await send(server, 'POST', '/api/listSchemas', headers, '{}');
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: [{ id: 'linyi-2022', indicatorCount: 27 }] });
  });

  it.each([
    ['no token', () => ({ 'X-TaiZhang-Token': '' }), 'forbidden_token'],
    ['another launch’s token', () => ({ 'X-TaiZhang-Token': 'A'.repeat(43) }), 'forbidden_token'],
    ['another Origin', () => ({ Origin: 'https://evil.example' }), 'forbidden_origin'],
    ['our port under localhost as Origin', (s: WebServer) => ({ Origin: s.origin.replace('127.0.0.1', 'localhost') }), 'forbidden_origin'],
    ['a rebinding Host name', (s: WebServer) => ({ Host: `evil.example:${new URL(s.origin).port}` }), 'forbidden_host'],
  ])('refuses a request with %s, before the service sees it', async (_what, override, code) => {
    const { server, calls } = await start();
    const headers: Record<string, string> = { ...apiHeaders(server), ...override(server) };
    if (headers['X-TaiZhang-Token'] === '') delete headers['X-TaiZhang-Token'];
    const reply = await send(server, 'POST', '/api/listSchemas', headers, '{}');
    expect(reply.status).toBe(403);
    const outcome = JSON.parse(reply.body) as { ok: boolean; error: { code: string; message: string } };
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    expect(outcome.error.message).toMatch(/已拒绝/);
    expect(calls).toEqual([]);
  });

  it('refuses a form post (no JSON content type), which a foreign page could send without preflight', async () => {
    const { server, calls } = await start();
    const reply = await send(server, 'POST', '/api/listSchemas', apiHeaders(server, { 'Content-Type': 'text/plain' }), '{}');
    expect(reply.status).toBe(415);
    expect(calls).toEqual([]);
  });

  it('validates arguments exactly as IPC does, after decoding base64', async () => {
    const { server, calls } = await start();
    const notBase64 = JSON.stringify({ file: { name: '民政局.xlsx', bytes: { $bytes: '不是base64' } } });
    const bad = await send(server, 'POST', '/api/previewImport', apiHeaders(server), notBase64);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const proto = await send(server, 'POST', '/api/listReturns', apiHeaders(server), '{"__proto__":{"year":1}}');
    expect(JSON.parse(proto.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(calls).toEqual([]);
  });

  it('knows only the contract’s methods', async () => {
    const { server } = await start();
    for (const name of ['constructor', 'hasOwnProperty', 'close']) {
      const reply = await send(server, 'POST', `/api/${name}`, apiHeaders(server), '{}');
      expect(reply.status).toBe(404);
    }
  });

  it('refuses a body over the limit without reading it', async () => {
    const { server, calls } = await start(1024);
    const big = JSON.stringify(encodeWire({ files: [{ name: '大文件.xlsx', bytes: new Uint8Array(4096) }] }));
    const reply = await send(server, 'POST', '/api/importReturns', apiHeaders(server), big);
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'request_too_large' } });
    expect(calls).toEqual([]);
  });

  it('documents its body limit as one return at the readers’ 100 MB limit, base64-encoded, and no more', () => {
    expect(DEFAULT_MAX_BODY_BYTES).toBeGreaterThan((DEFAULT_LIMITS.maxFileBytes * 4) / 3);
    expect(DEFAULT_MAX_BODY_BYTES).toBeLessThan(140 * MB);
  });

  it('refuses a declared 466 MB request with 413 and a Chinese message before reading any of it', async () => {
    const { server, calls, bugs } = await start();
    const { result: reply, growth } = await peakArrayBuffers(() =>
      stream(server, '/api/importReturns', apiHeaders(server), 466 * MB, { declare: true }),
    );
    expect(reply.status).toBe(413);
    const outcome = JSON.parse(reply.body) as { ok: boolean; error: { code: string; message: string } };
    expect(outcome).toMatchObject({ ok: false, error: { code: 'request_too_large' } });
    expect(outcome.error.message).toBe(
      '一次提交的内容有 466 MB，超过 134 MB 的上限，已拒绝。单个报表文件不能超过 100 MB；文件较多时请分几次导入。',
    );
    expect(growth).toBeLessThan(32 * MB);
    expect(reply.sent).toBeLessThan(466 * MB);
    expect(calls).toEqual([]);
    expect(bugs).toEqual([]);
  });

  it('stops reading an undeclared (chunked) 466 MB request at the limit, holding no more than the limit', async () => {
    const { server, calls, bugs } = await start();
    const { result: reply, growth } = await peakArrayBuffers(() =>
      stream(server, '/api/importReturns', apiHeaders(server), 466 * MB, { declare: false }),
    );
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'request_too_large' } });
    expect((JSON.parse(reply.body) as { error: { message: string } }).error.message).toMatch(/^一次提交的内容超过 134 MB 的上限，已拒绝。/);
    expect(growth).toBeLessThan(DEFAULT_MAX_BODY_BYTES + 32 * MB);
    expect(reply.sent).toBeLessThan(300 * MB);
    expect(calls).toEqual([]);
    expect(bugs).toEqual([]);
    // The server goes on answering.
    expect((await send(server, 'POST', '/api/listSchemas', apiHeaders(server), '{}')).status).toBe(200);
  });

  it('holds at most one limit’s worth of bodies at once: a second large upload alongside is told to wait', async () => {
    const { server, calls } = await start(8 * MB);
    let release!: () => void;
    const holdOpen = new Promise<void>((resolve) => (release = resolve));
    const first = stream(server, '/api/previewPastedSchema', apiHeaders(server), 6 * MB, { declare: false, holdOpen });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await stream(server, '/api/previewPastedSchema', apiHeaders(server), 6 * MB, { declare: true });
    expect(second.status).toBe(503);
    expect(JSON.parse(second.body)).toMatchObject({ ok: false, error: { code: 'server_busy' } });
    // A small call still passes while the large one is in flight.
    expect((await send(server, 'POST', '/api/listSchemas', apiHeaders(server), '{}')).status).toBe(200);
    release();
    // The first body is not valid JSON (no closing quote), so it is refused as such, not as busy.
    expect(JSON.parse((await first).body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    const after = await stream(server, '/api/previewPastedSchema', apiHeaders(server), 6 * MB, { declare: true });
    expect(JSON.parse(after.body)).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(calls.map((c) => c.method)).toEqual(['listSchemas']);
  });

  it('answers JSON nested 5 000 levels deep with a clear refusal, not 内部错误', async () => {
    const { server, calls, bugs } = await start();
    for (const body of [
      `{"year":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
      `{"year":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`,
    ]) {
      const reply = await send(server, 'POST', '/api/listReturns', apiHeaders(server), body);
      expect(reply.status).toBe(400);
      const outcome = JSON.parse(reply.body) as { error: { code: string; message: string } };
      expect(outcome.error.code).toBe('request_too_deep');
      expect(outcome.error.message).toMatch(/层次过深（超过 32 层）/);
    }
    expect(calls).toEqual([]);
    expect(bugs).toEqual([]);
  });

  it('counts only real nesting: brackets and escaped quotes inside strings are text', async () => {
    const { server, calls } = await start();
    const text = `${'['.repeat(5000)}\"${'{'.repeat(5000)}"\\`;
    const reply = await send(server, 'POST', '/api/previewPastedSchema', apiHeaders(server), JSON.stringify({ text }));
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
    expect(calls[0]).toEqual({ method: 'previewPastedSchema', arg: { text } });
    const layout = { version: 1, fileYear: 2023, meta: {}, sheets: [{ sheet: '表1', columns: [{ col: 0, header: '指标', role: 'name', year: null, yearOffset: null, region: null }] }] };
    const deepest = await send(server, 'POST', '/api/previewImport', apiHeaders(server),
      JSON.stringify(encodeWire({ file: { name: '民政局.xlsx', bytes: new Uint8Array([1]) }, override: { layout } })));
    expect(JSON.parse(deepest.body)).toMatchObject({ ok: false, error: { code: 'not_spreadsheet' } });
  });

  it('sends a UserError back whole and turns a bug into 内部错误', async () => {
    const { server, bugs } = await start();
    const user = await send(server, 'POST', '/api/previewImport', apiHeaders(server),
      JSON.stringify(encodeWire({ file: { name: '说明.docx', bytes: new Uint8Array([1]) } })));
    expect(decodeWire(JSON.parse(user.body))).toEqual({
      ok: false,
      error: { code: 'not_spreadsheet', message: '“说明.docx”不是 Excel 文件，无法读取。请另存为 .xlsx 后重新导入。', where: { file: '说明.docx' } },
    });
    const bug = await send(server, 'POST', '/api/withdrawReturn', apiHeaders(server), '{"returnId":3}');
    expect(JSON.parse(bug.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(bug.body).not.toMatch(/exploded/);
    expect(bugs).toHaveLength(1);
  });

  it('serves the renderer with the CSP header and nothing outside its folder', async () => {
    const { server } = await start();
    const index = await send(server, 'GET', '/', {});
    expect(index.status).toBe(200);
    expect(index.body).toContain('指标台账');
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
    expect((await send(server, 'GET', '/assets/main.js', {})).headers['content-type']).toMatch(/javascript/);
    for (const escape of ['/../taizhang-secret.txt', '/%2e%2e/taizhang-secret.txt', '/assets/..%2f..%2ftaizhang-secret.txt']) {
      const reply = await send(server, 'GET', escape, {});
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('不应被读取');
    }
  });
});
