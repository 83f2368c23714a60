#!/usr/bin/env node
// The `taizhang` command: runs the JavaScript bundle that `npm install` builds into dist/cli/
// (scripts/build-cli.mjs), so a call never compiles TypeScript. After changing the CLI's sources,
// run `npm run build:cli` (the tests rebuild it themselves).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/taizhang.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('命令行程序尚未构建，请在项目文件夹中运行 npm install（或 npm run build:cli）后重试。\n');
  process.exit(1);
}
// Stacks name the TypeScript sources when debugging; otherwise the source maps are not read.
if (process.env.TAIZHANG_DEBUG === '1') process.setSourceMapsEnabled(true);
// `taizhang import` reads its files in a second process, which takes about as long to start as
// this one takes to load the command line: started first, it starts while the rest loads.
if (process.argv[2] === 'import') {
  const { startReaderFrom } = await import(new URL('../dist/cli/reader-start.mjs', import.meta.url).href);
  startReaderFrom(process.env);
}
const { runCli } = await import(bundle.href);
process.exitCode = await runCli(process.argv.slice(2));
