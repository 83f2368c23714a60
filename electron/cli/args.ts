import { UserError } from '../../shared/api/errors';

/**
 * A small argument parser for the CLI: positionals (the last may repeat), `--flag value`,
 * `--flag=value`, boolean `--flag`, and list flags that take `a,b,c` (also ，and 、, as officers
 * type them) and may be given more than once. `--` ends the flags.
 */

export type FlagKind = 'string' | 'boolean' | 'list';

export interface PositionalSpec {
  /** Shown in messages, e.g. 工作簿. */
  label: string;
  optional?: boolean;
  /** Takes every remaining positional (`<file>...`); only the last positional may. */
  repeat?: boolean;
}

export interface ArgSpec {
  positionals: readonly PositionalSpec[];
  flags: Readonly<Record<string, FlagKind>>;
}

export interface ParsedArgs {
  positionals: string[];
  /** The value of a string flag, or undefined when it was not given. */
  string(name: string): string | undefined;
  /** The value of a string flag that must be given. */
  required(name: string): string;
  boolean(name: string): boolean;
  list(name: string): string[];
  /** A string flag holding a whole number (a year, an id). */
  integer(name: string): number | undefined;
}

/** Bad usage: exit status 2, one line naming what was wrong and the command's usage. */
export function usageError(problem: string, usage: string): UserError {
  return new UserError('usage', `${problem}用法：${usage}`);
}

const LIST_SEPARATORS = /[,，、]/;

export function parseArgs(argv: readonly string[], spec: ArgSpec, usage: string): ParsedArgs {
  const positionals: string[] = [];
  const strings = new Map<string, string>();
  const booleans = new Set<string>();
  const lists = new Map<string, string[]>();
  let flagsEnded = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (flagsEnded || !token.startsWith('-') || token === '-' || /^-\d/.test(token)) {
      positionals.push(token);
      continue;
    }
    if (token === '--') {
      flagsEnded = true;
      continue;
    }
    if (!token.startsWith('--')) throw usageError(`不认识的选项 ${token}。`, usage);
    const equals = token.indexOf('=');
    const name = token.slice(2, equals === -1 ? undefined : equals);
    const kind = spec.flags[name];
    if (kind === undefined) throw usageError(`不认识的选项 --${name}。`, usage);
    if (kind === 'boolean') {
      if (equals !== -1) throw usageError(`选项 --${name} 不带值。`, usage);
      booleans.add(name);
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) {
      value = token.slice(equals + 1);
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value.trim() === '') throw usageError(`选项 --${name} 缺少值。`, usage);
    if (kind === 'string') {
      if (strings.has(name)) throw usageError(`选项 --${name} 只能给一次。`, usage);
      strings.set(name, value.trim());
    } else {
      const items = value.split(LIST_SEPARATORS).map((item) => item.trim()).filter((item) => item.length > 0);
      lists.set(name, [...(lists.get(name) ?? []), ...items]);
    }
  }

  checkPositionals(positionals, spec.positionals, usage);

  return {
    positionals,
    string: (name) => strings.get(name),
    required(name) {
      const value = strings.get(name);
      if (value === undefined) throw usageError(`缺少选项 --${name}。`, usage);
      return value;
    },
    boolean: (name) => booleans.has(name),
    list: (name) => lists.get(name) ?? [],
    integer(name) {
      const value = strings.get(name);
      if (value === undefined) return undefined;
      const normalized = value.normalize('NFKC');
      if (!/^-?\d+$/.test(normalized)) throw usageError(`选项 --${name} 应为整数，收到“${value}”。`, usage);
      return Number(normalized);
    },
  };
}

function checkPositionals(given: readonly string[], specs: readonly PositionalSpec[], usage: string): void {
  const last = specs[specs.length - 1];
  const required = specs.filter((spec) => !spec.optional).length;
  if (given.length < required) {
    const missing = specs[given.length];
    throw usageError(`缺少${missing ? missing.label : '参数'}。`, usage);
  }
  if (!last?.repeat && given.length > specs.length) {
    throw usageError(`多余的参数“${given[specs.length] ?? ''}”。`, usage);
  }
}
