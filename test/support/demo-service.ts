import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkbookService } from '../../electron/services/workbook-service';
import { assignDemoReporters, createDemoWorkbook, importDemoReturns } from '../../scripts/demo-workbook';

/** The demo workbook (`npm run demo`'s), reporters assigned and returns imported, in a folder of its own. */
export interface DemoService {
  dir: string;
  service: WorkbookService;
  close(): void;
}

export async function openDemoService(prefix: string): Promise<DemoService> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const workbook = createDemoWorkbook(path.join(dir, 'demo.tzdb'));
  const service = new WorkbookService(workbook);
  await assignDemoReporters(service);
  await importDemoReturns(service);
  return {
    dir,
    service,
    close: () => {
      workbook.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
