// The Electron main process: windows (one per workbook), menus, dialogs and the IPC handlers.
// Bundled by scripts/build-electron.mjs into dist/app/electron/main.cjs.
import { BrowserWindow, Menu, app, ipcMain, session } from 'electron';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError, isUserError } from '../../shared/api/errors';
import { DEFAULT_LIMITS } from '../read/limits';
import { AppService } from '../services/app-service';
import { setFaultSink } from '../services/fault-log';
import { setReadWorkerScript } from '../read/read-isolated';
import type { WorkbookPathMethod } from './chosen-paths';
import { ChosenPaths } from './chosen-paths';
import { chooseNewWorkbookPath, chooseReturnFiles, chooseWorkbookCopyTarget, chooseWorkbookToOpen, showError, showInfo } from './dialogs';
import { hardenApp } from './harden';
import { registerIpc } from './ipc';
import type { IpcInvokeEventLike } from './ipc-types';
import type { MenuCommand } from '../../shared/api/wire';
import { MENU_CHANNEL } from '../../shared/api/wire';
import { buildMenuTemplate } from './menu-template';
import { readRecentWorkbooks } from '../services/recent-workbooks';
import { makeSenderCheck } from './sender';
import { appFiles, createAppWindow } from './window';
import { findWorkbookArg, workbookKey } from './workbook-args';

interface WindowSession {
  window: BrowserWindow;
  service: AppService;
}

const sessions = new Map<number, WindowSession>();
const files = appFiles(__dirname, app.getPath('userData'));
const recentFile = path.join(app.getPath('userData'), 'recent-workbooks.json');
const logFile = path.join(app.getPath('logs'), 'main.log');
/** The only workbook paths the page may name (DESIGN "Security"); see ChosenPaths. */
const chosenPaths = new ChosenPaths();

function reportBug(error: unknown): void {
  const text = `${new Date().toISOString()} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
  console.error(text);
  try {
    mkdirSync(path.dirname(logFile), { recursive: true });
    appendFileSync(logFile, text);
  } catch {
    // The log is a help, not a duty: a read-only profile must not stop the app.
  }
}

function sessionOf(window: BrowserWindow | null): WindowSession | undefined {
  return window ? sessions.get(window.webContents.id) : undefined;
}

function focusedSession(): WindowSession | undefined {
  return sessionOf(BrowserWindow.getFocusedWindow()) ?? sessions.values().next().value;
}

function openWindow(): WindowSession {
  const window = createAppWindow(files, sessions.size * 24);
  const entry: WindowSession = { window, service: new AppService({ settingsDir: app.getPath('userData') }) };
  const id = window.webContents.id;
  sessions.set(id, entry);
  window.on('focus', refreshMenu);
  window.on('closed', () => {
    sessions.delete(id);
    entry.service.close();
    refreshMenu();
  });
  return entry;
}

function sendCommand(entry: WindowSession, command: MenuCommand): void {
  entry.window.webContents.send(MENU_CHANNEL, command);
}

/** The window other than `except` that has `file` open, brought forward; undefined when none has. */
function focusWindowWith(file: string, except?: WindowSession): WindowSession | undefined {
  const key = workbookKey(file);
  for (const entry of sessions.values()) {
    const open = entry.service.workbookService?.workbook;
    if (entry !== except && open && workbookKey(open.path) === key) {
      if (entry.window.isMinimized()) entry.window.restore();
      entry.window.focus();
      return entry;
    }
  }
  return undefined;
}

/**
 * One window per workbook: a workbook already open is brought forward, never opened twice.
 * Every caller passes the officer's own choice (打开…, 最近打开, a .tzdb she double-clicked), so
 * the page may name this path afterwards (a read-only retry, say).
 */
async function openWorkbookFile(file: string, into?: WindowSession): Promise<void> {
  chosenPaths.add(file);
  if (focusWindowWith(file)) return;
  const target = into && !into.service.workbookService ? into : openWindow();
  try {
    await target.service.open(file);
  } catch (error) {
    if (!isUserError(error)) reportBug(error);
    await showError(into?.window ?? null, isUserError(error) ? error.message : '内部错误：无法打开工作簿。请把程序日志交给维护人员。');
    return;
  }
  const workbook = target.service.workbookService!.workbook;
  target.window.setTitle(`${path.basename(workbook.path)} — 指标台账`);
  target.window.setRepresentedFilename(workbook.path);

  app.addRecentDocument(workbook.path);
  // The page asks its service again from the start, now that there is a workbook behind it.
  target.window.webContents.reload();
  refreshMenu();
}

async function saveCopy(entry: WindowSession): Promise<void> {
  const workbook = entry.service.workbookService?.workbook;
  if (!workbook) return;
  const target = await chooseWorkbookCopyTarget(entry.window, workbook.path);
  if (!target) return;
  try {
    const written = workbook.backupTo(target);
    await showInfo(entry.window, '另存为/备份副本', '副本已保存。', written);
  } catch (error) {
    if (!isUserError(error)) reportBug(error);
    await showError(entry.window, isUserError(error) ? error.message : '内部错误：副本没有保存。请把程序日志交给维护人员。');
  }
}

function refreshMenu(): void {
  const current = focusedSession();
  const withWindow = (run: (entry: WindowSession) => void | Promise<void>) => () => {
    const entry = focusedSession() ?? openWindow();
    void Promise.resolve(run(entry)).catch(reportBug);
  };
  const template = buildMenuTemplate(
    {
      newWorkbook: withWindow((entry) => sendCommand(entry, { command: 'new-workbook' })),
      openWorkbook: withWindow(async (entry) => {
        const file = await chooseWorkbookToOpen(entry.window);
        if (file) await openWorkbookFile(file, entry);
      }),
      openRecent: (file) => withWindow((entry) => openWorkbookFile(file, entry))(),
      importReturns: withWindow(async (entry) => {
        const chosen = await chooseReturnFiles(entry.window, DEFAULT_LIMITS.maxFileBytes);
        if (chosen.files.length > 0) sendCommand(entry, { command: 'import', files: chosen.files });
        if (chosen.refused.length > 0) {
          await showError(entry.window, `有 ${chosen.refused.length} 个文件没有导入。`, chosen.refused.join('\n'));
        }
      }),
      exportTables: withWindow((entry) => sendCommand(entry, { command: 'export' })),
      issueTemplates: withWindow((entry) => sendCommand(entry, { command: 'templates' })),
      saveCopy: withWindow(saveCopy),
      showAbout: withWindow((entry) =>
        showInfo(entry.window, '关于指标台账', `指标台账 ${app.getVersion()}`, '汇总各单位报表、核对指标、导出统计表。全程离线运行，数据保存在工作簿文件（.tzdb）中。'),
      ),
      showHelp: withWindow((entry) =>
        showInfo(
          entry.window,
          '使用说明',
          '使用步骤',
          '1. 文件 → 新建工作簿：选择指标体系，填写地区和下辖县区。\n2. 指标体系：为每个指标确定填报单位。\n3. 下发模板：为各单位生成填报模板。\n4. 导入报表：把各单位报来的 Excel 拖到窗口中。\n5. 核对：逐项处理核对问题。\n6. 定稿与导出：定稿后导出统计表。',
        ),
      ),
    },
    { recent: readRecentWorkbooks(recentFile), hasWorkbook: Boolean(current?.service.workbookService), developer: !app.isPackaged, platform: process.platform },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/**
 * createWorkbook and openWorkbook from the page: only on a path the officer chose (a dialog
 * confirms one the page typed), and never a workbook another window of this app holds.
 */
async function authorizeWorkbookPath(event: IpcInvokeEventLike, method: WorkbookPathMethod, requested: string): Promise<string> {
  const entry = sessions.get(event.sender.id);
  if (!entry) throw new UserError('no_window', '发出请求的窗口已经关闭。');
  const file = await chosenPaths.authorize(method, requested, {
    chooseToOpen: (suggested) => chooseWorkbookToOpen(entry.window, suggested),
    chooseToCreate: (suggested) => chooseNewWorkbookPath(entry.window, suggested),
  });
  if (focusWindowWith(file, entry)) {
    throw new UserError(
      'workbook_open_in_other_window',
      `“${path.basename(file)}”已在本程序的另一个窗口中打开，已切换到该窗口。请在那个窗口中继续操作。`,
      { file },
    );
  }
  return file;
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // A second launch (double-clicking another .tzdb) hands its arguments to this process.
  app.on('second-instance', (_event, argv, cwd) => {
    const file = findWorkbookArg(argv, cwd);
    if (file) void openWorkbookFile(file).catch(reportBug);
    else focusedSession()?.window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    // Returns are parsed in a worker beside main.cjs, so a hostile file cannot freeze the window;
    // a bug met on one file goes to the app's log.
    setReadWorkerScript(path.join(__dirname, 'read-worker.cjs'));
    setFaultSink((error, context) => {
      reportBug(new Error(`${context}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
      return { logFile };
    });
    hardenApp(app, session.defaultSession, path.dirname(files.page));
    const pageUrl = pathToFileURL(files.page).href;
    registerIpc(ipcMain, {
      serviceFor: (event) => sessions.get(event.sender.id)?.service ?? new AppService({ settingsDir: app.getPath('userData') }),
      isTrustedSender: makeSenderCheck(pageUrl),
      authorizeWorkbookPath,
      reportBug,
    });
    const first = openWindow();
    refreshMenu();
    const file = findWorkbookArg(process.argv, process.cwd());
    if (file) void openWorkbookFile(file, first).catch(reportBug);
  });
}

start();
