import { UserError } from '../../shared/api/errors';
import {
  bureauFunctionIndex,
  bureauNameProblem,
  counterpartIn,
  mergedBureaus,
  renamedBureaus,
  subregionBureau,
  type Bureau,
  type BureauMoved,
  type BureauReferences,
  type BureauUsage,
  type IndicatorBureaus,
  type Indicator,
  type Schema,
  type StoredLayout,
  type StoredResolution,
  type ValueKey,
} from '../../shared/domain';
import type { ReconciledFinding } from '../../shared/reconcile/consolidate';
import { unsafeNameProblem } from '../../shared/schema/validate-schema';
import type { Actor } from '../store/actor';
import { appendAudit } from '../store/audit';
import type { ReadDb, WriteDb } from '../store/db';
import { putStoredLayout, readStoredLayout, removeStoredLayout } from '../store/layout-memory';
import { listReturnKeys } from '../store/reported-values';
import { getStoredResolution, removeResolution, saveResolution } from '../store/resolutions';
import { listReturnBureaus, setReturnBureau } from '../store/returns';
import { insertBureau, readSchemaCopy, replaceBureaus, sealSchemaCopy, writeIndicatorBureaus } from '../store/schema-copy';
import { readYearState } from '../store/year-state';
import { reconcileWorkbook } from './reconcile-workbook';
import { decidedFindings, lostDecisions, lostResolutionsClause } from './resolved-findings';
import { diffValues, snapshotValues } from './value-changes';

/** Where the workbook's bureaus sit: its own region, whose bureaus the list names, and its sub-regions. */
export interface BureauContext {
  schema: Schema;
  workbookRegion: string;
  subregions: readonly string[];
}

function refuse(problem: { code: 'bad_bureau' | 'bureau_exists'; message: string } | null): void {
  if (problem) throw new UserError(problem.code, problem.message);
}

/** The checks of bureauNameProblem, and no character a file name or a table would trip on. */
function checkName(bureaus: readonly Bureau[], name: string, except: string | null = null): string {
  const trimmed = name.trim();
  refuse(bureauNameProblem(bureaus, trimmed, except));
  const unsafe = unsafeNameProblem('单位名称', trimmed);
  if (unsafe) throw new UserError('bad_bureau', unsafe);
  return trimmed;
}

function listedOrRefuse(bureaus: readonly Bureau[], name: string): Bureau {
  const found = bureaus.find((b) => b.name === name.trim());
  if (!found) throw new UserError('unknown_bureau', `单位名单中没有“${name.trim()}”。请从名录中选择单位。`);
  return found;
}

// --- What refers to a bureau ------------------------------------------------------------------

export function indicatorBureaus(indicator: Indicator): IndicatorBureaus {
  const r = indicator.responsibility;
  return { code: indicator.code, reporter: indicator.reporter, proposed: indicator.reporterProposed, leadBureaus: r.leadBureaus, coBureaus: r.coBureaus, jointBureaus: r.jointBureaus };
}

function moveIn(names: readonly string[], from: string, into: string): string[] {
  return [...new Set(names.map((name) => (name === from ? into : name)))];
}

/** The indicator's references with `from` moved to `into`, or null when it names no `from`. */
function movedIndicator(refs: IndicatorBureaus, from: string, into: string): IndicatorBureaus | null {
  const names = [refs.reporter, ...refs.leadBureaus, ...refs.coBureaus, ...refs.jointBureaus];
  if (!names.includes(from)) return null;
  return {
    ...refs,
    reporter: refs.reporter === from ? into : refs.reporter,
    leadBureaus: moveIn(refs.leadBureaus, from, into),
    coBureaus: moveIn(refs.coBureaus, from, into),
    jointBureaus: moveIn(refs.jointBureaus, from, into),
  };
}

/**
 * Whether a return filed under `bureau` in `region` is `name`'s: the city's own returns by name;
 * a sub-region's by counterpart, whichever way it wrote its name (罗庄区经信局 and
 * 罗庄区经济和信息化局 are both 市经信局's counterpart there).
 */
function filedUnder(context: BureauContext, functions: ReadonlyMap<string, string>, bureau: string | null, region: string | null, name: string): boolean {
  if (bureau === null) return false;
  if (bureau === name) return true;
  if (region === null || !context.subregions.includes(region)) return false;
  return subregionBureau(functions, bureau, region, context.workbookRegion) === counterpartIn(name, region);
}

/** The name such a return takes when `from` becomes `into`: `into`, or its counterpart in the sub-region. */
function movedReturnBureau(context: BureauContext, bureau: string, region: string | null, from: string, into: string): string {
  return bureau === from || region === null || !context.subregions.includes(region) ? into : counterpartIn(into, region);
}

/** Each bureau of the list with how many indicators and returns refer to it. */
export function listBureauUsage(db: ReadDb, context: BureauContext): BureauUsage[] {
  const functions = bureauFunctionIndex(context.schema.bureaus, context.workbookRegion);
  const returns = listReturnBureaus(db);
  return context.schema.bureaus.map((bureau) => ({
    ...bureau,
    reporterOf: context.schema.indicators.filter((i) => i.reporter === bureau.name).length,
    responsibleFor: context.schema.indicators.filter((i) => {
      const r = i.responsibility;
      return [...r.leadBureaus, ...r.coBureaus, ...r.jointBureaus].includes(bureau.name);
    }).length,
    returns: returns.filter((r) => filedUnder(context, functions, r.bureau, r.region, bureau.name)).length,
  }));
}

// --- Adding -------------------------------------------------------------------------------------

/** Adds a bureau to the list; one transaction, audited. */
export function addBureau(db: WriteDb, actor: Actor, schema: Schema, arg: { name: string; aliases?: string[] }): Bureau {
  const name = checkName(schema.bureaus, arg.name);
  const aliases = [...new Set((arg.aliases ?? []).map((a) => a.trim()).filter((a) => a !== '' && a !== name))];
  for (const alias of aliases) checkName(schema.bureaus, alias);
  const bureau: Bureau = { name, aliases };
  db.transaction(() => {
    insertBureau(db, bureau);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'add_bureau', target: name, before: null, after: bureau });
  })();
  return bureau;
}

// --- Renaming and merging -----------------------------------------------------------------------

/** 改名: the bureau takes `newName`; its old name stays an alias, since returns keep writing it. */
export function renameBureau(db: WriteDb, actor: Actor, context: BureauContext, arg: { name: string; newName: string; confirmOverwrite?: boolean }): BureauMoved {
  const bureau = listedOrRefuse(context.schema.bureaus, arg.name);
  const newName = checkName(context.schema.bureaus, arg.newName, bureau.name);
  if (newName === bureau.name) throw new UserError('bad_bureau', `新名称与原名称“${bureau.name}”相同，无需改名。`);
  return moveBureau(db, actor, context, {
    action: 'rename_bureau',
    from: bureau.name,
    into: newName,
    bureaus: renamedBureaus(context.schema.bureaus, bureau.name, newName),
    confirmOverwrite: arg.confirmOverwrite === true,
  });
}

/** 合并: `from` and `into` are one body; `from` leaves the list and its names become `into`'s aliases. */
export function mergeBureaus(db: WriteDb, actor: Actor, context: BureauContext, arg: { from: string; into: string; confirmOverwrite?: boolean }): BureauMoved {
  const from = listedOrRefuse(context.schema.bureaus, arg.from);
  const into = listedOrRefuse(context.schema.bureaus, arg.into);
  if (from.name === into.name) throw new UserError('bad_bureau', `不能把“${from.name}”合并到它自己。请选择另一个单位。`);
  return moveBureau(db, actor, context, {
    action: 'merge_bureaus',
    from: from.name,
    into: into.name,
    bureaus: mergedBureaus(context.schema.bureaus, from.name, into.name),
    confirmOverwrite: arg.confirmOverwrite === true,
  });
}

interface Move {
  action: 'rename_bureau' | 'merge_bureaus';
  from: string;
  into: string;
  bureaus: Bureau[];
  confirmOverwrite: boolean;
}

/**
 * Moves every reference to `from` onto `into` in one transaction: the list, each indicator's
 * 填报单位 and responsibilities, the returns filed under it or its county counterparts, its
 * remembered layout, and the decisions on findings whose identity names the bureau. The audit
 * entry holds each of these before and after (what 撤销 puts back) and the consolidated values
 * that changed: returns of the two bureaus merged are one bureau's now, so a conflict between
 * them becomes a correction, its later figure counting.
 */
function moveBureau(db: WriteDb, actor: Actor, context: BureauContext, move: Move): BureauMoved {
  const { schema } = context;
  const { from, into } = move;
  const functions = bureauFunctionIndex(schema.bureaus, context.workbookRegion);

  const indicatorsBefore: IndicatorBureaus[] = [];
  const indicatorsAfter: IndicatorBureaus[] = [];
  for (const indicator of schema.indicators) {
    const refs = indicatorBureaus(indicator);
    const moved = movedIndicator(refs, from, into);
    if (!moved) continue;
    indicatorsBefore.push(refs);
    indicatorsAfter.push(moved);
  }

  const returnsBefore: BureauReferences['returns'] = [];
  const returnsAfter: BureauReferences['returns'] = [];
  const signedYears = new Set<number>();
  for (const r of listReturnBureaus(db)) {
    if (!filedUnder(context, functions, r.bureau, r.region, from)) continue;
    const moved = movedReturnBureau(context, r.bureau!, r.region, from, into);
    // 罗庄区经济和信息化局 stays as written when 市经信局 is renamed 市经济和信息化局.
    if (moved === r.bureau) continue;
    returnsBefore.push({ id: r.id, bureau: r.bureau });
    returnsAfter.push({ id: r.id, bureau: moved });
    if (r.year !== null && readYearState(db, r.year).signedOff) signedYears.add(r.year);
  }
  refuseSigned(signedYears, from);

  const layoutsBefore: StoredLayout[] = [];
  const layoutsAfter: StoredLayout[] = [];
  const fromLayout = readStoredLayout(db, from);
  if (fromLayout) {
    layoutsBefore.push(fromLayout);
    const intoLayout = readStoredLayout(db, into);
    // Two layouts for one body: the one `into` already had stands.
    if (!intoLayout) layoutsAfter.push({ ...fromLayout, bureau: into });
  }

  const keys: ValueKey[] = returnsBefore.flatMap((r) => listReturnKeys(db, r.id));
  const valuesBefore = snapshotValues(db, schema, keys);
  const decided = decidedFindings(db, schema);
  const aliasesBefore = new Set(schema.bureaus.find((b) => b.name === into)?.aliases ?? []);
  const aliasesGained = (move.bureaus.find((b) => b.name === into)?.aliases ?? []).filter((a) => !aliasesBefore.has(a)).length;

  return db.transaction(() => {
    replaceBureaus(db, move.bureaus);
    for (const refs of indicatorsAfter) writeIndicatorBureaus(db, refs);
    sealSchemaCopy(db);
    for (const r of returnsAfter) setReturnBureau(db, r.id, r.bureau);
    for (const layout of layoutsBefore) removeStoredLayout(db, layout.bureau);
    for (const layout of layoutsAfter) putStoredLayout(db, layout);
    const after = readSchemaCopy(db);

    const resolutions = decided.findings.length === 0 ? { before: [], after: [] } : refileDecisions(db, decided.findings, reconcileWorkbook(db, after).findings);
    if (!move.confirmOverwrite && decided.findings.length > 0) {
      const lost = lostDecisions(decided, reconcileWorkbook(db, after));
      if (lost.length > 0) {
        // Thrown inside the transaction: nothing above is kept.
        throw new UserError('overwrite_unconfirmed', `把“${from}”${move.action === 'merge_bureaus' ? '合并到' : '改名为'}“${into}”，${lostResolutionsClause(lost)}。确认后才会改动。`);
      }
    }
    const changes = diffValues(keys, valuesBefore, snapshotValues(db, after, keys));
    const before: BureauReferences = { bureaus: schema.bureaus, indicators: indicatorsBefore, returns: returnsBefore, resolutions: resolutions.before, layouts: layoutsBefore };
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: move.action,
      target: `${from} → ${into}`,
      before,
      after: { from, into, bureaus: move.bureaus, indicators: indicatorsAfter, returns: returnsAfter, resolutions: resolutions.after, layouts: layoutsAfter, changes },
    });
    return { from, into, indicators: indicatorsAfter.length, returns: returnsAfter.length, aliases: aliasesGained, resolutions: resolutions.after.length };
  })();
}

function refuseSigned(years: ReadonlySet<number>, from: string): void {
  if (years.size === 0) return;
  const listed = [...years].sort((a, b) => a - b).map((y) => `${y}年`).join('、');
  throw new UserError('year_signed_off', `${listed}已定稿，其中有“${from}”的报表，改动单位名称会改动已定稿的数据。请先重新打开这些年度，再改名或合并。`);
}

/** Where a finding sits, whatever bureau name its identity was made with. */
function placeOf(f: ReconciledFinding): string {
  return [f.kind, f.indicator, f.region, f.year, f.file, f.sheet, f.cell].join('\u001f');
}

/** Whether a decision still fits the finding it moves to: a figure taken must still be one offered. */
function fits(decision: StoredResolution, finding: ReconciledFinding): boolean {
  if (decision.action !== 'choose') return true;
  return finding.candidates.some((c) => Number(c.name) === decision.value);
}

/**
 * A decided finding whose identity (or the data its decision rests on) spelled the old name
 * reappears, open, at the same place under the new one: its decision is filed under the new
 * identity, so it keeps holding. Decisions on findings the move did away with stay as they are.
 */
function refileDecisions(db: WriteDb, decided: readonly ReconciledFinding[], now: readonly ReconciledFinding[]): { before: StoredResolution[]; after: StoredResolution[] } {
  const current = new Map(now.map((f) => [f.id, f]));
  const openAt = new Map<string, ReconciledFinding>();
  for (const f of now) if (f.status === 'open' && !openAt.has(placeOf(f))) openAt.set(placeOf(f), f);
  const before: StoredResolution[] = [];
  const after: StoredResolution[] = [];
  for (const f of decided) {
    if (current.get(f.id)?.status === 'resolved') continue;
    const successor = openAt.get(placeOf(f));
    const stored = getStoredResolution(db, f.id);
    if (!successor || !stored || !fits(stored, successor)) continue;
    const refiled: StoredResolution = { ...stored, findingId: successor.id, basis: successor.basis };
    removeResolution(db, stored.findingId);
    saveResolution(db, refiled.kind, refiled);
    before.push(stored);
    after.push(refiled);
    openAt.delete(placeOf(f));
  }
  return { before, after };
}
