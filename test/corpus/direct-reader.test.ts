import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compare, spreadsheetsUnder } from '../support/direct-reader-comparison';

/**
 * The direct OOXML reader against exceljs on every real-world .xlsx/.xlsm of the corpus: the
 * same grid wherever both read a file, or a decline that leaves the file to exceljs.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = path.resolve(projectRoot, '../shared/corpus/realworld');
const corpusExists = existsSync(corpusDir);

if (!corpusExists) {
  console.warn(`\n*** 语料目录不存在，跳过直读与 exceljs 的真实文件对照：${corpusDir} ***\n`);
}

describe.skipIf(!corpusExists)('direct reader against exceljs: real-world corpus', () => {
  const files = corpusExists ? spreadsheetsUnder(corpusDir) : [];

  it('gives the same grid wherever both read the file, and declines only a few', async () => {
    const declined: string[] = [];
    const compared: string[] = [];
    for (const file of files) {
      const name = path.basename(file);
      const result = await compare(name, new Uint8Array(readFileSync(file)));
      if (result.outcome === 'null') declined.push(name);
      // Where exceljs fails the file goes to SheetJS; the direct reader must not take it instead.
      expect(result.outcome, `${name}: ${'error' in result ? result.error : ''}`).not.toBe('exceljs-failed');
      if (result.outcome !== 'compared') continue;
      compared.push(name);
      expect(result.direct, name).toEqual(result.exceljs);
    }
    console.info(`直读对照：${compared.length} 个相同，${declined.length} 个交由 exceljs：${declined.join('、')}`);
    expect(compared.length).toBeGreaterThanOrEqual(15);
    // Declined: Strict OOXML, prefixed namespaces, drawings/tables/hyperlinks, rows without r …
    expect(declined.length).toBeLessThanOrEqual(compared.length);
  });
});
