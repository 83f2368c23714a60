import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

/** A fresh empty folder, removed after the test. */
export function makeTempDir(prefix = 'taizhang-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** The folder's entries, sorted: what the officer would see in Explorer. */
export function listDir(dir: string): string[] {
  return readdirSync(dir).sort();
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
