import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuActions } from '../../../electron/shell/menu-template';
import { buildMenuTemplate } from '../../../electron/shell/menu-template';

function recordingActions() {
  const called: string[] = [];
  const actions = new Proxy({} as MenuActions, {
    get: (_target, name: string) => (arg?: string) => called.push(arg ? `${name}:${arg}` : name),
  });
  return { actions, called };
}

function items(menu: MenuItemConstructorOptions): MenuItemConstructorOptions[] {
  return (menu.submenu as MenuItemConstructorOptions[]).filter((item) => item.type !== 'separator');
}

function click(item: MenuItemConstructorOptions | undefined): void {
  (item!.click as () => void)();
}

describe('menu bar', () => {
  it('has 文件, 编辑, 视图, 帮助 with the file commands in Chinese', () => {
    const { actions } = recordingActions();
    const menu = buildMenuTemplate(actions, { recent: [], hasWorkbook: true, developer: false, platform: 'win32' });
    expect(menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(items(menu[0]!).map((i) => i.label)).toEqual(['新建工作簿', '打开…', '最近打开', '导入报表…', '导出…', '下发模板…', '另存为/备份副本…', '退出']);
    expect(items(menu[3]!).map((i) => i.label)).toEqual(['使用说明', '关于指标台账']);
    const labels = JSON.stringify(menu.map((m) => (m.submenu as MenuItemConstructorOptions[]).map((i) => i.label ?? '')));
    expect(labels).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('runs the chosen action and lists recent workbooks by name and folder', () => {
    const { actions, called } = recordingActions();
    const menu = buildMenuTemplate(actions, { recent: ['/data/统计/临沂.tzdb'], hasWorkbook: true, developer: false, platform: 'linux' });
    const file = items(menu[0]!);
    click(file.find((i) => i.label === '导入报表…'));
    const recent = (file.find((i) => i.label === '最近打开')!.submenu as MenuItemConstructorOptions[])[0]!;
    expect(recent.label).toBe('临沂.tzdb  —  /data/统计');
    click(recent);
    expect(called).toEqual(['importReturns', 'openRecent:/data/统计/临沂.tzdb']);
  });

  it('disables workbook commands without a workbook and hides developer tools in the installed app', () => {
    const { actions } = recordingActions();
    const menu = buildMenuTemplate(actions, { recent: [], hasWorkbook: false, developer: false, platform: 'win32' });
    const disabled = items(menu[0]!).filter((i) => i.enabled === false).map((i) => i.label);
    expect(disabled).toEqual(['导入报表…', '导出…', '下发模板…', '另存为/备份副本…']);
    expect(JSON.stringify(menu)).not.toContain('toggleDevTools');
  });
});
