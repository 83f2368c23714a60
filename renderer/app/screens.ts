/** The navigation follows the officer's workflow, in order (UI.md "The frame"). */
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
