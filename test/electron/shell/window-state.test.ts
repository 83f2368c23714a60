import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, readWindowState, restoreBounds, writeWindowState } from '../../../electron/shell/window-state';
import { makeTempDir } from '../../support/temp-dir';

const LAPTOP = { x: 0, y: 0, width: 1366, height: 728 };
const MONITOR = { x: 1366, y: 0, width: 1920, height: 1040 };

describe('window state', () => {
  it('remembers size, position and maximised state across launches', () => {
    const file = path.join(makeTempDir(), 'userData', 'window-state.json');
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { bounds: { x: 1500, y: 80, width: 1600, height: 900 }, maximized: true });
    const saved = readWindowState(file);
    expect(saved).toEqual({ bounds: { x: 1500, y: 80, width: 1600, height: 900 }, maximized: true });
    expect(restoreBounds(saved, [LAPTOP, MONITOR])).toEqual({ x: 1500, y: 80, width: 1600, height: 900 });
  });

  it('falls back to the default, centred, when the saved file is damaged', () => {
    const file = path.join(makeTempDir(), 'window-state.json');
    writeFileSync(file, '{"bounds": {"x": "左"}');
    expect(readWindowState(file)).toBeNull();
    expect(restoreBounds(null, [LAPTOP])).toEqual({ x: 43, y: 4, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
  });

  it('brings the window back when its monitor is gone, instead of opening it off-screen', () => {
    const onMonitor = { bounds: { x: 1500, y: 80, width: 1600, height: 900 }, maximized: false };
    const restored = restoreBounds(onMonitor, [LAPTOP]);
    expect(restored.x).toBeGreaterThanOrEqual(0);
    expect(restored.x + restored.width).toBeLessThanOrEqual(LAPTOP.width);
  });

  it('shrinks a window larger than the screen it is on', () => {
    const restored = restoreBounds({ bounds: { x: 10, y: 10, width: 1900, height: 1000 }, maximized: false }, [LAPTOP]);
    expect(restored).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
  });
});
