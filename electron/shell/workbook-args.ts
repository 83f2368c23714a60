import path from 'node:path';

const WORKBOOK_EXTENSION = '.tzdb';

/**
 * The workbook a launch asks for: a .tzdb path on the command line (double-click in Explorer,
 * or a second launch forwarded by the single-instance lock), resolved against that launch's
 * working directory. Switches and Electron's own arguments are skipped.
 */
export function findWorkbookArg(argv: readonly string[], cwd: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (path.extname(arg).toLowerCase() === WORKBOOK_EXTENSION) return path.resolve(cwd, arg);
  }
  return null;
}

/** The path rules of `platform`, so that Windows paths are handled as such wherever this runs. */
export function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Two spellings of one file (case on Windows, `..` segments) must find the same window. */
export function workbookKey(file: string, platform: NodeJS.Platform = process.platform): string {
  const resolved = pathFor(platform).resolve(file);
  return platform === 'win32' || platform === 'darwin' ? resolved.toLowerCase() : resolved;
}
