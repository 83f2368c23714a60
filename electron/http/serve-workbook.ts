import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../shared/api/errors';
import { AppService } from '../services/app-service';
import type { WebServer } from './server';
import { startWebServer } from './server';

/** Where `vite build --config renderer/vite.config.ts` writes the renderer. */
export const BUILT_RENDERER_DIR = fileURLToPath(new URL('../../dist/app/renderer/', import.meta.url));

export interface ServedApp {
  server: WebServer;
  service: AppService;
  /** Stops the server, then closes the workbook (lock released, WAL folded back). */
  close(): Promise<void>;
}

/**
 * Browser mode: the app's API over loopback HTTP, with a workbook opened for writing as the
 * desktop app would, or none (the page then starts at 首页 to create or open one).
 */
export async function serveApp(
  options: { file?: string; rendererDir?: string; port?: number; operator?: string; settingsDir?: string } = {},
): Promise<ServedApp> {
  const rendererDir = options.rendererDir ?? BUILT_RENDERER_DIR;
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new UserError(
      'renderer_not_built',
      `没有找到界面文件（${rendererDir}index.html）。请先运行 npm run build:renderer，再启动浏览器模式。`,
    );
  }
  const settingsDir = options.settingsDir ?? mkdtempSync(path.join(os.tmpdir(), 'taizhang-web-'));
  const service = new AppService({ settingsDir, ...(options.operator === undefined ? {} : { operator: options.operator }) });
  try {
    if (options.file) await service.open(options.file);
    const server = await startWebServer({ service, rendererDir, ...(options.port === undefined ? {} : { port: options.port }) });
    return {
      server,
      service,
      async close() {
        await server.close();
        service.close();
      },
    };
  } catch (error) {
    service.close();
    throw error;
  }
}
