import { useMemo, useState } from 'react';
import type { ImportOverride, ImportPreview } from '../../../shared/api/contract';
import type { ColumnRoleKind } from '../../../shared/domain';
import { ImportFactsFields } from './ImportFactsFields';
import { RELATIVE_ROLES, ROLE_LABELS, YEAR_ROLES, buildOverride, datedByRow, initialChoices, previewProblems, withRole, yearOf, type ColumnChoice } from './preview-columns';
import { columnLetter } from '../../components/DataFormat';

export interface ImportPreviewProps {
  preview: ImportPreview;
  defaultYear: number;
  /** Years signed off (定稿): a return for one is refused, and the preview says so beside 导入. */
  signedOffYears: number[];
  bureaus: string[];
  regions: string[];
  onImport(override: ImportOverride): void;
  onSkip(): void;
}

/**
 * The column-role preview of a file that is not our template: 导入 and why it cannot be pressed
 * yet at the top, 填报单位 / 地区 / 年度 (the one year the officer gives; the sheet's 完成值
 * column takes it), the first rows of each sheet as they are with a role dropdown above each
 * column, and 记住此单位的格式.
 */
export function ImportPreviewPanel({ preview, defaultYear, signedOffYears, bureaus, regions, onImport, onSkip }: ImportPreviewProps) {
  const fileYear = preview.year ?? defaultYear;
  const [choices, setChoices] = useState<ColumnChoice[][]>(() => preview.sheets.map((s) => initialChoices(s, fileYear)));
  const [bureau, setBureau] = useState(preview.bureau ?? '');
  // What the file states two ways starts blank: the officer chooses, not the detector.
  const [region, setRegion] = useState(preview.unsettled.includes('region') ? '' : (preview.region ?? regions[0] ?? ''));
  const [year, setYear] = useState(preview.unsettled.includes('year') ? '' : String(fileYear));
  const [remember, setRemember] = useState(true);

  const yearNumber = Number(year);
  const yearValid = /^\d{4}$/.test(year.trim());
  const problems = useMemo(
    () => previewProblems({ preview, choices, bureau, region, year, signedOffYears }),
    [preview, choices, bureau, region, year, signedOffYears],
  );

  const setChoice = (sheet: number, col: number, change: Partial<ColumnChoice>) =>
    setChoices((all) => all.map((list, i) => (i !== sheet ? list : list.map((c) => (c.col === col ? { ...c, ...change } : c)))));

  /** A column given a role (the year of a 完成值 column alone in its sheet follows 年度). */
  const setRole = (sheet: number, col: number, role: ColumnRoleKind) =>
    setChoices((all) => all.map((list, i) => (i === sheet ? withRole(list, col, role, yearValid ? yearNumber : null) : list)));

  const submit = () => {
    if (problems.length > 0) return;
    const layout = buildOverride(preview, choices, yearNumber);
    onImport({ bureau: bureau.trim(), region: region.trim(), year: yearNumber, layout, remember });
  };

  return (
    <section className="import-preview" aria-labelledby="import-preview-title" data-testid="import-preview">
      <div className="import-preview__head">
        <h2 id="import-preview-title" className="screen__subtitle">
          请核对“{preview.file}”各列的含义
        </h2>
        <div className="import-preview__actions">
          {problems.length > 0 ? (
            <span className="import-preview__missing" data-testid="preview-missing">
              {problems[0]}
            </span>
          ) : null}
          <button type="button" className="action action--primary" disabled={problems.length > 0} onClick={submit}>
            导入
          </button>
          <button type="button" className="action" onClick={onSkip}>
            跳过此文件
          </button>
        </div>
      </div>
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
                        onChange={(e) => setRole(i, choice.col, e.target.value as ColumnRoleKind)}
                      >
                        {ROLE_LABELS.map((r) => (
                          <option key={r.role} value={r.role}>
                            {r.label}
                          </option>
                        ))}
                      </select>
                      {datedByRow(choices[i] ?? []) && RELATIVE_ROLES.has(choice.role) ? (
                        <span className="import-preview__col-year-note" data-testid={`year-${columnLetter(choice.col)}`}>
                          按各行年份
                        </span>
                      ) : choice.followsYear ? (
                        <span className="import-preview__col-year-note" data-testid={`year-${columnLetter(choice.col)}`}>
                          {yearValid ? `${yearOf(choice, yearNumber)}年` : '随年度'}
                        </span>
                      ) : YEAR_ROLES.has(choice.role) ? (
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
    </section>
  );
}
