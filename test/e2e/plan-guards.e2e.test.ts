import { afterAll, expect } from 'vitest';
import { readXlsxXml } from '../support/xlsx-xml';
import { BureausPage, question } from './pages/bureaus';
import { ExportPage } from './pages/export';
import { FramePage } from './pages/frame-page';
import { SchemaPage } from './pages/schema';
import { closeSharedBrowser, test } from './support/app-fixture';
import { returnBytes } from '../support/make-return';

afterAll(closeSharedBrowser);

const YEAR = 2023;

/** A bureau's own sheet, without a footnote: 填报单位 line, 指标名称 | 单位 | 2023年完成值. */
async function bureauReturn(name: string, bureau: string, rows: [string, string, number][]): Promise<{ name: string; bytes: Uint8Array }> {
  return { name, bytes: await returnBytes({ bureau, year: YEAR, rows: rows.map(([row, unit, value]) => ({ name: row, unit, value })), contact: null }) };
}

test('the plan guards her work: bureaus merged, bulk assignments that ask, sign-off and reopening with reasons', async ({ app }) => {
  const { page } = app;
  const service = app.served.service;
  // The same body listed twice, each sending a return: 市经信局 is 市工业和信息化局's former name.
  // 市民政局 reports a coverage rate of 130 %: an error finding that stays open.
  await service.assignReporters({ bureau: '市经信局', codes: ['B01'] });
  for (const file of [
    await bureauReturn('经信局2023年报表.xlsx', '市经信局', [['全市养老服务设施', '处', 990]]),
    await bureauReturn('工信局2023年报表.xlsx', '市工业和信息化局', [['全市养老服务设施', '处', 1002]]),
    await bureauReturn('民政局2023年报表.xlsx', '市民政局', [['社区养老服务设施覆盖率', '%', 130]]),
  ]) {
    expect((await service.importReturns({ files: [file] }))[0]).toMatchObject({ outcome: 'imported' });
  }
  expect((await service.listFindings({ year: YEAR })).filter((f) => f.status === 'open' && f.severity === 'error').map((f) => f.kind).sort()).toEqual(['conflict', 'out_of_range']);

  const frame = new FramePage(page);
  await frame.open(app.served.server.url);
  await frame.goTo('指标体系');
  const schema = new SchemaPage(page);
  await schema.waitForRows();

  // —— 单位名单: merge the two ——
  const bureaus = new BureausPage(page);
  await bureaus.open();
  expect(await bureaus.names()).toEqual(expect.arrayContaining(['市经信局', '市工业和信息化局']));
  expect(await bureaus.row('市经信局').innerText()).toMatch(/市经济和信息化局[\s\S]*\t1\t1/);
  const summary = await bureaus.chooseMerge('市经信局', '市工业和信息化局');
  expect(summary).toBe('“市经信局”的 1 项指标的填报单位、1 份报表和 4 个名称（含别名）将移到“市工业和信息化局”名下，“市经信局”从名单中去掉。');
  await app.checkpoint('plan-guards-merge-chosen');
  await bureaus.startMerge();
  const merge = question(page, '把“市经信局”并入“市工业和信息化局”？');
  expect(await merge.innerText()).toContain('可以撤销');
  await app.checkpoint('plan-guards-merge-question');
  await merge.getByRole('button', { name: '确定' }).click();
  await expect.poll(() => bureaus.outcome().innerText()).toContain('已将“市经信局”并入“市工业和信息化局”：1 项指标、1 份报表随之改动，增加 4 个别名。');
  await expect.poll(() => bureaus.names()).not.toContain('市经信局');
  await expect.poll(() => bureaus.row('市工业和信息化局').innerText()).toMatch(/市经信局[\s\S]*\t1\t2/);
  await app.checkpoint('plan-guards-merged');

  // A rename: a name already listed is refused in place; a new one is taken, the old kept as an alias.
  await page.getByLabel('筛选单位').fill('体育');
  await expect.poll(() => bureaus.names()).toEqual(['市体育局', '市体育事业发展中心']);
  await bureaus.rename('市体育事业发展中心', '市体育局');
  expect(await bureaus.row('市体育事业发展中心').getByRole('alert').innerText()).toBe('单位“市体育局”已在单位名单中。');
  await bureaus.row('市体育事业发展中心').getByLabel('“市体育事业发展中心”的新名称').fill('市体育发展中心');
  await app.checkpoint('plan-guards-rename');
  await bureaus.row('市体育事业发展中心').getByRole('button', { name: '确定' }).click();
  await expect.poll(() => bureaus.outcome().innerText()).toContain('已将“市体育事业发展中心”改名为“市体育发展中心”（原名保留为别名）');
  await expect.poll(() => bureaus.row('市体育发展中心').innerText()).toContain('市体育事业发展中心');
  await page.getByLabel('筛选单位').fill('');
  await bureaus.close();
  expect(await schema.cell('B01', '填报单位')).toBe('市工业和信息化局');
  // One bureau now: its later return corrects the earlier, so their conflict is gone.
  expect((await service.listValues({ year: YEAR, region: '临沂市' })).find((v) => v.indicator === 'B01')).toMatchObject({ value: 1002, status: 'ok' });
  expect((await service.listAudit()).slice(0, 2)).toMatchObject([
    { action: 'rename_bureau', target: '市体育事业发展中心 → 市体育发展中心', operator: '张敏' },
    { action: 'merge_bureaus', target: '市经信局 → 市工业和信息化局', operator: '张敏' },
  ]);

  // —— Two bulk assignments; the second does not overwrite the first ——
  await schema.select(['C01', 'C02', 'C03']);
  await schema.chooseBureau('市民政局');
  await schema.assignSelected();
  await expect.poll(() => schema.outcome().innerText()).toContain('已将 3 项指标的填报单位指定为“市民政局”。');
  // The selection is let go after the action.
  await expect.poll(() => schema.toolbar.getByRole('button', { name: /^指定给所选指标/ }).innerText()).toBe('指定给所选指标');
  expect(await schema.grid.locator('.ag-row-selected').count()).toBe(0);
  await app.checkpoint('plan-guards-first-assignment');

  await schema.select(['C03', 'C04', 'C05']);
  await schema.chooseBureau('市卫健委');
  await schema.assignSelected();
  const overwrite = question(page, '将覆盖已有的指定，是否继续？');
  expect(await overwrite.innerText()).toContain('将覆盖 1 个已指定填报单位的指标（新建居住区配建养老服务设施达标率：市民政局）');
  await app.checkpoint('plan-guards-overwrite-question');
  await overwrite.getByRole('button', { name: '取消' }).click();
  expect(await schema.cell('C03', '填报单位')).toBe('市民政局');
  // She takes C03 out of the selection and assigns the rest.
  await schema.grid.locator('.ag-row[row-id="C03"] .ag-selection-checkbox input').first().uncheck();
  await schema.assignSelected();
  await expect.poll(() => schema.outcome().innerText()).toContain('已将 2 项指标的填报单位指定为“市卫生健康委”。');
  for (const [code, reporter] of [['C01', '市民政局'], ['C02', '市民政局'], ['C03', '市民政局'], ['C04', '市卫生健康委'], ['C05', '市卫生健康委']]) {
    expect(await schema.cell(code!, '填报单位'), code).toBe(reporter);
  }
  await app.checkpoint('plan-guards-second-assignment');
  // 撤销 puts the second one back, exactly.
  await schema.outcome().getByRole('button', { name: '撤销' }).click();
  await expect.poll(() => schema.outcome().innerText()).toContain('已撤销：指定填报单位（市卫生健康委）。');
  expect(await schema.cell('C04', '填报单位')).toBe('未指定');
  expect(await schema.cell('C03', '填报单位')).toBe('市民政局');

  // A 填报单位 typed that the list lacks is offered to be added, then assigned.
  await schema.select(['C06']);
  await schema.chooseBureau('市统计局');
  await schema.assignSelected();
  const add = question(page, '“市统计局”不在单位名单中，添加为新单位？');
  expect(await add.innerText()).toContain('添加后即把所选的 1 项指标的填报单位指定为“市统计局”。');
  await app.checkpoint('plan-guards-new-bureau-question');
  await add.getByRole('button', { name: '确定' }).click();
  await expect.poll(() => schema.outcome().innerText()).toContain('已将 1 项指标的填报单位指定为“市统计局”。');
  expect(await schema.cell('C06', '填报单位')).toBe('市统计局');
  expect((await service.listAudit()).slice(0, 2).map((e) => e.action)).toEqual(['assign_reporter', 'add_bureau']);

  // —— 定稿 with the error open, with a reason; then 重新打开 with one ——
  await frame.goTo('定稿与导出');
  const exportPage = new ExportPage(page);
  await exportPage.state.getByText('待处理错误 1 个').waitFor();
  await exportPage.state.getByRole('button', { name: '定稿' }).click();
  await expect.poll(() => exportPage.state.getByRole('alert').innerText()).toBe('还有 1 个错误未处理，定稿须说明原因，请先在左侧框中填写。');
  expect(await page.getByRole('dialog').count()).toBe(0);
  await app.checkpoint('plan-guards-signoff-needs-reason');
  const reason = '市民政局书面说明：覆盖率含跨区服务对象，已电话核实';
  await exportPage.reason().fill(reason);
  await exportPage.state.getByRole('button', { name: '定稿' }).click();
  expect(await page.getByRole('dialog').innerText()).toContain(`原因：${reason}`);
  await app.checkpoint('plan-guards-signoff-question');
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await exportPage.state.getByText('已定稿', { exact: true }).waitFor();
  await expect.poll(() => page.getByTestId('signoff-reason').innerText()).toBe(`定稿时尚有 1 个错误未处理，原因：${reason}`);
  expect(await page.locator('section[aria-labelledby="screen-export"]').innerText()).toContain('本年度已定稿，但有 1 个错误未处理，导出的表格将标为“初稿”。');
  expect((await service.listAudit())[0]).toMatchObject({ action: 'sign_off_year', note: reason, after: { openErrors: 1 } });
  await exportPage.choose('年度汇总表');
  const file = await exportPage.exportFile();
  const notes = [...readXlsxXml(file.bytes).sheets[0]!.cells.values()].map((c) => c.text).join('\n');
  expect(notes).toContain(`2023年数据定稿时尚有 1 个错误级核对问题未处理，定稿原因：${reason}。`);
  await app.checkpoint('plan-guards-signed');

  await exportPage.state.getByRole('button', { name: '重新打开' }).click();
  await expect.poll(() => exportPage.state.getByRole('alert').innerText()).toBe('重新打开须说明原因，请先在左侧框中填写。');
  await exportPage.reopen('市民政局报来更正后的报表');
  expect((await service.listAudit())[0]).toMatchObject({ action: 'reopen_year', note: '市民政局报来更正后的报表' });
  await app.checkpoint('plan-guards-reopened');
});
