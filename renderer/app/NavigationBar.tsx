import type { ScreenId } from './screens';
import { SCREENS } from './screens';

export function NavigationBar({ current, onSelect }: { current: ScreenId; onSelect: (screen: ScreenId) => void }) {
  return (
    <nav className="navigation" aria-label="功能导航">
      {SCREENS.map((screen) => (
        <button
          key={screen.id}
          type="button"
          className="navigation__item"
          aria-current={screen.id === current ? 'page' : undefined}
          onClick={() => onSelect(screen.id)}
        >
          {screen.label}
        </button>
      ))}
    </nav>
  );
}
