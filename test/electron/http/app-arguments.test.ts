import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServedApp } from '../../../electron/http/serve-workbook';
import { serveApp } from '../../../electron/http/serve-workbook';
import { MAX_PASTED_LINE_CHARS } from '../../../electron/services/app-service';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbook } from '../../../electron/store/open';
import type { Outcome } from '../../../shared/api/wire';
import { decodeWire } from '../../../shared/api/wire';
import { makeTempDir } from '../../support/temp-dir';

// Browser mode with a real workbook behind it: the checks an argument needs against the
// workbook (paths, regions, cells), which the contract's validators cannot know.

const running: ServedApp[] = [];
afterEach(async () => {
  for (const served of running.splice(0)) await served.close();
});

async function serve() {
  const dir = makeTempDir('taizhang-web-args-');
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>指标台账</title>');
  const file = path.join(dir, '临沂市.tzdb');
  createWorkbook(file, { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: ['兰山区', '罗庄区'], operator: '张敏' }).close();
  const served = await serveApp({ file, rendererDir, settingsDir: dir, operator: '张敏' });
  running.push(served);
  const call = (method: string, arg: unknown) => post(served, method, JSON.stringify(arg));
  return { dir, file, served, call };
}

function post(served: ServedApp, method: string, body: string): Promise<Outcome<unknown>> {
  const { port } = new URL(served.server.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${method}`,
        headers: { 'Content-Type': 'application/json', 'X-TaiZhang-Token': served.server.token, Origin: served.server.origin },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(decodeWire(JSON.parse(Buffer.concat(chunks).toString('utf8'))) as Outcome<unknown>));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function refusal(outcome: Outcome<unknown>): { code: string; message: string } {
  if (outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value).slice(0, 200)}`);
  return outcome.error;
}

const posixOnly = process.platform === 'win32' ? it.skip : it;

describe('browser mode: workbook paths', () => {
  it('refuses a relative path for createWorkbook and openWorkbook, creating nothing in the server’s folder', async () => {
    const { call } = await serve();
    const created = refusal(await call('createWorkbook', { path: 'relative-临沂', source: { builtin: 'linyi-2022' }, region: '临沂市', subregions: [] }));
    expect(created.code).toBe('relative_path');
    expect(created.message).toMatch(/^“relative-临沂”不是完整路径/);
    expect(existsSync(path.resolve('relative-临沂.tzdb'))).toBe(false);
    expect(refusal(await call('openWorkbook', { path: '../临沂市.tzdb' })).code).toBe('relative_path');
  });

  it('refuses a folder with a message saying so', async () => {
    const { call, dir } = await serve();
    const error = refusal(await call('openWorkbook', { path: dir }));
    expect(error).toMatchObject({ code: 'not_a_workbook_file' });
    expect(error.message).toMatch(/是一个文件夹，不是工作簿文件/);
    const folderNamedLikeOne = path.join(dir, '文件夹.tzdb');
    mkdirSync(folderNamedLikeOne);
    const create = refusal(await call('createWorkbook', { path: folderNamedLikeOne, source: { builtin: 'linyi-2022' }, region: '临沂市', subregions: [], force: true }));
    expect(create.code).toBe('not_a_workbook_file');
  });

  posixOnly('refuses a FIFO at once instead of hanging or answering 内部错误', async () => {
    const { call, dir } = await serve();
    const fifo = path.join(dir, '管道.tzdb');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    const error = refusal(await call('openWorkbook', { path: fifo }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe('not_a_workbook_file');
    expect(error.message).toMatch(/不是普通文件（可能是设备或管道）/);
  });

  it('answers that the open workbook is already open here, not that another program uses it', async () => {
    const { call, file } = await serve();
    for (const arg of [{ path: file }, { path: file, readOnly: true }, { path: path.join(path.dirname(file), '.', '临沂市.tzdb') }]) {
      const error = refusal(await call('openWorkbook', arg));
      expect(error.code).toBe('workbook_already_open');
      expect(error.message).toBe('“临沂市.tzdb”已经在本窗口中打开，无需再次打开。');
    }
    // Still open and writable afterwards.
    const info = await call('workbookInfo', {});
    expect(info).toMatchObject({ ok: true, value: { name: '临沂市.tzdb', readOnly: false } });
  });

  it('refuses to replace the open workbook with a new one, even with force, and leaves it intact', async () => {
    const { call, file } = await serve();
    await call('assignReporters', { bureau: '市民政局', codes: ['A01'] });
    const before = readFileSync(file).length;
    for (const force of [false, true]) {
      const error = refusal(await call('createWorkbook', { path: file, source: { builtin: 'linyi-2022' }, region: '临沂市', subregions: [], force }));
      expect(error).toMatchObject({ code: 'workbook_already_open', message: '“临沂市.tzdb”正在本窗口中打开，不能用新建的工作簿替换它。请换一个文件名。' });
    }
    expect(readFileSync(file).length).toBe(before);
    const audit = await call('listAudit', {});
    expect(audit.ok && (audit.value as { action: string }[]).map((entry) => entry.action)).toContain('assign_reporter');
  });

  it('opens another workbook by its absolute path', async () => {
    const { call, dir } = await serve();
    const other = path.join(dir, '罗庄区.tzdb');
    createWorkbook(other, { schema: loadBuiltinSchema('linyi-2022'), region: '罗庄区', subregions: [], operator: '张敏' }).close();
    expect(await call('openWorkbook', { path: other })).toMatchObject({ ok: true, value: { name: '罗庄区.tzdb' } });
  });
});

describe('browser mode: regions and cells against the workbook', () => {
  it('refuses an export or templates for a region the workbook does not have', async () => {
    const { call } = await serve();
    for (const region of ['../../etc', '临沂市/../../x', '河东区']) {
      const error = refusal(await call('exportTable', { year: 2023, kind: 'annual', format: 'csv', region }));
      expect(error.code).toBe('unknown_region');
      expect(error.message).toBe(`工作簿中没有地区“${region}”。可选的地区：临沂市、兰山区、罗庄区。`);
    }
    const templates = refusal(await call('makeTemplates', { year: 2024, regions: ['兰山区', '../../etc'] }));
    expect(templates).toMatchObject({ code: 'unknown_region', message: '工作簿中没有地区“../../etc”。可选的地区：临沂市、兰山区、罗庄区。' });
    const exported = await call('exportTable', { year: 2023, kind: 'annual', format: 'csv', region: '兰山区' });
    expect(exported).toMatchObject({ ok: true, value: { name: '兰山区2023年年度汇总表.csv' } });
  });

  it('refuses a cell address outside Excel’s sheet before looking for the return', async () => {
    const { call } = await serve();
    for (const cell of ['ZZZZZZZZZZ9999999999', 'A0', 'XFE1', 'A1048577', 'B', '7', 'B7:C9', '../B7']) {
      const error = refusal(await call('sourceContext', { file: '兰山区民政局.xlsx', sheet: 'Sheet1', cell }));
      expect(error.code, cell).toBe('bad_cell');
      expect(error.message).toBe(`单元格地址“${cell}”不正确：应为列字母加行号，如 B7（列 A 至 XFD，行 1 至 1048576）。`);
    }
    for (const cell of ['B7', '$XFD$1048576', 'a1']) {
      expect(refusal(await call('sourceContext', { file: '兰山区民政局.xlsx', sheet: 'Sheet1', cell })).code, cell).toBe('return_not_found');
    }
  });
});

describe('browser mode: pasted indicator tables', () => {
  it('answers a 130 000-character line, or one of 130 000 tokens, with a clear refusal, not 内部错误', async () => {
    const { call, dir } = await serve();
    const oneToken = `指 标 2020年 2025年\n${'参'.repeat(130_000)}\n`;
    const manyTokens = `指 标 2020年 2025年\n${Array.from({ length: 130_000 }, () => '1').join(' ')}\n`;
    for (const text of [oneToken, manyTokens]) {
      const error = refusal(await call('previewPastedSchema', { text }));
      expect(error.code).toBe('pasted_line_too_long');
      expect(error.message).toMatch(/^粘贴的文字第 2 行有 \d+ 个字符，超过 10000 个字符，不像指标表中的一行。/);
      const created = refusal(await call('createWorkbook', { path: path.join(dir, '粘贴.tzdb'), source: { text }, region: '临沂市', subregions: [] }));
      expect(created.code).toBe('pasted_line_too_long');
    }
    expect(existsSync(path.join(dir, '粘贴.tzdb'))).toBe(false);
    const fits = `指 标 2020年 2025年\n社会保障情况 基本养老保险参保率(%) 93.5 95${' '.repeat(MAX_PASTED_LINE_CHARS - 40)}\n`;
    expect(await call('previewPastedSchema', { text: fits })).toMatchObject({ ok: true });
  });
});
