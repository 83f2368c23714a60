import { AllCommunityModule, ModuleRegistry, provideGlobalGridOptions, themeQuartz } from 'ag-grid-community';
import { UI_FONT_FAMILY } from '../app/fonts';
import { GRID_LOCALE } from '../app/grid-locale';

/** One quiet theme (UI.md): white grid, thin grey rules, the system's Chinese font, no web fonts. */
export const gridTheme = themeQuartz.withParams({
  fontFamily: UI_FONT_FAMILY,
  fontSize: 13,
  headerFontWeight: 600,
  accentColor: '#1f6feb',
  borderColor: '#d9dde3',
  headerBackgroundColor: '#f5f7fa',
  rowHeight: 30,
  headerHeight: 32,
  spacing: 6,
  wrapperBorderRadius: 2,
});

/** Called once before the first grid renders: since v33 ag-grid renders nothing without its modules. */
export function setUpGrid(): void {
  ModuleRegistry.registerModules([AllCommunityModule]);
  provideGlobalGridOptions({ theme: gridTheme, localeText: GRID_LOCALE, loadThemeGoogleFonts: false });
}
