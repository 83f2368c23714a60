import { UserError } from '../../shared/api/errors';
import { WORKBOOK_EXTENSION } from '../store/workbook-extension';
import { pathFor, workbookKey } from './workbook-args';

/** The contract methods that name a workbook by its path on this computer. */
export type WorkbookPathMethod = 'createWorkbook' | 'openWorkbook';

export function isWorkbookPathMethod(method: string): method is WorkbookPathMethod {
  return method === 'createWorkbook' || method === 'openWorkbook';
}

/** The native dialogs that let the officer confirm a path the page typed, pre-filled with it. */
export interface WorkbookPathDialogs {
  /** 打开工作簿, at `suggested` when it is absolute; null when she cancels. */
  chooseToOpen(suggested: string | null): Promise<string | null>;
  /** 新建工作簿 (a save dialog, which asks before replacing a file); null when she cancels. */
  chooseToCreate(suggested: string | null): Promise<string | null>;
}

/** createWorkbook adds the extension to a bare name; the same spelling must match both ways. */
function withExtension(method: WorkbookPathMethod, file: string): string {
  return method === 'createWorkbook' && !file.endsWith(WORKBOOK_EXTENSION) ? `${file}${WORKBOOK_EXTENSION}` : file;
}

const DIALOG_BUSY = new UserError('dialog_busy', '已有一个选择文件的对话框打开着。请先在该对话框中选择或取消，再继续。');

/**
 * The workbook paths the officer chose since the app started: in 打开…, 最近打开, a .tzdb she
 * double-clicked, or a dialog confirming a path the page typed. The page is never trusted with a
 * path of its own: a compromised page could otherwise open (and migrate) or, with `force`,
 * replace any workbook on the disk. Lives in the main process only.
 */
export class ChosenPaths {
  private readonly keys = new Set<string>();
  private dialogOpen = false;

  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  add(file: string): void {
    this.keys.add(workbookKey(file, this.platform));
  }

  has(file: string): boolean {
    return pathFor(this.platform).isAbsolute(file) && this.keys.has(workbookKey(file, this.platform));
  }

  /**
   * The path a createWorkbook or openWorkbook call from the page may use: the one it asked for
   * when the officer chose that path already, otherwise what she chooses now in a native dialog
   * pre-filled with it. Refuses when she cancels, or while another such dialog is open (a page
   * cannot stack dialogs on her).
   */
  async authorize(method: WorkbookPathMethod, requested: string, dialogs: WorkbookPathDialogs): Promise<string> {
    const wanted = withExtension(method, requested);
    if (this.has(wanted)) return wanted;
    if (this.dialogOpen) throw DIALOG_BUSY;
    this.dialogOpen = true;
    let chosen: string | null;
    try {
      const suggested = pathFor(this.platform).isAbsolute(wanted) ? wanted : null;
      chosen = await (method === 'openWorkbook' ? dialogs.chooseToOpen(suggested) : dialogs.chooseToCreate(suggested));
    } finally {
      this.dialogOpen = false;
    }
    if (chosen === null) {
      throw new UserError(
        'path_not_chosen',
        method === 'openWorkbook'
          ? '没有在对话框中选择要打开的工作簿，未打开。请重新操作，在弹出的对话框中选择工作簿文件。'
          : '没有在对话框中选择新工作簿的保存位置，未新建。请重新操作，在弹出的对话框中选择保存位置。',
      );
    }
    const file = withExtension(method, chosen);
    this.add(file);
    return file;
  }
}
