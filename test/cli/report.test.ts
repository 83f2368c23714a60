import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocxXml } from '../support/docx-xml';
import { makeReturn } from '../support/make-return';
import { runTaizhang } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

describe('taizhang report', () => {
  it('drafts the evaluation report as .docx, for the workbook’s region or a sub-region, and refuses a kind the year does not allow', { timeout: 120_000 }, async () => {
    const dir = makeTempDir();
    expect(runTaizhang(['init', 'w.tzdb', '--schema', 'linyi-2022', '--subregions', '兰山区'], { cwd: dir }).status).toBe(0);
    await makeReturn(dir, '2023.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '全市养老服务设施', unit: '处', value: 1012 }, { name: '社区养老服务设施覆盖率', unit: '%', value: 88.5 }] });
    expect(runTaizhang(['import', 'w.tzdb', '2023.xlsx'], { cwd: dir }).status).toBe(0);

    const done = runTaizhang(['report', 'w.tzdb', '--year', '2023', '--out', '报告.docx'], { cwd: dir });
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toBe(`已起草评估报告：${path.join(dir, '报告.docx')}\n`);
    const book = readDocxXml(new Uint8Array(readFileSync(path.join(dir, '报告.docx'))));
    expect(book.paragraphs[0]!.text).toBe('临沂市养老托育服务具体指标中期评估报告');
    expect(book.tables.flat().some((row) => row[1] === '全市养老服务设施' && row[5] === '1012' && row[7] === '已达标')).toBe(true);

    const district = runTaizhang(['report', 'w.tzdb', '--year', '2023', '--region', '兰山区', '--kind', 'midterm', '--out', '兰山区.docx'], { cwd: dir });
    expect(district.status, district.stderr).toBe(0);
    expect(readDocxXml(new Uint8Array(readFileSync(path.join(dir, '兰山区.docx')))).paragraphs[0]!.text).toBe('兰山区养老托育服务具体指标中期评估报告');

    const final = runTaizhang(['report', 'w.tzdb', '--year', '2023', '--kind', 'final', '--out', 'f.docx'], { cwd: dir });
    expect(final.status).toBe(2);
    expect(final.stderr).toContain('终期评估以目标年（2025年）为评估年');
    expect(existsSync(path.join(dir, 'f.docx'))).toBe(false);

    const wrongName = runTaizhang(['report', 'w.tzdb', '--year', '2023', '--out', 'r.pdf'], { cwd: dir });
    expect(wrongName.status).toBe(2);
    expect(wrongName.stderr).toContain('请用 .docx 文件名');
    // An existing file is not replaced without --force.
    expect(runTaizhang(['report', 'w.tzdb', '--year', '2023', '--out', '报告.docx'], { cwd: dir }).status).toBe(2);
  });
});
