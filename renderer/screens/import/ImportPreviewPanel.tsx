import { useMemo, useState } from 'react';
import type { ImportOverride, ImportPreview } from '../../../shared/api/contract';
import type { ColumnOverride, LayoutOverride, SheetOverride } from '../../../shared/domain';
import { LAYOUT_OVERRIDE_VERSION } from '../../../shared/domain';
import type { ColumnRoleKind } from '../../../shared/domain';
import { ImportFactsFields } from './ImportFactsFields';
import { columnLetter } from '../../components/DataFormat';

/** The roles an officer can give a column, in the words of the returns themselves. */
export const ROLE_LABELS: { role: ColumnRoleKind; label: string }[] = [
  { role: 'name', label: '指标名称' },
  { role: 'region', label: '地区' },
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

const YEAR_ROLES = new Set<ColumnRoleKind>(['value', 'baseline', 'target', 'previous']);
const RELATIVE_ROLES = new Set<ColumnRoleKind>(['value', 'previous']);

interface ColumnChoice {
  col: number;
  header: string;
  role: ColumnRoleKind;
  year: number | null;
  region: string | null;
}

type SheetPreview = ImportPreview['sheets'][number];

/** Every column the sample shows, with the role detection gave it (不读取 where it gave none). */
function initialChoices(sheet: SheetPreview): ColumnChoice[] {
  const width = Math.max(0, ...sheet.sample.map((row) => row.length), ...sheet.columns.map((c) => c.col + 1));
  return Array.from({ length: width }, (_, col) => {
    const found = sheet.columns.find((c) => c.col === col);
    if (found) return { col, header: found.header, role: found.role, year: found.year, region: found.region };
    return { col, header: '', role: 'ignore', year: null, region: null };
  });
}

/** The officer's corrections as the layout override the import service applies. */
function buildOverride(preview: ImportPreview, choices: ColumnChoice[][], fileYear: number): LayoutOverride {
  const base: LayoutOverride = preview.layout ?? { version: LAYOUT_OVERRIDE_VERSION, fileYear, meta: {}, sheets: [] };
  const sheets: SheetOverride[] = preview.sheets.map((sheet, i) => {
    const detected = base.sheets.find((s) => s.sheet === sheet.sheet);
    const columns: ColumnOverride[] = (choices[i] ?? []).map((choice) => {
      const year = YEAR_ROLES.has(choice.role) ? choice.year : null;
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

export interface ImportPreviewProps {
  preview: ImportPreview;
  defaultYear: number;
  bureaus: string[];
  regions: string[];
  onImport(override: ImportOverride): void;
  onSkip(): void;
}

/**
 * The column-role preview of a file that is not our template: the first rows of each sheet as
 * they are, a role dropdown above each column, 填报单位 / 地区 / 年度, and 记住此单位的格式.
 */
export function ImportPreviewPanel({ preview, defaultYear, bureaus, regions, onImport, onSkip }: ImportPreviewProps) {
  const fileYear = preview.year ?? defaultYear;
  const [choices, setChoices] = useState<ColumnChoice[][]>(() => preview.sheets.map((s) => initialChoices(s)));
  const [bureau, setBureau] = useState(preview.bureau ?? '');
  const [region, setRegion] = useState(preview.region ?? regions[0] ?? '');
  const [year, setYear] = useState(String(fileYear));
  const [remember, setRemember] = useState(true);

  const yearNumber = Number(year);
  const yearValid = /^\d{4}$/.test(year.trim());
  const problems = useMemo(() => {
    const out: string[] = [];
    if (!bureau.trim()) out.push('请填写填报单位。');
    if (!yearValid) out.push('请填写四位数的年度，如 2023。');
    choices.forEach((sheetChoices, i) => {
      const name = preview.sheets[i]?.sheet ?? '';
      if (!sheetChoices.some((c) => c.role === 'name')) out.push(`工作表“${name}”中请指定“指标名称”列。`);
      if (!sheetChoices.some((c) => c.role === 'value')) out.push(`工作表“${name}”中请指定至少一个“完成值”列。`);
      if (sheetChoices.some((c) => YEAR_ROLES.has(c.role) && c.year === null)) out.push(`工作表“${name}”中请为数值列填写年份。`);
    });
    return out;
  }, [bureau, yearValid, choices, preview.sheets]);

  const setChoice = (sheet: number, col: number, change: Partial<ColumnChoice>) =>
    setChoices((all) => all.map((list, i) => (i !== sheet ? list : list.map((c) => (c.col === col ? { ...c, ...change } : c)))));

  const submit = () => {
    if (problems.length > 0) return;
    const layout = buildOverride(preview, choices, yearNumber);
    onImport({ bureau: bureau.trim(), region: region.trim(), year: yearNumber, layout, remember });
  };

  return (
    <section className="import-preview" aria-labelledby="import-preview-title" data-testid="import-preview">
      <h2 id="import-preview-title" className="screen__subtitle">
        请核对“{preview.file}”各列的含义
      </h2>
      <p className="import-preview__lead">这不是本工作簿下发的模板。请在每列上方选择该列的内容，确认填报单位、地区和年度后导入。</p>
      <div className="import-preview__meta">
        <ImportFactsFields
          listId="import-bureaus"
          bureaus={bureaus}
          regions={regions}
          bureau={bureau}
          region={region}
          year={year}
          onBureau={setBureau}
          onRegion={setRegion}
          onYear={setYear}
          yearClassName="import-preview__year"
          attrs={{ bureau: { 'data-testid': 'preview-bureau' }, region: { 'data-testid': 'preview-region' }, year: { 'data-testid': 'preview-year' } }}
        />
        <label className="import-preview__remember">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          记住此单位的格式
        </label>
      </div>
      {preview.problems.length > 0 ? (
        <ul className="import-preview__problems">
          {preview.problems.slice(0, 5).map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {preview.sheets.length === 0 ? <p className="error-text">文件中未找到可读取的表格，无法指定各列的含义。请跳过此文件，请报送单位改用下发的模板。</p> : null}
      {preview.sheets.map((sheet, i) => (
        <div key={sheet.sheet} className="import-preview__sheet">
          <div className="import-preview__sheet-name">工作表：{sheet.sheet}</div>
          <div className="import-preview__scroll">
            <table className="sheet-grid" data-testid="preview-table">
              <thead>
                <tr>
                  <th className="sheet-grid__corner" />
                  {(choices[i] ?? []).map((choice) => (
                    <th key={choice.col} className="import-preview__role">
                      <select
                        aria-label={`第 ${choice.col + 1} 列的内容`}
                        value={choice.role}
                        data-testid={`role-${columnLetter(choice.col)}`}
                        onChange={(e) => {
                          const role = e.target.value as ColumnRoleKind;
                          setChoice(i, choice.col, { role, year: YEAR_ROLES.has(role) ? (choice.year ?? (role === 'previous' ? yearNumber - 1 : yearNumber)) : null });
                        }}
                      >
                        {ROLE_LABELS.map((r) => (
                          <option key={r.role} value={r.role}>
                            {r.label}
                          </option>
                        ))}
                      </select>
                      {YEAR_ROLES.has(choice.role) ? (
                        <input
                          className="import-preview__col-year"
                          aria-label={`第 ${choice.col + 1} 列的年份`}
                          inputMode="numeric"
                          value={choice.year ?? ''}
                          data-testid={`year-${columnLetter(choice.col)}`}
                          onChange={(e) => setChoice(i, choice.col, { year: /^\d{4}$/.test(e.target.value) ? Number(e.target.value) : null })}
                        />
                      ) : null}
                    </th>
                  ))}
                </tr>
                <tr>
                  <th className="sheet-grid__corner" />
                  {(choices[i] ?? []).map((choice) => (
                    <th key={choice.col} className="sheet-grid__letter" data-letter={columnLetter(choice.col)} />
                  ))}
                </tr>
              </thead>
              <tbody>
                {sheet.sample.map((row, r) => {
                  const sheetRow = sheet.sampleTop + r;
                  const header = sheet.headerRows.includes(sheetRow);
                  return (
                    <tr key={sheetRow} className={header ? 'sheet-grid__header-row' : undefined}>
                      <th className="sheet-grid__row-number">{sheetRow + 1}</th>
                      {(choices[i] ?? []).map((choice) => (
                        <td key={choice.col} className={choice.role === 'ignore' ? 'sheet-grid__ignored' : undefined}>
                          {row[choice.col] ?? ''}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      <div className="import-preview__actions">
        {problems.length > 0 ? <span className="import-preview__missing">{problems[0]}</span> : null}
        <button type="button" className="action action--primary" disabled={problems.length > 0} onClick={submit}>
          导入
        </button>
        <button type="button" className="action" onClick={onSkip}>
          跳过此文件
        </button>
      </div>
    </section>
  );
}
