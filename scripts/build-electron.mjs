// Bundles the Electron main process and the preload with esbuild into dist/app/electron/.
// better-sqlite3 and @resvg/resvg-js (native) and exceljs stay in node_modules and are required at run time;
// so does jszip, the one exceljs requires: the reader hands exceljs an .xlsx's entries through it
// (electron/read/xlsx-exceljs.ts), which works only when both reach the same copy.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/app/electron`;

// Sources find resources/ and package.json relative to their own file, two folders deep
// (electron/services/x.ts → ../../resources). In the bundle, import.meta.url is made to point
// at such a place under the app root (three folders above dist/app/electron/main.cjs).
const importMetaBanner =
  "const __tzImportMetaUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, '..', '..', '..', 'electron', 'bundle', 'main.cjs')).href;";

/** A CommonJS bundle for Electron's Node side, `import.meta.url` pointing where the sources expect. */
function buildNodeSide(name, entry) {
  return build({
    absWorkingDir: root,
    entryPoints: { [name]: entry },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron', 'better-sqlite3', 'exceljs', 'jszip', '@resvg/resvg-js'],
    define: { 'import.meta.url': '__tzImportMetaUrl' },
    banner: { js: importMetaBanner.replace("'main.cjs'", `'${name}.cjs'`) },
    sourcemap: true,
    logLevel: 'warning',
  });
}

await buildNodeSide('main', 'electron/shell/main.ts');
// The worker that parses returns off the window's thread (electron/read/read-isolated.ts).
await buildNodeSide('read-worker', 'electron/read/read-worker.ts');

// A sandboxed preload may require only 'electron' (and a few Node built-ins): everything else is inlined.
await build({
  absWorkingDir: root,
  entryPoints: { preload: 'electron/shell/preload.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'browser',
  format: 'cjs',
  target: 'chrome140',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});

console.log(`已生成 ${outdir}/main.cjs、read-worker.cjs 和 preload.cjs`);
