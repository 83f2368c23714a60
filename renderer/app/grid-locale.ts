import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

/**
 * ag-grid's Chinese locale still names the key in English in a few screen-reader labels
 * (按 SPACE 选择此行); the officer's keyboard says 空格键.
 */
export const GRID_LOCALE: Record<string, string> = {
  ...AG_GRID_LOCALE_CN,
  ariaRowDeselect: '按空格键取消选择此行',
  ariaRowSelectAll: '按空格键切换全部行的选择',
  ariaRowToggleSelection: '按空格键切换行选择',
  ariaRowSelect: '按空格键选择此行',
  ariaToggleVisibility: '按空格键切换可见性',
  ariaToggleCellValue: '按空格键切换单元格值',
};
