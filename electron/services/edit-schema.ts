import { UserError } from '../../shared/api/errors';
import {
  FIELD_LABELS,
  type EditableField,
  type FieldProblem,
  type Indicator,
  type IndicatorChanges,
  type IndicatorEditPreview,
  type IndicatorEditResult,
  type IndicatorRemoval,
  type IndicatorRemovalPreview,
  type NewIndicator,
  type NewRule,
  type Rule,
  type Schema,
  type ValueChange,
  type ValueKey,
} from '../../shared/domain';
import { convertIndicatorFigures, planUnitChange, rereadCell, synonymsAfter, type Reread, type UnitPlan } from '../../shared/import/reread-cell';
import { parseExpression, referencedCodes } from '../../shared/schema/expression';
import { checkIndicatorEdit, checkNewRule, draftIndicator, proposeIndicatorCode, proposeRuleId } from '../../shared/schema/indicator-edit';
import { formatNumber } from '../../shared/format/figures';
import type { Actor } from '../store/actor';
import { listIndicatorAliases } from '../store/aliases';
import { appendAudit, listAuditTargets } from '../store/audit';
import type { ReadDb, WriteDb } from '../store/db';
import { listRegions } from '../store/regions';
import { countIndicatorCells, listIndicatorCells, listStoredIndicatorCodes, listValueKeysOf, rewriteCellReading, type IndicatorCell } from '../store/reported-values';
import { countRowsMappedTo } from '../store/resolutions';
import { deleteRule, insertIndicator, insertRule, listRemovedIndicators, removeIndicator as removeIndicatorRow, updateIndicator } from '../store/schema-copy';
import { listSignedYears } from '../store/year-state';
import { reconcileWorkbookYears } from './reconcile-workbook';
import { diffValues, snapshotValues } from './value-changes';

/**
 * 指标体系 editing (issue #20): each edit of an indicator, each indicator or rule added or
 * removed, is one transaction with its audit entry. What an edit will do is said before it is
 * made (previewIndicatorEdit), computed by making it in a transaction that is then rolled back:
 * the preview and the edit cannot disagree.
 */

/** A stored cell and how it reads under the new unit. */
interface CellRewrite {
  cell: IndicatorCell;
  reread: Reread;
}

interface EditPlan {
  /** What the officer's edit set, before the fields that follow from it. */
  given: IndicatorChanges;
  before: Indicator;
  after: Indicator;
  changed: EditableField[];
  problems: FieldProblem[];
  unitPlan: UnitPlan;
  rewrites: CellRewrite[];
}

function findIndicator(schema: Schema, code: string): Indicator {
  const indicator = schema.indicators.find((i) => i.code === code);
  if (!indicator) throw new UserError('unknown_indicator', `指标体系中没有编码为“${code}”的指标。请刷新指标体系后重试。`);
  return indicator;
}

function signedYears(db: ReadDb): Set<number> {
  return new Set(listSignedYears(db).map((state) => state.year));
}

function sortedYears(years: Iterable<number>): string {
  return [...new Set(years)].sort((a, b) => a - b).map((y) => `${y}年`).join('、');
}

/** The edit as it would be made: the indicator after it and the stored cells it reads again. */
function planEdit(db: ReadDb, schema: Schema, code: string, changes: IndicatorChanges): EditPlan {
  const before = findIndicator(schema, code);
  const checked = checkIndicatorEdit(schema, before, changes as Record<string, unknown>);
  const after = { ...checked.after };
  const changed = [...checked.changed];
  const unitPlan: UnitPlan = changed.includes('unit') ? planUnitChange(before, after) : { kind: 'same' };
  if (changed.includes('unit')) {
    after.unitSynonyms = synonymsAfter(before, after, unitPlan);
    // The indicator's own figures are in its unit too: 基期值 0.6 万个 is 6000 个.
    Object.assign(after, convertIndicatorFigures(before, after, unitPlan, new Set(Object.keys(changes))));
    for (const field of ['unitSynonyms', 'baselineValue', 'targetValue', 'decimals'] as const) {
      if (JSON.stringify(after[field]) !== JSON.stringify(before[field]) && !changed.includes(field)) changed.push(field);
    }
  }
  // Bureaus' own sheets still print the old name: it stays, as an alias, so their rows match;
  // a name taken back is no longer an alias of itself.
  if (changed.includes('name')) {
    after.aliases = [...after.aliases.filter((alias) => alias !== after.name), ...(after.aliases.includes(before.name) ? [] : [before.name])];
    if (JSON.stringify(after.aliases) !== JSON.stringify(before.aliases) && !changed.includes('aliases')) changed.push('aliases');
  }
  const problems = [...checked.problems];
  const rewrites: CellRewrite[] = [];
  if (problems.length === 0 && (changed.includes('unit') || changed.includes('unitSynonyms'))) {
    for (const cell of listIndicatorCells(db, code)) {
      const reread = rereadCell(cell, before, after, unitPlan.kind === 'same' ? { kind: 'relabel' } : unitPlan);
      if (reread) rewrites.push({ cell, reread });
    }
    const signed = signedYears(db);
    const sealed = rewrites.flatMap(({ cell }) => (cell.returnYear !== null && signed.has(cell.returnYear) ? [cell.returnYear] : []));
    if (sealed.length > 0) {
      problems.push({
        field: changed.includes('unit') ? 'unit' : 'unitSynonyms',
        message: `${sortedYears(sealed)}已定稿，改动单位会改变定稿报表中已存的数值。如确需修改，请先在“定稿与导出”中重新打开该年度。`,
      });
    }
  }
  return { given: changes, before, after, changed, problems, unitPlan, rewrites };
}

/** Indicators whose 按公式重算 formula uses `code`, with the codes each formula needs. */
function formulaUsers(schema: Schema, code: string): Indicator[] {
  return schema.indicators.filter((i) => i.code !== code && i.formula !== null && codesOf(i.formula).includes(code));
}

function codesOf(expression: string): string[] {
  const parsed = parseExpression(expression);
  return parsed.ok ? referencedCodes(parsed.expr) : [];
}

function rulesUsing(schema: Schema, code: string): Rule[] {
  return schema.rules.filter((rule) => [...codesOf(rule.left), ...codesOf(rule.right)].includes(code));
}

/** The consolidated values an edit of `code` can change: its own, and those recomputed from it. */
function keysOf(db: ReadDb, schema: Schema, code: string): ValueKey[] {
  const users = formulaUsers(schema, code);
  const codes = [...new Set([code, ...users.flatMap((i) => [i.code, ...codesOf(i.formula ?? '')])])].filter((c) => schema.indicators.some((i) => i.code === c));
  const stored = listValueKeysOf(db, codes);
  const regions = [...new Set([...listRegions(db).map((r) => r.name), ...stored.map((k) => k.region)])];
  const years = [...new Set(stored.map((k) => k.year))];
  return codes.flatMap((indicator) => regions.flatMap((region) => years.map((year) => ({ indicator, region, year }))));
}

function withIndicator(schema: Schema, indicator: Indicator): Schema {
  return { ...schema, indicators: schema.indicators.map((i) => (i.code === indicator.code ? indicator : i)) };
}

/** Writes the edit (inside the caller's transaction) and gives the values it changed. */
function writeEdit(db: WriteDb, schema: Schema, plan: EditPlan): ValueChange[] {
  const keys = keysOf(db, schema, plan.before.code);
  const before = snapshotValues(db, schema, keys);
  updateIndicator(db, plan.after);
  for (const { cell, reread } of plan.rewrites) rewriteCellReading(db, cell.id, reread);
  const changes = diffValues(keys, before, snapshotValues(db, withIndicator(schema, plan.after), keys));
  const signed = signedYears(db);
  const sealed = changes.filter((change) => signed.has(change.year)).map((change) => change.year);
  if (sealed.length > 0) {
    throw new UserError(
      'indicator_edit_refused',
      `${sortedYears(sealed)}已定稿，此项修改会改变该年度的汇总值。如确需修改，请先在“定稿与导出”中重新打开该年度。`,
    );
  }
  return changes;
}

/** What the edit does beyond the field itself, one sentence each, in the officer's words. */
function effectsOf(schema: Schema, plan: EditPlan, changes: readonly ValueChange[], reopened: number): string[] {
  const { before, after, changed, unitPlan, rewrites } = plan;
  const effects: string[] = [];
  const figures = rewrites.length;
  const from = before.unit || '（无单位）';
  const to = after.unit || '（无单位）';
  switch (unitPlan.kind) {
    case 'convert': {
      effects.push(
        figures > 0
          ? `已存的 ${figures} 个数值将从“${from}”换算为“${to}”（乘以 ${formatNumber(unitPlan.factor)}），各单元格的原文不变，可在核对中查看换算。`
          : `单位由“${from}”改为“${to}”；目前没有已存的数值需要换算。`,
      );
      const own = (['baselineValue', 'targetValue'] as const).filter((f) => before[f] !== null && before[f] !== after[f]);
      if (own.length > 0) effects.push(`${own.map((f) => `${FIELD_LABELS[f]} ${formatNumber(before[f])} → ${formatNumber(after[f])}`).join('、')}，一并换算。`);
      break;
    }
    case 'rename':
      effects.push(
        `“${from}”与“${to}”不能相互换算，视为同一计量的改称：${figures > 0 ? `已存的 ${figures} 个数值保持原数，` : ''}“${from}”保留为同义单位，按原单位填报的报表和已下发的模板仍可导入。`,
      );
      break;
    case 'relabel':
      effects.push(`${figures > 0 ? `已存的 ${figures} 个数值保持原数，` : ''}改以“${to}”计。`);
      break;
    case 'same':
      if (changed.includes('unitSynonyms') && figures > 0) effects.push(`按新的同义单位重新读取已存的 ${figures} 个数值。`);
      break;
  }
  if (unitPlan.kind === 'convert' || unitPlan.kind === 'rename') {
    const users = [
      ...rulesUsing(schema, before.code).map((rule) => `核对规则“${rule.name}”`),
      ...formulaUsers(schema, before.code).map((i) => `指标“${i.name}”的计算公式`),
    ];
    if (users.length > 0) effects.push(`${users.join('、')}用到本指标，单位改变后请检查其中的倍数。`);
  }
  if (changed.includes('name')) effects.push(`原名称“${before.name}”保留为别名，按原名称填报的报表仍能对应；已下发的模板按编码对应，不受影响。`);
  // A converted 基期值 or 目标值 is the same figure in another unit: progress is judged as before.
  const judged = (['baselineValue', 'baselineYear', 'targetValue', 'targetOp', 'targetText', 'targetYear', 'direction'] as const).filter(
    (f) => changed.includes(f) && (unitPlan.kind !== 'convert' || f in plan.given),
  );
  if (judged.length > 0) effects.push(`进度和评估将按新的${judged.map((f) => FIELD_LABELS[f]).join('、')}判断。`);
  if (changed.includes('aggregation') || changed.includes('formula')) effects.push('全市汇总值将按新的汇总方式重新计算。');
  if (changes.length > 0) {
    const first = changes[0]!;
    const word = (state: ValueChange['before']) => (state.value === null ? '—' : formatNumber(state.value));
    const name = schema.indicators.find((i) => i.code === first.indicator)?.name ?? first.indicator;
    effects.push(`${changes.length} 个汇总值将改变，如${name} ${first.region} ${first.year}年：${word(first.before)} → ${word(first.after)}。`);
  }
  if (reopened > 0) effects.push(`${reopened} 项已处理的核对问题所依据的数值改变，需重新处理。`);
  return effects;
}

class Rollback extends Error {
  constructor(readonly changes: ValueChange[], readonly reopened: number) {
    super('rolled back');
  }
}

/** Findings decided before whose decision no longer holds after (their figures changed). */
function decidedIds(db: ReadDb, schema: Schema, years: readonly number[]): Set<string> {
  if (years.length === 0) return new Set();
  return new Set(reconcileWorkbookYears(db, schema, years).findings.filter((f) => f.decision !== undefined).map((f) => f.id));
}

/** What editing `code` would do, computed by doing it and rolling back. */
export function previewIndicatorEdit(db: WriteDb, schema: Schema, code: string, changes: IndicatorChanges): IndicatorEditPreview {
  const plan = planEdit(db, schema, code, changes);
  const base = { code, name: plan.before.name, cells: plan.rewrites.length, changed: plan.problems.length > 0 ? [] : plan.changed };
  if (plan.problems.length > 0) return { ...base, problems: plan.problems, effects: [], changes: [], confirm: false };
  if (plan.changed.length === 0) return { ...base, problems: [], effects: [], changes: [], confirm: false };
  const years = [...new Set(plan.rewrites.flatMap(({ cell }) => [cell.year, cell.returnYear]).filter((y): y is number => y !== null))];
  const decided = decidedIds(db, schema, years);
  let outcome: Rollback;
  try {
    db.transaction(() => {
      const changes = writeEdit(db, schema, plan);
      const still = decidedIds(db, withIndicator(schema, plan.after), years);
      throw new Rollback(changes, [...decided].filter((id) => !still.has(id)).length);
    })();
    throw new Error('the preview transaction was not rolled back');
  } catch (error) {
    if (error instanceof UserError) return { ...base, problems: [{ field: plan.changed[0]!, message: error.message }], effects: [], changes: [], confirm: false };
    if (!(error instanceof Rollback)) throw error;
    outcome = error;
  }
  return {
    ...base,
    problems: [],
    effects: effectsOf(schema, plan, outcome.changes, outcome.reopened),
    changes: outcome.changes,
    confirm: outcome.changes.length > 0 || plan.rewrites.some(({ cell, reread }) => cell.value !== reread.value),
  };
}

/** Edits one indicator: one transaction, audited with the fields before → after and the values it changed. */
export function editIndicator(db: WriteDb, actor: Actor, schema: Schema, code: string, changes: IndicatorChanges, note = ''): IndicatorEditResult {
  const plan = planEdit(db, schema, code, changes);
  if (plan.problems.length > 0) throw new UserError('indicator_edit_refused', plan.problems.map((p) => p.message).join(''));
  if (plan.changed.length === 0) return { indicator: plan.before, changed: [], effects: [], cells: 0, changes: [] };
  const fieldsOf = (indicator: Indicator) => Object.fromEntries(plan.changed.map((field) => [field, indicator[field]])) as IndicatorChanges;
  const changed = db.transaction(() => {
    const valueChanges = writeEdit(db, schema, plan);
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: 'edit_indicator',
      target: code,
      before: { code, name: plan.before.name, fields: fieldsOf(plan.before) },
      after: { code, name: plan.after.name, fields: fieldsOf(plan.after), cells: plan.rewrites.length, changes: valueChanges },
      note: note.trim(),
    });
    return valueChanges;
  })();
  return { indicator: plan.after, changed: plan.changed, effects: effectsOf(schema, plan, changed, 0), cells: plan.rewrites.length, changes: changed };
}

/** Codes that may never be given to a new indicator: removed ones, and any a stored cell or alias carries. */
function takenCodes(db: ReadDb): string[] {
  return [...listRemovedIndicators(db).map((r) => r.code), ...listStoredIndicatorCodes(db), ...listIndicatorAliases(db).map((a) => a.code)];
}

/** 新增指标 / 新增辅助指标: one transaction, audited; the code proposed here, never one used before. */
export function addIndicator(db: WriteDb, actor: Actor, schema: Schema, input: NewIndicator, note = ''): Indicator {
  const code = proposeIndicatorCode(schema, { auxiliary: input.auxiliary === true, ...(input.area === undefined ? {} : { area: input.area.trim() }) }, takenCodes(db));
  const { indicator, problems } = draftIndicator(schema, code, input as unknown as Record<string, unknown>);
  if (problems.length > 0) throw new UserError('indicator_edit_refused', problems.map((p) => p.message).join(''));
  db.transaction(() => {
    insertIndicator(db, indicator);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'add_indicator', target: code, before: null, after: indicator, note: note.trim() });
  })();
  return indicator;
}

/** What removing `code` would do: archive or delete, or why not now. */
export function previewRemoveIndicator(db: ReadDb, schema: Schema, code: string): IndicatorRemovalPreview {
  const indicator = findIndicator(schema, code);
  const cells = countIndicatorCells(db, code);
  const figures = cells + countRowsMappedTo(db, code);
  const problems: string[] = [];
  const rules = rulesUsing(schema, code);
  if (rules.length > 0) problems.push(`核对规则${rules.map((r) => `“${r.name}”`).join('、')}用到本指标。请先删除或修改这些规则，再移除指标。`);
  const users = formulaUsers(schema, code);
  if (users.length > 0) problems.push(`指标${users.map((i) => `“${i.name}”（${i.code}）`).join('、')}的计算公式用到本指标。请先修改这些公式，再移除指标。`);
  const signed = signedYears(db);
  const sealed = cells > 0 ? listIndicatorCells(db, code).flatMap((c) => (c.returnYear !== null && signed.has(c.returnYear) ? [c.returnYear] : [])) : [];
  if (sealed.length > 0) problems.push(`${sortedYears(sealed)}已定稿，本指标在该年度有数值，移除会改变定稿的汇总表。如确需移除，请先重新打开该年度。`);
  const effects =
    figures > 0
      ? [
          `本指标已有 ${figures} 个填报数，将归档而不删除：不再出现在指标体系、下发模板和导出表中，已存的数值保留在报送明细中，仍可追溯。`,
          `编码 ${code} 不再分配给其他指标；已下发的模板中本指标的行导入时将提示为未对应的行。`,
        ]
      : [`本指标尚无填报数，将从指标体系中删除；编码 ${code} 不再分配给其他指标。`];
  return { code, name: indicator.name, figures, archive: figures > 0, problems, effects };
}

/** 移除: archived when figures are stored under it, deleted otherwise; one transaction, audited. */
export function removeIndicator(db: WriteDb, actor: Actor, schema: Schema, code: string, note = ''): IndicatorRemoval {
  const preview = previewRemoveIndicator(db, schema, code);
  if (preview.problems.length > 0) throw new UserError('indicator_in_use', preview.problems.join(''));
  const indicator = findIndicator(schema, code);
  db.transaction(() => {
    removeIndicatorRow(db, indicator, preview.archive, new Date().toISOString());
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: 'remove_indicator',
      target: code,
      before: indicator,
      after: { archived: preview.archive, figures: preview.figures },
      note: note.trim(),
    });
  })();
  return { code, name: indicator.name, archived: preview.archive, figures: preview.figures };
}

/** 新增规则: checked as the schema's rules are; one transaction, audited. */
export function addRule(db: WriteDb, actor: Actor, schema: Schema, input: NewRule, note = ''): Rule {
  const id = proposeRuleId(schema, listAuditTargets(db, 'remove_rule'));
  const { rule, problems } = checkNewRule(schema, id, input);
  if (problems.length > 0) throw new UserError('rule_refused', problems.map((p) => p.message).join(''));
  db.transaction(() => {
    insertRule(db, rule);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'add_rule', target: id, before: null, after: rule, note: note.trim() });
  })();
  return rule;
}

/** 删除规则: its id is never given again (the audit keeps it). */
export function removeRule(db: WriteDb, actor: Actor, schema: Schema, id: string, note = ''): Rule {
  const rule = schema.rules.find((r) => r.id === id);
  if (!rule) throw new UserError('rule_not_found', `指标体系中没有编号为“${id}”的核对规则。请刷新后重试。`);
  db.transaction(() => {
    deleteRule(db, id);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'remove_rule', target: id, before: rule, after: null, note: note.trim() });
  })();
  return rule;
}
