import type { FileBytes, ImportFileResult, ImportOverride, ImportPreview } from '../../shared/api/contract';
import type { Grid } from '../../shared/import/grid';
import { UserError, isUserError } from '../../shared/api/errors';
import { refusedImport } from '../../shared/api/import-results';
import type { ValueKey } from '../../shared/domain';
import { anchorOverride, overrideFromLayouts, rememberOverride, type LayoutOverride } from '../../shared/import/layout-override';
import { guessLayout } from '../../shared/import/guess-layout';
import { cellText } from '../../shared/import/grid';
import type { ColumnRole } from '../../shared/import/parsed-return';
import { readGridIsolated, readReturnIsolated } from '../read/read-isolated';
import type { Actor } from '../store/actor';
import { appendAudit } from '../store/audit';
import { CommitGroup, withJournalsInMemory } from '../store/commit-group';
import { commitBatchDurably, type DurableBatch } from '../store/durability';
import type { ReadDb, WriteDb } from '../store/db';
import { saveLayoutMemory } from '../store/layout-memory';
import { insertNewReturnValues } from '../store/reported-values';
import { findReturnBySha, getReturn, insertReturn } from '../store/returns';
import type { ReturnSummary } from '../../shared/domain';
import { readYearState } from '../store/year-state';
import type { ImportContext } from '../../shared/import/import-context';
import { withRemedy, type Channel } from '../../shared/import/remedies';
import { layOut, readLaidOut, returnFacts, type LaidOut } from '../../shared/import/lay-out-return';
import { layoutMemoryIn, returnReading, sha256Of, type ReadOptions, type ReadReturn } from './read-return';
import type { PreviewedFile } from './preview-cache';
import { ReadAhead, type ReadDepth } from './read-ahead';
import { BatchSnapshots, diffValues } from './value-changes';
import { internalFailure, writeFailure } from './import-failures';

/** A signed-off year takes no return until reopened; each channel says how to reopen it. */
function signedOffError(file: string, year: number, channel: Channel): UserError {
  return new UserError('year_signed_off', withRemedy(`${year}年已定稿，不能再导入“${file}”`, 'reopen_year', channel), { file });
}

/**
 * Stores one read return with its audit entry, inside the batch's commit group (which makes it
 * all-or-nothing). Returns its id and what the batch's snapshots keep once it stands.
 */
function storeReturn(db: WriteDb, actor: Actor, snapshots: BatchSnapshots, read: ReadReturn, channel: Channel, override?: ImportOverride): { returnId: number; stored: () => void } {
  if (readYearState(db, read.year).signedOff) throw signedOffError(read.file.name, read.year, channel);
  const keys: ValueKey[] = read.values.values
    .filter((v) => v.indicator !== null && v.role === 'value')
    .map((v) => ({ indicator: v.indicator!, region: v.region, year: v.year }));
  const before = snapshots.snapshot(keys);
  const returnId = insertReturn(db, {
    sha256: read.sha256,
    fileName: read.file.name,
    bytes: read.file.bytes,
    bureau: read.bureau,
    region: read.region,
    year: read.year,
    title: read.meta.title ?? '',
    contactPerson: read.meta.contactPerson ?? '',
    contactPhone: read.meta.contactPhone ?? '',
    reviewer: read.meta.reviewer ?? '',
    importedAt: new Date().toISOString(),
    layout: { layouts: read.layouts, override: read.layout },
    meta: read.meta,
  });
  // insertReturn stores a new return counted.
  const added = insertNewReturnValues(db, { returnId, state: 'counted', bureau: read.bureau, file: read.file.name }, read.values.values);
  if (override?.remember && override.layout && read.bureau) saveLayoutMemory(db, read.bureau, rememberOverride(anchorOverride(override.layout, read.year)));
  const after = snapshots.snapshotWith(keys, added);
  const changes = diffValues(keys, before, after.snapshot);
  appendAudit(db, {
    osUser: actor.osUser,
    operator: actor.operator,
    action: 'import_return',
    target: read.file.name,
    before: null,
    after: {
      returnId,
      bureau: read.bureau,
      region: read.region,
      year: read.year,
      sha256: read.sha256,
      values: read.values.values.length,
      matchedRows: read.values.matchedRows,
      unmatchedRows: read.values.unmatchedRows,
      changes,
    },
  });
  return { returnId, stored: after.commit };
}

function rejected(file: string, error: UserError): ImportFileResult {
  return refusedImport(file, error.code, error.message);
}

interface ImportOptions {
  channel?: Channel;
  onProgress?: (done: number, total: number, current: string) => void;
  signal?: AbortSignal;
}

/**
 * One file of a batch: its bytes, read in the reader; or what its preview already read, laid
 * out again here only when `laidOut` is null (the officer corrected it, or the workbook changed
 * since); or a preview no longer kept.
 */
export type ImportItem =
  | { file: FileBytes; read: { year?: number; override?: ImportOverride }; previewed?: { grid: Grid; sha256: string; laidOut: LaidOut | null } }
  | { expired: string; name: string };

/** A file sent with the batch, read under the batch's year and corrections. */
export function itemOfBytes(file: FileBytes, read: { year?: number; override?: ImportOverride }): ImportItem {
  return { file, read };
}

/**
 * A previewed file: as the preview laid it out when it is imported as previewed, else from the
 * grid the preview read under the officer's corrections.
 */
export function itemOfPreview(kept: PreviewedFile, read: { year?: number; override?: ImportOverride }, basis: number): ImportItem {
  const asPreviewed = kept.basis === basis && JSON.stringify(read) === JSON.stringify(kept.options);
  return { file: kept.file, read, previewed: { grid: kept.grid, sha256: kept.sha256, laidOut: asPreviewed ? kept.laidOut : null } };
}

/**
 * Imports a batch: each file on its own, each stored all-or-nothing (a savepoint; files stored
 * while the reader is ahead share one commit, commit-group.ts), so a refused file never stops
 * the others and a cancelled batch leaves every finished file stored. Whatever
 * happens to one file (its content refused, a bug met reading it, the disk full when storing it)
 * becomes that file's result; the others are still read and stored. Files are read and stored
 * in the order given.
 */
export async function importFiles(
  db: WriteDb,
  actor: Actor,
  context: ImportContext,
  items: readonly ImportItem[],
  options: ImportOptions,
): Promise<ImportFileResult[]> {
  return commitBatchDurably(db, (batch) => withJournalsInMemory(db, () => importInTurn(db, actor, context, items, options, batch)));
}

/**
 * How far the reader may read ahead of the file being stored: two files keep it busy while this
 * thread stores; up to eight small ones (16 MB of files in all) let this thread commit several
 * at once when it falls behind, and keep the returns waiting in memory bounded.
 */
const READ_AHEAD: ReadDepth = { files: 8, bytes: 16 * 1024 * 1024, least: 2 };

function expiredPreview(): UserError {
  return new UserError('preview_expired', '这个文件的预览已失效（预览后隔了较久，或其间预览了较多文件）。请重新选择该文件导入。');
}

async function importInTurn(db: WriteDb, actor: Actor, context: ImportContext, items: readonly ImportItem[], options: ImportOptions, batch: DurableBatch): Promise<ImportFileResult[]> {
  const results: ImportFileResult[] = [];
  const memory = layoutMemoryIn(db);
  const reading = returnReading(context, memory);
  const channel = options.channel ?? 'app';
  const readOptions = (read: { year?: number; override?: ImportOverride }): ReadOptions => ({ ...read, channel });
  const shas = items.map((item) => ('expired' in item ? '' : (item.previewed?.sha256 ?? sha256Of(item.file.bytes))));
  const seen = new Set<string>();
  const ahead = new ReadAhead(
    items.length,
    READ_AHEAD,
    async (index, signal): Promise<ReadReturn> => {
      const item = items[index]!;
      if ('expired' in item) throw expiredPreview();
      const file = item.file;
      const sha256 = shas[index]!;
      // A previewed file is already read: laid out (again only if corrected) and matched here.
      if (item.previewed) {
        const laidOut = item.previewed.laidOut ?? layOut(memory, item.previewed.grid, context, file, item.read);
        return { ...readLaidOut(context, file, laidOut.detection, readOptions(item.read)), file, sha256 };
      }
      return { ...(await readReturnIsolated(file, { reading, options: readOptions(item.read) }, signal)), file, sha256 };
    },
    // Bytes already stored, or met earlier in the batch, are most likely a duplicate by the time
    // this file's turn comes: it is read then, if at all. A previewed file waits for its turn too:
    // it is laid out on this thread, not in the reader.
    (index) => {
      const item = items[index]!;
      if ('expired' in item) return true;
      const sha = shas[index]!;
      const likelyDuplicate = seen.has(sha) || findReturnBySha(db, sha) !== null;
      seen.add(sha);
      return likelyDuplicate || item.previewed !== undefined;
    },
    (index) => {
      const item = items[index]!;
      return 'expired' in item ? 0 : item.file.bytes.length;
    },
  );
  // The files stored so far in this batch, named in a later file's write failure.
  const stored: Member[] = [];
  const storedNames = () => stored.map((m) => m.read.file.name);
  let snapshots = new BatchSnapshots(db, context.schema);
  const group = new CommitGroup<Member>(db);
  const store = (member: Member): number => {
    const { returnId, stored: kept } = group.add(member, () => storeReturn(db, actor, snapshots, member.read, channel, member.override));
    kept();
    stored.push(member);
    return returnId;
  };
  // Members of a group that did not commit (a full disk at the commit) are stored again, each
  // on its own: the ones that fail again say so, the others stand.
  const storeAgain = (lost: readonly Member[]): void => {
    if (lost.length === 0) return;
    stored.splice(0, stored.length, ...stored.filter((m) => !lost.includes(m)));
    // What the batch kept of the lost ones is gone with them: read again from the store.
    snapshots = new BatchSnapshots(db, context.schema);
    for (const member of lost) {
      const name = member.read.file.name;
      try {
        const returnId = store(member);
        const outcome = group.commit();
        if (outcome.committed.length === 0) throw outcome.error;
        batch.committed(1);
        results[member.at] = importedResult(member.read, returnId);
      } catch (error) {
        if (stored.includes(member)) stored.splice(stored.indexOf(member), 1);
        if (db.inTransaction) group.commit();
        // A commit that failed after the file was stored leaves its cells in what the batch kept.
        snapshots = new BatchSnapshots(db, context.schema);
        results[member.at] = rejected(name, writeFailure(name, error, storedNames()) ?? internalFailure(name, error));
      }
    }
  };
  const commitGroup = (): void => {
    const { committed, lost } = group.commit();
    if (committed.length > 0) batch.committed(committed.length);
    storeAgain(lost);
  };
  try {
    for (const [index, item] of items.entries()) {
      if (options.signal?.aborted) break;
      const name = 'expired' in item ? item.name : item.file.name;
      options.onProgress?.(index, items.length, name);
      ahead.fill(index);
      if ('expired' in item) {
        results.push(rejected(name, expiredPreview()));
        continue;
      }
      try {
        const existing = findReturnBySha(db, shas[index]!);
        if (existing !== null) {
          ahead.drop(index);
          results.push({ ...rejected(name, duplicateError(name, getReturn(db, existing))), outcome: 'duplicate', duplicateOf: existing });
          continue;
        }
        let read = ahead.takeIfDone(index)?.value;
        if (read === undefined && group.open()) {
          // The reader's answers arrive only as the event loop turns: one turn with the group
          // open lets in the ones already sent.
          await nextTurn();
          read = ahead.takeIfDone(index)?.value;
        }
        if (read === undefined) {
          // The group does not wait for a file still being read: it commits first.
          commitGroup();
          read = await ahead.take(index);
        }
        const member: Member = { at: results.length, read, override: item.read.override };
        let returnId: number;
        try {
          returnId = store(member);
        } catch (error) {
          // An error that ended the whole transaction took the group's earlier files with it.
          storeAgain(group.takeLost());
          throw writeFailure(name, error, storedNames()) ?? error;
        }
        results.push(importedResult(read, returnId));
        if (group.due()) {
          commitGroup();
          // A reader far ahead would keep this thread storing without a break: after each
          // commit, the window's messages (progress, 取消) and other work get their turn.
          await nextTurn();
        }
      } catch (error) {
        results.push(rejected(name, isUserError(error) ? error : internalFailure(name, error)));
      }
    }
  } finally {
    commitGroup();
    ahead.stop();
  }
  options.onProgress?.(results.length, items.length, '');
  return results;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A file stored in the open commit group: where its result is, and what to store again if the group is lost. */
interface Member {
  at: number;
  read: ReadReturn;
  override: ImportOverride | undefined;
}

function importedResult(read: ReadReturn, returnId: number): ImportFileResult {
  return {
    file: read.file.name,
    outcome: 'imported',
    returnId,
    bureau: read.bureau,
    region: read.region,
    year: read.year,
    matched: read.values.matchedRows,
    unmatched: read.values.unmatchedRows,
    values: read.values.values.filter((v) => v.indicator !== null && v.value !== null && v.role === 'value').length,
    errorCode: null,
    message: null,
    duplicateOf: null,
  };
}

const SAMPLE_ROWS = 12;

/**
 * Reads a file and detects its bureau, region, year and column roles without storing anything;
 * returns the preview and what it read and laid out, for the import to take over. A file the
 * officer (or the file itself) dates in a signed-off year is refused here, before any preview.
 */
export async function previewFile(
  db: ReadDb,
  context: ImportContext,
  file: FileBytes,
  options: { year?: number; override?: ImportOverride },
  basis: number,
): Promise<{ preview: Omit<ImportPreview, 'previewId'>; kept: PreviewedFile }> {
  const grid = await readGridIsolated(file);
  const laidOut = layOut(layoutMemoryIn(db), grid, context, file, options);
  const detection = laidOut.detection;
  const parsed = detection.parsed;
  const facts = returnFacts(parsed, context, options);
  const yearFrom = parsed ? detection.yearFrom : options.override?.year !== undefined ? 'officer' : null;
  // A year only defaulted to (the one the app shows) is the officer's to change in the preview.
  if (facts.year !== null && yearFrom !== 'default' && readYearState(db, facts.year).signedOff) throw signedOffError(file.name, facts.year, 'app');
  // Nothing readable found: offer a best guess of the table for the officer to correct.
  const guess = parsed ? null : guessLayout(grid);
  const meta = parsed?.meta ?? { bureau: null, region: null, year: null, title: null, contactPerson: null, contactPhone: null, reviewer: null, tableUnit: null };
  const problems = detection.problems.map((p) => withRemedy(p.message, p.remedy, 'app'));
  // A remembered format takes the year the app shows for a file that states none, unasked.
  const asked = yearFrom === 'default' && laidOut.source !== 'remembered';
  // Two regions or two years stated in the file: the officer picks one before anything is stored.
  const unsettled = [...new Set(detection.problems.flatMap((p) => (p.unsettled ? [p.unsettled] : [])))];
  if (asked) problems.push(`“${file.name}”中没有写明年度，已按当前年度 ${facts.year} 年填入，请核对。`);
  const preview: Omit<ImportPreview, 'previewId' | 'confident' | 'unsettled'> = {
    file: file.name,
    ...facts,
    meta,
    template: parsed?.templateKey !== null && parsed?.templateKey !== undefined,
    sheets: (parsed?.layouts ?? guessedLayouts(guess)).map((layout) => {
      const sheet = grid.sheets.find((s) => s.name === layout.sheet)!;
      const top = Math.max(0, (layout.headerRows[0] ?? 0) - 2);
      const sample: string[][] = [];
      for (let r = top; r < Math.min(sheet.rowCount, top + SAMPLE_ROWS); r++) {
        sample.push(Array.from({ length: sheet.colCount }, (_, c) => cellText(sheet.rows[r]?.[c])));
      }
      return { sheet: layout.sheet, headerRows: layout.headerRows, firstDataRow: layout.firstDataRow, columns: layout.columns, sample, sampleTop: top };
    }),
    skippedSheets: parsed?.skippedSheets ?? [],
    problems,
    layout: parsed ? overrideFromLayouts(parsed) : guess,
  };
  return {
    preview: { ...preview, unsettled, confident: !asked && unsettled.length === 0 && isConfident(preview) },
    kept: { file, sha256: sha256Of(file.bytes), grid, options, laidOut, basis },
  };
}

function guessedLayouts(guess: LayoutOverride | null): { sheet: string; headerRows: number[]; firstDataRow: number; columns: ColumnRole[] }[] {
  return (guess?.sheets ?? []).map((s) => ({
    sheet: s.sheet,
    headerRows: s.headerRows ?? [0],
    firstDataRow: s.firstDataRow ?? 1,
    columns: (s.columns ?? []).map((c) => ({ col: c.col, role: c.role, year: c.year, region: c.region, header: c.header })),
  }));
}

/** The same bytes again: names the return already imported as the officer sees it in 导入报表 (file, bureau, year). */
function duplicateError(file: string, prior: ReturnSummary | null): UserError {
  const which = prior ? `“${prior.file}”（${prior.bureau ?? '未识别单位'}，${prior.year}年${prior.state === 'withdrawn' ? '，已撤销导入' : ''}）` : '一份已导入的报表';
  return new UserError('duplicate_file', `“${file}”与已导入的${which}内容完全相同，未重复计入。`);
}

/**
 * A file imports without asking when it is our template, or when detection found all it needs:
 * the bureau, the year, on every sheet a name column and a value column with its year, and no
 * headed column left unread. A column headed 计量 that detection passed over holds the units
 * (0.52 万人 read as 0.52 人 would be wrong by ten thousand), so the officer is asked.
 */
function isConfident(preview: Omit<ImportPreview, 'previewId' | 'confident' | 'unsettled'>): boolean {
  if (preview.template) return true;
  if (preview.bureau === null || preview.year === null || preview.sheets.length === 0) return false;
  return preview.sheets.every(
    (sheet) =>
      sheet.columns.some((c) => c.role === 'name') &&
      sheet.columns.some((c) => c.role === 'value' && c.year !== null) &&
      !sheet.columns.some((c) => c.role === 'ignore' && c.header.trim() !== ''),
  );
}
