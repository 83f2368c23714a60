import { useEffect, useState } from 'react';
import type { TaiZhangApi } from '../../shared/api/contract';
import type { MenuCommand } from '../../shared/api/wire';
import { SCREEN_COMPONENTS, needsWorkbook } from '../screens';
import { PlaceholderScreen } from './PlaceholderScreen';
import { listenForDroppedFiles } from './dropped-files';
import { NavigationBar } from './NavigationBar';
import { OutsideChangesNotice } from './OutsideChangesNotice';
import type { ScreenId } from './screens';
import { SHORTCUTS } from './screens';
import { SessionProvider, useSessionState } from './session';
import { StatusBar } from './StatusBar';
import { TitleBar } from './TitleBar';

/** The screen a menu command opens (the commands themselves are carried out by those screens). */
const COMMAND_SCREENS: Record<MenuCommand['command'], ScreenId> = {
  'new-workbook': 'home',
  import: 'import',
  export: 'export',
  templates: 'templates',
  help: 'home',
};

/** Ctrl+F: the current screen's grid filter, marked data-grid-filter. */
function focusGridFilter(): boolean {
  const filter = document.querySelector<HTMLInputElement>('main [data-grid-filter]');
  if (!filter) return false;
  filter.focus();
  filter.select();
  return true;
}

export function App({ api }: { api: TaiZhangApi }) {
  const [screen, setScreen] = useState<ScreenId>('home');
  const { session, status, loading, receiveFiles } = useSessionState(api, screen, setScreen);

  useEffect(
    () =>
      listenForDroppedFiles(window, (files) => {
        receiveFiles(files);
        setScreen('import');
      }),
    [receiveFiles],
  );
  useEffect(
    () =>
      window.taizhangShell?.onMenuCommand((command) => {
        if (command.command === 'import') receiveFiles(command.files);
        setScreen(COMMAND_SCREENS[command.command]);
      }),
    [receiveFiles],
  );
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'f' && focusGridFilter()) {
        event.preventDefault();
        return;
      }
      const target = SHORTCUTS[key];
      if (!target) return;
      event.preventDefault();
      setScreen(target);
      // Ctrl+O lands in the 打开 box, ready for a path.
      if (target === 'home') window.setTimeout(() => document.getElementById('open-path')?.focus(), 0);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const Screen = SCREEN_COMPONENTS[screen];
  const emptyFor = !loading && !session.info && needsWorkbook(screen) ? screen : null;
  return (
    <SessionProvider session={session}>
      <div className="frame">
        <TitleBar />
        <NavigationBar current={screen} />
        <main className="main-area" aria-live="polite">
          <OutsideChangesNotice />
          {loading ? <p className="empty-state">正在读取工作簿…</p> : emptyFor ? <PlaceholderScreen screen={emptyFor} /> : <Screen key={`${session.info?.path ?? ''}`} />}
        </main>
        <StatusBar status={status} />
      </div>
    </SessionProvider>
  );
}
