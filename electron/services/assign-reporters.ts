import { UserError } from '../../shared/api/errors';
import { bureauIndex, canonicalBureau, type ReporterChange, type Schema } from '../../shared/domain';
import { selectIndicators, type ReporterSelection } from '../../shared/schema/reporters';
import type { Actor } from '../store/actor';
import { appendAudit } from '../store/audit';
import type { WriteDb } from '../store/db';
import { writeReporter } from '../store/schema-copy';

export type { ReporterChange };

function canonicalOrRefuse(schema: Schema, name: string): string {
  const found = canonicalBureau(bureauIndex(schema.bureaus), name);
  if (!found) {
    throw new UserError('unknown_bureau', `单位名单中没有“${name}”。请使用名单中的名称（如 ${schema.bureaus.slice(0, 3).map((b) => b.name).join('、')}），或先在指标体系中添加该单位。`);
  }
  return found;
}

/** 填报单位 in bulk: every selected indicator gets `bureau`, confirmed; one transaction, audited. */
export function assignReporters(db: WriteDb, actor: Actor, schema: Schema, bureau: string, selection: ReporterSelection): ReporterChange[] {
  const reporter = canonicalOrRefuse(schema, bureau);
  const selected = selectIndicators(schema.indicators, selection);
  if (selected.length === 0) throw new UserError('nothing_selected', '没有符合条件的指标。请检查指标编码、领域或责任单位。');
  const unknown = (selection.codes ?? []).filter((c) => !schema.indicators.some((i) => i.code === c || i.name === c));
  if (unknown.length > 0) throw new UserError('unknown_indicator', `指标体系中没有：${unknown.join('、')}。`);
  const changes = selected.map((i) => ({ code: i.code, name: i.name, before: i.reporterProposed ? null : i.reporter, after: reporter }));
  db.transaction(() => {
    for (const change of changes) writeReporter(db, change.code, reporter, false);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'assign_reporter', target: reporter, before: changes.map(({ code, before }) => ({ code, reporter: before })), after: changes.map(({ code, after }) => ({ code, reporter: after })) });
  })();
  return changes;
}

/** Accepts every proposed 填报单位 as it stands. */
export function confirmProposedReporters(db: WriteDb, actor: Actor, schema: Schema): ReporterChange[] {
  const proposed = schema.indicators.filter((i) => i.reporter && i.reporterProposed);
  if (proposed.length === 0) throw new UserError('nothing_proposed', '没有待确认的建议填报单位。');
  const changes = proposed.map((i) => ({ code: i.code, name: i.name, before: null, after: i.reporter }));
  db.transaction(() => {
    for (const i of proposed) writeReporter(db, i.code, i.reporter, false);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'confirm_proposed_reporters', target: `${proposed.length} 项指标`, before: null, after: changes.map(({ code, after }) => ({ code, reporter: after })) });
  })();
  return changes;
}
