import { expect } from 'vitest';
import type { CliResult } from '../support/processes';

/** A refusal as DESIGN wants it: status 2, exactly one Chinese line on stderr, no stack trace. */
export function expectRefused(result: CliResult, pattern: RegExp): void {
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.split('\n').filter((line) => line.length > 0);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/[\u4e00-\u9fff]/);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).toBe('');
}
