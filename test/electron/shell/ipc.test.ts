import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../../shared/api/validate';
import type { Outcome } from '../../../shared/api/wire';
import type { WorkbookPathDialogs } from '../../../electron/shell/chosen-paths';
import { ChosenPaths } from '../../../electron/shell/chosen-paths';
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

/** Native dialogs that answer what the test says, and note what they were asked. */
class FakeDialogs implements WorkbookPathDialogs {
  readonly asked: { kind: 'open' | 'create'; suggested: string | null }[] = [];
  answer: string | null = null;
  /** When set, the dialog stays open until the test resolves it. */
  pending: Promise<void> | null = null;
  async chooseToOpen(suggested: string | null) {
    this.asked.push({ kind: 'open', suggested });
    await this.pending;
    return this.answer;
  }
  async chooseToCreate(suggested: string | null) {
    this.asked.push({ kind: 'create', suggested });
    await this.pending;
    return this.answer;
  }
}

function wire() {
  const ipcMain = new FakeIpcMain();
  const { service, calls } = makeFakeService();
  const bugs: unknown[] = [];
  const chosen = new ChosenPaths('linux');
  const dialogs = new FakeDialogs();
  const unregister = registerIpc(ipcMain, {
    serviceFor: () => service,
    isTrustedSender: makeSenderCheck(PAGE),
    authorizeWorkbookPath: (_event, method, requested) => chosen.authorize(method, requested, dialogs),
    reportBug: (error) => bugs.push(error),
  });
  return { ipcMain, calls, bugs, unregister, chosen, dialogs };
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

describe('createWorkbook and openWorkbook from the page', () => {
  const source = { builtin: 'linyi-2022' };

  it('open a path chosen in 打开… without asking again', async () => {
    const { ipcMain, calls, chosen, dialogs } = wire();
    chosen.add('/home/zhangmin/统计/临沂.tzdb');
    const outcome = await ipcMain.invoke('tz:openWorkbook', eventFrom(PAGE), { path: '/home/zhangmin/统计/临沂.tzdb', readOnly: true });
    expect(outcome.ok).toBe(true);
    expect(calls).toEqual([{ method: 'openWorkbook', arg: { path: '/home/zhangmin/统计/临沂.tzdb', readOnly: true } }]);
    expect(dialogs.asked).toEqual([]);
  });

  it('refuse a path the officer never chose when she cancels the dialog that asks her', async () => {
    const { ipcMain, calls, dialogs } = wire();
    const outcome = await ipcMain.invoke('tz:openWorkbook', eventFrom(PAGE), { path: '/home/zhangmin/别人的/机密.tzdb' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'path_not_chosen' } });
    if (!outcome.ok) expect(outcome.error.message).toMatch(/没有在对话框中选择要打开的工作簿/);
    expect(dialogs.asked).toEqual([{ kind: 'open', suggested: '/home/zhangmin/别人的/机密.tzdb' }]);
    expect(calls).toEqual([]);
  });

  it('use what she picks in the dialog, not what the page sent, and remember it', async () => {
    const { ipcMain, calls, dialogs } = wire();
    dialogs.answer = '/home/zhangmin/统计/罗庄区.tzdb';
    const first = await ipcMain.invoke('tz:openWorkbook', eventFrom(PAGE), { path: '/etc/passwd' });
    expect(first.ok).toBe(true);
    expect(calls[0]!.arg).toEqual({ path: '/home/zhangmin/统计/罗庄区.tzdb' });
    dialogs.answer = null;
    const again = await ipcMain.invoke('tz:openWorkbook', eventFrom(PAGE), { path: '/home/zhangmin/统计/罗庄区.tzdb', takeOverStale: true });
    expect(again.ok).toBe(true);
    expect(dialogs.asked).toHaveLength(1);
  });

  it('ask with a save dialog before createWorkbook, even with force, and add the extension as the service would', async () => {
    const { ipcMain, calls, dialogs } = wire();
    const arg = { path: '/home/zhangmin/重要/临沂', source, region: '临沂市', subregions: [], force: true };
    const refused = await ipcMain.invoke('tz:createWorkbook', eventFrom(PAGE), arg);
    expect(refused).toMatchObject({ ok: false, error: { code: 'path_not_chosen' } });
    expect(dialogs.asked).toEqual([{ kind: 'create', suggested: '/home/zhangmin/重要/临沂.tzdb' }]);
    expect(calls).toEqual([]);

    dialogs.answer = '/home/zhangmin/统计/临沂新建';
    const created = await ipcMain.invoke('tz:createWorkbook', eventFrom(PAGE), arg);
    expect(created.ok).toBe(true);
    expect(calls[0]!.arg).toEqual({ ...arg, path: '/home/zhangmin/统计/临沂新建.tzdb' });
    // The confirmed path needs no second dialog, as when 覆盖 follows a refusal of an existing file.
    await ipcMain.invoke('tz:createWorkbook', eventFrom(PAGE), { ...arg, path: '/home/zhangmin/统计/临沂新建.tzdb' });
    expect(dialogs.asked).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it('suggest nothing for a relative path, which names no folder', async () => {
    const { ipcMain, dialogs } = wire();
    await ipcMain.invoke('tz:openWorkbook', eventFrom(PAGE), { path: '临沂.tzdb' });
    expect(dialogs.asked).toEqual([{ kind: 'open', suggested: null }]);
  });

  it('refuse a second dialog while one is open: a page cannot stack dialogs on her', async () => {
    const { ipcMain, calls, dialogs } = wire();
    let close!: () => void;
    dialogs.pending = new Promise((resolve) => (close = resolve));
    const first = ipcMain.invoke('tz:openWorkbook', eventFrom(PAGE), { path: '/a/一.tzdb' });
    const second = await ipcMain.invoke('tz:openWorkbook', eventFrom(PAGE), { path: '/a/二.tzdb' });
    expect(second).toMatchObject({ ok: false, error: { code: 'dialog_busy' } });
    close();
    expect(await first).toMatchObject({ ok: false, error: { code: 'path_not_chosen' } });
    expect(dialogs.asked).toHaveLength(1);
    expect(calls).toEqual([]);
  });

  it('check the argument before any dialog: a malformed call never bothers her', async () => {
    const { ipcMain, dialogs } = wire();
    const outcome = await ipcMain.invoke('tz:createWorkbook', eventFrom(PAGE), { path: '/a/b.tzdb', source, region: '临沂市' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(dialogs.asked).toEqual([]);
  });
});

describe('ChosenPaths', () => {
  it('matches two spellings of one file where the file system ignores case, and only absolute paths', () => {
    const windows = new ChosenPaths('win32');
    windows.add('C:\\Users\\张敏\\临沂.tzdb');
    expect(windows.has('c:\\users\\张敏\\统计\\..\\临沂.TZDB')).toBe(true);
    expect(windows.has('临沂.tzdb')).toBe(false);
    const linux = new ChosenPaths('linux');
    linux.add('/home/zhangmin/临沂.tzdb');
    expect(linux.has('/home/zhangmin/统计/../临沂.tzdb')).toBe(true);
    expect(linux.has('/home/zhangmin/临沂.TZDB')).toBe(false);
    expect(linux.has('临沂.tzdb')).toBe(false);
  });
});
