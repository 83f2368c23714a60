import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

/**
 * Debian's Chromium by default; CHROME_PATH points at Chrome or Edge elsewhere. The flags keep
 * the browser from reaching the network on its own (updates, sync, field trials).
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

export const VIEWPORT = { width: 1366, height: 768 };
/** The narrowest window the frame must stay usable in. */
export const NARROW_VIEWPORT = { width: 1024, height: 768 };
