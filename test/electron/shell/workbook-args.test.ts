import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findWorkbookArg, workbookKey } from '../../../electron/shell/workbook-args';
import { readRecentWorkbooks, rememberRecentWorkbook, writeRecentWorkbooks, RECENT_LIMIT } from '../../../electron/services/recent-workbooks';
import { makeTempDir } from '../../support/temp-dir';

describe('workbook on the command line', () => {
  it('finds the .tzdb a double-click or a second launch passes, relative to that launch', () => {
    const cwd = path.resolve('/data/统计/2023');
    expect(findWorkbookArg(['指标台账.exe', '--allow-file-access', '临沂.TZDB'], cwd)).toBe(path.join(cwd, '临沂.TZDB'));
    expect(findWorkbookArg(['electron', 'dist/app/electron/main.cjs'], cwd)).toBeNull();
  });

  it('treats two spellings of a Windows path as one workbook, but not on Linux', () => {
    expect(workbookKey('D:\\统计\\临沂.tzdb', 'win32')).toBe(workbookKey('d:\\统计\\临沂.TZDB', 'win32'));
    expect(workbookKey('/home/zhang/临沂.tzdb', 'linux')).not.toBe(workbookKey('/home/zhang/临沂.TZDB', 'linux'));
  });
});

describe('最近打开', () => {
  it('puts the opened workbook first, once, and keeps the list short', () => {
    const file = path.join(makeTempDir(), 'recent-workbooks.json');
    let list = readRecentWorkbooks(file);
    const same = (a: string, b: string) => a === b;
    for (let i = 0; i < RECENT_LIMIT + 3; i += 1) list = rememberRecentWorkbook(list, `/data/区县${i}.tzdb`, same);
    list = rememberRecentWorkbook(list, '/data/区县5.tzdb', same);
    writeRecentWorkbooks(file, list);
    const read = readRecentWorkbooks(file);
    expect(read).toHaveLength(RECENT_LIMIT);
    expect(read[0]).toBe('/data/区县5.tzdb');
    expect(read.filter((entry) => entry === '/data/区县5.tzdb')).toHaveLength(1);
    expect(read).not.toContain('/data/区县0.tzdb');
  });
});
