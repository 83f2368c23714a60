import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBuiltinSchema } from '../../electron/services/builtin-schemas';
import { WorkbookService } from '../../electron/services/workbook-service';
import { createWorkbook, type Workbook } from '../../electron/store/open';
import { readDocxXml } from '../support/docx-xml';
import { readXlsxXml } from '../support/xlsx-xml';
import { makeTempDir } from '../support/temp-dir';

const YEAR = 2023;
const open: Workbook[] = [];
afterEach(() => {
  for (const workbook of open.splice(0)) workbook.close();
});

/** 市民政局's return holds two rates above 100: two 数值超出范围 errors stay open. */
async function serviceWithOpenErrors(): Promise<WorkbookService> {
  const dir = makeTempDir();
  const workbook = createWorkbook(path.join(dir, 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), region: '临沂市', subregions: [], operator: '张敏' });
  open.push(workbook);
  const s = new WorkbookService(workbook);
  await s.assignReporters({ bureau: '市民政局', codes: ['B01', 'B02', 'C01'] });
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(['填报单位：市民政局']);
  sheet.addRow(['指标名称', '单位', `${YEAR}年完成值`]);
  sheet.addRow(['全市养老服务设施', '处', 985]);
  sheet.addRow(['街道综合养老服务中心覆盖率', '%', 120]);
  sheet.addRow(['社区养老服务设施覆盖率', '%', 130]);
  const [result] = await s.importReturns({ files: [{ name: '民政局.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) }] });
  expect(result!.outcome).toBe('imported');
  return s;
}

const openErrors = async (s: WorkbookService) => (await s.listFindings({ year: YEAR })).filter((f) => f.severity === 'error' && f.status === 'open').length;

function notesOf(bytes: Uint8Array): string[] {
  return [...readXlsxXml(bytes).sheets[0]!.cells.values()].map((c) => c.text).filter((t) => /^(注：|　　)\d+\./.test(t));
}

describe('定稿 and 重新打开 with reasons', () => {
  it('refuses 定稿 over open errors without a reason; the reason is audited and printed in the tables’ notes', async () => {
    const s = await serviceWithOpenErrors();
    expect(await openErrors(s)).toBe(2);
    await expect(s.signOffYear({ year: YEAR })).rejects.toMatchObject({ code: 'note_required', message: expect.stringContaining('2023年尚有 2 个错误级核对问题未处理') });
    await expect(s.signOffYear({ year: YEAR, note: '   ' })).rejects.toMatchObject({ code: 'note_required' });
    expect((await s.yearState({ year: YEAR })).signedOff).toBe(false);

    const state = await s.signOffYear({ year: YEAR, note: '市民政局书面说明：覆盖率含跨区服务对象' });
    expect(state).toMatchObject({ signedOff: true, signedBy: '张敏' });
    // The year's state says why it was signed, as the 定稿与导出 screen shows it.
    expect(await s.yearState({ year: YEAR })).toMatchObject({ signedOff: true, signOff: { note: '市民政局书面说明：覆盖率含跨区服务对象', openErrors: 2 } });
    const entry = (await s.listAudit()).at(-1)!;
    expect(entry).toMatchObject({ action: 'sign_off_year', note: '市民政局书面说明：覆盖率含跨区服务对象', after: { openErrors: 2 } });

    const line = '2023年数据定稿时尚有 2 个错误级核对问题未处理，定稿原因：市民政局书面说明：覆盖率含跨区服务对象。';
    for (const kind of ['annual', 'evaluation', 'period'] as const) {
      const file = await s.exportTable({ year: YEAR, kind, format: 'xlsx' });
      expect(notesOf(file.bytes).join('\n'), kind).toContain(line);
    }
    const csv = new TextDecoder().decode((await s.exportTable({ year: YEAR, kind: 'annual', format: 'csv' })).bytes);
    expect(csv).toContain(line);
    // The evaluation report's 数据来源 says it too, beside the year being signed off.
    const report = readDocxXml((await s.exportReport({ year: YEAR })).bytes);
    expect(report.paragraphs.map((p) => p.text).join('\n')).toContain(`2023年数据已于`);
    expect(report.paragraphs.map((p) => p.text).join('\n')).toContain(line);
  });

  it('signs off without a reason when no error is open, and prints none', async () => {
    const s = await serviceWithOpenErrors();
    for (const finding of (await s.listFindings({ year: YEAR })).filter((f) => f.severity === 'error')) {
      await s.resolveFinding({ findingId: finding.id, resolution: { action: 'confirm', note: '含跨区服务，属实' } });
    }
    expect(await openErrors(s)).toBe(0);
    await s.signOffYear({ year: YEAR });
    const notes = notesOf((await s.exportTable({ year: YEAR, kind: 'annual', format: 'xlsx' })).bytes).join('\n');
    expect(notes).not.toContain('定稿');
  });

  it('refuses 重新打开 without a reason; with one it is audited and the tables no longer print the sign-off reason', async () => {
    const s = await serviceWithOpenErrors();
    await s.signOffYear({ year: YEAR, note: '已电话核实' });
    await expect(s.reopenYear({ year: YEAR })).rejects.toMatchObject({ code: 'note_required', message: expect.stringContaining('须说明原因') });
    await expect(s.reopenYear({ year: YEAR, note: '' })).rejects.toMatchObject({ code: 'note_required' });
    expect((await s.yearState({ year: YEAR })).signedOff).toBe(true);
    const state = await s.reopenYear({ year: YEAR, note: '市民政局报来更正后的报表' });
    expect(state.signedOff).toBe(false);
    expect((await s.listAudit()).at(-1)).toMatchObject({ action: 'reopen_year', note: '市民政局报来更正后的报表' });
    const notes = notesOf((await s.exportTable({ year: YEAR, kind: 'annual', format: 'xlsx' })).bytes).join('\n');
    expect(notes).not.toContain('已电话核实');
  });
});
