import ExcelJS from 'exceljs';
import type { FileBytes } from '../../shared/api/contract';
import type { Indicator, Schema } from '../../shared/domain';
import type { WorkbookService } from '../../electron/services/workbook-service';

/**
 * The benchmark's load, written the way returns reach a 市 office: for each 县区, 25 bureaus
 * send about 40 rows each — some on the issued template, most in their own layouts (title rows,
 * a 填报单位 line, two-row headers, this year beside last year, messy cells) — plus one very long
 * return (a 乡镇-by-乡镇 breakdown of 5 000 rows). Any year and any list of 县区: the figures grow
 * with the year. Seeded, so every run loads the same bytes for the same year and regions.
 */

export const REGION = '临沂市';
export const SUBREGIONS = ['兰山区', '罗庄区', '河东区', '郯城县', '兰陵县', '沂水县', '沂南县', '平邑县', '费县', '蒙阴县', '莒南县', '临沭县'];
/** The year of the single-year load (and of the tests that borrow it). */
export const YEAR = 2023;
export const BIG_RETURN_ROWS = 5000;

/** 县区 bureaus as they sign their returns (the region's name comes first). */
const COUNTY_BUREAUS = [
  '民政局', '卫生健康局', '发展和改革局', '教育和体育局', '财政局', '人力资源和社会保障局', '医疗保障局', '住房和城乡建设局',
  '自然资源局', '妇女联合会', '残疾人联合会', '总工会', '委老干部局', '市场监督管理局', '行政审批服务局', '科技局',
  '工业和信息化局', '商务局', '文化和旅游局', '应急管理局', '税务局', '农业农村局', '退役军人事务局', '统计局',
];

/** 市 bureaus that get the issued template (their 填报单位 assignments), one per 县区 each. */
export const TEMPLATE_BUREAUS: { bureau: string; codes?: string[]; area?: string }[] = [
  { bureau: '市人力资源社会保障局', codes: ['A01', 'A02'] },
  { bureau: '市卫生健康委', area: '产业发展情况' },
  { bureau: '市民政局' },
];

/** Rows a bureau keeps in its own sheet that the plan does not list (sub-items, remarks). */
const EXTRA_ROWS = [
  ['其中：农村敬老院', '处'], ['城市社区日间照料中心数量', '处'], ['其中：公办养老机构床位', '张'], ['居家养老服务站点', '个'],
  ['老年助餐点数量', '个'], ['家庭养老床位建设数量', '张'], ['医养结合机构数量', '家'], ['养老服务从业人员培训人次', '人次'],
  ['托育机构从业人员培训人次', '人次'], ['新增普惠托位', '个'], ['农村幸福院', '处'], ['老年人意外伤害保险参保人数', '人'],
];

/** Deterministic pseudo-random numbers (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plausible 县区 figure for an indicator in a year: sums scale with the county, rates stay rates. */
function figureOf(indicator: Indicator, regionIndex: number, year: number): number {
  const random = seeded(regionIndex * 7919 + year * 31 + indicator.code.charCodeAt(0) * 131 + Number(indicator.code.slice(1)));
  const scale = 0.04 + 0.12 * random();
  // Counts grow 3 % a year; rates creep up half a point a year, never past 100 %.
  const growth = 1 + (year - YEAR + 1) * 0.03;
  const base = indicator.baselineValue ?? indicator.targetValue ?? 50;
  if (indicator.unit === '%') return Math.min(100, Math.round(base * (0.9 + 0.15 * random()) * (1 + (year - YEAR) * 0.005) * 10) / 10);
  if (indicator.aggregation === 'sum') {
    const value = base * scale * growth;
    return value < 10 ? Math.round(value * 100) / 100 : Math.round(value);
  }
  return Math.round(base * (0.85 + 0.3 * random()) * 100) / 100;
}

/** What a bureau may type in a cell: usually the number, sometimes the way people do write it. */
function messy(value: number, random: () => number): number | string {
  const r = random();
  if (r < 0.05) return value >= 1000 ? value.toLocaleString('en-US') : String(value);
  if (r < 0.08) return String(value).replace(/[0-9.]/g, (d) => (d === '.' ? '．' : String.fromCharCode(d.charCodeAt(0) + 0xfee0)));
  if (r < 0.1) return '——';
  if (r < 0.12) return ` ${value} `;
  return value;
}

interface RowPlan {
  name: string;
  unit: string;
  current: number | string | null;
  previous: number | string | null;
}

/** The year and the 县区 a load is for; a region's figures follow its place in `regions`. */
export interface LoadYear {
  year: number;
  regions: readonly string[];
}

/** About 40 rows: most of the plan's indicators (some under their aliases), a few sub-items. */
function rowsFor(schema: Schema, year: number, regionIndex: number, bureauIndex: number, random: () => number): RowPlan[] {
  const rows: RowPlan[] = [];
  for (const indicator of schema.indicators) {
    if (random() < 0.12) continue;
    const name = indicator.aliases.length > 0 && random() < 0.3 ? indicator.aliases[0]! : indicator.name;
    const value = figureOf(indicator, regionIndex, year);
    // One bureau in twenty counts differently: the consolidation sees a conflict.
    const current = bureauIndex % 20 === 7 && random() < 0.3 ? Math.round(value * 1.1 * 100) / 100 : value;
    const previous = figureOf(indicator, regionIndex, year - 1);
    rows.push({ name, unit: indicator.unit, current: messy(current, random), previous: messy(previous, random) });
  }
  const extras = 36 + Math.floor(random() * 8) - rows.length;
  for (let i = 0; i < extras; i++) {
    const [name, unit] = EXTRA_ROWS[(bureauIndex + i) % EXTRA_ROWS.length]!;
    rows.push({ name: name!, unit: unit!, current: Math.round(random() * 500), previous: Math.round(random() * 480) });
  }
  return rows;
}

function titleRows(sheet: ExcelJS.Worksheet, year: number, region: string, bureau: string, columns: number): void {
  sheet.addRow([`${region}${year}年养老托育服务体系建设指标完成情况统计表`]);
  sheet.mergeCells(1, 1, 1, columns);
  sheet.getCell(1, 1).font = { name: '黑体', size: 16, bold: true };
  sheet.addRow([`填报单位：${region}${bureau}`, '', '', `填报日期：${year + 1}年1月15日`]);
}

function footRows(sheet: ExcelJS.Worksheet, random: () => number): void {
  sheet.addRow([]);
  const people = ['王芳', '李娜', '张伟', '刘洋', '陈静', '杨磊'];
  sheet.addRow([`填表人：${people[Math.floor(random() * people.length)]}`, '', `联系电话：0539-${8000000 + Math.floor(random() * 999999)}`]);
}

/** Layout 1: 指标名称 | 单位 | 2023年完成值. */
function layoutSingle(sheet: ExcelJS.Worksheet, year: number, rows: RowPlan[]): void {
  sheet.addRow(['指标名称', '单位', `${year}年完成值`, '备注']);
  for (const row of rows) sheet.addRow([row.name, row.unit, row.current, '']);
}

/** Layout 2: 序号 | 指标名称 | 单位 | 完成情况 (2022年 / 2023年) | 备注, two header rows merged. */
function layoutTwoYears(sheet: ExcelJS.Worksheet, year: number, rows: RowPlan[]): void {
  const top = sheet.rowCount + 1;
  sheet.addRow(['序号', '指标名称', '单位', '完成情况', '', '备注']);
  sheet.addRow(['', '', '', `${year - 1}年`, `${year}年`, '']);
  sheet.mergeCells(top, 4, top, 5);
  for (const c of [1, 2, 3, 6]) sheet.mergeCells(top, c, top + 1, c);
  rows.forEach((row, i) => sheet.addRow([i + 1, row.name, row.unit, row.previous, row.current, '']));
}

/** Layout 3: 指标 | 2023年 | 计量单位 | 说明, with the unit after the figure. */
function layoutUnitAfter(sheet: ExcelJS.Worksheet, year: number, rows: RowPlan[]): void {
  sheet.addRow(['指标', `${year}年`, '计量单位', '说明']);
  for (const row of rows) sheet.addRow([row.name, row.current, row.unit, row.current === '——' ? '暂无统计' : '']);
}

/** Seeds stay those of the single-year load for its year; each other year draws its own cells. */
function returnSeed(year: number, regionIndex: number, bureauIndex: number): number {
  return (year - YEAR) * 1_000_003 + regionIndex * 1000 + bureauIndex + 1;
}

/** One county bureau's return in its own layout (one of three, by the bureau). */
export async function bureauReturn(schema: Schema, load: LoadYear, regionIndex: number, bureauIndex: number): Promise<FileBytes> {
  const { year } = load;
  const region = load.regions[regionIndex]!;
  const bureau = COUNTY_BUREAUS[bureauIndex % COUNTY_BUREAUS.length]!;
  const random = seeded(returnSeed(year, regionIndex, bureauIndex));
  const rows = rowsFor(schema, year, regionIndex, bureauIndex, random);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${year}年`);
  const layout = bureauIndex % 3;
  titleRows(sheet, year, region, bureau, layout === 1 ? 6 : 4);
  if (layout === 0) layoutSingle(sheet, year, rows);
  else if (layout === 1) layoutTwoYears(sheet, year, rows);
  else layoutUnitAfter(sheet, year, rows);
  footRows(sheet, random);
  sheet.getColumn(layout === 1 ? 2 : 1).width = 40;
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return { name: `${region}${bureau}${year}年指标完成情况.xlsx`, bytes };
}

/** The issued template filled in by a 市 bureau for one 县区: by the 指标编码 column. */
async function fillTemplate(schema: Schema, load: LoadYear, file: FileBytes, region: string): Promise<FileBytes> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets.find((s) => s.state === 'visible')!;
  let codeCol = 0;
  let valueCol = 0;
  let headerRow = 0;
  sheet.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      if (cell.value === '指标编码') [codeCol, headerRow] = [c, r];
      if (cell.value === `${load.year}年完成值`) valueCol = c;
    }),
  );
  if (codeCol === 0 || valueCol === 0) throw new Error(`the issued template ${file.name} has no 指标编码 or ${load.year}年完成值 column`);
  const byCode = new Map(schema.indicators.map((i) => [i.code, i]));
  const regionIndex = load.regions.indexOf(region);
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const indicator = byCode.get(String(sheet.getCell(r, codeCol).value ?? ''));
    if (indicator) sheet.getCell(r, valueCol).value = figureOf(indicator, regionIndex, load.year);
  }
  return { name: file.name, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

/** 乡镇 (街道) of a big county, for the long return's breakdown rows. */
const TOWNS = ['金雀山街道', '银雀山街道', '兰山街道', '柳青街道', '白沙埠镇', '枣园镇', '半程镇', '义堂镇', '李官镇', '方城镇', '汪沟镇', '马厂湖镇'];
const FACILITIES = ['社区养老服务站', '农村幸福院', '日间照料中心', '老年助餐点', '托育园', '社区托育点'];
const MEASURES = [['床位数', '张'], ['服务人次', '人次'], ['从业人员', '人'], ['建筑面积', '平方米'], ['托位数', '个']];

/** One return of `rows` rows: the plan's indicators first, then a 乡镇-by-乡镇 breakdown. */
export async function bigReturn(schema: Schema, rows = BIG_RETURN_ROWS, year = YEAR): Promise<FileBytes> {
  const random = seeded(4242);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('分乡镇明细');
  titleRows(sheet, year, '兰山区', '民政局', 6);
  const plan = rowsFor(schema, year, 0, 0, random).slice(0, 30);
  const detail: RowPlan[] = [];
  for (let i = 0; detail.length + plan.length < rows; i++) {
    const town = TOWNS[i % TOWNS.length]!;
    const facility = FACILITIES[Math.floor(i / TOWNS.length) % FACILITIES.length]!;
    const [measure, unit] = MEASURES[i % MEASURES.length]!;
    const site = Math.floor(i / (TOWNS.length * FACILITIES.length)) + 1;
    detail.push({ name: `${town}第${site}${facility}${measure}`, unit: unit!, current: Math.round(random() * 300), previous: messy(Math.round(random() * 280), random) });
  }
  layoutTwoYears(sheet, year, [...plan, ...detail]);
  footRows(sheet, random);
  return { name: `兰山区民政局${year}年分乡镇明细.xlsx`, bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

/**
 * Once per workbook: the template bureaus become 填报单位 (their indicators by code, by area, and
 * the rest), so that templates can be issued for any year.
 */
export async function assignTemplateReporters(service: Pick<WorkbookService, 'assignReporters'>): Promise<void> {
  for (const { bureau, codes, area } of TEMPLATE_BUREAUS) {
    await service.assignReporters({ bureau, ...(codes ? { codes } : {}), ...(area ? { area } : {}), ...(codes || area ? {} : { unassigned: true }) });
  }
}

/**
 * One year's returns: the templates issued for every 县区 (through the service, so they carry
 * what the workbook prints on them, last year's figures included), filled in by the template
 * bureaus, and enough of the county bureaus' own sheets to make `bureausPerRegion` per 县区.
 */
export async function generateYear(
  service: { readonly schema: Schema; makeTemplates(arg: { year: number; regions?: string[] }): Promise<(FileBytes & { region: string })[]> },
  load: LoadYear,
  bureausPerRegion = 25,
): Promise<FileBytes[]> {
  const schema = service.schema;
  const templates = await service.makeTemplates({ year: load.year, regions: [...load.regions] });
  const files: FileBytes[] = [];
  for (const [regionIndex, region] of load.regions.entries()) {
    const issued = templates.filter((t) => t.region === region);
    for (const template of issued) files.push(await fillTemplate(schema, load, template, region));
    for (let b = 0; b < bureausPerRegion - issued.length; b++) files.push(await bureauReturn(schema, load, regionIndex, b));
  }
  return files;
}

/** County bureaus' own returns only (no issued template), `bureausPerRegion` per 县区: any workbook reads them. */
export async function countyReturns(schema: Schema, load: LoadYear, bureausPerRegion: number): Promise<FileBytes[]> {
  const files: FileBytes[] = [];
  for (const regionIndex of load.regions.keys()) {
    for (let b = 0; b < bureausPerRegion; b++) files.push(await bureauReturn(schema, load, regionIndex, b));
  }
  return files;
}

/** The single-year load: assigns the template bureaus, then writes 300 returns for YEAR. */
export async function generateReturns(service: WorkbookService, bureausPerRegion = 25): Promise<FileBytes[]> {
  await assignTemplateReporters(service);
  return generateYear(service, { year: YEAR, regions: SUBREGIONS }, bureausPerRegion);
}
