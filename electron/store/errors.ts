import path from 'node:path';
import { UserError } from '../../shared/api/errors';

/** The refusals of opening and creating workbooks, each saying what happened and what to do. */

export function workbookNotFound(file: string): UserError {
  return new UserError('workbook_not_found', `找不到工作簿“${file}”。请检查文件路径是否正确。`, { file });
}

export function notAWorkbook(file: string): UserError {
  return new UserError(
    'not_a_workbook',
    `“${path.basename(file)}”不是指标台账工作簿（.tzdb），或文件已损坏。请确认选择的文件正确；如文件已损坏，请改用备份副本。`,
    { file },
  );
}

export function workbookTooNew(file: string, version: number, latest: number): UserError {
  return new UserError(
    'workbook_too_new',
    `工作簿“${path.basename(file)}”由更新版本的指标台账创建（文件版本 ${version}，本程序最高支持版本 ${latest}），` +
      `本程序无法打开。请升级指标台账后再打开。`,
    { file },
  );
}

export function workbookNeedsUpgrade(file: string, version: number): UserError {
  return new UserError(
    'workbook_needs_upgrade',
    `工作簿“${path.basename(file)}”由旧版本的指标台账创建（文件版本 ${version}），只读方式无法打开。` +
      `请先以正常方式打开一次完成升级（升级前会自动保留备份副本），之后即可只读打开。`,
    { file },
  );
}

export function workbookExists(file: string): UserError {
  return new UserError(
    'workbook_exists',
    `文件“${file}”已存在，未作改动。如确需重新创建并覆盖原文件，请选择覆盖（命令行加 --force），或换一个文件名。`,
    { file },
  );
}

export function workbookReadOnly(file: string): UserError {
  return new UserError(
    'workbook_read_only',
    `工作簿“${path.basename(file)}”是以只读方式打开的，不能修改。如需修改，请关闭后以正常方式重新打开。`,
    { file },
  );
}

export function workbookLockLost(file: string): UserError {
  return new UserError(
    'workbook_lock_lost',
    `工作簿“${path.basename(file)}”已被另一程序接管，本程序不能再修改它。请关闭后重新打开。`,
    { file },
  );
}

/** SQLite's refusals that mean something about the file, not a bug; anything else is returned as is. */
export function translateSqliteError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return error;
  const name = path.basename(file);
  if (code === 'SQLITE_NOTADB') return notAWorkbook(file);
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new UserError('workbook_corrupt', `工作簿“${name}”已损坏，无法读取。请改用备份副本（.bak 或另存的副本）。`, { file });
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new UserError('workbook_cannot_open', `无法打开工作簿“${name}”：文件不存在，或没有读取权限。`, { file });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new UserError(
      'workbook_not_writable',
      `无法写入工作簿“${name}”：文件或所在文件夹是只读的（如只读共享、光盘或设置了只读属性）。` +
        `可以只读方式打开查看，或先复制到本机可写的文件夹再打开。`,
      { file },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new UserError('workbook_busy', `工作簿“${name}”正被另一程序写入，请稍后再试。`, { file });
  }
  return error;
}
