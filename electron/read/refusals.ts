import { UserError, type RefusalCode } from '../../shared/api/errors';

// Every file the readers refuse, one stable code each (RefusalCode), with the Chinese message an
// officer sees: what is wrong with the file and what to do about it.

const SAVE_AS_XLSX = '请在 Excel 或 WPS 中打开后另存为 .xlsx，再重新导入';

const CLEAN_UP = '请删除无关的工作表或空白行列后另存为 .xlsx，再重新导入';

function messageFor(code: RefusalCode, name: string, specific: string): string {
  const file = `“${name}”`;
  const detail = specific ? `（${specific}）` : '';
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
    case 'too_much_text':
      return `${file}中的文字过多${detail}，超出可读取的上限，可能是很长的文字被复制到了大量单元格中。${CLEAN_UP}。`;
    case 'too_slow':
      return `${file}读取时间超出上限${detail}，已停止读取，其余文件照常导入。文件可能含有异常结构；${CLEAN_UP}。`;
    case 'out_of_memory':
      return `${file}读取所需内存超出上限${detail}，已停止读取，其余文件照常导入。${CLEAN_UP}。`;
    case 'no_sheets':
      return `${file}中没有任何工作表，无法读取。${SAVE_AS_XLSX}。`;
    case 'unreadable':
      return `${file}已损坏或格式异常${detail}，无法读取。${SAVE_AS_XLSX}；如无法打开，请向填报单位重新索取。`;
    case 'unclosed_quote':
      return `${file}第 ${specific} 行的引号（"）没有配对，其后的内容分不清各栏，无法读取。请在 Excel 或 WPS 中打开检查该行，另存为 CSV 或 .xlsx 后再重新导入。`;
    case 'nul_in_text':
      return `${file}第 ${specific} 行含有空字符（NUL），文件可能在下载或拷贝时损坏，无法读取。请向填报单位重新索取，或在 Excel 或 WPS 中打开后另存为 .xlsx，再重新导入。`;
    case 'file_not_found':
      return `找不到文件${file}，请检查文件名和所在文件夹。`;
    case 'is_directory':
      return `${file}是文件夹，不是报表文件。请给出其中的报表文件（如 报表/*.xlsx）。`;
    case 'not_a_file':
      return `${file}不是普通文件${detail}，无法作为报表读取。请给出 Excel 报表（.xlsx、.xls）或 CSV 文件。`;
    case 'name_too_long':
      return `${file}的路径或文件名过长，系统无法打开。请把文件改用较短的名称、放到较浅的文件夹中后再导入。`;
    case 'no_permission':
      return `没有读取${file}的权限。请把文件复制到自己的文件夹（如“文档”）中后再导入。`;
    case 'read_failed':
      return `${file}无法读取${detail}。请把文件复制到本机硬盘后再导入；如仍不行，请向填报单位重新索取。`;
  }
}

/**
 * The UserError for refusing `name`; `detail` is an optional specific, shown in parentheses
 * (the line number for unclosed_quote and nul_in_text).
 */
export function refuse(code: RefusalCode, name: string, detail = ''): UserError {
  return new UserError(code, messageFor(code, name, detail), { file: name });
}

/** Formats a byte count the way an officer reads it: 1.5 MB, 200 MB. */
export function formatBytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
