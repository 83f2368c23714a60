import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AppLike, NavigationEventLike, SessionLike, WebContentsLike } from '../../../electron/shell/harden';
import { hardenApp, isAppFileUrl } from '../../../electron/shell/harden';

const APP_DIR = '/opt/指标台账/resources/app.asar/dist/app/renderer';
const PAGE = pathToFileURL(`${APP_DIR}/index.html`).href;

type Listener = (event: NavigationEventLike) => void;

/** A webContents that records its handlers, so the test can fire Electron's events at them. */
class FakeContents implements WebContentsLike {
  readonly listeners = new Map<string, Listener[]>();
  openHandler: (() => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: () => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  /** Fires `event` towards `url`; true when a handler prevented it. */
  fire(event: string, url: string): boolean {
    let prevented = false;
    const handlers = this.listeners.get(event) ?? [];
    expect(handlers.length, `no handler for ${event}`).toBeGreaterThan(0);
    for (const listener of handlers) listener({ url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function harden() {
  let created: ((event: unknown, contents: WebContentsLike) => void) | null = null;
  const app: AppLike = {
    on: (_event, listener) => {
      created = listener;
    },
  };
  let beforeRequest: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | null = null;
  const granted: boolean[] = [];
  let check: (() => boolean) | null = null;
  const session: SessionLike = {
    setPermissionRequestHandler: (handler) => handler(null, 'geolocation', (answer) => granted.push(answer)),
    setPermissionCheckHandler: (handler) => {
      check = handler;
    },
    webRequest: {
      onBeforeRequest: (listener) => {
        beforeRequest = listener;
      },
      onHeadersReceived: () => undefined,
    },
  };
  hardenApp(app, session, APP_DIR);
  const contents = new FakeContents();
  created!({}, contents);
  const cancelled = (url: string) => {
    let answer: boolean | null = null;
    beforeRequest!({ url }, (response) => (answer = response.cancel));
    return answer;
  };
  return { contents, cancelled, granted, check: check! };
}

describe('hardenApp', () => {
  it('denies every new window', () => {
    const { contents } = harden();
    expect(contents.openHandler?.()).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('keeps %s inside the app’s own folder', (event) => {
    const { contents } = harden();
    expect(contents.fire(event, `${PAGE}#/review`)).toBe(false);
    expect(contents.fire(event, pathToFileURL(`${APP_DIR}/assets/index.js`).href)).toBe(false);
    for (const outside of [
      'https://example.com/',
      'file:///etc/passwd',
      'file:///home/zhangmin/Downloads/evil.html',
      pathToFileURL('/opt/指标台账/resources/app.asar/dist/app/renderer-evil/index.html').href,
      `file://${APP_DIR}/../../../../../etc/passwd`,
      'file://fileserver/share/index.html',
      'javascript:alert(1)',
    ]) {
      expect(contents.fire(event, outside), outside).toBe(true);
    }
  });

  it('refuses requests for any file outside the app’s folder, frames included, before they are made', () => {
    const { cancelled } = harden();
    expect(cancelled(PAGE)).toBe(false);
    expect(cancelled('data:image/png;base64,iVBORw0KGgo=')).toBe(false);
    expect(cancelled('blob:file:///3f2a')).toBe(false);
    expect(cancelled('file:///C:/Windows/win.ini')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled(`file://${APP_DIR}/%2e%2e/%2e%2e/secret.html`)).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true);
  });

  it('grants no permission', () => {
    const { granted, check } = harden();
    expect(granted).toEqual([false]);
    expect(check()).toBe(false);
  });
});

describe('isAppFileUrl', () => {
  it('accepts the app’s own files only, comparing Windows paths without case', () => {
    const dir = 'C:\\Program Files\\指标台账\\resources\\app.asar\\dist\\app\\renderer';
    const page = 'file:///C:/Program%20Files/%E6%8C%87%E6%A0%87%E5%8F%B0%E8%B4%A6/resources/app.asar/dist/app/renderer/index.html';
    expect(isAppFileUrl(page, dir, 'win32')).toBe(true);
    expect(isAppFileUrl(page.replace('Program%20Files', 'program%20files'), dir, 'win32')).toBe(true);
    expect(isAppFileUrl('file:///C:/Users/zhangmin/Downloads/index.html', dir, 'win32')).toBe(false);
    expect(isAppFileUrl('file:///C:/Program%20Files/%E6%8C%87%E6%A0%87%E5%8F%B0%E8%B4%A6/resources/app.asar/dist/app/renderer%5C..%5C..%5Cx.html', dir, 'win32')).toBe(false);
    expect(isAppFileUrl('file://server/share/renderer/index.html', dir, 'win32')).toBe(false);
    expect(isAppFileUrl(`file://${APP_DIR}`, APP_DIR, 'linux')).toBe(false);
    expect(isAppFileUrl('not a url', APP_DIR, 'linux')).toBe(false);
  });
});
