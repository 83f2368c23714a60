/**
 * The navigation follows the officer's workflow, in order (UI.md "The frame"). Below 1280 px
 * each entry folds to its icon (NavigationIcon), its label becoming the tooltip.
 */
export const SCREENS = [
  { id: 'home', label: '首页' },
  { id: 'schema', label: '指标体系' },
  { id: 'templates', label: '下发模板' },
  { id: 'import', label: '导入报表' },
  { id: 'review', label: '核对' },
  { id: 'completion', label: '完成情况' },
  { id: 'progress', label: '进度' },
  { id: 'export', label: '定稿与导出' },
  { id: 'audit', label: '审计日志' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** Ctrl+O 打开, Ctrl+I 导入, Ctrl+E 导出 (UI.md "Keyboard"). */
export const SHORTCUTS: Record<string, ScreenId> = { o: 'home', i: 'import', e: 'export' };

export function labelOf(screen: ScreenId): string {
  return SCREENS.find((entry) => entry.id === screen)?.label ?? '';
}
