// No DOM types here: the page passes window.location, sessionStorage and history, and the
// tests pass plain objects.

export interface TokenLocation {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}

export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface TokenHistory {
  replaceState(data: unknown, unused: string, url?: string | null): void;
}

export const TOKEN_STORAGE_KEY = 'taizhang.token';

/**
 * The launch's token for browser mode. It arrives once in the URL fragment (#token=…), which
 * browsers never send to a server; it is moved at once into the tab's sessionStorage and out of
 * the address bar and the history (replaceState), so it is not left in a copied address, a
 * screenshot or the browser's history, while a reload of the tab still works.
 *
 * sessionStorage rather than a cookie: cookies are not kept apart by port, so every other web
 * server on 127.0.0.1 the browser visits would receive one, and a cookie is sent with every
 * request, including ones other pages make; sessionStorage belongs to this origin and tab only.
 */
export function takeLaunchToken(location: TokenLocation, storage: TokenStorage, history: TokenHistory): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = fragment.get('token');
  if (!fromHash) return storage.getItem(TOKEN_STORAGE_KEY);
  storage.setItem(TOKEN_STORAGE_KEY, fromHash);
  fragment.delete('token');
  const rest = fragment.toString();
  history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return fromHash;
}
