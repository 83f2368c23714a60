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
    `文件“${file}”已存在，未作改动。如确需覆盖原文件，请选择覆盖，或换一个文件名。`,
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

/** A path shown in a message: a name too long to read is cut, so the message stays one readable line. */
function shown(file: string): string {
  const name = path.basename(file) || file;
  return name.length > 80 ? `${name.slice(0, 40)}…${name.slice(-20)}` : name;
}

export function workbookIsDirectory(file: string): UserError {
  return new UserError(
    'workbook_is_directory',
    `“${shown(file)}”是文件夹，不是工作簿文件。请给出其中的 .tzdb 文件，或给出新工作簿的文件名（如 ${path.join(shown(file), '台账.tzdb')}）。`,
    { file },
  );
}

export function workbookPathTooLong(file: string): UserError {
  return new UserError(
    'workbook_path_too_long',
    `工作簿路径“${shown(file)}”过长，超过了系统允许的长度。请改用较短的文件名，或把工作簿放到路径较短的文件夹中。`,
    { file },
  );
}

/**
 * File-system refusals about a workbook path (EISDIR, ENOENT, ENAMETOOLONG …), each as a Chinese
 * message saying what to do; anything else is returned as it is (a bug, shown as 内部错误).
 */
export function translateFsError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'EISDIR':
      return workbookIsDirectory(file);
    case 'ENOENT':
      return workbookNotFound(file);
    case 'ENOTDIR':
      return new UserError('workbook_bad_path', `路径“${file}”中有一段不是文件夹（而是文件）。请检查工作簿路径。`, { file });
    case 'ENAMETOOLONG':
      return workbookPathTooLong(file);
    case 'EACCES':
    case 'EPERM':
      return new UserError(
        'workbook_no_access',
        `没有权限访问“${shown(file)}”或其所在文件夹。请换一个自己有权限的文件夹（如“文档”），或请管理员开放权限。`,
        { file },
      );
    case 'EROFS':
      return new UserError('workbook_not_writable', `“${shown(file)}”所在的位置是只读的（如光盘或只读共享），无法写入。请换一个可写的文件夹。`, { file });
    case 'ENOSPC':
      return new UserError('disk_full', `磁盘空间已满，“${shown(file)}”没有写成。请清理磁盘或换一个磁盘后重试；原有文件未被改动。`, { file });
    case 'EBUSY':
      return new UserError('workbook_busy', `“${shown(file)}”正被另一程序占用，无法替换。请关闭使用它的程序后重试。`, { file });
    default:
      return error;
  }
}

export function workbookSchemaUnreadable(problems: readonly string[]): UserError {
  const listed = problems.slice(0, 3).map((p) => p.replace(/[。；\s]+$/, '')).join('；');
  const more = problems.length > 3 ? `等 ${problems.length} 处` : '';
  return new UserError(
    'workbook_schema_invalid',
    `工作簿中保存的指标体系无法使用：${listed}${more}。指标体系可能在本程序之外被修改过；请改用备份副本（.bak 或另存的副本）。`,
  );
}

export function targetIsSource(target: string, source: string, isOpen: boolean): UserError {
  return new UserError(
    'target_is_source',
    `不能写到“${shown(target)}”：它就是${isOpen ? '正在使用的' : '作为来源的'}工作簿“${shown(source)}”本身，写入会毁掉它。请换一个文件名或文件夹；原工作簿未被改动。`,
    { file: target },
  );
}

export function targetOpenHere(target: string): UserError {
  return new UserError(
    'workbook_in_use',
    `不能覆盖“${shown(target)}”：它是本程序正打开的工作簿。请换一个文件名，或先关闭它。`,
    { file: target },
  );
}
