/**
 * A second TaiZhang process for the lock tests: opens the workbook given on the command line
 * (`read` for read-only, `take-over` to take a stale lock over), prints one JSON line when it
 * holds it, and closes when its stdin says `close` or ends.
 */
import { isUserError } from '../../shared/api/errors';
import { openWorkbook } from '../../electron/store/open';

const [file, mode = 'write'] = process.argv.slice(2);
if (!file) throw new Error('usage: hold-workbook.ts <file> [write|read|take-over]');

try {
  const workbook = openWorkbook(file, { readOnly: mode === 'read', takeOverStale: mode === 'take-over', operator: '王统计' });
  const heldBy = workbook.readOnly ? workbook.heldBy : null;
  process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, readOnly: workbook.readOnly, heldBy })}\n`);
  let input = '';
  const finish = () => {
    workbook.close();
    process.stdout.write(`${JSON.stringify({ closed: true })}\n`);
    process.exit(0);
  };
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    input += chunk;
    if (input.includes('close')) finish();
  });
  process.stdin.on('end', finish);
} catch (error) {
  const code = isUserError(error) ? error.code : 'internal';
  process.stdout.write(`${JSON.stringify({ ready: false, code, message: (error as Error).message })}\n`);
  process.exit(3);
}
