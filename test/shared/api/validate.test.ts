import { describe, expect, it } from 'vitest';
import { UserError } from '../../../shared/api/errors';
import { API_METHODS, VALIDATORS, isApiMethod, validateArgument } from '../../../shared/api/validate';

const file = (name: string) => ({ name, bytes: new Uint8Array([0x50, 0x4b]) });

describe('VALIDATORS', () => {
  it('lists every contract method once, and nothing inherited', () => {
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length);
    expect(API_METHODS).toContain('importReturns');
    expect(isApiMethod('constructor')).toBe(false);
    expect(isApiMethod('toString')).toBe(false);
  });

  it('checks the bureau list edits and bulk assignment: 未指定 as null, a confirmation flag, names non-empty', () => {
    expect(validateArgument('assignReporters', { bureau: null, codes: ['B01'], confirmOverwrite: true })).toEqual({ bureau: null, codes: ['B01'], confirmOverwrite: true });
    expect(validateArgument('mergeBureaus', { from: '市经信局', into: '市工业和信息化局' })).toEqual({ from: '市经信局', into: '市工业和信息化局' });
    expect(validateArgument('undoLastChange', {})).toEqual({});
    expect(() => validateArgument('renameBureau', { name: '市经信局', newName: '  ' })).toThrow(/newName 应为非空文本/);
    expect(() => validateArgument('renameBureau', { name: '市经信局' })).toThrow(/newName/);
    expect(() => validateArgument('mergeBureaus', { from: '市经信局', into: '市工业和信息化局', all: true })).toThrow(/all 不是可接受的参数/);
    expect(() => validateArgument('addBureau', { name: '市\u202e统计局' })).toThrow(/控制字符/);
    expect(() => validateArgument('assignReporters', { bureau: '市民政局', confirmOverwrite: 'yes' })).toThrow(/confirmOverwrite/);
  });

  it('takes a typed figure as text with the unit to read it in, bounded', () => {
    expect(validateArgument('readFigure', { text: '９３.５', unit: '%' })).toEqual({ text: '９３.５', unit: '%' });
    expect(() => validateArgument('readFigure', { text: 93.5, unit: '%' })).toThrow(/text/);
    expect(() => validateArgument('readFigure', { text: '9'.repeat(1001), unit: '' })).toThrow(/text/);
    expect(() => validateArgument('readFigure', { text: '95' })).toThrow(/unit/);
  });

  it('accepts what the officer’s screens send', () => {
    expect(validateArgument('listSchemas', {})).toEqual({});
    expect(() =>
      validateArgument('importReturns', {
        files: [file('临沂市民政局2023年指标填报表.xlsx'), file('兰山区.csv')],
        year: 2023,
        override: {
          bureau: '市民政局',
          layout: {
            version: 1,
            fileYear: 2023,
            meta: { bureau: '市民政局', region: null },
            sheets: [
              {
                sheet: 'Sheet1',
                headerRows: [2],
                firstDataRow: 3,
                columns: [
                  { col: 1, role: 'name', year: null, yearOffset: null, region: null, header: '指标名称' },
                  { col: 4, role: 'value', year: 2023, yearOffset: 0, region: null, header: '2023年/完成值' },
                ],
              },
            ],
          },
          remember: true,
        },
      }),
    ).not.toThrow();
    // A previewed file travels by its preview's id, with no bytes.
    expect(validateArgument('importReturns', { files: [], previewed: [{ previewId: '6e3fdfd1aeb2d184', override: { year: 2023 } }] })).toEqual({
      files: [],
      previewed: [{ previewId: '6e3fdfd1aeb2d184', override: { year: 2023 } }],
    });
    expect(() => validateArgument('listValues', { year: 2024, region: '罗庄区' })).not.toThrow();
    expect(validateArgument('listReportedValues', { year: 2023 })).toEqual({ year: 2023 });
    expect(validateArgument('listReportedValues', { year: 2023, region: '兰山区' })).toEqual({ year: 2023, region: '兰山区' });
  });

  it.each([
    ['listReturns', { year: 1899 }, 'year 应为1900 到 2200 之间的整数'],
    ['listReturns', { year: 2023.5 }, 'year 应为1900 到 2200 之间的整数'],
    ['previewImport', { file: file('a'.repeat(256)) }, 'file.name 应为非空文本，长度不超过 255 个字符'],
    ['previewImport', { file: file('../../民政局.xlsx') }, 'file.name 应为不含路径和特殊字符的文件名'],
    [
      'importReturns',
      {
        files: [file('民政局.xlsx')],
        override: {
          layout: {
            version: 1,
            fileYear: 2023,
            meta: {},
            sheets: [{ sheet: '表1', columns: [{ col: 0, role: 'formula', year: null, yearOffset: null, region: null, header: '' }] }],
          },
        },
      },
      'override.layout.sheets[0].columns[0].role 应为以下之一',
    ],
    ['importReturns', { files: [file('民政局.xlsx')], override: { sheets: [] } }, 'override.sheets 不是可接受的参数'],
    ['importReturns', { files: [], previewed: [] }, 'files 应为含至少一个文件的列表'],
    ['importReturns', { files: [], previewed: [{ previewId: '' }] }, 'previewed[0].previewId 应为非空文本'],
    ['withdrawReturn', { returnId: 3, reason: '重复' }, 'reason 不是可接受的参数'],
    ['listFindings', [2023], '参数应为对象'],
    // 报送明细 is always of one year: without it the list would mix years.
    ['listReportedValues', {}, 'year 应为1900 到 2200 之间的整数'],
    ['listReportedValues', { year: 2023, region: ' ' }, 'region 应为非空文本'],
    ['listReportedValues', { year: 2023, bureau: '市民政局' }, 'bureau 不是可接受的参数'],
  ])('refuses %s %j, saying where', (method, arg, expected) => {
    expect(isApiMethod(method)).toBe(true);
    try {
      validateArgument(method as keyof typeof VALIDATORS, arg);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('invalid_argument');
      expect((error as UserError).message).toContain(expected);
    }
  });
});

describe('a resolution’s problems name the field at fault', () => {
  const refusal = (resolution: unknown) => {
    try {
      validateArgument('resolveFinding', { findingId: 'conflict-1a2b3c4d5e6f', resolution });
      return null;
    } catch (error) {
      return (error as UserError).message;
    }
  };

  it('blames a note that is too long on the note, for every action', () => {
    const long = '说'.repeat(2001);
    for (const resolution of [
      { action: 'choose', value: 95, note: long },
      { action: 'map', code: 'A01', note: long },
      { action: 'confirm', note: long },
      { action: 'reopen', note: long },
      { action: 'override', value: 95, note: long },
    ]) {
      const message = refusal(resolution);
      expect(message, resolution.action).toContain('resolution.note');
      expect(message, resolution.action).not.toContain('resolution.action');
    }
  });

  it('blames an unknown action on the action, and accepts each shape', () => {
    expect(refusal({ action: 'delete' })).toContain('resolution.action');
    expect(refusal({ action: 'choose', value: 95 })).toBeNull();
    expect(refusal({ action: 'override', value: 92, note: '据原件更正' })).toBeNull();
  });
});
