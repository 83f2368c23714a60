import { UserError } from '../../shared/api/errors';

/**
 * Every file the readers refuse, one stable code each, with the Chinese message an officer
 * sees: what is wrong with the file and what to do about it.
 */
export type RefusalCode =
  | 'empty_file'
  | 'encrypted'
  | 'wps_et'
  | 'numbers'
  | 'truncated'
  | 'not_spreadsheet'
  | 'unsafe_content'
  | 'too_large'
  | 'too_many_cells'
  | 'no_sheets'
  | 'unreadable';

const SAVE_AS_XLSX = '请在 Excel 或 WPS 中打开后另存为 .xlsx，再重新导入';

function messageFor(code: RefusalCode, name: string, detail: string): string {
  const file = `“${name}”`;
  switch (code) {
    case 'empty_file':
      return `${file}是空文件（0 字节），没有可读取的内容。请向填报单位索取完整的报表文件后重新导入。`;
    case 'encrypted':
      return `${file}设有打开密码，无法读取。请在 Excel 或 WPS 中取消密码后另存为 .xlsx，再重新导入。`;
    case 'wps_et':
      return `${file}是 WPS 表格专用格式（.et），无法直接读取。请在 WPS 中打开，选择“另存为”Excel 工作簿（.xlsx），再重新导入。`;
    case 'numbers':
      return `${file}是苹果 Numbers 表格格式，无法读取。请在 Numbers 中选择“导出为 Excel”（.xlsx），再重新导入。`;
    case 'truncated':
      return `${file}不完整（文件可能在下载或拷贝时被截断），无法读取。请向填报单位重新索取文件后再导入。`;
    case 'not_spreadsheet':
      return `${file}不是电子表格文件${detail}，无法读取。请确认选择的是 Excel 报表（.xlsx、.xls）或 CSV 文件。`;
    case 'unsafe_content':
      return `${file}含有异常结构${detail}，可能是被篡改的文件，已拒绝读取。${SAVE_AS_XLSX}；如仍有问题，请向填报单位重新索取。`;
    case 'too_large':
      return `${file}过大${detail}，超出可读取的上限。请删除无关的工作表或空白行列后另存为 .xlsx，再重新导入。`;
    case 'too_many_cells':
      return `${file}中的单元格过多${detail}，超出可读取的上限。请删除无关的工作表或空白行列后另存，再重新导入。`;
    case 'no_sheets':
      return `${file}中没有任何工作表，无法读取。${SAVE_AS_XLSX}。`;
    case 'unreadable':
      return `${file}已损坏或格式异常${detail}，无法读取。${SAVE_AS_XLSX}；如无法打开，请向填报单位重新索取。`;
  }
}

/** The UserError for refusing `name`; `detail` is an optional parenthesised specific. */
export function refuse(code: RefusalCode, name: string, detail = ''): UserError {
  return new UserError(code, messageFor(code, name, detail ? `（${detail}）` : ''), { file: name });
}

/** Formats a byte count the way an officer reads it: 1.5 MB, 200 MB. */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
