// `npm run web -- <工作簿.tzdb> [--port 8080]`: browser mode on one workbook, for development and
// the end-to-end tests. Not part of the packaged app (DESIGN "Security").
import os from 'node:os';
import path from 'node:path';
import { isUserError } from '../shared/api/errors';
import { serveApp } from '../electron/http/serve-workbook';

const USAGE = '用法：npm run web -- [工作簿.tzdb] [--port 端口号]';

function parseArgs(argv: string[]): { file?: string; port?: number } {
  const parsed: { file?: string; port?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--port') {
      const port = Number(argv[++i]);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(USAGE);
      parsed.port = port;
    } else if (!arg.startsWith('-') && parsed.file === undefined) parsed.file = arg;
    else throw new Error(USAGE);
  }
  return parsed;
}

async function main(): Promise<void> {
  const { file, port } = parseArgs(process.argv.slice(2));
  const served = await serveApp({ ...(file === undefined ? {} : { file }), ...(port === undefined ? {} : { port }), settingsDir: path.join(os.homedir(), '.taizhang') });
  console.log(`指标台账（浏览器模式）已启动，仅本机可以访问。请在 Chrome 或 Edge 中打开：\n${served.server.url}\n按 Ctrl+C 停止。`);
  const stop = () => {
    served.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (isUserError(error)) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof Error && error.message === USAGE) {
    console.error(USAGE);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
