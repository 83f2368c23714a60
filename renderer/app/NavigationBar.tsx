import { openFindingCount } from './format';
import { NavigationIcon } from './NavigationIcon';
import type { ScreenId } from './screens';
import { SCREENS } from './screens';
import { useSession } from './session';

/** The workflow in order, with the counts the officer watches: returns imported, open findings. */
export function NavigationBar({ current }: { current: ScreenId }) {
  const { info, year, go } = useSession();
  const counts: Partial<Record<ScreenId, number>> = info
    ? { import: info.returnCount, review: openFindingCount(info, year) }
    : {};
  return (
    <nav className="navigation" aria-label="功能导航">
      {SCREENS.map((screen) => {
        const count = counts[screen.id];
        return (
          <button
            key={screen.id}
            type="button"
            className="navigation__item"
            aria-current={screen.id === current ? 'page' : undefined}
            aria-label={screen.label}
            title={screen.label}
            onClick={() => go(screen.id)}
          >
            <span className="navigation__glyph" aria-hidden="true">
              <NavigationIcon screen={screen.id} />
            </span>
            <span className="navigation__label">{screen.label}</span>
            {count ? <span className="navigation__count">{count}</span> : null}
          </button>
        );
      })}
    </nav>
  );
}
