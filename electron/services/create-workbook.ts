import { selfRegion, subregionsOf } from '../../shared/domain';
import { withProposedReporters } from '../../shared/schema/reporters';
import { createWorkbook, type CreateOptions, type Workbook, type WritableWorkbook } from '../store/open';
import { listRegions } from '../store/regions';

/**
 * 新建工作簿: the schema copied in with a proposed 填报单位 for each indicator the document
 * names a bureau for — shown as proposals until the officer confirms them.
 */
export function createWorkbookFromSchema(file: string, options: CreateOptions): WritableWorkbook {
  const schema = { ...options.schema, indicators: withProposedReporters(options.schema.indicators) };
  return createWorkbook(file, { ...options, schema });
}

/** The workbook's own region and its sub-regions, in the order tables list them. */
export function workbookRegions(workbook: Workbook): { region: string | null; subregions: string[] } {
  const regions = listRegions(workbook.db);
  return { region: selfRegion(regions), subregions: subregionsOf(regions) };
}
