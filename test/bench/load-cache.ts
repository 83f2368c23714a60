import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileBytes } from '../../shared/api/contract';
import { TEMPLATE_FORMAT_VERSION } from '../../shared/import/template-key';

/**
 * Loads too slow to write on every run (the province's 12 500 returns) kept on disk under
 * bench-results/cache/ (git-ignored), one folder per year. The folder's name carries a hash of
 * the generator's sources, the load's description and the template format, so a changed
 * generator writes a new load instead of reading a stale one.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GENERATOR_SOURCES = ['generate-load.ts', 'province-regions.ts', 'load-cache.ts'];

interface Manifest {
  key: string;
  description: unknown;
  years: Record<string, string[]>;
}

export function cacheFolder(root: string, name: string, description: unknown): string {
  const hash = createHash('sha256');
  for (const file of GENERATOR_SOURCES) hash.update(readFileSync(path.join(HERE, file)));
  hash.update(JSON.stringify(description));
  hash.update(String(TEMPLATE_FORMAT_VERSION));
  return path.join(root, 'bench-results', 'cache', `${name}-${hash.digest('hex').slice(0, 12)}`);
}

function readManifest(folder: string): Manifest | null {
  const file = path.join(folder, 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : null;
}

/** True once every year asked for has been written completely (the manifest is written last). */
export function hasCachedYears(folder: string, years: readonly number[]): boolean {
  const manifest = readManifest(folder);
  return manifest !== null && years.every((year) => manifest.years[String(year)] !== undefined);
}

export function readCachedYear(folder: string, year: number): FileBytes[] {
  const names = readManifest(folder)?.years[String(year)];
  if (!names) throw new Error(`${folder} holds no load for ${year}`);
  return names.map((name, i) => ({ name, bytes: new Uint8Array(readFileSync(path.join(folder, String(year), `${String(i).padStart(5, '0')}.xlsx`))) }));
}

/** Writes one year's files, then records the year in the manifest (through a rename, so never half-written). */
export function writeCachedYear(folder: string, description: unknown, year: number, files: readonly FileBytes[]): void {
  const dir = path.join(folder, String(year));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  files.forEach((file, i) => writeFileSync(path.join(dir, `${String(i).padStart(5, '0')}.xlsx`), file.bytes));
  const manifest = readManifest(folder) ?? { key: path.basename(folder), description, years: {} };
  manifest.years[String(year)] = files.map((file) => file.name);
  const next = path.join(folder, 'manifest.json.next');
  writeFileSync(next, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(next, path.join(folder, 'manifest.json'));
}

/** Other loads of the same name (an older generator's) take disk space for nothing: removed. */
export function removeStaleCaches(folder: string): void {
  const parent = path.dirname(folder);
  if (!existsSync(parent)) return;
  const prefix = `${path.basename(folder).replace(/-[0-9a-f]{12}$/, '')}-`;
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(prefix) && entry !== path.basename(folder)) rmSync(path.join(parent, entry), { recursive: true, force: true });
  }
}
