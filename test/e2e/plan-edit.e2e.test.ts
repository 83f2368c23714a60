import ExcelJS from 'exceljs';
import { afterAll, expect } from 'vitest';
import { AuditPage } from './pages/audit';
import { FramePage } from './pages/frame-page';
import { SchemaPage } from './pages/schema';
import { closeSharedBrowser, test } from './support/app-fixture';

afterAll(closeSharedBrowser);

const YEAR = 2023;

/** 市卫生健康委's own sheet: 托位总数 in 万个, as the plan's table prints it. */
async function healthReturn(): Promise<{ name: string; bytes: Uint8Array }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of [
    [`${YEAR}年托育服务指标完成情况`],
    ['填报单位：市卫生健康委'],
    ['指标名称', '单位', `${YEAR}年完成值`],
    ['托位总数', '万个', 0.9],
    ['登记备案的托育机构数', '处', 95],
  ]) {
    sheet.addRow(row);
  }
  return { name: '卫健委托育指标.xlsx', bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

test('指标体系 edits a baseline, a unit (stored figures converted and audited), a target with its comparator; adds an auxiliary indicator and a rule', async ({ app }) => {
  const { page } = app;
  const service = app.served.service;
  await service.assignReporters({ bureau: '市卫生健康委', codes: ['B03', 'B04'] });
  await service.assignReporters({ bureau: '市民政局', unassigned: true });
  const [imported] = await service.importReturns({ files: [await healthReturn()], year: YEAR });
  expect(imported).toMatchObject({ outcome: 'imported', matched: 2 });
  const valueOf = async (code: string) => (await service.listValues({ year: YEAR, region: '临沂市' })).find((v) => v.indicator === code)?.value;
  expect(await valueOf('B04')).toBe(0.9);

  const frame = new FramePage(page);
  await frame.open(app.served.server.url);
  await frame.goTo('指标体系');
  const schema = new SchemaPage(page);
  await schema.waitForRows();

  // —— 基期值: a word that is no figure is refused beside the cell; a figure is saved ——
  expect(await schema.cellOf('B01', 'baselineValue').innerText()).toBe('971');
  await schema.editCell('B01', 'baselineValue', '九百八十');
  await expect.poll(() => schema.cellRefusal().innerText()).toContain('“九百八十”不是数值');
  expect(await schema.cellOf('B01', 'baselineValue').getAttribute('class')).toContain('cell-refused');
  // Beside the cell: just below it, not in a corner of the window.
  const cellBox = (await schema.cellOf('B01', 'baselineValue').boundingBox())!;
  const noteBox = (await schema.cellRefusal().boundingBox())!;
  expect(Math.abs(noteBox.y - (cellBox.y + cellBox.height))).toBeLessThan(8);
  expect(Math.abs(noteBox.x - cellBox.x)).toBeLessThan(cellBox.width);
  await app.checkpoint('plan-edit-refused');
  await schema.editCell('B01', 'baselineValue', '980');
  await expect.poll(() => schema.cellOf('B01', 'baselineValue').innerText()).toBe('980');
  expect(await schema.cellRefusal().count()).toBe(0);
  expect(await schema.outcome().innerText()).toBe('已修改“全市养老服务设施”（B01）的基期值。');
  expect((await service.getSchema({})).indicators.find((i) => i.code === 'B01')?.baselineValue).toBe(980);

  // —— 计量单位: the stored figure is converted, and the officer is told before ——
  await schema.editCell('B04', 'unit', '个');
  const confirm = schema.dialog('edit-effect');
  await confirm.waitFor();
  const said = await confirm.innerText();
  expect(said).toContain('已存的 1 个数值将从“万个”换算为“个”（乘以 10000）');
  expect(said).toContain('基期值 0.6 → 6000、目标值 5 → 50000，一并换算。');
  expect(said).toMatch(/临沂市\s+2023\s+0\.9\s+9000/);
  await app.checkpoint('plan-edit-unit-confirm');
  await confirm.getByRole('button', { name: '确定修改' }).click();
  await confirm.waitFor({ state: 'detached' });
  await expect.poll(() => schema.cellOf('B04', 'unit').innerText()).toBe('个');
  expect(await schema.cellOf('B04', 'baselineValue').innerText()).toBe('6000');
  expect(await schema.outcome().innerText()).toContain('重新读取已存数值 1 个，1 个汇总值随之改变（如 临沂市 2023年 0.9 → 9000）');
  expect(await valueOf('B04')).toBe(9000);
  // Cancelling asks nothing of the workbook: back to 万个 is offered and left.
  await schema.editCell('B04', 'unit', '万个');
  await confirm.waitFor();
  await confirm.getByRole('button', { name: '取消' }).click();
  await confirm.waitFor({ state: 'detached' });
  expect(await valueOf('B04')).toBe(9000);
  expect(await schema.cellOf('B04', 'unit').innerText()).toBe('个');

  // —— 目标值 with its comparator: typed whole, or the comparator chosen on its own ——
  await schema.editCell('A01', 'targetValue', '≥96');
  await expect.poll(() => schema.cellOf('A01', 'targetValue').innerText()).toBe('≥96');
  expect(await schema.cellOf('A01', 'targetOp').innerText()).toBe('≥');
  await schema.editCell('A02', 'targetValue', '55');
  await expect.poll(() => schema.cellOf('A02', 'targetValue').innerText()).toBe('55');
  await schema.chooseInCell('A02', 'targetOp', '≥');
  await expect.poll(() => schema.cellOf('A02', 'targetValue').innerText()).toBe('≥55');
  const targets = (await service.getSchema({})).indicators.filter((i) => i.code === 'A01' || i.code === 'A02').map((i) => [i.code, i.targetOp, i.targetValue]);
  expect(targets).toEqual([['A01', '>=', 96], ['A02', '>=', 55]]);
  // A ≥ target on an indicator made lower-is-better is refused beside the cell chosen in.
  await schema.filter('D06');
  await schema.chooseInCell('D06', 'direction', '越低越好');
  await expect.poll(() => schema.cellRefusal().innerText()).toContain('越低越好的指标，目标值却写成“≥”');
  expect(await schema.cellOf('D06', 'direction').innerText()).toBe('越高越好');
  await app.checkpoint('plan-edit-targets');
  await schema.cellRefusal().getByRole('button', { name: '知道了' }).click();
  await schema.filter('');

  // —— 新增辅助指标 ——
  await schema.editToolbar().getByRole('button', { name: '新增辅助指标' }).click();
  const add = schema.dialog('add-indicator');
  await add.waitFor();
  await add.getByLabel('指标名称').fill('养老机构数');
  await add.getByLabel('计量单位').fill('家');
  await add.getByLabel('小数位数').fill('半');
  await add.getByRole('button', { name: '新增' }).click();
  await expect.poll(() => add.innerText()).toContain('“半”不是整数');
  await add.getByLabel('小数位数').fill('0');
  await app.checkpoint('plan-edit-add-dialog');
  await add.getByRole('button', { name: '新增' }).click();
  await add.waitFor({ state: 'detached' });
  await expect.poll(() => schema.outcome().innerText()).toBe('已新增辅助指标“养老机构数”，编码 X05。请为它指定填报单位。');
  await expect.poll(() => schema.cell('X05', '指标名称')).toMatch(/养老机构数\s*辅助/);
  expect(await schema.cellOf('X05', 'unit').innerText()).toBe('家');
  await app.checkpoint('plan-edit-added');

  // —— 新增规则 ——
  await page.getByRole('tab', { name: /^校验规则/ }).click();
  await page.getByRole('button', { name: '新增规则' }).click();
  const rule = schema.dialog('add-rule');
  await rule.waitFor();
  await rule.getByLabel('规则名称').fill('养老机构数不超过养老服务设施数');
  await rule.getByLabel('左边').fill('X05');
  await rule.getByLabel('关系').selectOption({ label: '≤' });
  await rule.getByLabel('右边').fill('B01 +');
  await rule.getByRole('button', { name: '新增' }).click();
  await expect.poll(() => rule.getByRole('alert').innerText()).toContain('无法识别');
  await rule.getByLabel('右边').fill('B01');
  // The 容差 is read by the workbook as a typed figure: 半个 is none, ０.５ (full width) is 0.5.
  await rule.getByLabel('容差').fill('半个');
  await rule.getByRole('button', { name: '新增' }).click();
  await expect.poll(() => rule.innerText()).toContain('“半个”不是容差');
  await rule.getByLabel('容差').fill('０.５');
  await rule.getByRole('button', { name: '新增' }).click();
  await rule.waitFor({ state: 'detached' });
  const rules = page.getByTestId('rules-grid');
  await expect.poll(() => rules.locator('.ag-row[row-id="R06"]').first().innerText()).toMatch(/R06[\s\S]*养老机构数不超过养老服务设施数[\s\S]*养老机构数[\s\S]*≤[\s\S]*全市养老服务设施[\s\S]*0\.5/);
  expect(await schema.outcome().innerText()).toBe('已新增校验规则 R06“养老机构数不超过养老服务设施数”。');
  await app.checkpoint('plan-edit-rules');

  // —— 移除: an indicator with a stored figure is archived, not deleted ——
  await page.getByRole('tab', { name: /^指标/ }).click();
  await schema.waitForRows();
  await schema.select(['B03']);
  await schema.editToolbar().getByRole('button', { name: '移除所选指标' }).click();
  const removal = schema.dialog('remove-indicator');
  await removal.waitFor();
  expect(await removal.innerText()).toContain('本指标已有 1 个填报数，将归档而不删除');
  await app.checkpoint('plan-edit-remove');
  await removal.getByRole('button', { name: '归档' }).click();
  await removal.waitFor({ state: 'detached' });
  await expect.poll(() => schema.outcome().innerText()).toBe('已归档指标“登记备案的托育机构数”（B03），其 1 个填报数保留在报送明细中。');
  await expect.poll(() => schema.grid.locator('.ag-row[row-id="B03"]').count()).toBe(0);
  expect((await service.listReportedValues({ year: YEAR })).find((r) => r.indicator === 'B03')).toMatchObject({ value: 95, name: '登记备案的托育机构数（已移除）' });

  // —— 审计日志: each edit with before → after ——
  await frame.goTo('审计日志');
  const audit = new AuditPage(page);
  await audit.grid.locator('.ag-row').first().waitFor();
  const text = (await audit.rows()).map((row) => row.join(' ')).join('\n');
  expect(text).toContain('新增校验规则');
  expect(text).toMatch(/移除指标 指标“登记备案的托育机构数”（B03） 已归档，保留 1 个填报数/);
  expect(text).toMatch(/新增指标[\s\S]*养老机构数/);
  expect(text).toMatch(/修改指标 指标“托位总数”（B04） 计量单位：万个 → 个；基期值：0\.6 → 6000；目标值：5 → 50000；小数位数：1 → 0；重新读取已存数值 1 个；托位总数 临沂市 2023年：0\.9 → 9000/);
  expect(text).toContain('基期值：971 → 980');
  expect(text).toContain('目标值：95 → 96');
  // By indicator: its 填报单位, the return that reported it, and the unit change.
  await audit.filterByIndicator('B04');
  await expect.poll(async () => (await audit.rows()).length).toBe(3);
  expect((await audit.rows()).map((row) => row[2])).toEqual(['修改指标', '导入报表', '指定填报单位']);
  await app.checkpoint('plan-edit-audit');
});
