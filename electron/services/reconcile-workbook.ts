import { selfRegion, type Schema } from '../../shared/domain';
import { reconcile, type ReconcileResult } from '../../shared/reconcile/consolidate';
import type { ReadDb } from '../store/db';
import { listRegions } from '../store/regions';
import { listReportedRecords, listReportedRecordsForYears } from '../store/reported-values';
import { listResolutions } from '../store/resolutions';
import { listReturnRecords } from '../store/returns';

/**
 * Consolidates the whole workbook from what is stored: reported cells, returns and resolutions.
 * Values and findings are never stored, so they can never drift from the cells under them.
 */
export function reconcileWorkbook(db: ReadDb, schema: Schema, years: number[] = []): ReconcileResult {
  const regions = listRegions(db);
  return reconcile({
    schema,
    regions: regions.map((r) => r.name),
    workbookRegion: selfRegion(regions) ?? schema.region,
    years,
    records: listReportedRecords(db),
    returns: listReturnRecords(db),
    resolutions: listResolutions(db),
  });
}

/**
 * The values and findings of `years` alone, equal to what reconcileWorkbook gives for them, read
 * from only the cells those years need: one year costs that year's data, not the workbook's.
 * `valuesOnly` leaves the findings out (empty): the values are the same either way.
 */
export function reconcileWorkbookYears(db: ReadDb, schema: Schema, years: readonly number[], options: { valuesOnly?: boolean } = {}): ReconcileResult {
  const regions = listRegions(db);
  return reconcile({
    ...(options.valuesOnly ? { valuesOnly: true } : {}),
    schema,
    regions: regions.map((r) => r.name),
    workbookRegion: selfRegion(regions) ?? schema.region,
    years: [],
    scope: years,
    records: listReportedRecordsForYears(db, years, options),
    returns: listReturnRecords(db),
    resolutions: listResolutions(db),
  });
}
