import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: rebuilds dist/cli/ once per run, so that tests spawning `bin/taizhang.mjs`
 * (test/support/processes.ts, test/integration/) run the sources as they are now, not the bundle
 * `npm install` built.
 */
export default function buildCli(): void {
  const script = fileURLToPath(new URL('../../scripts/build-cli.mjs', import.meta.url));
  execFileSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'inherit'] });
}
