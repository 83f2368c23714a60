import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

/** 1366×768 laptops are the target (UI.md); the window opens a little smaller than that screen. */
export const DEFAULT_SIZE = { width: 1280, height: 720 };
export const MIN_SIZE = { width: 1024, height: 640 };

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((key) => typeof r[key] === 'number' && Number.isFinite(r[key]));
}

/** The saved state, or null when there is none or it is damaged (then the defaults apply). */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (!isRectangle(parsed.bounds)) return null;
    return { bounds: parsed.bounds, maximized: parsed.maximized === true };
  } catch {
    return null;
  }
}

/** Written aside and renamed, so a crash while saving never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2));
  renameSync(temporary, file);
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Where to open the window: the remembered bounds if their title bar still shows on one of the
 * displays (a projector or second monitor may be gone), shrunk to fit that display; otherwise
 * the default size centred on the primary display.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rectangle[]): Rectangle {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  if (saved) {
    const { bounds } = saved;
    const titleBar = { x: bounds.x, y: bounds.y, width: bounds.width, height: 32 };
    const area = workAreas.find((candidate) => overlap(titleBar, candidate) >= Math.min(bounds.width, 100) * 16);
    if (area) {
      const width = Math.max(MIN_SIZE.width, Math.min(bounds.width, area.width));
      const height = Math.max(MIN_SIZE.height, Math.min(bounds.height, area.height));
      const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - Math.min(width, area.width));
      const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - Math.min(height, area.height));
      return { x, y, width, height };
    }
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
}
