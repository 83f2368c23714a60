import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBuiltinSchema } from '../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../electron/services/create-workbook';
import { WorkbookService } from '../../electron/services/workbook-service';
import { makeTempDir } from '../support/temp-dir';
import { LINYI_FIGURES_2023 } from '../support/linyi-indicators';

const YEAR = 2023;


/** Types the figures into a template by its columns' headers, as a bureau does. */
async function fillTemplate(bytes: Uint8Array): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((s) => s.state === 'visible')!;
  const columns = new Map<string, { row: number; col: number }>();
  sheet.eachRow((row, r) => row.eachCell((cell, c) => typeof cell.value === 'string' && columns.set(cell.value, { row: r, col: c })));
  const code = columns.get('指标编码')!;
  const value = columns.get(`${YEAR}年完成值`)!;
  for (let r = code.row + 1; r <= sheet.rowCount; r++) {
    const key = sheet.getCell(r, code.col).value;
    if (typeof key === 'string' && key in LINYI_FIGURES_2023) sheet.getCell(r, value.col).value = LINYI_FIGURES_2023[key]!;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const open: WorkbookService[] = [];
afterEach(() => {
  for (const service of open.splice(0)) service.workbook.close();
});

async function workbookWithTemplates(): Promise<{ service: WorkbookService; filled: { name: string; bytes: Uint8Array }[] }> {
  const workbook = createWorkbookFromSchema(path.join(makeTempDir(), 'w.tzdb'), { schema: loadBuiltinSchema('linyi-2022'), operator: '张敏' });
  const service = new WorkbookService(workbook);
  open.push(service);
  await service.assignReporters({ bureau: '市人社局', codes: ['A01', 'A02'] });
  await service.assignReporters({ bureau: '市卫健委', area: '产业发展情况' });
  await service.assignReporters({ bureau: '市民政局', unassigned: true });
  const templates = await service.makeTemplates({ year: YEAR });
  const filled = [];
  for (const template of templates) filled.push({ name: template.name, bytes: await fillTemplate(template.bytes) });
  return { service, filled };
}

describe('a template issued before the schema was edited', () => {
  it('imports exactly after the edits: by key, figures converted where the unit changed', async () => {
    const { service, filled } = await workbookWithTemplates();

    // 万个 → 个 for 托位总数 and 普惠性托位数 alike, 万人 → 人 for 常住人口: the rules' ratios hold.
    await service.editIndicator({ code: 'B04', changes: { unit: '个' } });
    await service.editIndicator({ code: 'X04', changes: { unit: '个' } });
    await service.editIndicator({ code: 'X01', changes: { unit: '人' } });
    expect(service.schema.indicators.find((i) => i.code === 'B04')).toMatchObject({ unit: '个', baselineValue: 6000, targetValue: 50000, decimals: 0 });
    await service.editIndicator({ code: 'B01', changes: { name: '全市养老服务设施总数', unit: '个' } }); // renamed, 处 → 个 (no conversion)
    await service.editIndicator({ code: 'A01', changes: { targetValue: 96, targetOp: '>=' } });
    await service.editIndicator({ code: 'C02', changes: { baselineValue: 40 } });
    await service.editIndicator({ code: 'D08', changes: { decimals: 2, attribute: '预期性' } });
    await service.addIndicator({ indicator: { name: '养老服务机构从业人员数', area: '产业发展情况', unit: '人', auxiliary: false } });

    const results = await service.importReturns({ files: filled });
    expect(results.every((r) => r.outcome === 'imported' && r.unmatched === 0)).toBe(true);

    const values = await service.listValues({ year: YEAR, region: '临沂市' });
    const expected: Record<string, number> = { ...LINYI_FIGURES_2023, B04: 9000 };
    expect(values.filter((v) => v.indicator !== 'E05').every((v) => v.status === 'ok')).toBe(true);
    for (const code of Object.keys(LINYI_FIGURES_2023).filter((c) => !c.startsWith('X'))) {
      expect([code, values.find((v) => v.indicator === code)?.value]).toEqual([code, expected[code]]);
    }
    // Every row matched by its key; the converted figures say so, and nothing else is asked of the officer.
    const reported = await service.listReportedValues({ year: YEAR });
    expect(reported.filter((r) => r.role === 'value' && r.indicator !== null).every((r) => r.matchMethod === 'key')).toBe(true);
    expect(reported.find((r) => r.indicator === 'X01' && r.role === 'value')).toMatchObject({ rawText: '1100', value: 11_000_000, unit: '人' });
    const findings = await service.listFindings({ year: YEAR });
    const asked = findings.filter((f) => f.severity !== 'info' && f.indicator !== 'E05');
    expect(asked.map((f) => `${f.kind} ${f.indicator} ${f.message}`)).toEqual([]);
    expect(findings.filter((f) => f.kind === 'unit_converted').map((f) => f.indicator).sort()).toEqual(['B04', 'X01', 'X04']);
  });

  it('imported before an edit, its figures follow the edit exactly', async () => {
    const { service, filled } = await workbookWithTemplates();
    await service.importReturns({ files: filled });
    const before = await service.listValues({ year: YEAR, region: '临沂市' });
    expect(before.find((v) => v.indicator === 'B04')?.value).toBe(0.9);

    const result = await service.editIndicator({ code: 'B04', changes: { unit: '个' } });
    expect(result.changes).toEqual([{ indicator: 'B04', region: '临沂市', year: YEAR, before: { value: 0.9, status: 'ok' }, after: { value: 9000, status: 'ok' } }]);
    await service.editIndicator({ code: 'B01', changes: { unit: '个' } });
    const after = await service.listValues({ year: YEAR, region: '临沂市' });
    for (const value of after) {
      const was = before.find((v) => v.indicator === value.indicator)!;
      expect([value.indicator, value.value]).toEqual([value.indicator, value.indicator === 'B04' ? 9000 : was.value]);
    }
    // The same template again is the same bytes: a duplicate, counted once, nothing changed.
    const again = await service.importReturns({ files: filled.slice(0, 1) });
    expect(again[0]!.outcome).toBe('duplicate');
  });
});
