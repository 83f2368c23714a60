import { withProposedReporters } from '../../shared/schema/reporters';
import { createWorkbook, type CreateOptions, type WritableWorkbook } from '../store/open';

/**
 * 新建工作簿: the schema copied in with a proposed 填报单位 for each indicator the document
 * names a bureau for — shown as proposals until the officer confirms them.
 */
export function createWorkbookFromSchema(file: string, options: CreateOptions): WritableWorkbook {
  const schema = { ...options.schema, indicators: withProposedReporters(options.schema.indicators) };
  return createWorkbook(file, { ...options, schema });
}
