import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { median, type Timing } from './measure';

/**
 * The whole `taizhang schemas --json` process, as an officer starts it: node, the bin, the CLI bundle
 * and the built-in schemas. The bundle is rebuilt from the current sources first (about a second),
 * one untimed call warms the file cache, then `runs` calls are timed.
 */
export function measureCliSchemas(root: string, runs = 7): Timing {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build:cli failed: ${build.stderr}`);
  const bin = path.join(root, 'bin', 'taizhang.mjs');
  const call = (): number => {
    const start = performance.now();
    const result = spawnSync(process.execPath, [bin, 'schemas', '--json'], { cwd: root, encoding: 'utf8' });
    const ms = performance.now() - start;
    if (result.status !== 0) throw new Error(`taizhang schemas failed (${result.status}): ${result.stderr}`);
    return ms;
  };
  call();
  const durations = Array.from({ length: runs }, call);
  return { median: median(durations), runs: durations };
}
