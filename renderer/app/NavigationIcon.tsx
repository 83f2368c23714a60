import type { ScreenId } from './screens';

/**
 * The navigation's icons, shown alone when the window is narrower than 1280 px (UI.md "The
 * frame"); each button keeps its name as tooltip and accessible label. Plain strokes in the
 * text colour, drawn here so nothing is fetched.
 */
const PATHS: Record<ScreenId, string> = {
  // a house
  home: 'M3 10 L10 4 L17 10 M5 9 V16 H15 V9',
  // a list with bullets
  schema: 'M7 5 H16 M7 10 H16 M7 15 H16 M3.5 5 H4.5 M3.5 10 H4.5 M3.5 15 H4.5',
  // a sheet with an arrow going out
  templates: 'M5 3 H12 L15 6 V17 H5 Z M10 14 V8 M7.5 10.5 L10 8 L12.5 10.5',
  // a tray with an arrow coming in
  import: 'M3 12 V16 H17 V12 M10 3 V11 M7 8 L10 11 L13 8',
  // a magnifier
  review: 'M9 4 A5 5 0 1 0 9.01 4 M12.5 12.5 L17 17',
  // a checked box
  completion: 'M4 4 H16 V16 H4 Z M7 10 L9.5 12.5 L13.5 7.5',
  // a rising line
  progress: 'M3 16 H17 M4 13 L8 9 L11 11 L16 5 M13 5 H16 V8',
  // a seal over a sheet
  export: 'M5 3 H15 V17 H5 Z M8 7 H12 M8 10 H12 M10 13 A2 2 0 1 0 10.01 13',
  // a clock
  audit: 'M10 3 A7 7 0 1 0 10.01 3 M10 6 V10 L13 12',
};

export function NavigationIcon({ screen }: { screen: ScreenId }) {
  return (
    <svg className="navigation__icon" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={PATHS[screen]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
