import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebServer } from '../../../electron/http/server';
import { startWebServer } from '../../../electron/http/server';
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
