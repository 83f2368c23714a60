import { UserError, isUserError } from '../../shared/api/errors';
import type { Schema, YearState } from '../../shared/domain';
import { cellAt, type Grid } from '../../shared/import/grid';
import { readValue } from '../../shared/import/read-value';
import { readGrid } from '../read/read-grid';
import type { Actor } from '../store/actor';
import { appendAudit } from '../store/audit';
import type { WriteDb } from '../store/db';
import { standingIntegrityProblems } from '../store/integrity';
import { integrityNotice } from '../store/integrity-notice';
import { listCountedFiguresOfYear, type StoredFigure } from '../store/reported-values';
import { readReturnOriginal } from '../store/returns';
import { sealYear } from '../store/signed-figures';
import { readYearState, writeYearState } from '../store/year-state';
import { sha256Of } from './read-return';

export interface SignOffContext {
  schema: Schema;
  /** The ids of the year's findings: their resolutions are part of what is signed. */
  findingIds: () => string[];
  /** The year's open findings of severity error: signing off over them needs a reason. */
  openErrors: () => number;
}

/**
 * 定稿: a signed-off year refuses imports and resolutions until it is reopened. Both audited.
 * Open error findings do not block signing off (the officer may have reasons), but she must say
 * them: the note is kept in the audit and printed in the exported tables' notes, which are marked
 * 初稿 anyway while errors are open.
 *
 * What is signed must be what the bureaus sent: sign-off is refused while the workbook shows
 * edits made outside the app, and each figure of the year is read again from its return's
 * original kept in the workbook; a figure that differs is named with its cell. The year is then
 * sealed with a digest of its returns, cells and decisions, which every opening checks.
 */
export async function signOffYear(db: WriteDb, actor: Actor, year: number, note: string, context: SignOffContext): Promise<YearState> {
  refuseIfSigned(db, year);
  const reason = note.trim();
  const openErrors = context.openErrors();
  if (openErrors > 0 && reason === '') {
    throw new UserError(
      'note_required',
      `${year}年尚有 ${openErrors} 个错误级核对问题未处理。带着未处理的错误定稿须说明原因，原因记入审计日志并印在导出表格的注中；也可先处理这些问题再定稿。`,
    );
  }
  const problems = standingIntegrityProblems(db);
  if (problems.length > 0) {
    throw new UserError(
      'workbook_modified_outside',
      `${integrityNotice(problems)}在核对清楚之前不能定稿：改动若无误，在窗口上方的提示中点“已核实，按现状接受”后再定稿；` +
        `已定稿年度的数据被改动的，先重新打开该年度；否则请改用备份副本。`,
    );
  }
  await checkAgainstOriginals(db, context.schema, year);
  const findingIds = context.findingIds();
  return db.transaction(() => {
    const before = refuseIfSigned(db, year);
    const after: YearState = { year, signedOff: true, signedAt: new Date().toISOString(), signedBy: actor.operator };
    writeYearState(db, after);
    const seal = sealYear(db, year, findingIds);
    appendAudit(db, {
      osUser: actor.osUser,
      operator: actor.operator,
      action: 'sign_off_year',
      target: `${year}年`,
      before,
      after: { ...after, digest: seal.digest, findings: seal.findingIds?.length ?? 0, openErrors },
      note: reason,
    });
    return after;
  })();
}

/** 重新打开: always with a reason, kept in the audit. */
export function reopenYear(db: WriteDb, actor: Actor, year: number, note = ''): YearState {
  const reason = note.trim();
  return db.transaction(() => {
    const before = readYearState(db, year);
    if (!before.signedOff) throw new UserError('not_signed_off', `${year}年尚未定稿，无需重新打开。`);
    if (reason === '') throw new UserError('note_required', `重新打开已定稿的${year}年须说明原因（如哪个单位更正了哪些数据）；原因记入审计日志。`);
    const after: YearState = { year, signedOff: false, signedAt: null, signedBy: null };
    writeYearState(db, after);
    appendAudit(db, { osUser: actor.osUser, operator: actor.operator, action: 'reopen_year', target: `${year}年`, before, after, note: reason });
    return after;
  })();
}

function refuseIfSigned(db: WriteDb, year: number): YearState {
  const state = readYearState(db, year);
  if (state.signedOff) throw new UserError('already_signed_off', `${year}年已于 ${state.signedAt ?? ''} 定稿。`);
  return state;
}

/** How many differing figures the refusal names. */
const LISTED = 5;

/**
 * Reads every figure of the year again from its return's original, with the normal reader, and
 * refuses when one differs from what the workbook holds (or an original no longer matches the
 * sha256 recorded at import).
 */
async function checkAgainstOriginals(db: WriteDb, schema: Schema, year: number): Promise<void> {
  const figures = listCountedFiguresOfYear(db, year);
  const byReturn = new Map<number, StoredFigure[]>();
  for (const figure of figures) byReturn.set(figure.returnId, [...(byReturn.get(figure.returnId) ?? []), figure]);
  const synonyms = new Map(schema.indicators.map((i) => [i.code, i.unitSynonyms]));
  const differences: string[] = [];
  for (const [returnId, stored] of byReturn) {
    const original = readReturnOriginal(db, returnId);
    if (!original) continue;
    if (sha256Of(original.bytes) !== original.sha256) {
      differences.push(`报表“${original.name}”的原件与导入时记录的校验值不符`);
      continue;
    }
    let grid: Grid;
    try {
      grid = await readGrid({ name: original.name, bytes: original.bytes });
    } catch (error) {
      if (!isUserError(error)) throw error;
      differences.push(`报表“${original.name}”的原件无法再读取（${error.message.replace(/[。\s]+$/, '')}）`);
      continue;
    }
    for (const figure of stored) {
      const found = readAgain(grid, figure, synonyms.get(figure.indicator ?? '') ?? []);
      if (found !== null) differences.push(`“${original.name}”${figure.sheet}!${figure.cell}：原件为“${found}”，工作簿中记为 ${figure.value}`);
    }
  }
  if (differences.length === 0) return;
  const more = differences.length > LISTED ? `等 ${differences.length} 处` : '';
  throw new UserError(
    'figures_differ_from_originals',
    `${year}年有数值与报表原件不符，不能定稿：${differences.slice(0, LISTED).join('；')}${more}。工作簿可能在本程序之外被修改过；请撤销并重新导入这些报表，或改用备份副本。`,
  );
}

/** What the original's cell says where it differs from the stored figure; null when they agree. */
function readAgain(grid: Grid, figure: StoredFigure, unitSynonyms: readonly string[]): string | null {
  const sheet = grid.sheets.find((s) => s.name === figure.sheet);
  const at = parseAddress(figure.cell);
  const cell = sheet && at ? cellAt(sheet, at.row, at.col) : undefined;
  const reading = readValue(cell, {
    role: figure.role,
    schemaUnit: figure.unit,
    unitSynonyms,
    rowUnit: figure.convertedFrom,
    tableUnit: null,
  });
  // The figure, not its text: how a number is shown may change between versions of the reader.
  if (reading.kind === 'number' && sameFigure(reading.value, figure.value)) return null;
  return reading.rawText || '空';
}

function sameFigure(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function parseAddress(address: string): { row: number; col: number } | null {
  const match = /^([A-Z]{1,3})(\d{1,7})$/.exec(address.replace(/\$/g, '').toUpperCase());
  if (!match) return null;
  let col = 0;
  for (const ch of match[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(match[2]) - 1, col: col - 1 };
}
