import type { FileBytes, TaiZhangApi } from './contract';
import type { ErrorWhere, UserErrorCode } from './errors';
import { UserError, isUserError } from './errors';

/** What a failed call carries across a transport: the UserError's parts, never a stack. */
export interface WireError {
  code: UserErrorCode;
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

/**
 * A long list of like objects travels as columns, `{ "$table": { "keys": [...], "columns": [...] } }`,
 * and a long list of strings (or nulls) that repeat as `{ "$strings": { "values": [...], "at": [...] } }`.
 * Browser mode's 报送明细 sends fifty thousand rows: written row by row, their member names and
 * their few file, bureau and indicator names, repeated in each row, made 22 MB of JSON, and
 * writing, sending and reading it took seconds; as columns they are under 5 MB. Short lists stay
 * as they are (and readable in a network log).
 */
const TABLE_KEY = '$table';
const STRINGS_KEY = '$strings';
const COLUMNS_FROM = 64;

type Members = Record<string, unknown>;

function isMembers(value: unknown): value is Members {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Turns every Uint8Array in a plain-data tree into its JSON form, and long lists into columns. */
export function encodeWire(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_KEY]: encodeBase64(value) };
  if (Array.isArray(value)) {
    if (value.length >= COLUMNS_FROM) {
      const compact = asTable(value) ?? asStrings(value);
      if (compact) return compact;
    }
    return value.map(encodeWire);
  }
  if (typeof value === 'object' && value !== null) {
    const out: Members = {};
    for (const [key, member] of Object.entries(value)) defineMember(out, key, encodeWire(member));
    return out;
  }
  return value;
}

/** Rows that all have the same members in the same order, none undefined (which JSON would drop from a row but not from a column). */
function asTable(rows: readonly unknown[]): Members | null {
  const first = rows[0];
  if (!isMembers(first) || Object.getPrototypeOf(first) !== Object.prototype) return null;
  const keys = Object.keys(first);
  if (keys.length === 0) return null;
  // Each row's members taken in one go (Object.values): reading them by name, one name after
  // another, was most of the time of the whole encoding.
  const columns = keys.map(() => new Array<unknown>(rows.length));
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i];
    if (!isMembers(row) || Object.getPrototypeOf(row) !== Object.prototype) return null;
    const own = Object.keys(row);
    if (own.length !== keys.length) return null;
    const members = Object.values(row);
    for (let k = 0; k < keys.length; k += 1) {
      if (own[k] !== keys[k] || members[k] === undefined) return null;
      columns[k]![i] = members[k];
    }
  }
  return { [TABLE_KEY]: { keys, columns: columns.map(encodeWire) } };
}

/** Strings (or nulls) of which at most half are different: each different one written once. */
function asStrings(items: readonly unknown[]): Members | null {
  const index = new Map<string | null, number>();
  const values: (string | null)[] = [];
  const at: number[] = new Array<number>(items.length);
  let previous: unknown = undefined;
  let previousPosition = -1;
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i];
    // Rows come in runs (one return's file, sheet and region): the same string as the row before needs no look-up.
    if (item === previous) {
      at[i] = previousPosition;
      continue;
    }
    if (typeof item !== 'string' && item !== null) return null;
    let position = index.get(item);
    if (position === undefined) {
      if (values.length * 2 >= items.length) return null;
      position = values.length;
      values.push(item);
      index.set(item, position);
    }
    at[i] = position;
    previous = item;
    previousPosition = position;
  }
  return values.some((value) => value !== null) ? { [STRINGS_KEY]: { values, at } } : null;
}

/**
 * The reverse of encodeWire, applied to parsed JSON. A `$bytes` member that is not valid base64,
 * or a `$table` or `$strings` that does not hold together, stays an object, so the validator
 * refuses it where a file or a list was expected.
 */
export function decodeWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeWire);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 1) {
      const [key, member] = entries[0]!;
      if (key === BYTES_KEY && typeof member === 'string') return decodeBase64(member) ?? value;
      if (key === TABLE_KEY) return fromTable(member) ?? value;
      if (key === STRINGS_KEY) return fromStrings(member) ?? value;
    }
    const out: Members = {};
    for (const [key, member] of entries) defineMember(out, key, decodeWire(member));
    return out;
  }
  return value;
}

function fromTable(table: unknown): Members[] | null {
  if (!isMembers(table) || !Array.isArray(table.keys) || !Array.isArray(table.columns)) return null;
  const keys: unknown[] = table.keys;
  if (keys.length === 0 || keys.length !== table.columns.length || !keys.every((key) => typeof key === 'string')) return null;
  const columns = table.columns.map(decodeWire);
  const length = Array.isArray(columns[0]) ? columns[0].length : -1;
  if (!columns.every((column) => Array.isArray(column) && column.length === length)) return null;
  const names = keys as string[];
  const lists = columns as unknown[][];
  const plain = !names.includes('__proto__');
  const rows = new Array<Members>(length);
  for (let i = 0; i < length; i += 1) {
    const row: Members = {};
    for (let k = 0; k < names.length; k += 1) {
      if (plain) row[names[k]!] = lists[k]![i];
      else defineMember(row, names[k]!, lists[k]![i]);
    }
    rows[i] = row;
  }
  return rows;
}

function fromStrings(list: unknown): (string | null)[] | null {
  if (!isMembers(list) || !Array.isArray(list.values) || !Array.isArray(list.at)) return null;
  const values: unknown[] = list.values;
  const at: unknown[] = list.at;
  if (!values.every((value) => typeof value === 'string' || value === null)) return null;
  const out = new Array<string | null>(at.length);
  for (let i = 0; i < at.length; i += 1) {
    const position = at[i];
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position >= values.length) return null;
    out[i] = values[position] as string | null;
  }
  return out;
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
