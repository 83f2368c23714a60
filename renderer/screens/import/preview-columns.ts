import type { ImportPreview } from '../../../shared/api/contract';
import type { ColumnOverride, ColumnRoleKind, LayoutOverride, SheetOverride } from '../../../shared/domain';
import { LAYOUT_OVERRIDE_VERSION } from '../../../shared/domain';

/**
 * What the column-role preview keeps of each column and decides from it, apart from drawing it:
 * the roles chosen, which columns take the return's year, why 导入 cannot be pressed yet, and the
 * layout override sent with the import.
 */

/** The roles an officer can give a column, in the words of the returns themselves. */
export const ROLE_LABELS: { role: ColumnRoleKind; label: string }[] = [
  { role: 'name', label: '指标名称' },
  { role: 'region', label: '地区' },
  { role: 'year', label: '年份' },
  { role: 'unit', label: '单位' },
  { role: 'code', label: '指标编码' },
  { role: 'area', label: '领域' },
  { role: 'category', label: '类别' },
  { role: 'seq', label: '序号' },
  { role: 'baseline', label: '基期值' },
  { role: 'target', label: '目标值' },
  { role: 'value', label: '完成值' },
  { role: 'previous', label: '上年值' },
  { role: 'note', label: '备注' },
  { role: 'ignore', label: '不读取' },
];

export const YEAR_ROLES = new Set<ColumnRoleKind>(['value', 'baseline', 'target', 'previous']);
export const RELATIVE_ROLES = new Set<ColumnRoleKind>(['value', 'previous']);

export interface ColumnChoice {
  col: number;
  header: string;
  role: ColumnRoleKind;
  year: number | null;
  region: string | null;
  /**
   * The sheet's one 完成值 (or 上年值) column speaks of the return's year (or the one before):
   * it takes its year from 年度, so that the preview asks for the year once.
   */
  followsYear: boolean;
}

/** A column's year as imported: the return's year for one that follows 年度, else its own. */
export function yearOf(choice: ColumnChoice, fileYear: number): number | null {
  if (!choice.followsYear) return YEAR_ROLES.has(choice.role) ? choice.year : null;
  return choice.role === 'previous' ? fileYear - 1 : fileYear;
}

export type SheetPreview = ImportPreview['sheets'][number];

/** Every column the sample shows, with the role detection gave it (不读取 where it gave none). */
export function initialChoices(sheet: SheetPreview, fileYear: number | null): ColumnChoice[] {
  const width = Math.max(0, ...sheet.sample.map((row) => row.length), ...sheet.columns.map((c) => c.col + 1));
  const choices = Array.from({ length: width }, (_, col): ColumnChoice => {
    const found = sheet.columns.find((c) => c.col === col);
    if (found) return { col, header: found.header, role: found.role, year: found.year, region: found.region, followsYear: false };
    return { col, header: '', role: 'ignore', year: null, region: null, followsYear: false };
  });
  return choices.map((choice) => {
    const expected = fileYear === null ? null : choice.role === 'previous' ? fileYear - 1 : fileYear;
    const follows = RELATIVE_ROLES.has(choice.role) && soleOfRole(choices, choice) && (choice.year === null || choice.year === expected);
    return follows ? { ...choice, followsYear: true } : choice;
  });
}

/** Whether no other column of the sheet has this column's role. */
function soleOfRole(choices: readonly ColumnChoice[], choice: ColumnChoice): boolean {
  return choices.every((c) => c.col === choice.col || c.role !== choice.role);
}

/** The officer's corrections as the layout override the import service applies. */
export function buildOverride(preview: ImportPreview, choices: ColumnChoice[][], fileYear: number): LayoutOverride {
  const base: LayoutOverride = preview.layout ?? { version: LAYOUT_OVERRIDE_VERSION, fileYear, meta: {}, sheets: [] };
  const sheets: SheetOverride[] = preview.sheets.map((sheet, i) => {
    const detected = base.sheets.find((s) => s.sheet === sheet.sheet);
    const columns: ColumnOverride[] = (choices[i] ?? []).map((choice) => {
      const year = yearOf(choice, fileYear);
      return {
        col: choice.col,
        header: choice.header,
        role: choice.role,
        year,
        yearOffset: RELATIVE_ROLES.has(choice.role) && year !== null ? year - fileYear : null,
        region: choice.region,
      };
    });
    return { ...(detected ?? { sheet: sheet.sheet, headerRows: sheet.headerRows, firstDataRow: sheet.firstDataRow }), columns };
  });
  return { ...base, fileYear, sheets };
}

/**
 * A column given a role. A 完成值 or 上年值 column alone in its role takes the return's year (or
 * the one before); once a second one is chosen, each keeps the year it stood for, its own to
 * change. `fileYear` is the year in 年度, null while it is not a year.
 */
export function withRole(choices: readonly ColumnChoice[], col: number, role: ColumnRoleKind, fileYear: number | null): ColumnChoice[] {
  const changed = choices.map((c) => (c.col === col ? { ...c, role } : c));
  return changed.map((c): ColumnChoice => {
    const picked = c.col === col;
    if (!YEAR_ROLES.has(c.role)) return { ...c, followsYear: false, year: null };
    const derived = fileYear === null ? null : c.role === 'previous' ? fileYear - 1 : fileYear;
    if (!RELATIVE_ROLES.has(c.role)) return { ...c, followsYear: false, year: picked ? (c.year ?? derived) : c.year };
    if (soleOfRole(changed, c) && (c.followsYear || picked || c.year === null || c.year === derived)) return { ...c, followsYear: true };
    return { ...c, followsYear: false, year: c.followsYear ? derived : picked ? (c.year ?? derived) : c.year };
  });
}

/** A 年份 column dates each row's 完成值 and 上年值: those columns need no year of their own. */
export function datedByRow(choices: readonly ColumnChoice[]): boolean {
  return choices.some((c) => c.role === 'year');
}

/**
 * Why 导入 cannot be pressed yet, most pressing first: shown beside the button, the first one.
 * A year signed off (定稿) is refused by the import, so the preview says so before.
 */
export function previewProblems(state: { preview: ImportPreview; choices: readonly ColumnChoice[][]; bureau: string; region: string; year: string; signedOffYears: readonly number[] }): string[] {
  const out: string[] = [];
  const year = state.year.trim();
  if (state.preview.sheets.length === 0) out.push('文件中未找到可读取的表格，无法指定各列的含义。请跳过此文件，请报送单位改用下发的模板。');
  if (!state.bureau.trim()) out.push('请填写填报单位。');
  if (!state.region.trim()) out.push('请选择地区。');
  if (!/^\d{4}$/.test(year)) out.push('请填写四位数的年度，如 2023。');
  else if (state.signedOffYears.includes(Number(year))) out.push(`${year}年已定稿，不能导入。请改填年度，或先在“定稿与导出”中重新打开该年度。`);
  state.choices.forEach((sheetChoices, i) => {
    const name = state.preview.sheets[i]?.sheet ?? '';
    // Each row is an indicator, a region (yearbook district tables) or a year (years down the rows).
    if (!sheetChoices.some((c) => c.role === 'name' || c.role === 'region' || c.role === 'year')) out.push(`工作表“${name}”中请指定“指标名称”“地区”或“年份”列。`);
    if (!sheetChoices.some((c) => c.role === 'value')) out.push(`工作表“${name}”中请指定至少一个“完成值”列。`);
    if (!datedByRow(sheetChoices) && sheetChoices.some((c) => YEAR_ROLES.has(c.role) && !c.followsYear && c.year === null)) out.push(`工作表“${name}”中请为数值列填写年份。`);
  });
  return out;
}
