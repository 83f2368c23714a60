import { readFileSync } from 'node:fs';

/** Timing and memory helpers for the benchmark: medians of repeated runs, peak RSS by sampling. */

export interface Timing {
  median: number;
  runs: number[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `task` `runs` times (after `setup`, untimed, each time) and keeps every duration. */
export async function timeRuns<T>(runs: number, task: (run: number) => Promise<T> | T, setup?: (run: number) => Promise<void> | void): Promise<Timing> {
  const durations: number[] = [];
  for (let run = 0; run < runs; run++) {
    await setup?.(run);
    const start = performance.now();
    await task(run);
    durations.push(performance.now() - start);
  }
  return { median: median(durations), runs: durations };
}

/** The process's resident-set high-water mark in MB: Linux keeps it as VmHWM. */
export function highWaterMb(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples RSS every few milliseconds while the event loop turns; the kernel's mark where there is one. */
export class PeakMemory {
  private peak = process.memoryUsage().rss;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 10) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return Math.max(this.peak / 1024 / 1024, highWaterMb() ?? 0);
  }
}
