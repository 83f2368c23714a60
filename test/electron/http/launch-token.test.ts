import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, takeLaunchToken } from '../../../renderer/api/launch-token';

// The page's side of browser mode's token (renderer/api/launch-token.ts), beside the server's.

function tab(url: string, stored: Record<string, string> = {}) {
  const parsed = new URL(url);
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  return {
    location: { hash: parsed.hash, pathname: parsed.pathname, search: parsed.search },
    storage: { getItem: (key: string) => storage.get(key) ?? null, setItem: (key: string, value: string) => void storage.set(key, value) },
    history: { replaceState: (_data: unknown, _unused: string, next?: string | null) => void replaced.push(next ?? '') },
    stored: storage,
    replaced,
  };
}

describe('the launch token in the page', () => {
  it('moves the token from the address into the tab’s sessionStorage and out of the address and history', () => {
    const t = tab('http://127.0.0.1:41234/#token=Abc_123-xyz');
    expect(takeLaunchToken(t.location, t.storage, t.history)).toBe('Abc_123-xyz');
    expect(t.stored.get(TOKEN_STORAGE_KEY)).toBe('Abc_123-xyz');
    expect(t.replaced).toEqual(['/']);
  });

  it('keeps the rest of the address, the token alone removed', () => {
    const t = tab('http://127.0.0.1:41234/index.html?debug=1#token=Abc&view=review');
    expect(takeLaunchToken(t.location, t.storage, t.history)).toBe('Abc');
    expect(t.replaced).toEqual(['/index.html?debug=1#view=review']);
  });

  it('finds the token again after a reload, with nothing in the address and nothing rewritten', () => {
    const t = tab('http://127.0.0.1:41234/', { [TOKEN_STORAGE_KEY]: 'Abc' });
    expect(takeLaunchToken(t.location, t.storage, t.history)).toBe('Abc');
    expect(t.replaced).toEqual([]);
  });

  it('prefers a new launch’s token in the address over an old one kept by the tab', () => {
    const t = tab('http://127.0.0.1:41234/#token=New', { [TOKEN_STORAGE_KEY]: 'Old' });
    expect(takeLaunchToken(t.location, t.storage, t.history)).toBe('New');
    expect(t.stored.get(TOKEN_STORAGE_KEY)).toBe('New');
  });

  it('has no token when neither the address nor the tab has one', () => {
    const t = tab('http://127.0.0.1:41234/');
    expect(takeLaunchToken(t.location, t.storage, t.history)).toBeNull();
  });
});
