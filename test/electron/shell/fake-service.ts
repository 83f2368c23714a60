import type { ImportFileResult, TaiZhangApi } from '../../../shared/api/contract';
import { UserError } from '../../../shared/api/errors';
import { API_METHODS } from '../../../shared/api/validate';
import type { SchemaSummary } from '../../../shared/domain';

export interface RecordedCall {
  method: keyof TaiZhangApi;
  arg: unknown;
}

/**
 * A TaiZhangApi that records what reached it: the transports' tests prove a call got through
 * (or did not) without a workbook on disk. Each answer is computed from the argument it got.
 */
export function makeFakeService(): { service: TaiZhangApi; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const record = (method: keyof TaiZhangApi, arg: unknown) => calls.push({ method, arg });
  const schemas: SchemaSummary[] = [
    { id: 'linyi-2022', name: '临沂市“十四五”养老托育服务体系规划', region: '临沂市', baseYear: 2020, targetYear: 2025, indicatorCount: 27 },
  ];
  const explicit: Partial<TaiZhangApi> = {
    async listSchemas(arg: Record<string, never>) {
      record('listSchemas', arg);
      return schemas;
    },
    async previewImport(arg) {
      record('previewImport', arg);
      throw new UserError('not_spreadsheet', `“${arg.file.name}”不是 Excel 文件，无法读取。请另存为 .xlsx 后重新导入。`, {
        file: arg.file.name,
      });
    },
    async importReturns(arg) {
      record('importReturns', arg);
      return arg.files.map(
        (file, index): ImportFileResult => ({
          file: file.name,
          outcome: 'imported',
          returnId: index + 1,
          bureau: '市民政局',
          region: '临沂市',
          year: arg.year ?? null,
          matched: file.bytes.length,
          unmatched: 0,
          values: file.bytes.length,
          errorCode: null,
          message: null,
          duplicateOf: null,
        }),
      );
    },
    async listReturns(arg) {
      record('listReturns', arg);
      return [];
    },
    async withdrawReturn(arg) {
      record('withdrawReturn', arg);
      throw new Error(`store exploded while withdrawing ${arg.returnId}`);
    },
    async listValues(arg) {
      record('listValues', arg);
      return [];
    },
    async listFindings(arg) {
      record('listFindings', arg);
      return [];
    },
  };
  // The methods the transport tests do not single out: recorded, answering null.
  const service = { ...explicit } as Record<string, (arg: unknown) => Promise<unknown>>;
  for (const method of API_METHODS) {
    service[method] ??= async (arg: unknown) => {
      record(method, arg);
      return null;
    };
  }
  return { service: service as unknown as TaiZhangApi, calls };
}
