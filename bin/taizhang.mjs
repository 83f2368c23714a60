#!/usr/bin/env node
// The `taizhang` command: runs the TypeScript CLI through tsx, so the package needs no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import(new URL('../electron/cli/main.ts', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2));
