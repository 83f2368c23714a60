import { formatNumber } from '../../../shared/format/figures';
import { flattenHeader, shownText, type TableCell, type TableLayout } from '../../../shared/tables/table-layout';

/**
 * A table layout as CSV for Excel and WPS on Chinese Windows: UTF-8 with a byte-order mark (without
 * it Excel reads the file as GBK and garbles every name), CRLF line ends, one header line, numbers
 * exactly as reported (a CSV is data, not a print layout: 38.2 stays 38.2 whatever the published
 * decimals), "no data" as —. Text from data that a spreadsheet would take for a
 * formula gets a leading apostrophe (DESIGN "Security").
 */

const BOM = '\uFEFF';

/** Text opening with = + - @, a tab or a CR would be evaluated as a formula by Excel. */
export function neutralizeCsvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function fieldOf(cell: TableCell, covered: boolean): string {
  // A cell covered by a merge (the rest of a group heading row) stays empty rather than —.
  if (covered && cell.kind === 'none') return '';
  if (cell.kind === 'number') return cell.computed ? shownText(cell) : formatNumber(cell.value);
  return quoteField(neutralizeCsvText(shownText(cell)));
}

function textLine(text: string): string {
  return quoteField(neutralizeCsvText(text));
}

export function tableCsvText(layout: TableLayout): string {
  const covered = new Set<string>();
  for (const m of layout.bodyMerges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r}:${c}`);
  }
  const width = layout.columns.length;
  const lines: string[] = [];
  lines.push(textLine(layout.draft ? `${layout.title}（初稿）` : layout.title));
  for (const line of layout.subtitles) lines.push(textLine(line));
  lines.push(flattenHeader(layout).map(textLine).join(','));
  layout.body.forEach((row, r) => {
    const fields: string[] = [];
    for (let c = 0; c < width; c++) fields.push(fieldOf(row[c] ?? { kind: 'none' }, covered.has(`${r}:${c}`)));
    lines.push(fields.join(','));
  });
  for (const note of layout.notes) lines.push(textLine(note));
  return lines.join('\r\n') + '\r\n';
}

/** The CSV file's bytes. */
export function writeTableCsv(layout: TableLayout): Uint8Array {
  return new TextEncoder().encode(BOM + tableCsvText(layout));
}
