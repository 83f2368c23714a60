import type { TaiZhangApi } from '../../shared/api/contract';
import { UserError } from '../../shared/api/errors';
import { API_METHODS } from '../../shared/api/validate';
import { summarizeSchema } from '../../shared/domain';
import { listBuiltinSchemas } from '../services/builtin-schemas';

/**
 * The service behind a window with no workbook yet: the built-in schemas can be listed (for
 * 新建工作簿); everything else says to open a workbook first.
 */
export function createNoWorkbookService(): TaiZhangApi {
  const service: Record<string, (arg: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    service[method] = async () => {
      throw new UserError('no_workbook', '尚未打开工作簿。请在“文件”菜单中新建工作簿或打开已有的工作簿。');
    };
  }
  const api = service as unknown as TaiZhangApi;
  api.listSchemas = async () => listBuiltinSchemas().map(summarizeSchema);
  return api;
}
