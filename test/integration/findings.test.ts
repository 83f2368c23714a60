import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeReturn } from '../support/make-return';
import { runTaizhang } from '../support/processes';
import { makeTempDir } from '../support/temp-dir';

interface FindingJson {
  id: string;
  kind: string;
  severity: string;
  status: string;
  indicator: string | null;
  bureau: string | null;
  region: string | null;
  year: number | null;
  file: string | null;
  sheet: string | null;
  cell: string | null;
  message: string;
  candidates: { code: string; name: string }[];
  decision?: { action: string; code: string | null; value: number | null; note: string };
}
interface ValueJson {
  indicator: string;
  region: string;
  year: number;
  value: number | null;
  status: string;
}
interface AuditJson {
  action: string;
  before: unknown;
  after: { changes?: { indicator: string; region: string; year: number; before: { value: number | null }; after: { value: number | null; status: string } }[] } | null;
  note: string;
}

function ok(dir: string, args: string[]): string {
  const result = runTaizhang(args, { cwd: dir });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}
const findingsOf = (dir: string) => JSON.parse(ok(dir, ['findings', 'w.tzdb', '--json'])) as FindingJson[];
const valueOf = (dir: string, code: string, year = 2023) =>
  (JSON.parse(ok(dir, ['values', 'w.tzdb', '--year', String(year), '--region', '临沂市', '--json'])) as ValueJson[]).find((v) => v.indicator === code)!;

/** The 民政局's 2023 return, laid out by hand, with one problem of each kind a cell can have. */
async function messyReturn(dir: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('养老');
  sheet.addRow(['2023年养老服务主要指标完成情况']);
  sheet.addRow(['填报单位：临沂市民政局']);
  sheet.addRow(['指标名称', '单位', '2020年基期值', '2025年目标值', '2023年完成值']);
  sheet.addRow(['全市养老服务设施', '处', 971, '≥1000', 985]); // row 4: 300 in 2022 → suspicious_change
  sheet.addRow(['示范性老年友好社区', '个', 5, 20, 8]); // row 5: baseline 5 ≠ 0 → baseline_mismatch
  sheet.addRow(['街道综合养老服务中心覆盖率', '%', 76, 90, 88]); // row 6: target 90 ≠ 100 → target_mismatch
  sheet.addRow(['社区养老服务设施覆盖率', '%', 71, 100, 105]); // row 7 → out_of_range
  sheet.addRow(['新建居住区配建养老服务设施达标率', '%', 71, 100, '约八成']); // row 8 → unparseable_value
  sheet.addRow(['养老机构医养结合服务覆盖率', '%', 86, 100, { formula: '1/0', result: { error: '#DIV/0!' } }]); // row 9
  sheet.addRow(['托位总数', '平方米', '', '', 3000]); // row 10 → unit_mismatch
  sheet.addRow(['特殊困难老年人适老化改造数量', '万户', '', '', 1.25]); // row 11 → unit_converted to 12500 户
  sheet.addRow(['基本养老保险参保率', '%', 93.5, 95, 94]); // row 12: 填报单位 is 市人社局 → not_responsible
  sheet.addRow(['老年食堂数量', '个', '', '', 120]); // row 13 → unmatched_row
  sheet.addRow(['骨干企业数量', '家', '', '', 12]); // row 14: 养老 or 托育? → ambiguous_match
  sheet.addRow(['养老机构床位数', '张', '', '', 25000]); // row 15
  sheet.addRow(['护理型床位数', '张', '', '', 30000]); // row 16: more than all beds → rule_violation
  sheet.addRow(['失能特困人员集中供养率', '%', 50, 60, 55]); // row 17: corrected later → revised
  sheet.addRow(['乡镇区域性综合养老服务中心覆盖率', '%', '', '≥60', '≥60']); // row 18: a bound, no 完成值 → unparseable_value
  sheet.addRow([]);
  sheet.addRow(['填表人：王芳', '', '联系电话：0539-8123456']);
  const file = path.join(dir, '民政局2023.xlsx');
  writeFileSync(file, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return file;
}

describe('findings: every kind, where it belongs', () => {
  it('finds each kind in the cell that causes it, and nothing in a clean return', { timeout: 180_000 }, async () => {
    const dir = makeTempDir();
    ok(dir, ['init', 'w.tzdb', '--schema', 'linyi-2022', '--subregions', '兰山区,罗庄区']);
    ok(dir, ['assign', 'w.tzdb', '--bureau', '市人社局', 'A01', 'A02']);
    ok(dir, ['assign', 'w.tzdb', '--bureau', '市卫健委', 'B03']);

    await makeReturn(dir, '民政局2022.xlsx', { bureau: '市民政局', year: 2022, rows: [{ name: '全市养老服务设施', unit: '处', value: 300 }] });
    await messyReturn(dir);
    await makeReturn(dir, '民政局2023更正.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '失能特困人员集中供养率', unit: '%', value: 57 }] });
    await makeReturn(dir, '发改委2023.xlsx', { bureau: '市发展改革委', year: 2023, rows: [{ name: '示范性老年友好社区', unit: '个', value: 9 }] });
    await makeReturn(dir, '费县民政局2023.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '全市养老服务设施', unit: '处', value: 60 }] });
    ok(dir, ['import', 'w.tzdb', '民政局2022.xlsx', '民政局2023.xlsx', '民政局2023更正.xlsx', '发改委2023.xlsx']);
    ok(dir, ['import', 'w.tzdb', '费县民政局2023.xlsx', '--region', '费县']);
    const duplicate = runTaizhang(['import', 'w.tzdb', '民政局2023.xlsx', '--json'], { cwd: dir });
    expect(duplicate.status).toBe(0);
    expect(JSON.parse(duplicate.stdout)).toEqual([expect.objectContaining({ file: '民政局2023.xlsx', outcome: 'duplicate', errorCode: 'duplicate_file', duplicateOf: 2 })]);

    const found = findingsOf(dir).map((f) => [f.kind, f.indicator, f.region, f.year, f.file, f.sheet, f.cell]);
    const at = (kind: string, indicator: string | null, cell: string | null, file = '民政局2023.xlsx', sheet: string | null = '养老', region = '临沂市') =>
      [kind, indicator, region, 2023, file, sheet, cell];
    expect(found).toEqual(
      expect.arrayContaining([
        at('suspicious_change', 'B01', 'E4'),
        at('baseline_mismatch', 'B02', 'C5'),
        at('target_mismatch', 'C01', 'D6'),
        at('out_of_range', 'C04', 'E7'),
        at('unparseable_value', 'C03', 'E8'),
        at('unparseable_value', 'C02', 'E18'),
        at('formula_error', 'D02', 'E9'),
        at('unit_mismatch', 'B04', 'E10'),
        at('unit_converted', 'D05', 'E11'),
        at('not_responsible', 'A01', 'E12'),
        at('unmatched_row', null, 'A13'),
        at('ambiguous_match', null, 'A14'),
        at('rule_violation', 'X03', 'E16'),
        at('revised', 'D06', 'C4', '民政局2023更正.xlsx', 'Sheet1'),
        ['conflict', 'B02', '临沂市', 2023, '民政局2023.xlsx', '养老', 'E5'],
        ['missing', 'B03', '临沂市', 2023, null, null, null],
        ['missing', 'A02', '临沂市', 2023, null, null, null],
        ['unknown_region', null, '费县', 2023, '费县民政局2023.xlsx', null, null],
      ]),
    );
    // Every kind of DESIGN's list was met (duplicate_file in the import's answer above).
    const kinds = new Set(findingsOf(dir).map((f) => f.kind));
    expect([...kinds].sort()).toEqual(
      ['ambiguous_match', 'baseline_mismatch', 'conflict', 'formula_error', 'missing', 'not_responsible', 'out_of_range', 'revised', 'rule_violation',
        'suspicious_change', 'target_mismatch', 'unit_converted', 'unit_mismatch', 'unknown_region', 'unmatched_row', 'unparseable_value'].sort(),
    );
    const bound = findingsOf(dir).find((f) => f.cell === 'E18')!;
    expect(bound.message).toBe('“≥60”是约数或范围，不是确切的数值，请填报单位核实');
    expect(valueOf(dir, 'C02')).toMatchObject({ value: null });
    const ambiguous = findingsOf(dir).find((f) => f.kind === 'ambiguous_match')!;
    expect(ambiguous.candidates.slice(0, 2).map((c) => c.code).sort()).toEqual(['E01', 'E03']);
    expect(valueOf(dir, 'D05')).toMatchObject({ value: 12500, status: 'ok' });
    expect(valueOf(dir, 'D06')).toMatchObject({ value: 57, status: 'ok' });

    // A clean return in a fresh workbook: no finding at all.
    const clean = makeTempDir();
    ok(clean, ['init', 'w.tzdb', '--schema', 'linyi-2022']);
    await makeReturn(clean, '民政局.xlsx', {
      bureau: '市民政局',
      year: 2023,
      rows: [
        { name: '全市养老服务设施', unit: '处', value: 985 },
        { name: '社区养老服务设施覆盖率', unit: '%', value: '88.5%' },
        { name: '养老机构床位数', unit: '张', value: 25000 },
        { name: '护理型床位数', unit: '张', value: 13000 },
        { name: '养老机构护理型养老床位占比', unit: '%', value: 52 },
      ],
    });
    ok(clean, ['import', 'w.tzdb', '民政局.xlsx']);
    expect(findingsOf(clean)).toEqual([]);
  });

  it('keeps resolutions across closing, follows one value through import, correction, choose, override and reopen in the audit', { timeout: 180_000 }, async () => {
    const dir = makeTempDir();
    ok(dir, ['init', 'w.tzdb', '--schema', 'linyi-2022']);
    const rows = (value: number) => [{ name: '全市养老服务设施', unit: '处', value }];
    await makeReturn(dir, 'a.xlsx', { bureau: '市民政局', year: 2023, rows: rows(985) });
    await makeReturn(dir, 'a2.xlsx', { bureau: '市民政局', year: 2023, rows: rows(990) });
    await makeReturn(dir, 'b.xlsx', { bureau: '市发展改革委', year: 2023, rows: rows(995) });
    const steps: { action: string; value: number | null }[] = [];
    const record = (action: string) => steps.push({ action, value: valueOf(dir, 'B01').value });

    ok(dir, ['import', 'w.tzdb', 'a.xlsx']);
    record('import_return');
    ok(dir, ['import', 'w.tzdb', 'a2.xlsx']);
    record('import_return');
    ok(dir, ['import', 'w.tzdb', 'b.xlsx']);
    record('import_return');
    const conflict = findingsOf(dir).find((f) => f.kind === 'conflict')!;
    expect(conflict.message).toBe('市民政局 报 990，市发展改革委 报 995');
    expect(runTaizhang(['resolve', 'w.tzdb', conflict.id, '--choose', '980'], { cwd: dir }).status).toBe(2);
    ok(dir, ['resolve', 'w.tzdb', conflict.id, '--choose', '995']);
    record('resolve_choose');
    expect(findingsOf(dir).find((f) => f.id === conflict.id)!.status).toBe('resolved');
    // A second decision on a decided finding (a stale window, a second click) is refused, not audited twice.
    const again = runTaizhang(['resolve', 'w.tzdb', conflict.id, '--choose', '995'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('请先“重新打开”');
    ok(dir, ['resolve', 'w.tzdb', conflict.id, '--reopen']);
    record('reopen_finding');
    const noNote = runTaizhang(['resolve', 'w.tzdb', conflict.id, '--override', '992'], { cwd: dir });
    expect(noNote.status).toBe(2);
    expect(noNote.stderr).toContain('理由');
    // An empty or a programmer's number is no figure: refused, never taken as 0 or 16.
    for (const typed of ['', ' ', '0x10', '9,9,2abc']) {
      const refused = runTaizhang(['resolve', 'w.tzdb', conflict.id, '--override', typed, '--note', '经电话核实'], { cwd: dir });
      expect(refused.status, typed).toBe(2);
      expect(refused.stderr, typed).toContain('--override');
    }
    // Full-width digits, as an input method types them, are the figure they show.
    ok(dir, ['resolve', 'w.tzdb', conflict.id, '--override', '９９２', '--note', '经电话核实，以 992 为准']);
    record('resolve_override');
    ok(dir, ['resolve', 'w.tzdb', conflict.id, '--reopen']);
    record('reopen_finding');
    expect(steps.map((s) => s.value)).toEqual([985, 990, null, 995, null, 992, null]);

    const audit = (JSON.parse(ok(dir, ['audit', 'w.tzdb', '--json'])) as AuditJson[]).filter((a) => a.action !== 'create_workbook');
    expect(audit.map((a) => a.action)).toEqual(steps.map((s) => s.action));
    let previous: number | null = null;
    for (const [i, entry] of audit.entries()) {
      const change = entry.after?.changes?.find((c) => c.indicator === 'B01' && c.region === '临沂市' && c.year === 2023);
      expect(change, `${entry.action} records B01`).toBeDefined();
      expect(change!.before.value).toBe(previous);
      expect(change!.after.value).toBe(steps[i]!.value);
      previous = steps[i]!.value;
    }
    expect(audit.find((a) => a.action === 'resolve_override')!.note).toBe('经电话核实，以 992 为准');
  });

  it('maps an unmatched row once, and next year the same name matches by itself', async () => {
    const dir = makeTempDir();
    ok(dir, ['init', 'w.tzdb', '--schema', 'linyi-2022']);
    await makeReturn(dir, '2023.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '城市街道养老服务综合体覆盖率', unit: '%', value: 80 }] });
    ok(dir, ['import', 'w.tzdb', '2023.xlsx']);
    const unmatched = findingsOf(dir).find((f) => f.kind === 'unmatched_row' || f.kind === 'ambiguous_match')!;
    expect(unmatched).toBeDefined();
    ok(dir, ['resolve', 'w.tzdb', unmatched.id, '--map', 'C01']);
    expect(valueOf(dir, 'C01')).toMatchObject({ value: 80, status: 'ok' });
    // The mapped row stays, resolved, carrying the decision (核对 shows it under 已处理).
    expect(findingsOf(dir).map((f) => [f.id, f.status, f.decision?.action, f.decision?.code])).toEqual([[unmatched.id, 'resolved', 'map', 'C01']]);

    await makeReturn(dir, '2024.xlsx', { bureau: '市民政局', year: 2024, rows: [{ name: '城市街道养老服务综合体覆盖率', unit: '%', value: 86 }] });
    ok(dir, ['import', 'w.tzdb', '2024.xlsx']);
    expect(valueOf(dir, 'C01', 2024)).toMatchObject({ value: 86, status: 'ok' });
    expect(findingsOf(dir).filter((f) => f.year === 2024 || f.status === 'open')).toEqual([]);
  });

  it('clears a finding when the bureau re-sends a corrected return', { timeout: 120_000 }, async () => {
    const dir = makeTempDir();
    ok(dir, ['init', 'w.tzdb', '--schema', 'linyi-2022']);
    await makeReturn(dir, '初报.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '社区养老服务设施覆盖率', unit: '%', value: 105 }] });
    ok(dir, ['import', 'w.tzdb', '初报.xlsx']);
    expect(findingsOf(dir).map((f) => [f.kind, f.status])).toEqual([['out_of_range', 'open']]);
    await makeReturn(dir, '更正.xlsx', { bureau: '市民政局', year: 2023, rows: [{ name: '社区养老服务设施覆盖率', unit: '%', value: 95 }] });
    ok(dir, ['import', 'w.tzdb', '更正.xlsx']);
    expect(findingsOf(dir).map((f) => [f.kind, f.message])).toEqual([['revised', '市民政局 更正：105 → 95（原报表“初报.xlsx”）']]);
    expect(valueOf(dir, 'C04')).toMatchObject({ value: 95, status: 'ok' });
  });
});
