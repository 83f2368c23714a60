import type { IpcInvokeEventLike } from './ipc-types';

/** The page address without its fragment: the renderer may keep state in `#…`. */
function withoutHash(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return null;
  }
}

/**
 * Accepts a message only from the main frame of our own page. An iframe, a page reached by a
 * navigation that slipped through, or a destroyed frame is refused (DESIGN "Security").
 */
export function makeSenderCheck(pageUrl: string): (event: IpcInvokeEventLike) => boolean {
  const expected = withoutHash(pageUrl);
  return (event) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || expected === null) return false;
    return withoutHash(frame.url) === expected;
  };
}
