// `npm start`: builds the renderer and the Electron bundles, then runs the desktop app.
// The Electron binary is looked up without require('electron'), which would try to download it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = path.join(root, 'node_modules', 'electron');

function findElectronBinary() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const candidates = [];
  if (override && relative) candidates.push(path.join(override, relative));
  if (relative) candidates.push(path.join(electronDir, 'dist', relative));
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

const binary = findElectronBinary();
if (!binary) {
  console.error(
    [
      '没有找到 Electron 运行文件（node_modules/electron/dist），无法打开桌面程序。',
      '请在能访问网络的电脑上运行 npx install-electron，或把 ELECTRON_OVERRIDE_DIST_PATH 设为已下载的 Electron 文件夹后重试。',
      '也可以在浏览器中使用：npm run web -- <工作簿.tzdb>',
    ].join('\n'),
  );
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts']);
run(process.execPath, ['scripts/build-electron.mjs']);

const child = spawn(binary, ['dist/app/electron/main.cjs', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
