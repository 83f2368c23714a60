import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import type { FileBytes } from '../../../shared/api/contract';
import { REGION, SUBREGIONS, generateReturns } from '../../bench/generate-load';

/**
 * A workbook for 临沂市 filled through the real import with the benchmark's returns, `perRegion`
 * of them from each of the 12 县区 (about 38 cells of the year each). Past 25 a 县区 bureau sends
 * again — other figures, the same file name — and the files are named as Windows names a second
 * download of the same name: “… (2).xlsx”. Seeded, so every run stores the same rows.
 * Answers how many files went in; a refused file fails the caller's setup.
 */
export async function fillWorkbookWithReturns(file: string, perRegion: number): Promise<{ files: number; refused: string[] }> {
  const workbook = createWorkbookFromSchema(file, { schema: loadBuiltinSchema('linyi-2022'), region: REGION, subregions: SUBREGIONS, operator: '张敏' });
  try {
    const service = new WorkbookService(workbook);
    const files = numberRepeatedNames(await generateReturns(service, perRegion));
    const results = await service.importReturns({ files });
    return { files: files.length, refused: results.filter((r) => r.outcome !== 'imported').map((r) => `${r.file}：${r.message}`) };
  } finally {
    workbook.close();
  }
}

function numberRepeatedNames(files: FileBytes[]): FileBytes[] {
  const seen = new Map<string, number>();
  return files.map((file) => {
    const count = (seen.get(file.name) ?? 0) + 1;
    seen.set(file.name, count);
    return count === 1 ? file : { ...file, name: file.name.replace(/\.xlsx$/, ` (${count}).xlsx`) };
  });
}
