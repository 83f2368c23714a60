import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECKONING } from '../../../shared/reconcile/reckoning';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * Every source of shared/reconcile but reckoning.ts, with every module of shared/ they import
 * (figures' formatting and the domain shape answers too), by path, hashed together.
 */
function reconcileSourcesHash(): string {
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file) || path.basename(file) === 'reckoning.ts') return;
    files.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = path.resolve(path.dirname(file), spec!);
      const candidates = [`${target}.ts`, path.join(target, 'index.ts')];
      const found = candidates.find((c) => existsSync(c));
      if (found) visit(found);
    }
  };
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) visit(full);
    }
  };
  walk(path.join(ROOT, 'shared/reconcile'));
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(path.relative(ROOT, file).split(path.sep).join('/')).update('\0').update(readFileSync(file, 'utf8').replace(/\r\n/g, '\n')).update('\0');
  return hash.digest('hex').slice(0, 16);
}

// Workbooks keep each year's reconciled answer under RECKONING. When reconciliation's sources
// change, its answers may change: give RECKONING a new name (so kept answers are recomputed) and
// write the new hash here.
const SOURCES_OF: Record<string, string> = { 'reckoning-20': 'c87da2c6cc0c214b' };

describe('the name a workbook keeps reconciled answers under', () => {
  it('changes whenever reconciliation’s sources do', () => {
    expect({ reckoning: RECKONING, sources: reconcileSourcesHash() }).toEqual({ reckoning: RECKONING, sources: SOURCES_OF[RECKONING] });
  });
});
