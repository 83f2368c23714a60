import { useEffect, useState } from 'react';
import type { FileBytes, TaiZhangApi } from '../../shared/api/contract';
import type { MenuCommand } from '../../shared/api/wire';
import { HomeScreen } from '../screens/HomeScreen';
import { PlaceholderScreen } from '../screens/PlaceholderScreen';
import { listenForDroppedFiles } from './dropped-files';
import { NavigationBar } from './NavigationBar';
import type { ScreenId } from './screens';
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

export function App({ api }: { api: TaiZhangApi }) {
  const [screen, setScreen] = useState<ScreenId>('home');
  const [receivedFiles, setReceivedFiles] = useState<FileBytes[]>([]);

  useEffect(
    () =>
      listenForDroppedFiles(window, (files) => {
        setReceivedFiles(files);
        setScreen('import');
      }),
    [],
  );
  useEffect(
    () =>
      window.taizhangShell?.onMenuCommand((command) => {
        if (command.command === 'import') setReceivedFiles(command.files);
        setScreen(COMMAND_SCREENS[command.command]);
      }),
    [],
  );

  return (
    <div className="frame">
      <TitleBar workbook={null} />
      <NavigationBar current={screen} onSelect={setScreen} />
      <main className="main-area" aria-live="polite">
        {screen === 'home' ? <HomeScreen api={api} /> : <PlaceholderScreen screen={screen} receivedFiles={receivedFiles} />}
      </main>
      <StatusBar message="尚未打开工作簿。" />
    </div>
  );
}
