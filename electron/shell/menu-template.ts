import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';

/** What the menus do; main.ts supplies each with the window that was focused. */
export interface MenuActions {
  newWorkbook(): void;
  openWorkbook(): void;
  openRecent(file: string): void;
  importReturns(): void;
  exportTables(): void;
  issueTemplates(): void;
  saveCopy(): void;
  showAbout(): void;
  showHelp(): void;
}

export interface MenuContext {
  recent: readonly string[];
  /** 另存为/备份副本 needs an open workbook. */
  hasWorkbook: boolean;
  /** Developer tools only in a development run, never in the installed app. */
  developer: boolean;
  platform: NodeJS.Platform;
}

/** The menu bar in Chinese (the issue's 文件 / 编辑 / 视图 / 帮助), with the shortcuts of UI.md. */
export function buildMenuTemplate(actions: MenuActions, context: MenuContext): MenuItemConstructorOptions[] {
  const recentItems: MenuItemConstructorOptions[] =
    context.recent.length === 0
      ? [{ label: '（暂无）', enabled: false }]
      : context.recent.map((file) => ({ label: `${path.basename(file)}  —  ${path.dirname(file)}`, click: () => actions.openRecent(file) }));
  const file: MenuItemConstructorOptions = {
    label: '文件',
    submenu: [
      { label: '新建工作簿', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkbook() },
      { label: '打开…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkbook() },
      { label: '最近打开', submenu: recentItems },
      { type: 'separator' },
      { label: '导入报表…', accelerator: 'CmdOrCtrl+I', enabled: context.hasWorkbook, click: () => actions.importReturns() },
      { label: '导出…', accelerator: 'CmdOrCtrl+E', enabled: context.hasWorkbook, click: () => actions.exportTables() },
      { label: '下发模板…', enabled: context.hasWorkbook, click: () => actions.issueTemplates() },
      { type: 'separator' },
      { label: '另存为/备份副本…', accelerator: 'CmdOrCtrl+Shift+S', enabled: context.hasWorkbook, click: () => actions.saveCopy() },
      { type: 'separator' },
      context.platform === 'darwin' ? { label: '关闭窗口', role: 'close' } : { label: '退出', role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      { label: '撤销', role: 'undo' },
      { label: '重做', role: 'redo' },
      { type: 'separator' },
      { label: '剪切', role: 'cut' },
      { label: '复制', role: 'copy' },
      { label: '粘贴', role: 'paste' },
      { label: '全选', role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '视图',
    submenu: [
      { label: '实际大小', role: 'resetZoom' },
      { label: '放大', role: 'zoomIn' },
      { label: '缩小', role: 'zoomOut' },
      { type: 'separator' },
      { label: '全屏', role: 'togglefullscreen' },
      ...(context.developer
        ? ([{ type: 'separator' }, { label: '重新载入', role: 'reload' }, { label: '开发者工具', role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '帮助',
    submenu: [
      { label: '使用说明', accelerator: 'F1', click: () => actions.showHelp() },
      { label: '关于指标台账', click: () => actions.showAbout() },
    ],
  };
  return [file, edit, view, help];
}
