import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinModules } from 'node:module';

/**
 * The layers of the tree (README 代码结构), checked by walking every import, static or dynamic:
 * - shared/ is pure: no Node module, no Electron, no reader or store library, nothing outside shared/;
 * - renderer/ reaches the rest only through the contract (shared/api), the domain words
 *   (shared/domain) and pure display helpers (shared/format); each screen is one folder under
 *   renderer/screens/ that no other screen reaches into (what two screens share lives in
 *   renderer/components/);
 * - only electron/shell/ imports `electron`;
 * - the spreadsheet readers' libraries are imported only in electron/read/ (exceljs also writes,
 *   in electron/services/xlsx/);
 * - the readers (electron/read/) depend on no service, store or command: they read files;
 * - the store (electron/store/) knows neither reconciliation nor the API's wire types;
 * - the CLI (electron/cli/) calls the services, never the store's tables.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LAYERS = ['shared', 'renderer', 'electron'];

export interface ImportSite {
  file: string;
  line: number;
  spec: string;
}

/** Every module a source file imports, with its line: `import … from`, `export … from`, `import()`. */
export function importsOf(file: string, text: string): ImportSite[] {
  const sites: ImportSite[] = [];
  const pattern = /(?:^|[^\w.])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const spec = match[1] ?? match[2]!;
    // The match may begin with the character before the keyword (a line break): count from the keyword.
    const start = match.index + match[0].search(/import|export/);
    sites.push({ file, line: text.slice(0, start).split('\n').length, spec });
  }
  return sites;
}

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(full).isDirectory()) out.push(...sourcesUnder(full));
    // Build configuration (vite.config.ts) runs under Node, not in the page.
    else if (/\.(ts|tsx|mts|mjs)$/.test(name) && !name.endsWith('.d.ts') && !/\.config\.[mc]?ts$/.test(name)) out.push(full);
  }
  return out;
}

const NODE_MODULES = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The path, from the project root, an import resolves to; the package name for a bare one. */
function target(site: ImportSite): { local: string | null; pkg: string | null } {
  if (site.spec.startsWith('.')) {
    return { local: path.relative(ROOT, path.resolve(path.dirname(site.file), site.spec)).split(path.sep).join('/'), pkg: null };
  }
  const parts = site.spec.split('/');
  return { local: null, pkg: site.spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]! };
}

export interface Violation {
  at: string;
  spec: string;
  rule: string;
}

const READER_LIBRARIES = new Set(['exceljs', '@e965/xlsx']);
const STORE_LIBRARIES = new Set(['better-sqlite3']);

/** The rules, each saying why; returns every import that breaks one. */
export function layerViolations(files: { file: string; text: string }[]): Violation[] {
  const violations: Violation[] = [];
  for (const { file, text } of files) {
    const rel = path.relative(ROOT, file).split(path.sep).join('/');
    for (const site of importsOf(file, text)) {
      const { local, pkg } = target(site);
      const add = (rule: string) => violations.push({ at: `${rel}:${site.line}`, spec: site.spec, rule });
      if (rel.startsWith('shared/')) {
        if (pkg && (NODE_MODULES.has(site.spec) || NODE_MODULES.has(pkg))) add('shared/ 不得引用 Node 模块');
        if (pkg === 'electron') add('shared/ 不得引用 electron');
        if (pkg && (READER_LIBRARIES.has(pkg) || STORE_LIBRARIES.has(pkg))) add('shared/ 不得引用读取或存储库');
        if (local && !local.startsWith('shared/')) add('shared/ 只引用 shared/ 内的模块');
      }
      if (rel.startsWith('renderer/')) {
        if (pkg && (NODE_MODULES.has(site.spec) || NODE_MODULES.has(pkg) || pkg === 'electron' || READER_LIBRARIES.has(pkg) || STORE_LIBRARIES.has(pkg))) {
          add('renderer/ 不得引用 Node、electron、读取或存储库');
        }
        if (local && !local.startsWith('renderer/') && !/^shared\/(api|domain|format)(\/|$)/.test(local)) {
          add('renderer/ 只经由接口（shared/api）、领域词汇（shared/domain）和显示辅助（shared/format）');
        }
        const ownScreen = /^renderer\/screens\/([^/]+)\//.exec(rel)?.[1];
        const otherScreen = local ? /^renderer\/screens\/([^/]+)\//.exec(local)?.[1] : undefined;
        if (ownScreen && otherScreen && otherScreen !== ownScreen) add('每个界面一个文件夹：界面之间不互相引用，共用的放在 renderer/components/');
      }
      if (pkg === 'electron' && !rel.startsWith('electron/shell/')) add('只有 electron/shell/ 引用 electron');
      if (pkg === '@e965/xlsx' && !rel.startsWith('electron/read/')) add('表格读取库只在 electron/read/ 中引用');
      if (pkg === 'exceljs' && !rel.startsWith('electron/read/') && !rel.startsWith('electron/services/xlsx/')) add('exceljs 只在 electron/read/（读）和 electron/services/xlsx/（写）中引用');
      if (rel.startsWith('electron/read/') && local && /^electron\/(services|store|cli)(\/|$)/.test(local)) add('读取层不引用服务、存储或命令行');
      if (rel.startsWith('electron/store/') && local && /^shared\/(reconcile|api\/(contract|wire|validate))/.test(local)) add('存储层不引用核对或接口传输类型');
      if (rel.startsWith('electron/cli/') && local && local.startsWith('electron/store/') && !/^electron\/store\/(open|workbook-extension)$/.test(local)) {
        add('命令行经由服务，不直接读写存储表');
      }
    }
  }
  return violations;
}

function projectFiles(): { file: string; text: string }[] {
  return LAYERS.flatMap((layer) => sourcesUnder(path.join(ROOT, layer))).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
}

describe('the layers', () => {
  it('hold across the tree', () => {
    expect(layerViolations(projectFiles())).toEqual([]);
  });

  it('catch a planted violation of each rule', () => {
    const at = (rel: string, text: string) => ({ file: path.join(ROOT, rel), text });
    const planted = [
      at('shared/import/x.ts', "import { readFileSync } from 'node:fs';"),
      at('shared/import/y.ts', "import ExcelJS from 'exceljs';"),
      at('shared/domain/z.ts', "import { openWorkbook } from '../../electron/store/open';"),
      at('renderer/screens/X.tsx', "import { detectReturn } from '../../shared/import/detect-layout';"),
      at('renderer/screens/Y.tsx', "const m = await import('node:path');"),
      at('renderer/screens/review/Z.tsx', "import { ProgressBar } from '../progress/ProgressBar';"),
      at('electron/services/x.ts', "import { app } from 'electron';"),
      at('electron/services/y.ts', "import * as XLSX from '@e965/xlsx';"),
      at('electron/read/x.ts', "import { importReturns } from '../services/import-returns';"),
      at('electron/store/x.ts', "import type { Finding } from '../../shared/reconcile/consolidate';"),
      at('electron/cli/x.ts', "import { listReturns } from '../store/returns';"),
    ];
    const found = layerViolations(planted);
    // Each planted file breaks at least one rule (exceljs in shared/ breaks two).
    expect([...new Set(found.map((v) => v.at.split(':')[0]))]).toEqual(planted.map((p) => path.relative(ROOT, p.file)));
  });
});
