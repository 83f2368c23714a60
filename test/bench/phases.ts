import type { FileBytes } from '../../shared/api/contract';
import type { Grid } from '../../shared/import/grid';
import { readReturnValues } from '../../shared/import/read-return-values';
import { readGrid } from '../../electron/read/read-grid';
import { buildImportContext } from '../../shared/import/import-context';
import { layOut, type LayoutMemory } from '../../electron/services/read-return';
import { returnFacts } from '../../shared/import/lay-out-return';
import type { Schema } from '../../shared/domain';
import { timeRuns, type Timing } from './measure';

/**
 * Where an import's time goes, phase by phase, with the same functions the import calls: the
 * bytes read into grids, then layout detection and matching on those grids. Storing is what
 * the whole import costs beyond these two.
 */
export interface Phases {
  read: Timing;
  detectAndMatch: Timing;
}

const NO_MEMORY: LayoutMemory = { forBureau: () => null, all: () => [] };

export async function measurePhases(schema: Schema, regions: string[], files: readonly FileBytes[], runs: number): Promise<Phases> {
  let grids: Grid[] = [];
  const read = await timeRuns(runs, async () => {
    grids = [];
    for (const file of files) grids.push(await readGrid(file));
  });
  const context = buildImportContext(
    schema,
    regions.map((name, i) => (i === 0 ? { name, parent: null, kind: 'self' as const } : { name, parent: regions[0]!, kind: 'county' as const })),
    [],
  );
  const detectAndMatch = await timeRuns(runs, () => {
    files.forEach((file, i) => {
      const parsed = layOut(NO_MEMORY, grids[i]!, context, file, {}).detection.parsed;
      if (!parsed) return;
      const { bureau, region, year } = returnFacts(parsed, context, {});
      readReturnValues(parsed, { indicators: schema.indicators, matcher: context.matcher, bureau, region, year: year ?? 0 });
    });
  });
  return { read, detectAndMatch };
}
