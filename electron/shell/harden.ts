import type { App, Session } from 'electron';
import { CONTENT_SECURITY_POLICY_HEADER } from './content-security-policy';

/**
 * DESIGN "Security": no remote content, no navigation, no new windows, no webviews, no
 * permissions. Applied to every webContents the app ever creates, not only the main window.
 */
export function hardenApp(app: App, session: Session): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // Only the app's own files load; the CSP forbids the rest, and this refuses it before any request.
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = /^(file|devtools|data|blob):/.test(details.url);
    callback({ cancel: !allowed });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] } });
  });
}
