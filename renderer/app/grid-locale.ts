import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

/**
 * ag-grid's Chinese locale still names the keys in English in its screen-reader labels (按 SPACE
 * 选择此行, 按 ENTER 排序), which a focused header or row puts into the page's text; the officer's
 * keyboard and manuals say 空格键, 回车键, 删除键, and Ctrl, Alt as printed on the keys.
 */
export const GRID_LOCALE: Record<string, string> = {
  ...AG_GRID_LOCALE_CN,
  ariaRowDeselect: '按空格键取消选择此行',
  ariaRowSelectAll: '按空格键切换全部行的选择',
  ariaRowToggleSelection: '按空格键切换行选择',
  ariaRowSelect: '按空格键选择此行',
  ariaToggleVisibility: '按空格键切换可见性',
  ariaToggleCellValue: '按空格键切换单元格值',
  ariaSortableColumn: '按回车键排序',
  ariaSortableColumnWithCellSelection: '按 Alt+回车键排序',
  ariaFilterColumn: '按 Ctrl+回车键打开筛选',
  ariaMenuColumn: '按 Alt+↓ 打开列菜单',
  ariaSelectAllRowCells: '按回车键选择此行中的所有单元格',
  ariaColumnCellSelection: '按回车键切换此列中所有可见单元格的选择',
  ariaColumnGroupCellSelection: '按回车键切换此列组中所有可见单元格的选择',
  ariaColumnGroupExpansion: '按回车键展开或折叠此列组',
  ariaColumnGroupCellSelectionAndExpansion: '按回车键切换此列组中所有可见单元格的选择；按 Alt+回车键展开或折叠此列组',
  ariaAdvancedFilterBuilderItem: '${variable}。第 ${variable} 级。按回车键编辑。',
  ariaAdvancedFilterBuilderItemValidation: '${variable}。第 ${variable} 级。${variable} 按回车键编辑。',
  ariaDropZoneColumnComponentDescription: '按删除键移除',
  ariaDropZoneColumnValueItemDescription: '按回车键更改汇总方式',
  ariaDropZoneColumnGroupItemDescription: '按回车键排序',
};
