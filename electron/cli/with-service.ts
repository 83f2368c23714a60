import type { WorkbookService } from '../services/workbook-service';
import type { ParsedArgs } from './args';
import { openForReading, openForWriting } from './workbook-arg';

/**
 * Runs `work` against the workbook of the first positional and always closes it.
 * The service (and with it exceljs and the import pipeline) is loaded only here, when a command runs.
 */
export async function withService<T>(args: ParsedArgs, cwd: string, mode: 'read' | 'write', work: (service: WorkbookService) => Promise<T> | T): Promise<T> {
  const file = args.positionals[0] ?? '';
  const { WorkbookService: Service } = await import('../services/workbook-service');
  const workbook = mode === 'read' ? await openForReading(file, cwd) : await openForWriting(file, args, cwd);
  try {
    return await work(new Service(workbook));
  } finally {
    workbook.close();
  }
}
