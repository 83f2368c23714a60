/**
 * Names how this build reconciles. A workbook keeps each year's reconciled answer under this
 * name (reckoned_years) and reads it back only under the same name, so a build that reconciles
 * differently never shows answers an earlier one kept. Change it with any change to what
 * reconciliation answers; test/reconcile/reckoning.test.ts fails until it is changed.
 */
export const RECKONING = 'reckoning-20';
