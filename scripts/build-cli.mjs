// Bundles the `taizhang` command with esbuild into dist/cli/ (entry taizhang.mjs), so that a call runs
// plain JavaScript and never compiles TypeScript. Runs on `npm install` (the `prepare` script), by
// `npm run build:cli`, and once before each test run (test/support/build-cli.ts).
// Commands import the workbook service, the store and the schema readers when they run, so the split
// chunks keep exceljs, @e965/xlsx and better-sqlite3 out of commands that need none (`taizhang schemas`).
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cli`;
const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Sources find resources/ and package.json relative to their own file, two folders deep
 * (electron/services/x.ts → ../../resources). The entry and its chunks all sit in dist/cli/, two folders
 * deep too, so `new URL('../../resources/…', import.meta.url)` reaches the same place from the bundle.
 */
export async function buildCli({ quiet = false } = {}) {
  const result = await build({
    absWorkingDir: root,
    // The reading worker (electron/read/read-isolated.ts) is a second entry: it loads read-worker.mjs beside its chunk.
    // reader-start is a third: the bin starts the import's reader with it before loading the rest (bin/taizhang.mjs).
    entryPoints: { taizhang: 'electron/cli/main.ts', 'read-worker': 'electron/read/read-worker.ts', 'reader-start': 'electron/cli/reader-start.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // better-sqlite3 and @resvg/resvg-js are native; @e965/xlsx is one ES module file, as quick to load from node_modules.
    // exceljs is bundled: loading its few hundred CommonJS files from node_modules costs about 0.4 s more per call.
    external: ['better-sqlite3', '@e965/xlsx', '@resvg/resvg-js'],
    // Bundled CommonJS (exceljs) calls require() for Node's modules: give ES module chunks one.
    banner: { js: "import { createRequire as __tzCreateRequire } from 'node:module'; const require = __tzCreateRequire(import.meta.url);" },
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  // Chunk names carry a hash: drop those of earlier builds once they are a few minutes old. A call (or a
  // concurrent test run) that started from an earlier build may still be loading its chunks meanwhile.
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
  const before = Date.now() - STALE_AFTER_MS;
  for (const name of readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (!written.has(file) && statSync(file, { throwIfNoEntry: false })?.mtimeMs < before) rmSync(file, { force: true });
  }
  if (!quiet) console.log(`已生成 ${outdir}/taizhang.mjs`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildCli();
