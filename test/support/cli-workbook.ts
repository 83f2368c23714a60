import { expect } from 'vitest';
import { makeReturn } from './make-return';
import { runTaizhang } from './processes';

/**
 * A workbook `w.tzdb` in `dir` made and filled by the command line as an officer would: `init`
 * on the 临沂 plan, then one bureau's return written and imported. Fails the test if either
 * command does.
 */
export async function cliWorkbookWithReturn(dir: string, fileName: string, options: Parameters<typeof makeReturn>[2]): Promise<void> {
  const init = runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022', '--region', '临沂市'], { cwd: dir });
  expect(init.status, init.stderr).toBe(0);
  await makeReturn(dir, fileName, options);
  const imported = runTaizhang(['import', 'w.tzdb', fileName], { cwd: dir });
  expect(imported.status, imported.stderr).toBe(0);
}
