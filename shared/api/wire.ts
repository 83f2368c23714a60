import type { FileBytes, TaiZhangApi } from './contract';
import type { ErrorWhere } from './errors';
import { UserError, isUserError } from './errors';

/** What a failed call carries across a transport: the UserError's parts, never a stack. */
export interface WireError {
  code: string;
  message: string;
  where: ErrorWhere;
}

/**
 * Every transport answers with one of these and never throws across the wire: Electron's
 * ipcMain.handle would keep only an error's message, and HTTP has no exceptions at all.
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WireError };

export const INTERNAL_ERROR_MESSAGE =
  '内部错误：程序遇到了未预料的问题，这次操作没有完成，已做的更改都已保存。请重新启动程序后再试；如仍出现，请把程序日志交给维护人员。';

/** UserErrors keep their code, message and place; anything else is a bug and says only that. */
export function toWireError(error: unknown): WireError {
  if (isUserError(error)) return { code: error.code, message: error.message, where: { ...error.where } };
  return { code: 'internal', message: INTERNAL_ERROR_MESSAGE, where: {} };
}

/** Runs one call and turns its result or error into an Outcome; bugs go to `reportBug` first. */
export async function settle<T>(run: () => Promise<T>, reportBug: (error: unknown) => void): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (!isUserError(error)) reportBug(error);
    return { ok: false, error: toWireError(error) };
  }
}

/** The renderer's side: the value, or the UserError rebuilt so callers catch one kind of error. */
export function unwrapOutcome<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new UserError(outcome.error.code, outcome.error.message, outcome.error.where);
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_INDEX = new Map([...BASE64_ALPHABET].map((char, index) => [char, index]));

// shared/ has neither Buffer nor atob (ES2022 only), so base64 is written out here.
export function encodeBase64(data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 3) {
    const a = data[i]!;
    const b = data[i + 1];
    const c = data[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64_ALPHABET[(triple >> 18) & 63]! + BASE64_ALPHABET[(triple >> 12) & 63]!;
    out += b === undefined ? '=' : BASE64_ALPHABET[(triple >> 6) & 63]!;
    out += c === undefined ? '=' : BASE64_ALPHABET[triple & 63]!;
  }
  return out;
}

/** Returns null for anything that is not canonical padded base64, so a bad body is refused. */
export function decodeBase64(encoded: string): Uint8Array | null {
  if (encoded.length % 4 !== 0) return null;
  const padding = encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((encoded.length / 4) * 3 - padding);
  let written = 0;
  for (let i = 0; i < encoded.length; i += 4) {
    let triple = 0;
    for (let j = 0; j < 4; j += 1) {
      const char = encoded[i + j]!;
      const isPad = char === '=' && i + 4 === encoded.length && j >= 4 - padding;
      const index = isPad ? 0 : BASE64_INDEX.get(char);
      if (index === undefined) return null;
      triple = (triple << 6) | index;
    }
    const decoded = [(triple >> 16) & 255, (triple >> 8) & 255, triple & 255];
    for (const byte of decoded) if (written < out.length) out[written++] = byte;
  }
  return out;
}

/** How bytes travel in JSON: `{ "$bytes": "<base64>" }`, wherever they sit in an argument or result. */
const BYTES_KEY = '$bytes';

/** Turns every Uint8Array in a plain-data tree into its JSON form; everything else stays as it is. */
export function encodeWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_KEY]: encodeBase64(value) };
  if (Array.isArray(value)) return value.map(encodeWire);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) defineMember(out, key, encodeWire(member));
    return out;
  }
  return value;
}

/**
 * The reverse of encodeWire, applied to parsed JSON. A `$bytes` member that is not valid base64
 * stays an object, so the validator refuses it where a file was expected.
 */
export function decodeWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeWire);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === BYTES_KEY && typeof entries[0]![1] === 'string') {
      return decodeBase64(entries[0]![1]) ?? value;
    }
    const out: Record<string, unknown> = {};
    for (const [key, member] of entries) defineMember(out, key, decodeWire(member));
    return out;
  }
  return value;
}

// A JSON key "__proto__" must stay a plain member (which validators then refuse), not become a
// prototype. Only that key needs defineProperty; plain assignment is several times faster on the
// ten thousand rows of a listing.
function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * What the Electron preload exposes as `window.taizhang`: exactly the contract's methods, each
 * answering an Outcome (renderer/api/client.ts turns it back into a value or a UserError).
 */
export type TaiZhangBridge = {
  readonly [K in keyof TaiZhangApi]: (arg: Parameters<TaiZhangApi[K]>[0]) => Promise<Outcome<Awaited<ReturnType<TaiZhangApi[K]>>>>;
};

/** The one channel main uses to tell the page about a menu choice (no other push channel exists). */
export const MENU_CHANNEL = 'tz-menu';

/** Menu choices the page carries out: a screen to show, with the files chosen in a native dialog. */
export type MenuCommand =
  | { command: 'new-workbook' }
  | { command: 'import'; files: FileBytes[] }
  | { command: 'export' }
  | { command: 'templates' }
  | { command: 'help' };

const MENU_COMMANDS = new Set(['new-workbook', 'import', 'export', 'templates', 'help']);

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'object' && value !== null && MENU_COMMANDS.has((value as { command?: unknown }).command as string);
}

/** What the preload exposes as `window.taizhangShell` beside the contract: menu commands only. */
export interface TaiZhangShell {
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
}
