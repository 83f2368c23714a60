import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { median, type Timing } from './measure';

/**
 * Whole `taizhang` processes, as an officer starts them: node, the bin, the CLI bundle and
 * whatever the command loads. The bundle is rebuilt from the current sources first (about a
 * second) by measureCliSchemas, which the benchmark runs before anything else.
 */

/** One call of the bin with `args`; throws (with its stderr) unless it exits 0. */
export function callCli(root: string, args: readonly string[]): number {
  const bin = path.join(root, 'bin', 'taizhang.mjs');
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`taizhang ${args[0]} failed (${result.status}): ${result.stderr.slice(0, 2000)}`);
  return ms;
}

/** One untimed call to warm the file cache, then `runs` timed calls (after `setup`, untimed, each time). */
export function timeCli(root: string, args: () => readonly string[], runs: number, setup?: () => void): Timing {
  setup?.();
  callCli(root, args());
  const durations: number[] = [];
  for (let run = 0; run < runs; run++) {
    setup?.();
    durations.push(callCli(root, args()));
  }
  return { median: median(durations), runs: durations };
}

/** `taizhang schemas --json`, after rebuilding the bundle from the current sources. */
export function measureCliSchemas(root: string, runs = 7): Timing {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build:cli failed: ${build.stderr}`);
  return timeCli(root, () => ['schemas', '--json'], runs);
}
