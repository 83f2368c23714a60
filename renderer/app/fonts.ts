/** The system's Chinese UI font on each platform; no font files are shipped (UI.md "Fonts"). */
export const UI_FONT_FAMILY = [
  'Microsoft YaHei',
  'PingFang SC',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'WenQuanYi Micro Hei',
  'sans-serif',
];
