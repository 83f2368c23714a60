import { normalizeText, type SheetView } from './detect-sheet-view';
import { startsWithMetaKey } from './return-meta';

/**
 * Footnote rows below a table (注：…, 填表人：…, 联系电话：…, 审核人：…, 填报单位：…) end the data:
 * whatever follows is notes and signatures, never an indicator.
 */
const FOOTNOTE =
  /^(?:(?:注|说明|备注|附注|数据来源|资料来源|来源)\d*[:、.(一]|注\d|(?:填表人|填报人|联系人|联系电话|电话|审核人|负责人|单位负责人|统计负责人|填报日期|填表日期|制表|填报单位|报送单位|经办人))/;

/**
 * Is this line a footnote or signature line (注：…, 资料来源：…, 填表人：…)? One rule for returns,
 * schema sheets and pasted tables; width and spaces do not matter.
 */
export function isFootnoteText(text: string): boolean {
  return FOOTNOTE.test(normalizeText(text));
}

export function isFootnoteRow(view: SheetView, row: number): boolean {
  const first = view.rowCells(row)[0];
  if (!first) return false;
  return isFootnoteText(first.text) || startsWithMetaKey(first.text);
}

export interface DataEnd {
  /** Last row holding data before the footnotes, inclusive (firstDataRow − 1 when none). */
  lastDataRow: number;
  /** Non-empty rows from the first footnote on: read for 填表人, 联系电话, 填报单位. */
  footnoteRows: number[];
}

export function findDataEnd(view: SheetView, firstDataRow: number): DataEnd {
  let lastDataRow = firstDataRow - 1;
  let r = firstDataRow;
  for (; r < view.sheet.rowCount; r++) {
    if (isFootnoteRow(view, r)) break;
    if (!view.isRowEmpty(r)) lastDataRow = r;
  }
  const footnoteRows: number[] = [];
  for (; r < view.sheet.rowCount; r++) if (!view.isRowEmpty(r)) footnoteRows.push(r);
  return { lastDataRow, footnoteRows };
}
