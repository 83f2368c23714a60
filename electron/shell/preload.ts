// The sandboxed preload: bundled into one file (sandboxed preloads cannot require our modules).
// It exposes exactly the contract's methods, each an invoke on `tz:<method>`, and one listener
// for menu commands; nothing else of Electron or Node reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS } from '../../shared/api/validate';
import { MENU_CHANNEL, isMenuCommand, type MenuCommand, type TaiZhangShell } from '../../shared/api/wire';

const bridge: Record<string, (arg: unknown) => Promise<unknown>> = {};
for (const method of API_METHODS) {
  bridge[method] = (arg: unknown) => ipcRenderer.invoke(`tz:${method}`, arg);
}
contextBridge.exposeInMainWorld('taizhang', bridge);

const shell: TaiZhangShell = {
  /** Calls back for each menu command; returns the unsubscription. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void {
    const listener = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) callback(command);
    };
    ipcRenderer.on(MENU_CHANNEL, listener);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, listener);
  },
};
contextBridge.exposeInMainWorld('taizhangShell', shell);
