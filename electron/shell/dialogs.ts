import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { dialog } from 'electron';
import type { ChosenFilesRead } from './read-chosen-files';
import { readChosenFiles } from './read-chosen-files';

const WORKBOOK_FILTER = { name: '指标台账工作簿', extensions: ['tzdb'] };
// .et and .numbers are offered so that the reader can say how to convert them, not silently hide them.
const RETURN_FILTER = { name: 'Excel、WPS 或 CSV 报表', extensions: ['xlsx', 'xlsm', 'xls', 'et', 'csv', 'ods'] };

/** 打开工作簿; `suggested` pre-selects the path the page typed, for the officer to confirm. */
export async function chooseWorkbookToOpen(window: BrowserWindow, suggested: string | null = null): Promise<string | null> {
  const result = await dialog.showOpenDialog(window, {
    title: '打开工作簿',
    filters: [WORKBOOK_FILTER],
    properties: ['openFile'],
    ...(suggested ? { defaultPath: suggested } : {}),
  });
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Where a new workbook goes: a save dialog, which asks before replacing an existing file. */
export async function chooseNewWorkbookPath(window: BrowserWindow, suggested: string | null): Promise<string | null> {
  const result = await dialog.showSaveDialog(window, {
    title: '新建工作簿：选择保存位置',
    filters: [WORKBOOK_FILTER],
    properties: ['showOverwriteConfirmation', 'createDirectory'],
    ...(suggested ? { defaultPath: suggested } : {}),
  });
  return result.canceled ? null : (result.filePath || null);
}

export async function chooseWorkbookCopyTarget(window: BrowserWindow, current: string): Promise<string | null> {
  const stem = path.basename(current, path.extname(current));
  const result = await dialog.showSaveDialog(window, {
    title: '另存为/备份副本',
    defaultPath: path.join(path.dirname(current), `${stem}（副本）.tzdb`),
    filters: [WORKBOOK_FILTER],
  });
  return result.canceled ? null : (result.filePath ?? null);
}

/**
 * The returns chosen in 导入报表…, read here under the readers' size limit: files travel to the
 * page as bytes, never as paths. Files that could not be read come back as refusal lines.
 */
export async function chooseReturnFiles(window: BrowserWindow, maxBytes: number): Promise<ChosenFilesRead> {
  const result = await dialog.showOpenDialog(window, {
    title: '导入报表',
    filters: [RETURN_FILTER],
    properties: ['openFile', 'multiSelections'],
  });
  if (result.canceled) return { files: [], refused: [] };
  return readChosenFiles(result.filePaths, maxBytes);
}

export async function showError(window: BrowserWindow | null, message: string, detail?: string): Promise<void> {
  const options = { type: 'error' as const, title: '指标台账', message, ...(detail ? { detail } : {}), buttons: ['确定'] };
  await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}

export async function showInfo(window: BrowserWindow, title: string, message: string, detail?: string): Promise<void> {
  await dialog.showMessageBox(window, { type: 'info', title, message, ...(detail ? { detail } : {}), buttons: ['确定'] });
}
