/**
 * The navigation follows the officer's workflow, in order (UI.md "The frame"). `glyph` stands
 * for the entry when the navigation folds to icons below 1280 px; the label becomes its tooltip.
 */
export const SCREENS = [
  { id: 'home', label: '首页', glyph: '首' },
  { id: 'schema', label: '指标体系', glyph: '指' },
  { id: 'templates', label: '下发模板', glyph: '模' },
  { id: 'import', label: '导入报表', glyph: '导' },
  { id: 'review', label: '核对', glyph: '核' },
  { id: 'completion', label: '完成情况', glyph: '完' },
  { id: 'progress', label: '进度', glyph: '进' },
  { id: 'export', label: '定稿与导出', glyph: '定' },
  { id: 'audit', label: '审计日志', glyph: '审' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

/** Ctrl+O 打开, Ctrl+I 导入, Ctrl+E 导出 (UI.md "Keyboard"). */
export const SHORTCUTS: Record<string, ScreenId> = { o: 'home', i: 'import', e: 'export' };

export function labelOf(screen: ScreenId): string {
  return SCREENS.find((entry) => entry.id === screen)?.label ?? '';
}
