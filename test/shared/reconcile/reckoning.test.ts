import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECKONING } from '../../../shared/reconcile/reckoning';

const ROOT = path.resolve(__dirname, '../../..');

/** Every source of shared/reconcile but reckoning.ts, by path, hashed together. */
function reconcileSourcesHash(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts') && name !== 'reckoning.ts') files.push(full);
    }
  };
  walk(path.join(ROOT, 'shared/reconcile'));
  const hash = createHash('sha256');
  for (const file of files) hash.update(path.relative(ROOT, file).split(path.sep).join('/')).update('\0').update(readFileSync(file, 'utf8').replace(/\r\n/g, '\n')).update('\0');
  return hash.digest('hex').slice(0, 16);
}

// Workbooks keep each year's reconciled answer under RECKONING. When reconciliation's sources
// change, its answers may change: give RECKONING a new name (so kept answers are recomputed) and
// write the new hash here.
const SOURCES_OF: Record<string, string> = { 'reckoning-6': 'a001014cdaf65cf0' };

describe('the name a workbook keeps reconciled answers under', () => {
  it('changes whenever reconciliation’s sources do', () => {
    expect({ reckoning: RECKONING, sources: reconcileSourcesHash() }).toEqual({ reckoning: RECKONING, sources: SOURCES_OF[RECKONING] });
  });
});
