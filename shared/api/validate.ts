import type { ColumnRoleKind } from '../import/parsed-return';
import type { FileBytes, ResolutionRequest, TaiZhangApi } from './contract';
import { UserError } from './errors';
import { unsafeNameProblem } from '../schema/validate-schema';

/**
 * Checks one value that crossed a process boundary (IPC or loopback HTTP). Returns the first
 * problem found, as Chinese text naming where it sits, or null when the value is acceptable.
 * The optional `type` member is never set: it carries the accepted type, so the compiler can
 * compare each validator with the contract method it guards.
 */
export interface Validator<T> {
  (value: unknown, at: string): string | null;
  /** Invariant in T (it both takes and gives a T), so a validator must accept exactly the type. */
  readonly type?: (value: T) => T;
}

/** A member of an object shape that may be absent (or undefined). */
export interface OptionalValidator<T> extends Validator<T | undefined> {
  readonly optional: true;
}

/** Any validator, for shapes; the members' own types are kept by inference. */
type AnyValidator = (value: unknown, at: string) => string | null;
type TypeOf<V> = V extends Validator<infer T> ? T : never;
type RequiredKeys<S> = { [K in keyof S]: S[K] extends { readonly optional: true } ? never : K }[keyof S];
type OptionalKeys<S> = { [K in keyof S]: S[K] extends { readonly optional: true } ? K : never }[keyof S];
type Flatten<T> = { [K in keyof T]: T[K] };
export type ObjectOf<S> = Flatten<
  { [K in RequiredKeys<S>]: TypeOf<S[K]> } & { [K in OptionalKeys<S>]?: Exclude<TypeOf<S[K]>, undefined> }
>;

function validator<T>(check: (value: unknown, at: string) => string | null): Validator<T> {
  return check as Validator<T>;
}

function problem(at: string, expected: string): string {
  return at ? `${at} 应为${expected}` : `参数应为${expected}`;
}

export function text(limits: { max: number; nonEmpty?: boolean }): Validator<string> {
  return validator((value, at) => {
    const expected = `${limits.nonEmpty ? '非空' : ''}文本，长度不超过 ${limits.max} 个字符`;
    if (typeof value !== 'string') return problem(at, expected);
    if (value.length > limits.max || (limits.nonEmpty && value.trim() === '')) return problem(at, expected);
    return null;
  });
}

export function integer(limits: { min: number; max: number }): Validator<number> {
  return validator((value, at) =>
    typeof value === 'number' && Number.isInteger(value) && value >= limits.min && value <= limits.max
      ? null
      : problem(at, `${limits.min} 到 ${limits.max} 之间的整数`),
  );
}

/** A calendar year as statistics documents use them; anything outside is a typo or a bug. */
export const year: Validator<number> = integer({ min: 1900, max: 2200 });

export const boolean: Validator<boolean> = validator((value, at) =>
  typeof value === 'boolean' ? null : problem(at, '是或否（true/false）'),
);

export function oneOf<T extends string>(allowed: Record<T, true>): Validator<T> {
  const names = Object.keys(allowed);
  return validator((value, at) =>
    typeof value === 'string' && Object.hasOwn(allowed, value) ? null : problem(at, `以下之一：${names.join('、')}`),
  );
}

export const bytes: Validator<Uint8Array> = validator((value, at) =>
  value instanceof Uint8Array ? null : problem(at, '文件内容（字节）'),
);

export function nullable<T>(inner: Validator<T>): Validator<T | null> {
  return validator((value, at) => (value === null ? null : inner(value, at)));
}

export function optional<T>(inner: Validator<T>): OptionalValidator<T> {
  const check = (value: unknown, at: string) => (value === undefined ? null : inner(value, at));
  return Object.assign(check, { optional: true as const }) as OptionalValidator<T>;
}

export function array<T>(item: Validator<T>, limits: { min?: number; max: number }): Validator<T[]> {
  const min = limits.min ?? 0;
  return validator((value, at) => {
    if (!Array.isArray(value) || value.length < min || value.length > limits.max) {
      return problem(at, `列表，含 ${min} 到 ${limits.max} 项`);
    }
    for (let i = 0; i < value.length; i += 1) {
      const found = item(value[i], `${at}[${i}]`);
      if (found) return found;
    }
    return null;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A plain object with exactly these members: an unknown member is refused, not ignored. */
export function object<S extends Record<string, AnyValidator>>(shape: S): Validator<ObjectOf<S>> {
  return validator((value, at) => {
    if (!isPlainObject(value)) return problem(at, '对象');
    for (const key of Object.keys(value)) {
      if (!Object.hasOwn(shape, key)) return `${at ? `${at}.` : ''}${key} 不是可接受的参数`;
    }
    for (const [key, member] of Object.entries(shape)) {
      const found = member(value[key], at ? `${at}.${key}` : key);
      if (found) return found;
    }
    return null;
  });
}

/** Text that is a name: `text` plus no control or bidirectional-override characters. */
export function nameText(limits: { max: number; nonEmpty?: boolean }, what: string): Validator<string> {
  const plain = text(limits);
  return validator((value, at) => {
    const found = plain(value, at);
    if (found) return found;
    const unsafe = unsafeNameProblem(what, value as string);
    return unsafe ? `${at ? `${at}：` : ''}${unsafe}` : null;
  });
}

// Windows refuses these in file names; a slash would make the name a path, which never travels.
const FORBIDDEN_NAME_CHARS = /[\\/:*?"<>|\u0000-\u001f]/;

export const fileBytes: Validator<FileBytes> = validator((value, at) => {
  const found = object({ name: text({ max: 255, nonEmpty: true }), bytes })(value, at);
  if (found) return found;
  const name = (value as FileBytes).name;
  return FORBIDDEN_NAME_CHARS.test(name) ? problem(`${at}.name`, '不含路径和特殊字符的文件名') : null;
});

const COLUMN_ROLE_KINDS: Record<ColumnRoleKind, true> = {
  region: true,
  year: true,
  name: true,
  unit: true,
  code: true,
  area: true,
  category: true,
  seq: true,
  baseline: true,
  target: true,
  value: true,
  previous: true,
  note: true,
  ignore: true,
};

// Excel's limits: column XFD is index 16383, row 1048576 is index 1048575.
const columnIndex = integer({ min: 0, max: 16383 });
const rowIndex = integer({ min: 0, max: 1_048_575 });
const bureauName = nameText({ max: 100, nonEmpty: true }, '单位名称');
const regionName = nameText({ max: 100, nonEmpty: true }, '地区名称');

const columnOverride = object({
  col: columnIndex,
  header: text({ max: 1000 }),
  role: oneOf(COLUMN_ROLE_KINDS),
  year: nullable(year),
  yearOffset: nullable(integer({ min: -100, max: 100 })),
  region: nullable(text({ max: 100 })),
});

const sheetOverride = object({
  sheet: text({ max: 255, nonEmpty: true }),
  read: optional(boolean),
  headerRows: optional(array(rowIndex, { max: 10 })),
  firstDataRow: optional(rowIndex),
  lastDataRow: optional(rowIndex),
  columns: optional(array(columnOverride, { max: 16384 })),
});

const layoutOverride = object({
  version: integer({ min: 1, max: 1000 }),
  fileYear: nullable(year),
  meta: object({ bureau: optional(nullable(bureauName)), region: optional(nullable(regionName)), year: optional(nullable(year)) }),
  sheets: array(sheetOverride, { max: 1000 }),
});

const importOverride = object({
  bureau: optional(bureauName),
  region: optional(regionName),
  year: optional(year),
  layout: optional(layoutOverride),
  remember: optional(boolean),
});

type Validators = { [K in keyof TaiZhangApi]: Validator<Parameters<TaiZhangApi[K]>[0]> };

/**
 * One validator per contract method. Being a mapped type over the contract, it fails to compile
 * when a method lacks one or when a validator accepts something the method's argument type does
 * not; the transports take the method list from here, so adding a method is one entry.
 */
/** One of several shapes; the first that accepts the value wins, else the last one's problem. */
export function union<A, B>(a: Validator<A>, b: Validator<B>): Validator<A | B>;
export function union<A, B, C>(a: Validator<A>, b: Validator<B>, c: Validator<C>): Validator<A | B | C>;
export function union(...members: AnyValidator[]): Validator<unknown> {
  return validator((value, at) => {
    let last: string | null = null;
    for (const member of members) {
      last = member(value, at);
      if (last === null) return null;
    }
    return last;
  });
}

const importBatchShape = object({
  files: array(fileBytes, { max: 1000 }),
  previewed: optional(array(object({ previewId: text({ max: 100, nonEmpty: true }), override: optional(importOverride), year: optional(year) }), { max: 1000 })),
  year: optional(year),
  override: optional(importOverride),
});
/** Files sent, files previewed, or both; a batch of nothing is a caller's mistake. */
const importBatch: typeof importBatchShape = validator((value, at) => {
  const found = importBatchShape(value, at);
  if (found) return found;
  const batch = value as { files: unknown[]; previewed?: unknown[] };
  return batch.files.length + (batch.previewed?.length ?? 0) === 0 ? problem(at ? `${at}.files` : 'files', '含至少一个文件的列表') : null;
});

const returnId = integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const note = text({ max: 2000 });
const figure: Validator<number> = validator((value, at) =>
  typeof value === 'number' && Number.isFinite(value) ? null : problem(at, '数值'),
);
/** A path chosen in the native dialog (or typed in browser mode): absolute, no control characters. */
const filePath: Validator<string> = validator((value, at) => {
  if (typeof value !== 'string' || value.trim() === '' || value.length > 1024 || /[\u0000-\u001f]/.test(value)) return problem(at, '文件路径');
  return null;
});
const schemaSource = union(
  object({ builtin: text({ max: 100, nonEmpty: true }) }),
  object({ file: fileBytes }),
  object({ text: text({ max: 1_000_000, nonEmpty: true }) }),
);
// One shape per action; typed as the contract's union, which the shape comparison cannot walk.
/**
 * A choice among shapes told apart by one field (a resolution's `action`): the field picks the
 * shape, and a problem is reported in the field actually at fault (a 2 001-character note names
 * the note, not the action).
 */
function tagged(field: string, shapes: Record<string, AnyValidator>): Validator<unknown> {
  const names = Object.keys(shapes);
  return validator((value, at) => {
    const tag = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[field] : undefined;
    const shape = typeof tag === 'string' && Object.hasOwn(shapes, tag) ? shapes[tag] : undefined;
    if (!shape) return problem(`${at}.${field}`, names.map((n) => `“${n}”`).join('、') + '之一');
    return shape(value, at);
  });
}

const resolutionRequest: Validator<ResolutionRequest> = tagged('action', {
  choose: object({ action: oneOf({ choose: true }), value: figure, note: optional(note) }),
  map: object({ action: oneOf({ map: true }), code: text({ max: 50, nonEmpty: true }), note: optional(note) }),
  confirm: object({ action: oneOf({ confirm: true }), note: optional(note) }),
  reopen: object({ action: oneOf({ reopen: true }), note: optional(note) }),
  override: object({ action: oneOf({ override: true }), value: figure, note: text({ max: 2000, nonEmpty: true }) }),
}) as Validator<unknown> as Validator<ResolutionRequest>;
const noArgument = object({});

const indicatorCode = text({ max: 100, nonEmpty: true });
// Shapes only: each field's own limits and the schema's rules are checked by the service, which
// names the field at fault in the officer's words.
const indicatorChangeShape = {
  name: optional(text({ max: 1000 })),
  area: optional(text({ max: 1000 })),
  category: optional(text({ max: 1000 })),
  unit: optional(text({ max: 1000 })),
  unitSynonyms: optional(array(text({ max: 1000 }), { max: 1000 })),
  decimals: optional(figure),
  baselineYear: optional(figure),
  baselineValue: optional(nullable(figure)),
  targetYear: optional(figure),
  targetValue: optional(nullable(figure)),
  targetOp: optional(nullable(oneOf({ '>=': true, '<=': true, '=': true }))),
  targetText: optional(nullable(text({ max: 1000 }))),
  attribute: optional(oneOf({ 约束性: true, 预期性: true, '': true })),
  direction: optional(oneOf({ higher: true, lower: true })),
  scope: optional(oneOf({ stock: true, cumulative: true, annual: true })),
  aggregation: optional(oneOf({ sum: true, recompute: true, none: true })),
  formula: optional(nullable(text({ max: 1000 }))),
  aliases: optional(array(text({ max: 1000 }), { max: 1000 })),
  notes: optional(text({ max: 20_000 })),
};
/** A cell as typed, per field (what 指标体系 sends before any reading). */
const typedCell = optional(text({ max: 20_000 }));
const typedFieldsShape = {
  name: typedCell,
  area: typedCell,
  category: typedCell,
  unit: typedCell,
  unitSynonyms: typedCell,
  decimals: typedCell,
  baselineYear: typedCell,
  baselineValue: typedCell,
  targetYear: typedCell,
  targetValue: typedCell,
  targetOp: typedCell,
  targetText: typedCell,
  attribute: typedCell,
  direction: typedCell,
  scope: typedCell,
  aggregation: typedCell,
  formula: typedCell,
  aliases: typedCell,
  notes: typedCell,
};
const newRule = object({
  name: text({ max: 1000 }),
  left: text({ max: 1000 }),
  op: oneOf({ '<=': true, '>=': true, '=': true, '<': true, '>': true }),
  right: text({ max: 1000 }),
  tolerance: nullable(figure),
  note: text({ max: 20_000 }),
});

export const VALIDATORS = {
  listSchemas: noArgument,
  previewPastedSchema: object({ text: text({ max: 1_000_000 }) }),
  recentWorkbooks: noArgument,
  createWorkbook: object({
    path: filePath,
    source: schemaSource,
    region: regionName,
    subregions: array(regionName, { max: 200 }),
    force: optional(boolean),
  }),
  openWorkbook: object({ path: filePath, readOnly: optional(boolean), takeOverStale: optional(boolean) }),
  workbookInfo: noArgument,
  setOperator: object({ name: nameText({ max: 50, nonEmpty: true }, '操作人') }),
  saveWorkbookCopy: object({ path: filePath, overwrite: optional(boolean) }),
  rolloverWorkbook: object({ path: filePath, targetYear: year, force: optional(boolean) }),
  getSchema: noArgument,
  assignReporters: object({
    bureau: nullable(bureauName),
    codes: optional(array(text({ max: 100, nonEmpty: true }), { max: 5000 })),
    area: optional(text({ max: 100, nonEmpty: true })),
    responsible: optional(bureauName),
    unassigned: optional(boolean),
    confirmOverwrite: optional(boolean),
  }),
  confirmProposedReporters: noArgument,
  readIndicatorFields: object({ fields: object(typedFieldsShape), unit: text({ max: 1000 }) }),
  readFigure: object({ text: text({ max: 1000 }), unit: text({ max: 1000 }) }),
  previewIndicatorEdit: object({ code: indicatorCode, changes: object(indicatorChangeShape) }),
  editIndicator: object({ code: indicatorCode, changes: object(indicatorChangeShape), note: optional(note) }),
  addIndicator: object({ indicator: object({ ...indicatorChangeShape, name: text({ max: 1000 }), auxiliary: boolean }), note: optional(note) }),
  previewRemoveIndicator: object({ code: indicatorCode }),
  removeIndicator: object({ code: indicatorCode, note: optional(note) }),
  addRule: object({ rule: newRule, note: optional(note) }),
  removeRule: object({ id: text({ max: 100, nonEmpty: true }), note: optional(note) }),
  listBureaus: noArgument,
  addBureau: object({ name: bureauName, aliases: optional(array(bureauName, { max: 50 })) }),
  renameBureau: object({ name: bureauName, newName: bureauName, confirmOverwrite: optional(boolean) }),
  mergeBureaus: object({ from: bureauName, into: bureauName, confirmOverwrite: optional(boolean) }),
  undoLastChange: noArgument,
  previewImport: object({ file: fileBytes, year: optional(year), override: optional(importOverride) }),
  importReturns: importBatch,
  listReturns: object({ year: optional(year) }),
  withdrawReturn: object({ returnId, note: optional(note) }),
  restoreReturn: object({ returnId, note: optional(note) }),
  correctReturn: object({ returnId, bureau: optional(bureauName), region: optional(regionName), year: optional(year), note: optional(note) }),
  listValues: object({ year: optional(year), region: optional(regionName) }),
  listReportedValues: object({ year, region: optional(regionName) }),
  listFindings: object({ year: optional(year) }),
  resolveFinding: object({ findingId: text({ max: 100, nonEmpty: true }), resolution: resolutionRequest }),
  sourceContext: object({ file: text({ max: 255, nonEmpty: true }), sheet: text({ max: 100 }), cell: text({ max: 20, nonEmpty: true }) }),
  completeness: object({ year, region: optional(regionName) }),
  chaseList: object({ year }),
  progress: object({ year, region: optional(regionName) }),
  yearState: object({ year }),
  signOffYear: object({ year, note: optional(note) }),
  reopenYear: object({ year, note: optional(note) }),
  exportTable: object({
    year,
    kind: oneOf({ annual: true, evaluation: true, findings: true, period: true }),
    format: oneOf({ xlsx: true, csv: true }),
    region: optional(regionName),
    allRegions: optional(boolean),
  }),
  exportReport: object({ year, kind: optional(oneOf({ final: true, midterm: true })), region: optional(regionName) }),
  previewTemplates: object({ year, regions: optional(array(regionName, { max: 200 })) }),
  acceptOutsideChanges: object({ note: optional(note) }),
  makeTemplates: object({ year, regions: optional(array(regionName, { max: 200 })) }),
  listAudit: noArgument,
} satisfies Validators;

/*
 * Optional members are compatible both ways, so `satisfies` alone lets a validator miss one
 * the contract added (the transports would then refuse it) or accept one the contract lacks.
 * This compares member names all the way down; a mismatch names the method in the error.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AllTrue<T> = false extends T[keyof T] ? false : true;
type SameShape<A, B> = Same<A, B> extends true
  ? true
  : [A] extends [Uint8Array]
  ? Same<A, B>
  : [A] extends [readonly (infer X)[]]
    ? [B] extends [readonly (infer Y)[]]
      ? SameShape<X, Y>
      : false
    : [A] extends [object]
      ? string extends keyof B // `Record<string, never>`: the contract's "no argument", an empty shape
        ? Same<keyof A, never>
        : Same<keyof A, keyof B> extends true
        ? AllTrue<{ [K in keyof A]-?: SameShape<NonNullable<A[K]>, NonNullable<B[K & keyof B]>> }>
        : false
      : Same<A, B>;
type Accepted<V> = V extends Validator<infer T> ? T : never;
type MismatchedMethod = {
  [K in keyof TaiZhangApi]: SameShape<Accepted<(typeof VALIDATORS)[K]>, Parameters<TaiZhangApi[K]>[0]> extends true ? never : K;
}[keyof TaiZhangApi];
const validatorsMatchContract: [MismatchedMethod] extends [never] ? true : MismatchedMethod = true;
void validatorsMatchContract;

export type ApiMethod = keyof TaiZhangApi;

export const API_METHODS: readonly ApiMethod[] = Object.keys(VALIDATORS) as ApiMethod[];

/** Own names only: `constructor` or `__proto__` arriving as a method name is not a method. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(VALIDATORS, name);
}

/** Throws the UserError a transport sends back when an argument is not what the contract says. */
export function validateArgument<K extends ApiMethod>(method: K, arg: unknown): Parameters<TaiZhangApi[K]>[0] {
  const found = (VALIDATORS[method] as Validator<unknown>)(arg, '');
  if (found) {
    throw new UserError(
      'invalid_argument',
      `操作“${method}”收到的参数不正确：${found}。请重新操作一次；如仍出现，请把这条消息告诉维护人员。`,
    );
  }
  return arg as Parameters<TaiZhangApi[K]>[0];
}
