import { WorkbookService } from '../services/workbook-service';
import type { ParsedArgs } from './args';
import { openForReading, openForWriting } from './workbook-arg';

/** Runs `work` against the workbook of the first positional and always closes it. */
export async function withService<T>(args: ParsedArgs, cwd: string, mode: 'read' | 'write', work: (service: WorkbookService) => Promise<T> | T): Promise<T> {
  const file = args.positionals[0] ?? '';
  const workbook = mode === 'read' ? openForReading(file, cwd) : openForWriting(file, args, cwd);
  try {
    return await work(new WorkbookService(workbook));
  } finally {
    workbook.close();
  }
}
