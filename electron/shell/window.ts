import { BrowserWindow, screen } from 'electron';
import path from 'node:path';
import type { WindowState } from './window-state';
import { MIN_SIZE, readWindowState, restoreBounds, writeWindowState } from './window-state';

export interface WindowFiles {
  preload: string;
  page: string;
  icon: string;
  /** userData/window-state.json */
  state: string;
}

/** A window onto one workbook (or none yet), opened where the last one was closed. */
export function createAppWindow(files: WindowFiles, offset = 0): BrowserWindow {
  const saved = readWindowState(files.state);
  const bounds = restoreBounds(saved, screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    ...bounds,
    x: bounds.x + offset,
    y: bounds.y + offset,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: '指标台账',
    icon: files.icon,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: files.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    writeWindowState(files.state, state);
  });
  void window.loadFile(files.page);
  return window;
}

export function appFiles(bundleDir: string, userData: string): WindowFiles {
  // bundleDir is dist/app/electron; the page and the icon sit beside it in the package.
  return {
    preload: path.join(bundleDir, 'preload.cjs'),
    page: path.join(bundleDir, '..', 'renderer', 'index.html'),
    icon: path.join(bundleDir, '..', '..', '..', 'resources', 'icons', 'icon.png'),
    state: path.join(userData, 'window-state.json'),
  };
}
