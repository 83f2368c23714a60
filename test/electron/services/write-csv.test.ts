import { describe, expect, it } from 'vitest';
import { neutralizeCsvText, writeTableCsv } from '../../../electron/services/csv/write-csv';
import { buildAnnualTable } from '../../../shared/tables/annual-table';
import { buildEvaluationTable } from '../../../shared/tables/evaluation-table';
import { publishedIndicators } from '../../../shared/tables/table-inputs';
import { FIGURES, assignedLinyi, linyiValues, progressFor } from '../../shared/tables/table-fixture';

/** RFC 4180 fields, parsed here by hand rather than with the app's own CSV reader. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

const schema = assignedLinyi();

describe('neutralizeCsvText', () => {
  it('puts an apostrophe before text a spreadsheet would evaluate', () => {
    expect(neutralizeCsvText('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(neutralizeCsvText('+8613900000000')).toBe("'+8613900000000");
    expect(neutralizeCsvText('-2+3')).toBe("'-2+3");
    expect(neutralizeCsvText('@cmd')).toBe("'@cmd");
    expect(neutralizeCsvText('\t=1')).toBe("'\t=1");
    expect(neutralizeCsvText('\r=1')).toBe("'\r=1");
    expect(neutralizeCsvText('—')).toBe('—');
    expect(neutralizeCsvText('≥1000')).toBe('≥1000');
    expect(neutralizeCsvText('市民政局')).toBe('市民政局');
  });
});

describe('writeTableCsv', () => {
  it('writes the annual table in UTF-8 with BOM and CRLF, numbers exactly as reported, negatives left as numbers', () => {
    // 1012.5 for an indicator published without decimals: a CSV is data and keeps the half.
    const values = linyiValues().map((v) =>
      v.indicator === 'A01' && v.year === 2023 ? { ...v, value: 93.1 } : v.indicator === 'B01' && v.year === 2023 ? { ...v, value: 1012.5 } : v,
    );
    const hostile = { ...schema, indicators: schema.indicators.map((i) => (i.code === 'A02' ? { ...i, reporter: '=cmd|"/c calc"!A1' } : i)) };
    const layout = buildAnnualTable({ schema: hostile, region: '临沂市', year: 2023, values, progress: progressFor(values, 2023), yearState: { signedOff: false, openErrors: 1 } });
    const bytes = writeTableCsv(layout);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3));
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(text);
    expect(rows[0]![0]).toBe('临沂市2023年养老托育服务具体指标完成情况（初稿）');
    const headerAt = rows.findIndex((r) => r[0] === '领域');
    expect(rows[headerAt]).toEqual(['领域', '类别', '指标名称', '单位', '基期值（2020年）', '目标值（2025年）', '2023年/完成值', '2023年/完成进度（%）', '2023年/进度状态', '填报单位']);
    const body = rows.slice(headerAt + 1, headerAt + 1 + publishedIndicators(schema).length);
    const a01 = body.find((r) => r[2] === '基本养老保险参保率')!;
    expect(a01).toEqual(['社会保障情况', '', '基本养老保险参保率', '%', '93.5', '95', '93.1', '-26.7', '倒退', '市人力资源社会保障局']);
    expect(body.find((r) => r[2] === '长期护理保险参保率')![9]).toBe('\'=cmd|"/c calc"!A1');
    expect(body.find((r) => r[2] === '全市养老服务设施')!.slice(4, 7)).toEqual(['971', '≥1000', '1012.5']);
    expect(body.find((r) => r[2] === '人均预期寿命')![6]).toBe(String(FIGURES.D08![1]));
    expect(body.find((r) => r[2] === '65岁及以上老年人城乡社区规范健康管理服务率')![4]).toBe('—');
    // Every area and category is written on each of its rows, not only the first.
    expect(body.filter((r) => r[0] === '服务覆盖面或可及性')).toHaveLength(10);
  });

  it('leaves the rest of a merged group heading empty', () => {
    const attributed = { ...schema, indicators: schema.indicators.map((i, n) => ({ ...i, attribute: n % 3 === 0 ? ('约束性' as const) : ('预期性' as const) })) };
    const values = linyiValues();
    const layout = buildEvaluationTable({ schema: attributed, region: '临沂市', year: 2023, values, progress: progressFor(values, 2023), yearState: { signedOff: true, openErrors: 0 } });
    const rows = parseCsv(new TextDecoder().decode(writeTableCsv(layout)));
    const heading = rows.find((r) => r[0]!.startsWith('一、约束性指标'))!;
    expect(heading.slice(1).every((f) => f === '')).toBe(true);
  });
});
