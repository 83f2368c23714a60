import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY_HEADER } from './content-security-policy';

/** What hardenApp needs of a webContents; Electron's own passes, and tests use fakes. */
export interface WebContentsLike {
  setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
}

/** Electron's navigation events carry the target URL on the event since Electron 25. */
export interface NavigationEventLike {
  readonly url: string;
  preventDefault(): void;
}

export interface AppLike {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

export interface SessionLike {
  setPermissionRequestHandler(handler: (contents: unknown, permission: unknown, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: () => boolean): void;
  readonly webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Whether `url` is one of the app's own files: a file: URL naming a path inside `appDir` (the
 * built renderer's folder). Other files on the disk, a network share, an encoded slash or any
 * other scheme are not. Case is ignored on Windows and macOS, whose file systems ignore it.
 */
export function isAppFileUrl(url: string, appDir: string, platform: NodeJS.Platform = process.platform): boolean {
  let file: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
    parsed.hash = '';
    parsed.search = '';
    file = fileURLToPath(parsed, { windows: platform === 'win32' });
  } catch {
    return false;
  }
  const pathOf = platform === 'win32' ? path.win32 : path.posix;
  const fold = (p: string) => (platform === 'win32' || platform === 'darwin' ? p.toLowerCase() : p);
  const root = fold(pathOf.resolve(appDir));
  const target = fold(pathOf.resolve(file));
  return target.startsWith(root.endsWith(pathOf.sep) ? root : root + pathOf.sep);
}

/** Besides the app's own files: devtools in a development run, and the page's own data: and blob: images. */
const BUILT_IN_SCHEMES = /^(devtools|data|blob):/;

/**
 * DESIGN "Security": no remote content, no new windows, no webviews, no permissions, and no
 * navigation or request outside the app's own folder (`appDir`, the built renderer), for
 * subframes as well as the main frame. Applied to every webContents the app ever creates.
 */
export function hardenApp(app: AppLike, session: SessionLike, appDir: string): void {
  const isOwn = (url: string) => isAppFileUrl(url, appDir);
  const keepInside = (event: NavigationEventLike) => {
    if (!isOwn(event.url)) event.preventDefault();
  };
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', keepInside);
    // will-navigate sees the main frame only; an iframe's navigations arrive here.
    contents.on('will-frame-navigate', keepInside);
    contents.on('will-redirect', keepInside);
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // Every request (page, script, image, frame) is refused before it is made unless it names one
  // of our files: a file: URL elsewhere on the disk would otherwise pass the CSP's 'self'.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(BUILT_IN_SCHEMES.test(details.url) || isOwn(details.url)) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] } });
  });
}
