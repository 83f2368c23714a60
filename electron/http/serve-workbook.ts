import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../shared/api/errors';
import { WorkbookService } from '../services/workbook-service';
import { openWorkbook } from '../store/open';
import type { WebServer } from './server';
import { startWebServer } from './server';

/** Where `vite build --config renderer/vite.config.ts` writes the renderer. */
export const BUILT_RENDERER_DIR = fileURLToPath(new URL('../../dist/app/renderer/', import.meta.url));

export interface ServedWorkbook {
  server: WebServer;
  service: WorkbookService;
  /** Stops the server, then closes the workbook (lock released, WAL folded back). */
  close(): Promise<void>;
}

/** Browser mode on one workbook: opens it for writing, as the desktop app would, and serves it. */
export async function serveWorkbook(
  file: string,
  options: { rendererDir?: string; port?: number; operator?: string } = {},
): Promise<ServedWorkbook> {
  const rendererDir = options.rendererDir ?? BUILT_RENDERER_DIR;
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new UserError(
      'renderer_not_built',
      `没有找到界面文件（${rendererDir}index.html）。请先运行 npm run build:renderer，再启动浏览器模式。`,
    );
  }
  const workbook = openWorkbook(file, options.operator === undefined ? {} : { operator: options.operator });
  try {
    const service = new WorkbookService(workbook);
    const server = await startWebServer({ service, rendererDir, ...(options.port === undefined ? {} : { port: options.port }) });
    return {
      server,
      service,
      async close() {
        await server.close();
        workbook.close();
      },
    };
  } catch (error) {
    workbook.close();
    throw error;
  }
}
