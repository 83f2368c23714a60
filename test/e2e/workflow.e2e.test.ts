import ExcelJS from 'exceljs';
import { afterAll, expect } from 'vitest';
import type { Value } from '../../shared/domain';
import { readXlsxXml } from '../support/xlsx-xml';
import { CompletionPage } from './pages/completion';
import { ExportPage } from './pages/export';
import { FramePage } from './pages/frame-page';
import { ImportPage, type UploadFile } from './pages/import';
import { ProgressPage } from './pages/progress';
import { ReviewPage } from './pages/review';
import { ReportedValuesPage } from './pages/review-reported';
import { closeSharedBrowser, test } from './support/app-fixture';

afterAll(closeSharedBrowser);

const YEAR = 2023;

type Cell = string | number | null;

/** A bureau's own sheet, written with exceljs the way bureaus lay returns out by hand. */
async function workbookOf(rows: Cell[][], sheetName = 'Sheet1', formats: Record<string, string> = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  for (const [address, numFmt] of Object.entries(formats)) sheet.getCell(address).numFmt = numFmt;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * 市民政局: title, 填报单位 line, 指标名称 | 单位 | 2023年完成值, a footnote with the contact. It
 * reports 登记备案的托育机构数 (市卫生健康委's) as 92, and 医养结合 under a name of its own. Its 护理型
 * 床位占比 is 0.52 shown as 52% (a percent format), and its bed counts (9000 of 20000 = 45%) break rule R02.
 */
async function civilAffairsReturn(): Promise<UploadFile> {
  return {
    name: '市民政局2023年养老服务指标.xlsx',
    bytes: await workbookOf([
      [`${YEAR}年养老服务指标完成情况`],
      ['填报单位：市民政局'],
      ['指标名称', '单位', `${YEAR}年完成值`],
      ['全市养老服务设施', '处', 985],
      ['示范性老年友好社区', '个', 8],
      ['登记备案的托育机构数', '处', 92],
      ['街道综合养老服务中心覆盖率', '%', 88],
      ['社区养老服务设施覆盖率', '%', 88.5],
      ['养老机构护理型养老床位占比', '%', 0.52],
      ['医养结合机构签约率', '%', 95],
      ['失能特困人员集中供养率', '%', 55],
      ['骨干养老企业数量', '家', 14],
      ['养老机构床位数', '张', 20000],
      ['护理型床位数', '张', 9000],
      [],
      ['填表人：李娜', '', '联系电话：0539-8765432'],
    ], 'Sheet1', { C9: '0%' }),
  };
}

/** 市卫生健康委: its own layout, 序号 and 备注 columns, the 填报单位 line at the foot. */
async function healthReturn(): Promise<UploadFile> {
  return {
    name: '卫健委托育指标统计表.xlsx',
    bytes: await workbookOf([
      [`临沂市卫生健康委员会${YEAR}年度托育服务指标统计表`],
      ['序号', '指标', '计量单位', `${YEAR}年`, '备注'],
      [1, '登记备案的托育机构数', '处', 95, '含新备案 12 处'],
      [2, '托位总数', '万个', 0.9, null],
      [3, '婴幼儿基本公共服务覆盖面', '%', 22, null],
      [4, '社区托育服务覆盖率', '%', 31, null],
      [5, '人均预期寿命', '岁', 78.12, null],
      [6, '示范性婴幼儿照护服务机构数', '个', 7, null],
      [7, '从业人员持证上岗率', '%', 55, null],
      [8, '骨干托育企业数量', '家', 21, null],
      [9, '托育服务专业人才数', '人', 180, null],
      [],
      ['填报单位：临沂市卫生健康委员会', null, '填表人：赵静', '联系电话：0539-8123321'],
    ]),
  };
}

/**
 * 市人力资源社会保障局 heads its columns 项目 / 计量 / 2023年. Detection passes 计量 over, so
 * 0.52 万人 would be read as 0.52 人: the officer must make 计量 the 单位 column in the preview.
 */
async function socialSecurityReturn(): Promise<UploadFile> {
  return {
    name: '人社局2023年报表.xlsx',
    bytes: await workbookOf([
      [`${YEAR}年社会保障指标完成情况`],
      ['填报单位：市人力资源社会保障局'],
      ['项目', '计量', `${YEAR}年`],
      ['基本养老保险参保率', '%', 94.6],
      ['长期护理保险参保率', '%', 31.2],
      ['养老护理专业人才数', '万人', 0.52],
      [],
      ['填表人：王磊', '', '联系电话：0539-8234567'],
    ]),
  };
}

/** Bytes that are no spreadsheet at all, under an .xlsx name (a mail attachment gone wrong). */
function garbageReturn(): UploadFile {
  const bytes = new Uint8Array(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 17) % 251;
  return { name: '市财政局2023年报表.xlsx', bytes };
}

const REPORTERS: Record<string, string[]> = {
  市民政局: ['B01', 'B02', 'C01', 'C04', 'D01', 'D02', 'D06', 'D07', 'E01'],
  市卫生健康委: ['B03', 'B04', 'C09', 'C10', 'D03', 'D08', 'D09', 'D10', 'E03', 'E04'],
  市人力资源社会保障局: ['A01', 'A02', 'E02'],
};

function valueOf(values: Value[], code: string): number | null {
  return values.find((v) => v.indicator === code)?.value ?? null;
}

test('the whole year: import, review, completeness, progress, sign-off and the annual table', async ({ app }) => {
  const { page } = app;
  const service = app.served.service;
  // 填报单位 go in through the API the 指标体系 screen calls: its page model is another's.
  for (const [bureau, codes] of Object.entries(REPORTERS)) await service.assignReporters({ bureau, codes });

  const frame = new FramePage(page);
  await frame.open(app.served.server.url);

  // —— 导入报表 ——
  await frame.goTo('导入报表');
  const importPage = new ImportPage(page);
  const healthFile = await healthReturn();
  await importPage.choose([await civilAffairsReturn(), healthFile, await socialSecurityReturn(), garbageReturn()]);
  expect(await importPage.settled()).toBe('preview');
  expect(await importPage.preview.innerText()).toContain('人社局2023年报表.xlsx');
  // The sheet as it is: the header row and the first figure, column 计量 still unread.
  expect(await importPage.previewCell(0, 0)).toContain('社会保障指标');
  expect(await importPage.roleSelect('B').inputValue()).toBe('ignore');
  expect(await importPage.roleSelect('A').inputValue()).toBe('name');
  await app.checkpoint('workflow-import-preview');
  await importPage.setRole('B', '单位');
  await importPage.confirmPreview();
  expect(await importPage.settled()).toBe('done');
  // The returns speak of their own year (the workbook opened on the latest plan year): the view follows them there.
  await expect.poll(() => page.getByTestId('year-select').inputValue()).toBe(String(YEAR));
  expect(await frame.statusBar.innerText()).toContain(`报表属于 ${YEAR}年，已转到 ${YEAR}年`);

  const results = await importPage.resultRows();
  const byFile = new Map(results.map((r) => [r.file, r]));
  expect(byFile.get('市民政局2023年养老服务指标.xlsx')).toMatchObject({ status: '已导入', bureau: '市民政局', year: String(YEAR), matched: '10', unmatched: '1' });
  expect(byFile.get('卫健委托育指标统计表.xlsx')).toMatchObject({ status: '已导入', bureau: '市卫生健康委', year: String(YEAR), matched: '9', unmatched: '0' });
  expect(byFile.get('人社局2023年报表.xlsx')).toMatchObject({ status: '已导入', bureau: '市人力资源社会保障局', matched: '3', values: '3' });
  const refused = byFile.get('市财政局2023年报表.xlsx')!;
  expect(refused.status).toBe('被拒绝');
  expect(refused.message).toContain('市财政局2023年报表.xlsx');
  await expect.poll(() => importPage.returns.locator('tbody tr[data-return-id]').count()).toBe(3);
  // The same file again is named for the return it repeats, in the words of the returns list.
  await importPage.choose([healthFile]);
  expect(await importPage.settled()).toBe('done');
  await expect.poll(async () => (await importPage.resultRows()).find((r) => r.file === '卫健委托育指标统计表.xlsx' && r.message !== '')?.message ?? '').toContain(
    '与已导入的“卫健委托育指标统计表.xlsx”（市卫生健康委，2023年）内容完全相同',
  );
  // Every list has its text filter: here by bureau.
  await page.getByRole('textbox', { name: '筛选报表' }).fill('人力资源');
  await expect.poll(() => importPage.returns.locator('tbody tr[data-return-id]').count()).toBe(1);
  await page.getByRole('textbox', { name: '筛选报表' }).fill('');
  expect(await importPage.returnRow('卫健委托育指标统计表.xlsx').innerText()).toContain('赵静');
  // The corrected 计量 column converted 0.52 万人 into 5200 人.
  expect(valueOf(await service.listValues({ year: YEAR, region: '临沂市' }), 'E02')).toBe(5200);
  await app.checkpoint('workflow-import');

  // —— 核对 ——
  await frame.goTo('核对');
  const review = new ReviewPage(page);
  const conflict = review.finding(/92[\s\S]*95|95[\s\S]*92/);
  await conflict.click();
  const focus = await review.sourceFocus();
  expect(['92', '95']).toContain(focus.text);
  expect(focus.where).toMatch(/市民政局2023年养老服务指标\.xlsx|卫健委托育指标统计表\.xlsx/);
  // Each side of the conflict shows its own cell: 市卫生健康委's 95, then 市民政局's 92.
  const sides = page.getByTestId('finding-sides');
  await sides.getByRole('button', { name: '市卫生健康委 报 95' }).click();
  await expect.poll(async () => (await review.sourceFocus()).text).toBe('95');
  expect((await review.sourceFocus()).where).toContain('卫健委托育指标统计表.xlsx');
  await sides.getByRole('button', { name: '市民政局 报 92' }).click();
  await expect.poll(async () => (await review.sourceFocus()).text).toBe('92');
  expect((await review.sourceFocus()).where).toContain('市民政局2023年养老服务指标.xlsx');
  await app.checkpoint('workflow-review');
  // On a 1024 px window the panel folds away behind 显示来源单元格, and comes back on asking.
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect.poll(() => review.source.isVisible()).toBe(false);
  await page.getByRole('button', { name: '显示来源单元格' }).click();
  await expect.poll(() => review.source.isVisible()).toBe(true);
  await page.getByRole('button', { name: '收起来源单元格' }).click();
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect.poll(() => review.source.isVisible()).toBe(true);
  // With the 数值冲突 chip on, resolving its only finding keeps the chip (at 0) and says what the filter hides.
  await (await review.chip('问题类型', /^数值冲突/)).click();
  const conflictId = (await conflict.getAttribute('data-finding-id'))!;
  await review.resolveWith(conflict, '采用 95');
  await expect.poll(() => review.finding(/92[\s\S]*95|95[\s\S]*92/).count()).toBe(0);
  const kindChip = await review.chip('问题类型', /^数值冲突/);
  expect(await kindChip.getAttribute('aria-pressed')).toBe('true');
  expect(await kindChip.innerText()).toMatch(/数值冲突\s*0/);
  expect(await page.getByTestId('findings-empty').innerText()).toMatch(/筛选条件隐藏了 \d+ 条待处理问题/);
  expect(await page.getByTestId('findings-empty').innerText()).not.toContain('已全部处理');
  await page.getByTestId('findings-empty').getByRole('button', { name: '清除筛选' }).click();
  // A second window still showing the conflict open cannot decide it again: refused, not audited twice.
  await expect(service.resolveFinding({ findingId: conflictId, resolution: { action: 'choose', value: 92 } })).rejects.toMatchObject({ code: 'already_resolved' });
  // Ctrl+F reaches the worklist's text filter.
  await page.keyboard.press('Control+f');
  await page.keyboard.type('医养结合机构签约率');
  await expect.poll(() => review.findings.locator('li.finding').count()).toBe(1);
  await page.getByRole('textbox', { name: '筛选核对问题' }).fill('');

  // The rule finding in plain words, each figure with its own cell; the officer confirms it after a call.
  const rule = review.finding('按校验规则');
  expect(await rule.locator('.finding__message').innerText()).toMatch(
    /^按校验规则“护理型养老床位占比与床位数相符”，养老机构护理型养老床位占比 应等于 护理型床位数 ÷ 养老机构床位数 × 100：前者 52，后者 45。所涉数值：/,
  );
  await rule.click();
  // The percent cell shows as the bureau saw it: 52%, not 0.52.
  await expect.poll(async () => (await review.sourceFocus()).text).toBe('52%');
  await review.resolveWith(rule, '确认无误');
  await expect.poll(() => review.finding('按校验规则').count()).toBe(0);

  const unmatched = review.finding('医养结合机构签约率');
  // Search results name 辅助指标 with their units too (护理型床位数（张）, not （无单位）).
  await unmatched.getByRole('button', { name: '对应到指标…' }).click();
  await unmatched.getByTestId('map-form').getByLabel('搜索指标名称或编码').fill('护理型床位');
  await expect.poll(() => unmatched.getByRole('list', { name: '搜索结果' }).innerText()).toContain('护理型床位数（张）');
  await unmatched.getByTestId('map-form').getByRole('button', { name: '取消' }).click();
  await review.mapBySearch(unmatched, '医养结合', '养老机构医养结合服务覆盖率');
  await expect.poll(() => review.finding('医养结合机构签约率').count()).toBe(0);

  const missing = review.findings.locator('li.finding[data-kind="missing"]').filter({ hasText: '有集中供养意愿的特困人员集中供养率' });
  // A grey 确定 says why: abc is no figure.
  await missing.getByRole('button', { name: '手工填写…' }).click();
  await missing.getByLabel('手工填写的数值').fill('abc');
  // The workbook reads what is typed, as it is typed.
  await expect.poll(() => missing.getByTestId('override-wanted').innerText()).toContain('“abc”不是数值');
  // Nor is a programmer's hexadecimal (it once counted as 16).
  await missing.getByLabel('手工填写的数值').fill('0x10');
  await expect.poll(() => missing.getByTestId('override-wanted').innerText()).toContain('“0x10”不是数值');
  // Nor a figure in words: the form asks for digits in the indicator's unit.
  await missing.getByLabel('手工填写的数值').fill('九十五');
  await expect.poll(() => missing.getByTestId('override-wanted').innerText()).toContain('“九十五”不是数值，请填写以“%”为单位的数值');
  await app.checkpoint('workflow-review-override-refused');
  await missing.getByRole('button', { name: '取消' }).click();
  // Full-width digits, as an input method types them, are the figure they show.
  await review.override(missing, '１００', '市民政局电话核实，全部有意愿者均已集中供养');
  await expect.poll(() => review.findings.locator('li.finding[data-kind="missing"]').filter({ hasText: '有集中供养意愿的特困人员集中供养率' }).count()).toBe(0);
  // After a resolution the next open finding is selected.
  expect(await review.selected().count()).toBe(1);

  // Every decision stays in view under 已处理, saying what was decided, and can be reopened.
  await (await review.chip('处理状态', /^已处理/)).click();
  const decisions = review.findings.getByTestId('finding-decision');
  await expect.poll(() => decisions.allInnerTexts()).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^已采用 95 · 市卫生健康委/),
      expect.stringMatching(/^对应到 D02 养老机构医养结合服务覆盖率/),
      expect.stringMatching(/^手工填写 100 · 市民政局电话核实，全部有意愿者均已集中供养（张敏/),
    ]),
  );
  await app.checkpoint('workflow-review-decided');
  const filledIn = review.finding('有集中供养意愿的特困人员集中供养率');
  await filledIn.getByRole('button', { name: '重新打开' }).click();
  await expect.poll(() => review.finding('有集中供养意愿的特困人员集中供养率').count()).toBe(0);
  expect(valueOf(await service.listValues({ year: YEAR, region: '临沂市' }), 'D07')).toBeNull();
  await (await review.chip('处理状态', /^待处理/)).click();
  await review.override(review.finding('有集中供养意愿的特困人员集中供养率'), '100', '市民政局电话核实，全部有意愿者均已集中供养');
  await expect.poll(() => review.finding('有集中供养意愿的特困人员集中供养率').count()).toBe(0);

  // 报送明细 shows 88.5 as the bureau sent it, though the plan prints 社区养老服务设施覆盖率 without decimals.
  const reported = new ReportedValuesPage(page);
  await reported.tab.click();
  await reported.filter.fill('社区养老服务设施覆盖率');
  await expect.poll(() => reported.cell(reported.rowAt(0), 'value').innerText()).toBe('88.5');
  await reported.rowAt(0).click();
  await expect.poll(() => reported.facts.innerText()).toContain('88.5 %');
  expect(await reported.facts.innerText()).not.toContain('原填');
  await reported.filter.fill('');
  await reported.findingsTab.click();

  const values = await service.listValues({ year: YEAR, region: '临沂市' });
  expect(valueOf(values, 'B03')).toBe(95);
  expect(valueOf(values, 'D02')).toBe(95);
  expect(valueOf(values, 'D07')).toBe(100);
  expect(valueOf(values, 'B01')).toBe(985);

  // —— 完成情况 ——
  await frame.goTo('完成情况');
  const completion = new CompletionPage(page);
  await completion.matrix.waitFor();
  expect(await completion.cell('B01', '市民政局')).toBe('已报');
  expect(await completion.cell('D03', '市卫生健康委')).toBe('缺报');
  const health = await completion.bureauRow('市卫生健康委');
  expect(health[1]).toBe('1');
  expect(health[2]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
  const chase = completion.chaseFor('市卫生健康委');
  expect(await chase.innerText()).toMatch(/请报送[\s\S]*65岁及以上老年人城乡社区规范健康管理服务率/);
  expect(await chase.innerText()).toContain('0539-8123321');
  await app.checkpoint('workflow-completion');

  // A county's return: with 兰山区 chosen in the title bar, 进度 shows 兰山区's own figures and says so.
  const [county] = await service.importReturns({
    files: [{ name: '兰山区民政局2023年养老服务指标.xlsx', bytes: await workbookOf([[`${YEAR}年兰山区养老服务指标`], ['填报单位：兰山区民政局'], ['指标名称', '单位', `${YEAR}年完成值`], ['全市养老服务设施', '处', 212], ['社区养老服务设施覆盖率', '%', 91.25]]) }],
  });
  expect(county).toMatchObject({ outcome: 'imported', region: '兰山区' });
  await page.getByTestId('region-select').selectOption('兰山区');
  await frame.goTo('进度');
  const countyProgress = new ProgressPage(page);
  await countyProgress.table.waitFor();
  // The city's 971 → ≥1000 is no county's baseline or target: 212 is shown, not judged against them.
  await expect.poll(async () => (await countyProgress.row('B01')).slice(0, 5)).toEqual(['全市养老服务设施', '处', '—', '212', '—']);
  expect((await countyProgress.row('B01'))[7]).toBe('无法评估');
  // A rate's target (覆盖率 100%) holds for every county; the county's own baseline is not known.
  expect((await countyProgress.row('C04')).slice(2, 5)).toEqual(['—', '91.25', '100']);
  expect(await page.locator('#screen-progress').innerText()).toContain('兰山区');
  await app.checkpoint('workflow-progress-county');
  // 完成情况 of 兰山区: its own bureaus, the city's 填报单位 as their 兰山区 counterparts.
  await frame.goTo('完成情况');
  const countyCompletion = new CompletionPage(page);
  await expect.poll(() => countyCompletion.cell('B01', '兰山区民政局')).toBe('已报');
  expect(await countyCompletion.cell('D03', '兰山区卫生健康委')).toBe('缺报');
  await page.getByRole('textbox', { name: '筛选指标' }).fill('覆盖率');
  await expect.poll(() => page.getByTestId('completion-matrix').locator('tbody tr').count()).toBeLessThan(31);
  expect(await page.getByTestId('completion-matrix').locator('tbody tr').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('社区养老服务设施覆盖率')]));
  await page.getByRole('textbox', { name: '筛选指标' }).fill('');
  await app.checkpoint('workflow-completion-county');
  await page.getByTestId('region-select').selectOption('临沂市');

  // —— 进度 ——
  await frame.goTo('进度');
  const progress = new ProgressPage(page);
  await progress.table.waitFor();
  const facilities = await progress.row('B01');
  expect(facilities.slice(0, 5)).toEqual(['全市养老服务设施', '处', '971', '985', '≥1000']);
  expect((await progress.row('C04')).slice(0, 5)).toEqual(['社区养老服务设施覆盖率', '%', '71', '88.5', '100']);
  expect(['已达标', '进度正常', '滞后', '倒退', '无法评估']).toContain(facilities[7]);
  expect(await progress.method.innerText()).toContain('线性进度法');
  // A baseline already at its target is said so (not 无基期值); each method is named once.
  expect((await progress.row('C07')).join(' ')).toContain('基期已达目标值');
  expect(await progress.method.innerText()).not.toContain('线性进度法；线性进度法');
  // The screen's counts are the evaluation table's: one progress computation feeds both.
  const shownCounts = await page.getByTestId('progress-summary').innerText();
  const evaluation = new TextDecoder().decode((await service.exportTable({ year: YEAR, kind: 'evaluation', format: 'csv' })).bytes).split('\r\n').map((line) => line.split(','));
  const statusColumn = evaluation.find((cells) => cells.includes('指标名称'))!.length - 1;
  for (const status of ['已达标', '进度正常', '滞后', '倒退', '无法评估']) {
    const inTable = evaluation.filter((cells) => /^\d+$/.test(cells[0] ?? '') && cells[statusColumn] === status).length;
    expect(shownCounts, status).toMatch(new RegExp(`${status}\\s*${inTable} 项`));
  }
  await app.checkpoint('workflow-progress');

  // —— 定稿与导出 ——
  await frame.goTo('定稿与导出');
  const exportPage = new ExportPage(page);
  await exportPage.state.getByText('初稿', { exact: true }).waitFor();
  await exportPage.signOff();
  // The evaluation table's preview prints targets as the plan did and the status 进度 gives.
  await exportPage.choose('中期/终期评估表');
  const b01 = exportPage.preview.locator('tr[data-code="B01"]');
  await expect.poll(() => b01.locator('td').allInnerTexts()).toEqual(['全市养老服务设施', '处', '971', '985', '≥1000', facilities[7], '已报']);
  await exportPage.choose('年度汇总表');
  await exportPage.preview.waitFor();
  await app.checkpoint('workflow-export');
  const file = await exportPage.exportFile();
  expect(file.name).toMatch(new RegExp(`${YEAR}年.*\\.xlsx$`));
  await expect.poll(() => page.getByTestId('exported').innerText()).toBe(`已导出 ${file.name}`);

  // The downloaded table's numbers are the consolidated values, cell by cell.
  const book = readXlsxXml(file.bytes);
  const cells = [...book.sheets[0]!.cells.values()];
  expect(cells.some((c) => c.text.includes('初稿'))).toBe(false);
  const valueColumn = cells.find((c) => c.text === '完成值')!.ref.replace(/\d+/g, '');
  const final = await service.listValues({ year: YEAR, region: '临沂市' });
  let compared = 0;
  for (const v of final) {
    const nameCell = cells.find((c) => c.text === v.name);
    if (!nameCell) continue;
    const cell = book.sheets[0]!.cells.get(`${valueColumn}${nameCell.ref.replace(/\D+/g, '')}`);
    if (v.value === null) {
      expect(cell?.type === null && cell.raw !== null, `${v.name} has no figure`).toBe(false);
      continue;
    }
    expect(cell?.type, `${v.name} is a number cell`).toBeNull();
    expect(Number(cell!.raw), v.name).toBe(v.value);
    compared++;
  }
  expect(compared).toBeGreaterThanOrEqual(20);

  // 临沂市及各县区: one workbook, a sheet per region, each titled with its region.
  await page.getByRole('radiogroup', { name: '导出的地区' }).getByText('临沂市及各县区', { exact: false }).click();
  await exportPage.choose('年度汇总表');
  const together = await exportPage.exportFile();
  expect(together.name).toBe(`临沂市及各县区${YEAR}年年度汇总表.xlsx`);
  const sheets = readXlsxXml(together.bytes).sheets;
  expect(sheets.map((s) => s.name)).toEqual(['临沂市2023年汇总表', '兰山区2023年汇总表', '罗庄区2023年汇总表', '河东区2023年汇总表']);
  expect([...sheets[1]!.cells.values()].some((c) => c.text.startsWith('兰山区2023年'))).toBe(true);
  await page.getByRole('radiogroup', { name: '导出的地区' }).getByText('临沂市', { exact: true }).click();

  // The CSV is data: 88.5 stays 88.5 where the print layout pads its row.
  await exportPage.choose('年度汇总表', 'CSV（.csv）');
  const csv = new TextDecoder().decode((await exportPage.exportFile()).bytes);
  const c04 = csv.split('\r\n').find((line) => line.includes('社区养老服务设施覆盖率'))!;
  expect(c04.split(',')[6]).toBe('88.5');

  // In the signed-off year a 撤销导入 is refused beside its row, saying how to go on.
  await frame.goTo('导入报表');
  await importPage.returnRow('卫健委托育指标统计表.xlsx').getByRole('button', { name: '撤销导入' }).click();
  await expect.poll(() => page.getByTestId('return-refusal').innerText()).toContain('已定稿');
  await app.checkpoint('workflow-withdraw-refused');
});
