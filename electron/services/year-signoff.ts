import { UserError } from '../../shared/api/errors';
import type { Actor } from '../store/actor';
import { appendAudit } from '../store/audit';
import type { WriteDb } from '../store/db';
import { readYearState, writeYearState, type YearState } from '../store/year-state';

/**
 * 定稿: a signed-off year refuses imports and resolutions until it is reopened. Both audited.
 * Open error findings do not block signing off (the officer may have reasons); the tables made
 * while errors are open are marked 初稿 anyway.
 */
export function signOffYear(db: WriteDb, actor: Actor, year: number, note = ''): YearState {
  return db.transaction(() => {
    const before = readYearState(db, year);
    if (before.signedOff) throw new UserError('already_signed_off', `${year}年已于 ${before.signedAt ?? ''} 定稿。`);
    const after: YearState = { year, signedOff: true, signedAt: new Date().toISOString(), signedBy: actor.operator };
    writeYearState(db, after);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'sign_off_year', target: `${year}年`, before, after, note });
    return after;
  })();
}

export function reopenYear(db: WriteDb, actor: Actor, year: number, note = ''): YearState {
  return db.transaction(() => {
    const before = readYearState(db, year);
    if (!before.signedOff) throw new UserError('not_signed_off', `${year}年尚未定稿，无需重新打开。`);
    const after: YearState = { year, signedOff: false, signedAt: null, signedBy: null };
    writeYearState(db, after);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'reopen_year', target: `${year}年`, before, after, note });
    return after;
  })();
}
