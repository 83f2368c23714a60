import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../shared/api/validate';
import type { Outcome } from '../../../shared/api/wire';
import { registerIpc } from '../../../electron/shell/ipc';
import type { IpcInvokeEventLike, IpcInvokeListener, IpcMainLike } from '../../../electron/shell/ipc-types';
import { makeSenderCheck } from '../../../electron/shell/sender';
import { makeFakeService } from './fake-service';

const PAGE = 'file:///C:/Program%20Files/%E6%8C%87%E6%A0%87%E5%8F%B0%E8%B4%A6/resources/app.asar/dist/app/renderer/index.html';

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, IpcInvokeListener>();
  handle(channel: string, listener: IpcInvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: IpcInvokeEventLike, ...args: unknown[]): Promise<Outcome<unknown>> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(event, ...args) as Promise<Outcome<unknown>>;
  }
}

function eventFrom(url: string, parent: unknown = null): IpcInvokeEventLike {
  return { senderFrame: { url, parent }, sender: { id: 1 } };
}

function wire() {
  const ipcMain = new FakeIpcMain();
  const { service, calls } = makeFakeService();
  const bugs: unknown[] = [];
  const unregister = registerIpc(ipcMain, {
    serviceFor: () => service,
    isTrustedSender: makeSenderCheck(PAGE),
    reportBug: (error) => bugs.push(error),
  });
  return { ipcMain, calls, bugs, unregister };
}

describe('registerIpc', () => {
  it('registers one tz: channel per contract method and removes them all again', () => {
    const { ipcMain, unregister } = wire();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `tz:${m}`).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a valid call from our page to the service and answers its value', async () => {
    const { ipcMain, calls } = wire();
    const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 9]);
    const outcome = await ipcMain.invoke('tz:importReturns', eventFrom(`${PAGE}#/import`), {
      files: [{ name: '市民政局2023年报表.xlsx', bytes }],
      year: 2023,
    });
    expect(outcome).toMatchObject({ ok: true, value: [{ file: '市民政局2023年报表.xlsx', year: 2023, values: 5 }] });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('importReturns');
    expect((calls[0]!.arg as { files: { bytes: Uint8Array }[] }).files[0]!.bytes).toBe(bytes);
  });

  it.each([
    ['a year outside any plan', 'listReturns', { year: 20233 }],
    ['a year as text', 'listFindings', { year: '2023' }],
    ['a file given as a path', 'previewImport', { file: { name: 'D:\\统计\\民政局.xlsx', bytes: new Uint8Array(1) } }],
    ['bytes as a plain array', 'previewImport', { file: { name: '民政局.xlsx', bytes: [80, 75] } }],
    ['an unknown member', 'listValues', { year: 2023, sql: 'DROP TABLE returns' }],
    ['no files at all', 'importReturns', { files: [] }],
    ['a return id of zero', 'withdrawReturn', { returnId: 0 }],
    ['no argument', 'listSchemas', undefined],
  ])('refuses %s without reaching the service', async (_what, method, arg) => {
    const { ipcMain, calls, bugs } = wire();
    const outcome = await ipcMain.invoke(`tz:${method}`, eventFrom(PAGE), arg);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('invalid_argument');
      expect(outcome.error.message).toMatch(/参数不正确/);
    }
    expect(calls).toEqual([]);
    expect(bugs).toEqual([]);
  });

  it('refuses a second argument: our preload always sends exactly one', async () => {
    const { ipcMain, calls } = wire();
    const outcome = await ipcMain.invoke('tz:listReturns', eventFrom(PAGE), { year: 2023 }, { year: 2024 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['another page', eventFrom('https://example.com/index.html')],
    ['another local file', eventFrom('file:///C:/Users/zhangmin/Downloads/evil.html')],
    ['an iframe inside our page', eventFrom(PAGE, { url: PAGE })],
    ['a destroyed frame', { senderFrame: null, sender: { id: 1 } }],
  ])('refuses a call from %s', async (_what, event) => {
    const { ipcMain, calls } = wire();
    const outcome = await ipcMain.invoke('tz:listSchemas', event, {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(calls).toEqual([]);
  });

  it('sends a UserError back with its code, Chinese message and place', async () => {
    const { ipcMain, bugs } = wire();
    const outcome = await ipcMain.invoke('tz:previewImport', eventFrom(PAGE), {
      file: { name: '说明.docx', bytes: new Uint8Array([1, 2]) },
    });
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'not_spreadsheet',
        message: '“说明.docx”不是 Excel 文件，无法读取。请另存为 .xlsx 后重新导入。',
        where: { file: '说明.docx' },
      },
    });
    expect(bugs).toEqual([]);
  });

  it('reports a bug to the log and sends only 内部错误, never the stack or English text', async () => {
    const { ipcMain, bugs } = wire();
    const outcome = await ipcMain.invoke('tz:withdrawReturn', eventFrom(PAGE), { returnId: 7 });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'internal', where: {} } });
    if (!outcome.ok) {
      expect(outcome.error.message).toMatch(/^内部错误/);
      expect(outcome.error.message).not.toMatch(/exploded/);
    }
    expect(bugs).toHaveLength(1);
    expect(String(bugs[0])).toMatch(/store exploded while withdrawing 7/);
  });
});
