import { UserError } from '../../shared/api/errors';
import { bureauIndex, canonicalBureau, normalizeBureauName, UNASSIGNED_BUREAU, type Indicator, type ReporterAssignment, type ReporterChange, type Schema } from '../../shared/domain';
import { overwrittenReporters, selectIndicators, type ReporterSelection } from '../../shared/schema/reporters';
import type { Actor } from '../store/actor';
import { appendAudit } from '../store/audit';
import type { WriteDb } from '../store/db';
import { writeReporter } from '../store/schema-copy';
import { decisionsLostBySchema, lostResolutionsClause } from './resolved-findings';

export type { ReporterChange };

export interface AssignOptions {
  /** The officer was told what the assignment replaces (assigned 填报单位, decided findings) and goes on. */
  confirmOverwrite?: boolean;
}

/** The canonical name, or null for 未指定 (no 填报单位); a name not on the list is refused. */
function reporterOrRefuse(schema: Schema, name: string | null): string | null {
  if (name === null || normalizeBureauName(name) === UNASSIGNED_BUREAU) return null;
  const found = canonicalBureau(bureauIndex(schema.bureaus), name);
  if (!found) {
    throw new UserError('unknown_bureau', `单位名单中没有“${name}”。请使用名录中的名称（如 ${schema.bureaus.slice(0, 3).map((b) => b.name).join('、')}），或先把它添加到单位名单。`);
  }
  return found;
}

const shownReporter = (reporter: string | null) => reporter ?? UNASSIGNED_BUREAU;

/**
 * 填报单位 in bulk: every selected indicator gets `bureau` (null: 未指定), confirmed; one
 * transaction, one audit entry holding each indicator's 填报单位 before and after (what 撤销 puts
 * back). An assignment that would replace 填报单位 the officer assigned, or leave decided findings
 * without their decision, is refused with the count until she confirms it.
 */
export function assignReporters(db: WriteDb, actor: Actor, schema: Schema, bureau: string | null, selection: ReporterSelection, options: AssignOptions = {}): ReporterChange[] {
  const reporter = reporterOrRefuse(schema, bureau);
  const selected = selectIndicators(schema.indicators, selection);
  if (selected.length === 0) throw new UserError('nothing_selected', '没有符合条件的指标。请检查指标编码、领域或责任单位。');
  const unknown = (selection.codes ?? []).filter((c) => !schema.indicators.some((i) => i.code === c || i.name === c));
  if (unknown.length > 0) throw new UserError('unknown_indicator', `指标体系中没有：${unknown.join('、')}。`);
  const moving = selected.filter((i) => i.reporter !== reporter || i.reporterProposed);
  if (moving.length === 0) return [];

  if (!options.confirmOverwrite) {
    const overwritten = overwrittenReporters(moving, reporter);
    const moved = new Set(moving.map((i) => i.code));
    const after: Schema = { ...schema, indicators: schema.indicators.map((i) => (moved.has(i.code) ? { ...i, reporter, reporterProposed: false } : i)) };
    const lost = decisionsLostBySchema(db, schema, after);
    if (overwritten.length > 0 || lost.length > 0) {
      const clauses = [
        ...(overwritten.length > 0
          ? [`将覆盖 ${overwritten.length} 个已指定填报单位的指标（${listed(overwritten.map((i) => `${i.name}：${i.reporter}`))}）`]
          : []),
        ...(lost.length > 0 ? [lostResolutionsClause(lost)] : []),
      ];
      throw new UserError('overwrite_unconfirmed', `把所选指标的填报单位指定为“${shownReporter(reporter)}”，${clauses.join('，并使')}。确认后才会改动。`);
    }
  }

  const changes = moving.map((i) => ({ code: i.code, name: i.name, before: i.reporterProposed ? null : i.reporter, after: reporter }));
  db.transaction(() => {
    for (const i of moving) writeReporter(db, i.code, reporter, false);
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: 'assign_reporter',
      target: shownReporter(reporter),
      before: moving.map(assignmentOf),
      after: moving.map((i) => ({ code: i.code, reporter, proposed: false })),
    });
  })();
  return changes;
}

function assignmentOf(indicator: Indicator): ReporterAssignment {
  return { code: indicator.code, reporter: indicator.reporter, proposed: indicator.reporterProposed };
}

function listed(items: string[]): string {
  return items.length <= 3 ? items.join('；') : `${items.slice(0, 3).join('；')} 等`;
}

/** Accepts every proposed 填报单位 as it stands. */
export function confirmProposedReporters(db: WriteDb, actor: Actor, schema: Schema): ReporterChange[] {
  const proposed = schema.indicators.filter((i) => i.reporter && i.reporterProposed);
  if (proposed.length === 0) throw new UserError('nothing_proposed', '没有待确认的建议填报单位。');
  const changes = proposed.map((i) => ({ code: i.code, name: i.name, before: null, after: i.reporter }));
  db.transaction(() => {
    for (const i of proposed) writeReporter(db, i.code, i.reporter, false);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'confirm_proposed_reporters', target: `${proposed.length} 项指标`, before: null, after: changes.map(({ code, after }) => ({ code, reporter: after, proposed: false })) });
  })();
  return changes;
}
