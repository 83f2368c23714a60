import {
  FINDING_KINDS,
  INTEGRITY_KINDS,
  RESOLUTION_ACTIONS,
  RETURN_STATES,
  UNDOABLE_ACTIONS,
  VALUE_STATUSES,
  isAuditAction,
  type AuditAction,
  type AuditEvent,
  type Bureau,
  type BureauReferences,
  type FindingBefore,
  type IndicatorEditOutcome,
  type IndicatorFields,
  type IndicatorRemovalRecord,
  type IndicatorBureaus,
  type ImportedReturn,
  type IntegrityProblem,
  type LockHolder,
  type OtherAuditEvent,
  type ReporterAssignment,
  type ResolutionRecord,
  type ResolutionRequest,
  type ReturnSummary,
  type StoredLayout,
  type StoredResolution,
  type ValueChange,
  type ValueState,
  type YearState,
} from '../../shared/domain';
import { isIndicatorShape, isRuleShape } from '../../shared/schema/validate-schema';

/**
 * Reads an audit row's before/after JSON back into the event its action names. Anyone may edit
 * the file with an SQLite tool, and a later version may write actions or fields this one does
 * not know: a row whose JSON does not fit its action is kept as written (OtherAuditEvent), never
 * trusted as the shape it claims.
 */

type Check<T> = (value: unknown) => value is T;
type Fields<T> = { [K in keyof T]-?: Check<T[K]> };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText: Check<string> = (value): value is string => typeof value === 'string';
const isNumber: Check<number> = (value): value is number => typeof value === 'number' && Number.isFinite(value);
const isBoolean: Check<boolean> = (value): value is boolean => typeof value === 'boolean';
const isNull: Check<null> = (value): value is null => value === null;

const nullable = <T>(check: Check<T>): Check<T | null> => (value): value is T | null => value === null || check(value);
const optional = <T>(check: Check<T>): Check<T | undefined> => (value): value is T | undefined => value === undefined || check(value);
const listOf = <T>(check: Check<T>): Check<T[]> => (value): value is T[] => Array.isArray(value) && value.every(check);
const oneOf = <T extends string>(values: readonly T[]): Check<T> => (value): value is T => (values as readonly unknown[]).includes(value);
const both = <A, B>(a: Check<A>, b: Check<B>): Check<A & B> => (value): value is A & B => a(value) && b(value);

/** An object with every field of T checked (the Fields map will not compile with one left out); other fields may be present. */
function shape<T>(fields: Fields<T>): Check<T> {
  const entries = Object.entries(fields) as [string, Check<unknown>][];
  return (value): value is T => isRecord(value) && entries.every(([key, check]) => check(value[key]));
}

const valueState = shape<ValueState>({ value: nullable(isNumber), status: oneOf(VALUE_STATUSES) });
const valueChange = shape<ValueChange>({ indicator: isText, region: isText, year: isNumber, before: valueState, after: valueState });
const withChanges = shape<{ changes: ValueChange[] }>({ changes: listOf(valueChange) });

const returnSummary = shape<ReturnSummary>({
  id: isNumber,
  file: isText,
  bureau: nullable(isText),
  region: nullable(isText),
  year: nullable(isNumber),
  state: oneOf(RETURN_STATES),
  importedAt: isText,
  contactPerson: nullable(isText),
  contactPhone: nullable(isText),
  values: isNumber,
  matched: isNumber,
  unmatched: isNumber,
  sha256: isText,
});

const importedReturn = shape<ImportedReturn>({
  returnId: isNumber,
  bureau: nullable(isText),
  region: isText,
  year: isNumber,
  sha256: isText,
  values: isNumber,
  matchedRows: isNumber,
  unmatchedRows: isNumber,
});

const note = optional(isText);
type RequestOf<A extends ResolutionRequest['action']> = Extract<ResolutionRequest, { action: A }>;
const REQUESTS: { [A in ResolutionRequest['action']]: Check<RequestOf<A>> } = {
  choose: shape<RequestOf<'choose'>>({ action: oneOf(['choose'] as const), value: isNumber, note }),
  override: shape<RequestOf<'override'>>({ action: oneOf(['override'] as const), value: isNumber, note: isText }),
  map: shape<RequestOf<'map'>>({ action: oneOf(['map'] as const), code: isText, note }),
  confirm: shape<RequestOf<'confirm'>>({ action: oneOf(['confirm'] as const), note }),
  reopen: shape<RequestOf<'reopen'>>({ action: oneOf(['reopen'] as const), note }),
};

const resolutionRecord = shape<ResolutionRecord>({
  findingId: isText,
  action: oneOf(RESOLUTION_ACTIONS),
  value: nullable(isNumber),
  code: nullable(isText),
  note: isText,
  basis: isText,
  operator: isText,
  at: isText,
});
const findingBefore = shape<FindingBefore>({ finding: oneOf(FINDING_KINDS), message: isText, resolution: nullable(resolutionRecord) });
const resolved = <A extends Exclude<ResolutionRequest['action'], 'reopen'>>(action: A) =>
  both(shape<{ resolution: RequestOf<A> }>({ resolution: REQUESTS[action] as Check<RequestOf<A>> }), withChanges);

const yearState = shape<YearState>({
  year: isNumber,
  signedOff: isBoolean,
  signedAt: nullable(isText),
  signedBy: nullable(isText),
  signOff: optional(shape<NonNullable<YearState['signOff']>>({ note: isText, openErrors: isNumber })),
});
const reporters = listOf(shape<ReporterAssignment>({ code: isText, reporter: nullable(isText), proposed: optional(isBoolean) }));
const bureau = shape<Bureau>({ name: isText, aliases: listOf(isText) });
const bureauReferences = shape<BureauReferences>({
  bureaus: listOf(bureau),
  indicators: listOf(
    shape<IndicatorBureaus>({
      code: isText,
      reporter: nullable(isText),
      proposed: isBoolean,
      leadBureaus: listOf(isText),
      coBureaus: listOf(isText),
      jointBureaus: listOf(isText),
    }),
  ),
  returns: listOf(shape<{ id: number; bureau: string | null }>({ id: isNumber, bureau: nullable(isText) })),
  resolutions: listOf(both(resolutionRecord, shape<Pick<StoredResolution, 'kind'>>({ kind: isText }))),
  layouts: listOf(shape<StoredLayout>({ bureau: isText, data: isText, updatedAt: isText })),
});
const bureauMove = both(bureauReferences, both(withChanges, shape<{ from: string; into: string }>({ from: isText, into: isText })));
const lockHolder = shape<LockHolder>({ host: isText, osUser: isText, pid: isNumber, since: isText, heartbeat: isText });
const problems = shape<{ problems: IntegrityProblem[] }>({
  problems: listOf(
    shape<IntegrityProblem>({
      kind: oneOf(INTEGRITY_KINDS),
      identity: isText,
      message: isText,
    }),
  ),
});

const indicatorFields = shape<IndicatorFields>({ code: isText, name: isText, fields: isRecord });
const indicatorRecord = isIndicatorShape as Check<EventOf<'add_indicator'>['after']>;
const ruleRecord = isRuleShape as Check<EventOf<'add_rule'>['after']>;

/** The event of action A (a member may stand for several actions alike). */
type EventOf<A extends AuditAction> = AuditEvent extends infer E ? (E extends AuditEvent ? (A extends E['action'] ? E : never) : never) : never;

/** For each action, the checks of its before and after: a new action does not compile without them. */
const EVENTS: { [A in AuditAction]: { before: Check<EventOf<A>['before']>; after: Check<EventOf<A>['after']> } } = {
  create_workbook: {
    before: isNull,
    after: shape<EventOf<'create_workbook'>['after']>({ schema: isText, region: isText, subregions: listOf(isText), indicatorCount: isNumber }),
  },
  upgrade_workbook: {
    before: shape<{ version: number }>({ version: isNumber }),
    after: shape<EventOf<'upgrade_workbook'>['after']>({ version: isNumber, migration: isText, appVersion: isText }),
  },
  take_over_lock: { before: lockHolder, after: shape<EventOf<'take_over_lock'>['after']>({ host: isText, osUser: isText, pid: isNumber }) },
  import_return: { before: isNull, after: both(importedReturn, withChanges) },
  withdraw_return: { before: returnSummary, after: both(returnSummary, withChanges) },
  restore_return: { before: returnSummary, after: both(returnSummary, withChanges) },
  correct_return: { before: returnSummary, after: both(returnSummary, withChanges) },
  resolve_choose: { before: findingBefore, after: resolved('choose') },
  resolve_override: { before: findingBefore, after: resolved('override') },
  resolve_map: { before: findingBefore, after: resolved('map') },
  resolve_confirm: { before: findingBefore, after: resolved('confirm') },
  reopen_finding: { before: findingBefore, after: both(shape<{ resolution: null }>({ resolution: isNull }), withChanges) },
  assign_reporter: { before: reporters, after: reporters },
  confirm_proposed_reporters: { before: isNull, after: reporters },
  add_bureau: { before: isNull, after: bureau },
  rename_bureau: { before: bureauReferences, after: bureauMove },
  merge_bureaus: { before: bureauReferences, after: bureauMove },
  undo_change: {
    before: shape<EventOf<'undo_change'>['before']>({ entry: isNumber, action: oneOf(UNDOABLE_ACTIONS) }),
    after: withChanges,
  },
  edit_indicator: { before: indicatorFields, after: both(shape<IndicatorEditOutcome>({ code: isText, name: isText, fields: isRecord, cells: isNumber, changes: listOf(valueChange) }), withChanges) },
  add_indicator: { before: isNull, after: indicatorRecord },
  remove_indicator: { before: indicatorRecord, after: shape<IndicatorRemovalRecord>({ archived: isBoolean, figures: isNumber }) },
  add_rule: { before: isNull, after: ruleRecord },
  remove_rule: { before: ruleRecord, after: isNull },
  sign_off_year: {
    before: yearState,
    after: both(
      yearState,
      shape<{ digest?: string | null; findings?: number; openErrors?: number }>({ digest: optional(nullable(isText)), findings: optional(isNumber), openErrors: optional(isNumber) }),
    ),
  },
  reopen_year: { before: yearState, after: yearState },
  rollover: {
    before: isNull,
    after: shape<EventOf<'rollover'>['after']>({
      baseYear: isNumber,
      targetYear: isNumber,
      baselines: listOf(shape<{ code: string; value: number | null }>({ code: isText, value: nullable(isNumber) })),
    }),
  },
  integrity_problem: { before: isNull, after: problems },
  integrity_accepted: { before: isNull, after: problems },
};

/** Actions whose after records the consolidated values they changed; entries written before that have none. */
const RECORDS_CHANGES = new Set<AuditAction>(['edit_indicator', 'import_return', 'withdraw_return', 'restore_return', 'correct_return', 'resolve_choose', 'resolve_override', 'resolve_map', 'resolve_confirm', 'reopen_finding']);

const UNREADABLE = Symbol('unreadable');

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return UNREADABLE;
  }
}

/** The event a stored row records, or the row as written when it fits none. */
export function readAuditEvent(action: string, beforeText: string | null, afterText: string | null): AuditEvent | OtherAuditEvent {
  const other: OtherAuditEvent = { action: 'other', written: action, before: beforeText, after: afterText };
  if (!isAuditAction(action)) return other;
  const before = parseJson(beforeText);
  let after = parseJson(afterText);
  if (RECORDS_CHANGES.has(action) && isRecord(after) && !('changes' in after)) after = { ...after, changes: [] };
  const checks = EVENTS[action] as { before: Check<unknown>; after: Check<unknown> };
  // The checks are the action's own (EVENTS is typed by action), so the pair is that action's event.
  return checks.before(before) && checks.after(after) ? ({ action, before, after } as AuditEvent) : other;
}
