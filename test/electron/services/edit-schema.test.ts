import ExcelJS from 'exceljs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/api/contract';
import type { Indicator } from '../../../shared/domain';
import { loadBuiltinSchema } from '../../../electron/services/builtin-schemas';
import { createWorkbookFromSchema } from '../../../electron/services/create-workbook';
import { WorkbookService } from '../../../electron/services/workbook-service';
import { listRemovedIndicators } from '../../../electron/store/schema-copy';
import { makeTempDir } from '../../support/temp-dir';

const YEAR = 2023;

type Row = [string, string, number | string];

async function returnOf(name: string, bureau: string, rows: Row[]): Promise<{ name: string; bytes: Uint8Array }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow([`${YEAR}年养老托育服务指标完成情况`]);
  sheet.addRow([`填报单位：${bureau}`]);
  sheet.addRow(['指标名称', '单位', `${YEAR}年完成值`]);
  for (const row of rows) sheet.addRow(row);
  return { name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

const open: WorkbookService[] = [];
afterEach(() => {
  for (const service of open.splice(0)) service.workbook.close();
});

/** 临沂市 with two 县区; 市卫健委 reports 托位总数 in 万个 and 常住人口, 市民政局 its facilities. */
async function workbookWithFigures(): Promise<WorkbookService> {
  const dir = makeTempDir();
  const workbook = createWorkbookFromSchema(path.join(dir, 'w.tzdb'), {
    schema: loadBuiltinSchema('linyi-2022'),
    subregions: ['兰山区', '罗庄区'],
    operator: '张敏',
  });
  const service = new WorkbookService(workbook);
  open.push(service);
  await service.assignReporters({ bureau: '市卫健委', codes: ['B03', 'B04', 'C08', 'X01'] });
  await service.assignReporters({ bureau: '市民政局', unassigned: true });
  const results = await service.importReturns({
    files: [
      await returnOf('卫健委.xlsx', '市卫健委', [
        ['托位总数', '万个', 0.9],
        ['常住人口', '万人', 1100],
        ['每千人口托位数', '人', 8.2],
      ]),
      await returnOf('民政局.xlsx', '市民政局', [
        ['全市养老服务设施', '处', 985],
        ['骨干养老企业数量', '家', 14],
        ['社区养老服务设施覆盖率', '个', 88.5],
      ]),
    ],
    year: YEAR,
  });
  expect(results.map((r) => r.outcome)).toEqual(['imported', 'imported']);
  return service;
}

function indicator(service: WorkbookService, code: string): Indicator {
  return service.schema.indicators.find((i) => i.code === code)!;
}

async function valueOf(service: WorkbookService, code: string): Promise<number | null | undefined> {
  return (await service.listValues({ year: YEAR, region: '临沂市' })).find((v) => v.indicator === code)?.value;
}

async function lastAudit(service: WorkbookService): Promise<AuditEntry> {
  return (await service.listAudit()).at(-1)!;
}

describe('editing an indicator in 指标体系', () => {
  it('refuses what the schema cannot hold, naming the field, and stores and audits nothing', async () => {
    const service = await workbookWithFigures();
    const auditBefore = (await service.listAudit()).length;
    const refused = async (code: string, changes: Record<string, unknown>) => (await service.previewIndicatorEdit({ code, changes })).problems;

    expect(await refused('A01', { name: '  ' })).toEqual([{ field: 'name', message: '指标名称不能为空。请填写指标名称。' }]);
    expect(await refused('A01', { baselineValue: Number.NaN })).toEqual([expect.objectContaining({ field: 'baselineValue', message: expect.stringContaining('基期值应为数值或空') })]);
    expect(await refused('A01', { baselineValue: 'abc' })).toEqual([expect.objectContaining({ field: 'baselineValue' })]);
    expect(await refused('A01', { baselineYear: 2026 })).toEqual([expect.objectContaining({ field: 'baselineYear', message: expect.stringContaining('基期年份2026年晚于目标年份2025年') })]);
    expect(await refused('A01', { targetOp: '>' })).toEqual([expect.objectContaining({ field: 'targetOp', message: expect.stringContaining('目标比较符应为 ≥、≤、= 或无') })]);
    expect(await refused('A01', { code: 'A99' })).toEqual([expect.objectContaining({ field: 'code', message: expect.stringContaining('指标编码“A01”不能修改') })]);
    expect(await refused('A01', { decimals: 7 })).toEqual([expect.objectContaining({ field: 'decimals' })]);
    expect(await refused('A01', { unit: '95' })).toEqual([expect.objectContaining({ field: 'unit', message: expect.stringContaining('是一个数字') })]);
    // A comparator with no figure, a ≥ on a lower-is-better indicator, a name another indicator has.
    expect(await refused('D03', { targetValue: null, targetOp: '>=' })).toEqual([expect.objectContaining({ field: 'targetOp', message: expect.stringContaining('没有对应的目标数值') })]);
    expect(await refused('D06', { direction: 'lower' })).toEqual([expect.objectContaining({ field: 'direction', message: expect.stringContaining('越低越好的指标，目标值却写成“≥”') })]);
    expect(await refused('A02', { name: '基本养老保险参保率' })).toEqual([expect.objectContaining({ field: 'name', message: expect.stringContaining('重名') })]);
    expect(await refused('A02', { aliases: ['托位总数'] })).toEqual([expect.objectContaining({ field: 'aliases', message: expect.stringContaining('已是指标“托位总数”（B04）的名称或别名') })]);
    expect(await refused('C08', { aggregation: 'recompute', formula: 'B04 / X99 * 1000' })).toEqual([expect.objectContaining({ field: 'formula', message: expect.stringContaining('X99') })]);
    expect(await refused('NOPE', { name: 'x' }).catch((error: unknown) => error)).toMatchObject({ code: 'unknown_indicator' });

    await expect(service.editIndicator({ code: 'A01', changes: { baselineYear: 2026 } })).rejects.toMatchObject({ code: 'indicator_edit_refused', message: expect.stringContaining('晚于目标年份') });
    expect((await service.listAudit()).length).toBe(auditBefore);
    expect(indicator(service, 'A01').baselineYear).toBe(2020);
  });

  it('edits a baseline: audited before → after, no consolidated value changes, progress judged on the new one', async () => {
    const service = await workbookWithFigures();
    const preview = await service.previewIndicatorEdit({ code: 'B01', changes: { baselineValue: 980 } });
    expect(preview).toMatchObject({ problems: [], changes: [], cells: 0, confirm: false, effects: ['进度和评估将按新的基期值判断。'] });

    const before = (await service.progress({ year: YEAR })).find((r) => r.code === 'B01')!;
    const result = await service.editIndicator({ code: 'B01', changes: { baselineValue: 980 }, note: '据2023年统计公报更正' });
    expect(result.indicator.baselineValue).toBe(980);
    expect(indicator(service, 'B01').baselineValue).toBe(980);
    expect(await lastAudit(service)).toMatchObject({
      action: 'edit_indicator',
      target: 'B01',
      operator: '张敏',
      note: '据2023年统计公报更正',
      before: { code: 'B01', fields: { baselineValue: 971 } },
      after: { code: 'B01', fields: { baselineValue: 980 }, cells: 0, changes: [] },
    });
    const after = (await service.progress({ year: YEAR })).find((r) => r.code === 'B01')!;
    expect([before.baseline, after.baseline]).toEqual([971, 980]);
    expect(after.value).toBe(985);
    expect(after.progress).not.toBe(before.progress);
  });

  it('edits a target with its comparator, and a qualitative target kept as text', async () => {
    const service = await workbookWithFigures();
    await service.editIndicator({ code: 'B01', changes: { targetValue: 980, targetOp: '>=' } });
    expect(indicator(service, 'B01')).toMatchObject({ targetValue: 980, targetOp: '>=', targetText: null });
    expect((await service.progress({ year: YEAR })).find((r) => r.code === 'B01')).toMatchObject({ target: 980, targetOp: '>=', status: '已达标' });
    expect(await lastAudit(service)).toMatchObject({ before: { fields: { targetValue: 1000 } }, after: { fields: { targetValue: 980 } } });

    await service.editIndicator({ code: 'A02', changes: { targetValue: null, targetOp: null, targetText: '持续提高' } });
    expect(indicator(service, 'A02')).toMatchObject({ targetValue: null, targetOp: null, targetText: '持续提高' });
    expect(await lastAudit(service)).toMatchObject({ before: { fields: { targetValue: 50, targetText: null } }, after: { fields: { targetValue: null, targetText: '持续提高' } } });
  });

  it('converts the stored figures on a unit change, says so before, and audits the values it changed', async () => {
    const service = await workbookWithFigures();
    expect(await valueOf(service, 'B04')).toBe(0.9);
    const preview = await service.previewIndicatorEdit({ code: 'B04', changes: { unit: '个' } });
    expect(preview.problems).toEqual([]);
    expect(preview.confirm).toBe(true);
    expect(preview.cells).toBe(1);
    expect(preview.changes).toEqual([{ indicator: 'B04', region: '临沂市', year: YEAR, before: { value: 0.9, status: 'ok' }, after: { value: 9000, status: 'ok' } }]);
    expect(preview.effects[0]).toBe('已存的 1 个数值将从“万个”换算为“个”（乘以 10000），各单元格的原文不变，可在核对中查看换算。');
    expect(preview.effects[1]).toBe('基期值 0.6 → 6000、目标值 5 → 50000，一并换算。');
    expect(preview.effects.join('')).toContain('核对规则“每千人口托位数与托位总数、常住人口相符”');
    // The preview changed nothing.
    expect(indicator(service, 'B04').unit).toBe('万个');
    expect(await valueOf(service, 'B04')).toBe(0.9);

    const result = await service.editIndicator({ code: 'B04', changes: { unit: '个' } });
    expect(result.changes).toEqual(preview.changes);
    expect(indicator(service, 'B04')).toMatchObject({ unit: '个', baselineValue: 6000, targetValue: 50000, decimals: 0 });
    expect(await valueOf(service, 'B04')).toBe(9000);
    const cell = (await service.listReportedValues({ year: YEAR })).find((r) => r.indicator === 'B04')!;
    expect(cell).toMatchObject({ rawText: '0.9', value: 9000, unit: '个' });
    const converted = (await service.listFindings({ year: YEAR })).find((f) => f.kind === 'unit_converted' && f.indicator === 'B04');
    expect(converted?.message).toBe('已将 0.9万个 换算为 9000个');
    expect(await lastAudit(service)).toMatchObject({
      action: 'edit_indicator',
      before: { fields: { unit: '万个', baselineValue: 0.6, targetValue: 5, decimals: 1 } },
      after: { fields: { unit: '个', baselineValue: 6000, targetValue: 50000, decimals: 0 }, cells: 1, changes: preview.changes },
    });
    // Back again: the figure is read from what was written, 0.9 万个, not from 9000.
    await service.editIndicator({ code: 'B04', changes: { unit: '万个' } });
    expect(await valueOf(service, 'B04')).toBe(0.9);
    expect(indicator(service, 'B04')).toMatchObject({ baselineValue: 0.6, targetValue: 5, decimals: 1 });
    expect((await service.listFindings({ year: YEAR })).some((f) => f.kind === 'unit_converted' && f.indicator === 'B04')).toBe(false);
  });

  it('takes a unit with no conversion as a new name for the same measure: numbers kept, old unit a synonym', async () => {
    const service = await workbookWithFigures();
    const preview = await service.previewIndicatorEdit({ code: 'B01', changes: { unit: '个' } });
    expect(preview).toMatchObject({ problems: [], changes: [], confirm: false, cells: 1 });
    expect(preview.effects[0]).toContain('“处”与“个”不能相互换算，视为同一计量的改称：已存的 1 个数值保持原数，“处”保留为同义单位');
    await service.editIndicator({ code: 'B01', changes: { unit: '个' } });
    // The document's own synonym 个 is now the unit itself.
    expect(indicator(service, 'B01')).toMatchObject({ unit: '个', unitSynonyms: ['处'] });
    expect(await valueOf(service, 'B01')).toBe(985);
    expect(await lastAudit(service)).toMatchObject({ before: { fields: { unit: '处', unitSynonyms: ['个'] } }, after: { fields: { unit: '个', unitSynonyms: ['处'] } } });
  });

  it('reads a figure refused for its unit again when a synonym takes it', async () => {
    const service = await workbookWithFigures();
    const mismatch = (await service.listFindings({ year: YEAR })).find((f) => f.kind === 'unit_mismatch' && f.indicator === 'C04');
    expect(mismatch).toBeDefined();
    expect(await valueOf(service, 'C04')).toBeNull();
    // 88.5 reported in 个 against a % indicator: the officer says the bureau's 个 means %.
    const preview = await service.previewIndicatorEdit({ code: 'C04', changes: { unitSynonyms: ['个'] } });
    expect(preview).toMatchObject({ confirm: true, cells: 1, changes: [expect.objectContaining({ after: { value: 88.5, status: 'ok' } })] });
    await service.editIndicator({ code: 'C04', changes: { unitSynonyms: ['个'] } });
    expect(await valueOf(service, 'C04')).toBe(88.5);
    expect((await service.listFindings({ year: YEAR })).some((f) => f.kind === 'unit_mismatch' && f.indicator === 'C04')).toBe(false);
  });

  it('keeps a renamed indicator’s old name as an alias, so rows under it still match', async () => {
    const service = await workbookWithFigures();
    const preview = await service.previewIndicatorEdit({ code: 'E01', changes: { name: '骨干养老服务企业数量' } });
    expect(preview.effects).toEqual(['原名称“骨干养老企业数量”保留为别名，按原名称填报的报表仍能对应；已下发的模板按编码对应，不受影响。']);
    await service.editIndicator({ code: 'E01', changes: { name: '骨干养老服务企业数量' } });
    expect(indicator(service, 'E01')).toMatchObject({ name: '骨干养老服务企业数量', aliases: ['骨干养老企业数量'] });
    const [late] = await service.importReturns({ files: [await returnOf('民政局补报.xlsx', '市民政局', [['骨干养老企业数量', '家', 15]])], year: YEAR });
    expect(late).toMatchObject({ outcome: 'imported', matched: 1, unmatched: 0 });
    expect(await valueOf(service, 'E01')).toBe(15);
    // Renamed back: the old name is the name again, the other one an alias.
    await service.editIndicator({ code: 'E01', changes: { name: '骨干养老企业数量' } });
    expect(indicator(service, 'E01')).toMatchObject({ name: '骨干养老企业数量', aliases: ['骨干养老服务企业数量'] });
  });

  it('refuses a unit change that would alter a signed-off year’s figures', async () => {
    const service = await workbookWithFigures();
    await service.signOffYear({ year: YEAR, note: '错误已向填报单位核实' });
    const preview = await service.previewIndicatorEdit({ code: 'B04', changes: { unit: '个' } });
    expect(preview.problems).toEqual([{ field: 'unit', message: expect.stringContaining('2023年已定稿') }]);
    await expect(service.editIndicator({ code: 'B04', changes: { unit: '个' } })).rejects.toMatchObject({ code: 'indicator_edit_refused' });
    expect(await valueOf(service, 'B04')).toBe(0.9);
    // What leaves the year's figures alone may still be changed.
    await service.editIndicator({ code: 'B04', changes: { notes: '据2024年文件补注' } });
    expect(indicator(service, 'B04').notes).toBe('据2024年文件补注');
  });
});

describe('adding and removing indicators and rules', () => {
  it('adds a published and an auxiliary indicator under new codes, among their kin, audited', async () => {
    const service = await workbookWithFigures();
    const added = await service.addIndicator({ indicator: { name: '养老服务机构从业人员数', area: '产业发展情况', unit: '人', auxiliary: false, baselineValue: 3000, targetValue: 5000, targetOp: '>=' } });
    expect(added).toMatchObject({ code: 'E05', area: '产业发展情况', unit: '人', auxiliary: false, baselineYear: 2020, targetYear: 2025, aggregation: 'sum', direction: 'higher' });
    const aux = await service.addIndicator({ indicator: { name: '60岁及以上人口', unit: '万人', decimals: 2, auxiliary: true } });
    expect(aux).toMatchObject({ code: 'X05', area: '辅助指标', auxiliary: true, aggregation: 'sum' });
    const codes = service.schema.indicators.map((i) => i.code);
    expect(codes.indexOf('E05')).toBe(codes.indexOf('E04') + 1);
    expect(codes.at(-1)).toBe('X05');
    expect(await lastAudit(service)).toMatchObject({ action: 'add_indicator', target: 'X05', before: null, after: { code: 'X05', name: '60岁及以上人口' } });
    // Auxiliary indicators are not published.
    expect((await service.listValues({ year: YEAR })).some((v) => v.indicator === 'X05')).toBe(false);
    expect((await service.listValues({ year: YEAR })).some((v) => v.indicator === 'E05')).toBe(true);

    await expect(service.addIndicator({ indicator: { name: '托位总数', auxiliary: false } })).rejects.toMatchObject({ code: 'indicator_edit_refused', message: expect.stringContaining('重名') });
    await expect(service.addIndicator({ indicator: { name: '', auxiliary: true } })).rejects.toMatchObject({ code: 'indicator_edit_refused', message: '指标名称不能为空。请填写指标名称。' });
  });

  it('deletes an indicator without figures, archives one with figures, and never gives a code twice', async () => {
    const service = await workbookWithFigures();
    const added = await service.addIndicator({ indicator: { name: '养老服务机构从业人员数', area: '产业发展情况', unit: '人', auxiliary: false } });
    expect(await service.previewRemoveIndicator({ code: added.code })).toMatchObject({ figures: 0, archive: false, problems: [] });
    expect(await service.removeIndicator({ code: added.code })).toEqual({ code: 'E05', name: '养老服务机构从业人员数', archived: false, figures: 0 });
    expect((await service.addIndicator({ indicator: { name: '养老服务机构从业人员数', area: '产业发展情况', unit: '人', auxiliary: false } })).code).toBe('E06');

    const preview = await service.previewRemoveIndicator({ code: 'E01' });
    expect(preview).toMatchObject({ figures: 1, archive: true, problems: [] });
    expect(preview.effects[0]).toContain('将归档而不删除');
    const removal = await service.removeIndicator({ code: 'E01', note: '规划中期调整' });
    expect(removal).toEqual({ code: 'E01', name: '骨干养老企业数量', archived: true, figures: 1 });
    expect(service.schema.indicators.some((i) => i.code === 'E01')).toBe(false);
    expect((await service.listValues({ year: YEAR })).some((v) => v.indicator === 'E01')).toBe(false);
    // Its figure stays stored and traceable, under its code and its name.
    expect((await service.listReportedValues({ year: YEAR })).find((r) => r.indicator === 'E01')).toMatchObject({ value: 14, name: '骨干养老企业数量（已移除）' });
    expect(listRemovedIndicators(service.workbook.db).map((r) => [r.code, r.archived])).toEqual([['E05', false], ['E01', true]]);
    expect(await lastAudit(service)).toMatchObject({ action: 'remove_indicator', target: 'E01', note: '规划中期调整', before: { code: 'E01', name: '骨干养老企业数量' }, after: { archived: true, figures: 1 } });
    // The workbook reopens sound: the seal follows every schema write.
    expect(await service.integrityProblems()).toEqual([]);
  });

  it('refuses to remove an indicator a rule or a formula uses', async () => {
    const service = await workbookWithFigures();
    const preview = await service.previewRemoveIndicator({ code: 'X01' });
    expect(preview.problems.join('')).toContain('核对规则“每千人口托位数与托位总数、常住人口相符”用到本指标');
    expect(preview.problems.join('')).toContain('指标“每千人口托位数”（C08）的计算公式用到本指标');
    await expect(service.removeIndicator({ code: 'X01' })).rejects.toMatchObject({ code: 'indicator_in_use' });
    expect(service.schema.indicators.some((i) => i.code === 'X01')).toBe(true);
  });

  it('adds a rule checked as the schema checks rules, removes it, and never gives its id again', async () => {
    const service = await workbookWithFigures();
    const aux = await service.addIndicator({ indicator: { name: '养老机构数', unit: '家', auxiliary: true } });
    await expect(service.addRule({ rule: { name: '坏算式', left: 'X05 +', op: '<=', right: 'B01', tolerance: null, note: '' } })).rejects.toMatchObject({ code: 'rule_refused', message: expect.stringContaining('无法识别') });
    await expect(service.addRule({ rule: { name: '未知编码', left: 'Q99', op: '<=', right: 'B01', tolerance: null, note: '' } })).rejects.toMatchObject({ code: 'rule_refused', message: expect.stringContaining('Q99') });
    await expect(service.addRule({ rule: { name: '', left: 'X05', op: '<=', right: 'B01', tolerance: null, note: '' } })).rejects.toMatchObject({ code: 'rule_refused' });
    await expect(service.addRule({ rule: { name: '负误差', left: 'X05', op: '<=', right: 'B01', tolerance: -1, note: '' } })).rejects.toMatchObject({ code: 'rule_refused', message: expect.stringContaining('不能为负数') });

    const rule = await service.addRule({ rule: { name: '养老机构数不超过养老服务设施数', left: aux.code, op: '<=', right: 'B01', tolerance: null, note: '' } });
    expect(rule).toMatchObject({ id: 'R06', left: 'X05' });
    expect(service.schema.rules.map((r) => r.id)).toContain('R06');
    expect(await lastAudit(service)).toMatchObject({ action: 'add_rule', target: 'R06', before: null, after: rule });
    // The rule judges the year's figures: 1200 facilities reported against 985 breaks it.
    await service.importReturns({ files: [await returnOf('民政局机构.xlsx', '市民政局', [['养老机构数', '家', 1200]])], year: YEAR });
    expect((await service.listFindings({ year: YEAR })).some((f) => f.kind === 'rule_violation' && f.message.includes('养老机构数不超过养老服务设施数'))).toBe(true);

    expect(await service.removeRule({ id: 'R06' })).toEqual(rule);
    expect(await lastAudit(service)).toMatchObject({ action: 'remove_rule', target: 'R06', before: rule, after: null });
    expect((await service.addRule({ rule: { ...rule, name: '养老机构数不超过设施数' } })).id).toBe('R07');
    await expect(service.removeRule({ id: 'R99' })).rejects.toMatchObject({ code: 'rule_not_found' });
  });
});
